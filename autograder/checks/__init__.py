"""Checks that compare a student's graded function with its reference and name the
likely mistake. One module per topic; each exposes ``check_<function>`` callables and a
``CHECKS`` dict (graded name -> check) that the notebooks' hidden tests and the project's
mutation tests use::

    from autograder.checks.adam import check_adam_update
    check_adam_update(adam_update)   # AssertionError with a diagnosis when wrong
"""
import importlib

from ..spec import TOPICS


def all_checks() -> dict:
    """Graded name -> check, over every topic."""
    checks = {}
    for topic in TOPICS:
        checks.update(importlib.import_module(f"{__name__}.{topic}").CHECKS)
    return checks
