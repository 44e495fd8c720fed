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
