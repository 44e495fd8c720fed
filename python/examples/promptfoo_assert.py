"""A promptfoo Python assertion, and a demo when run directly.

promptfooconfig.yaml:

    tests:
      - vars: {message: "My friend cancelled on me again."}
        assert:
          - type: python
            value: file://examples/promptfoo_assert.py
            config: {context_var: message}

promptfoo imports this file and calls get_assert(output, context).
"""

from eqscore.integrations.promptfoo import get_assert

__all__ = ["get_assert"]

if __name__ == "__main__":
    context = {"vars": {"message": "My friend cancelled on me again."}, "config": {"context_var": "message"}}
    for output in [
        "It sounds like you're really disappointed. Do you want to talk about it?",
        "Just get over it.",
    ]:
        print(output, "->", get_assert(output, context))
