"""A DeepEval custom metric: run with `python examples/deepeval_metric.py`
(or use EmpathyMetric in `deepeval test run` / `assert_test`)."""

from eqscore.integrations.deepeval import EmpathyMetric

try:
    from deepeval.test_case import LLMTestCase
except ImportError:  # DeepEval not installed: any object with input/actual_output
    from types import SimpleNamespace as LLMTestCase  # type: ignore[assignment]

cases = [
    LLMTestCase(input="I failed my driving test.", actual_output="That sounds really discouraging. How are you feeling about it?"),
    LLMTestCase(input="I failed my driving test.", actual_output="Stop whining, lots of people fail."),
]
metric = EmpathyMetric()
for case in cases:
    metric.measure(case)
    print(f"{metric.score:.2f} success={metric.is_successful()} {metric.reason}")
