"""The runnable examples in python/examples run and say what they should."""

import pathlib
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


def run(name: str) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_promptfoo_example():
    lines = run("promptfoo_assert.py").splitlines()
    assert len(lines) == 2
    assert "'pass': True" in lines[0] and "'pass': False" in lines[1]
    assert "avoids_dismissal violated: 'Just get over it'" in lines[1]


def test_deepeval_example():
    lines = run("deepeval_metric.py").splitlines()
    assert lines[0].startswith("0.80 success=True")
    assert lines[1].startswith("0.00 success=False")


def test_pandas_example():
    pytest.importorskip("pandas")
    out = run("pandas_column.py")
    assert "passed" in out and "acknowledges_feelings" in out
    assert len(out.splitlines()) == 4


def test_inspect_example_defines_a_task():
    pytest.importorskip("inspect_ai")
    sys.path.insert(0, str(EXAMPLES))
    import inspect_task

    assert inspect_task.empathy_check().scorer


def test_inspect_example_scores_two_completions():
    pytest.importorskip("inspect_ai")
    lines = run("inspect_task.py").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("C eqscore 80/100 (pass)")
    assert lines[1].startswith("I eqscore 0/100 (fail)")
