"""Adapters from eqscore to eval frameworks: promptfoo, DeepEval, Inspect, pandas.

Each lives in its own module and imports its framework only when used, so
``import eqscore`` never pulls them in.
"""
