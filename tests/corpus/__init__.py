"""Real code: implementations people have published (course solutions, blog and Q&A code,
from-scratch libraries), each adapted to the course's signature with the thinnest wrapper
and kept with its provenance. Each entry says what the checks must make of it:
``"correct"`` (full marks), a misconception id (rejected and named so), or ``"unnamed"``
(rejected, and described without naming a mistake: code that makes two mistakes at once,
or one the catalog cannot reproduce exactly).

The original lines are kept as published (only the wrapper is ours), so a change in the
checks that misjudges real code shows up in ``tests/checks/test_mutation.py``.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from autograder.spec import TOPICS


@dataclass(frozen=True)
class Published:
    name: str
    """The graded function it implements."""
    source: str
    """Where it was published: repository and path, or URL."""
    expect: str
    """"correct", a misconception id, or "unnamed"."""
    function: Callable
    label: str


def published(name: str, source: str, expect: str):
    """Register the decorated wrapper as a published implementation of ``name``."""
    def register(function):
        function.published = Published(name, source, expect, function, function.__name__)
        return function
    return register


def corpus() -> list[Published]:
    """Every published implementation, topic by topic."""
    found = []
    for topic in (*TOPICS, "dlfs"):
        try:
            module = importlib.import_module(f"{__name__}.{topic}")
        except ModuleNotFoundError:
            continue
        found += [v.published for v in vars(module).values() if hasattr(v, "published")]
    return found
