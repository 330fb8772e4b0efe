"""Fresh near-miss mistakes that are in no catalog, each with the words an excellent message
would use. They prove that the explanation search (``autograder.diagnosis``) works for
mistakes nobody wrote down: the mutation table counts a message as *localized* when it
contains every one of the entry's words (a word may list alternatives separated by " | "),
and as *misnamed* when it names any catalogued mistake.

Most are the kind of slip seen in course forums and Q&A code (an off-by-one step count, a
factor applied twice, a swapped pair of hyperparameters, a constant in the wrong place);
each stays as close to the correct function as the slip allows.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from autograder.spec import TOPICS


@dataclass(frozen=True)
class Fresh:
    name: str
    """The graded function it gets wrong."""
    function: Callable
    words: tuple[str, ...]
    """What an excellent message says; each entry may list alternatives, "a | b"."""
    label: str

    def localized(self, message: str | None) -> bool:
        text = (message or "").lower()
        return all(any(alt.strip().lower() in text for alt in word.split(" | ")) for word in self.words)


def fresh(name: str, *words: str):
    """Register the decorated function as a fresh mistake in ``name``."""
    def register(function):
        function.fresh = Fresh(name, function, words, function.__name__)
        return function
    return register


def mistakes() -> list[Fresh]:
    """Every fresh mistake, topic by topic."""
    found = []
    for topic in TOPICS:
        try:
            module = importlib.import_module(f"{__name__}.{topic}")
        except ModuleNotFoundError:
            continue
        found += [v.fresh for v in vars(module).values() if hasattr(v, "fresh")]
    return found
