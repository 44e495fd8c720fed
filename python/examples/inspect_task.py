"""An Inspect task scored by eqscore: `inspect eval examples/inspect_task.py --model mockllm/model`."""

from inspect_ai import Task, task
from inspect_ai.dataset import Sample
from inspect_ai.solver import generate

from eqscore.integrations.inspect import empathy


@task
def empathy_check() -> Task:
    return Task(
        dataset=[Sample(input="I failed my exam and I feel awful.")],
        solver=generate(),
        scorer=empathy(),
    )


if __name__ == "__main__":
    # Without a model: the scorer on two fixed completions, as Inspect calls it.
    # (`inspect eval` with mockllm also needs tiktoken's encoding file, which it
    # downloads on first use.)
    import asyncio
    from types import SimpleNamespace

    from inspect_ai.scorer import Target

    for completion in [
        "That sounds really hard. Do you want to talk about what happened?",
        "Stop whining, it's just an exam.",
    ]:
        state = SimpleNamespace(
            output=SimpleNamespace(completion=completion),
            input_text="I failed my exam and I feel awful.",
        )
        score = asyncio.run(empathy()(state, Target("")))
        print(f"{score.value} {score.explanation}")
