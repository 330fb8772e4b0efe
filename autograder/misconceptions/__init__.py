"""The misconception catalog: every mistake the course knows how to name.

Each topic module (``gradient_descent``, ``adam``, ...) defines ``MISCONCEPTIONS``, a list
of :class:`Misconception`. An entry says, in words a student understands, what the mistake
is, what it does to training and where to look for the fix, and carries an executable
*buggy variant* per graded function: a function with the graded signature that makes
exactly that mistake. Checks run the variants to recognise a student's mistake from its
outputs; the test suite runs them to prove each check rejects and names it.

Ids are stable dotted slugs (``adam.no_bias_correction``); messages quote them in square
brackets for the student, and carry them as a field (:class:`Finding`) for the grader,
which counts the field and never reads ids back from text.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Mapping

from ..spec import TOPICS

@dataclass(frozen=True)
class Misconception:
    id: str
    title: str
    symptom: str
    hint: str
    chapter: str
    variants: Mapping[str, object] = field(default_factory=dict)
    """Graded name -> the buggy submission (a function, or a value for graded values)."""
    detect: Mapping[str, Callable[[object], bool]] = field(default_factory=dict)
    """Graded name -> predicate on the submission, for mistakes outputs cannot show."""
    also: Mapping[str, tuple] = field(default_factory=dict)
    """Graded name -> further variants of the same mistake that checks also try (the same
    constant written with another value: eps hard-coded as 1e-8, 1e-7 or 1e-6)."""

    def variants_of(self, name: str) -> list:
        """Every variant of this mistake for graded function ``name`` (the main one first)."""
        main = self.variants.get(name)
        return ([main] if main is not None else []) + list(self.also.get(name, ()))

    @property
    def functions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.variants, *self.detect]))

    def explain(self) -> str:
        return f"{MOST_LIKELY} [{self.id}]: {self.title}\nHint: {self.hint}"

    def finding(self, *lines: str) -> "Finding":
        """A message naming this mistake: its explanation, then ``lines``."""
        return Finding("\n".join([self.explain(), *lines]), self.id)


class Finding(str):
    """A check's message that names a catalogued mistake, with the mistake's id as a field:
    the verdict, the grading log and the class report read ``mistake``, so no text (a
    student's exception message quoting an id, say) can become a diagnosis."""

    mistake: str | None

    def __new__(cls, text: str, mistake: str | None = None):
        message = super().__new__(cls, text)
        message.mistake = mistake
        return message


MOST_LIKELY = "Most likely mistake"
"""How a check's message starts the line that names a mistake."""


@cache
def catalog() -> dict[str, Misconception]:
    """All entries by id, in chapter order (the order checks try them in)."""
    entries: dict[str, Misconception] = {}
    for topic in (*TOPICS, "general"):  # general entries last: specific ones win
        module = importlib.import_module(f"{__name__}.{topic}")
        for entry in getattr(module, "MISCONCEPTIONS", []):
            if entry.id in entries:
                raise ValueError(f"duplicate misconception id {entry.id}")
            entries[entry.id] = entry
    return entries


def for_function(name: str) -> list[Misconception]:
    """The entries that apply to graded function (or value) ``name``."""
    return [m for m in catalog().values() if name in m.functions]

