"""Explanations for mistakes nobody catalogued, found by search and verified on every probe.

Two families, kept apart from the misconception catalog so that they work for mistakes no
one wrote down:

- ``relations``: how the student's value relates to the expected one (a factor and which,
  an offset, a sign, 1 - x, a transpose, a permutation, the entries that are wrong,
  rounding, an input returned unchanged), from data alone;
- ``substitutions``: inputs under which the reference reproduces the student's value
  (t off by one, eps dropped, beta and 1 - beta swapped, labels in {-1, +1}, a penalty or
  bias dropped, the incoming state ignored), evaluated on the trusted side.

:func:`search` runs both for a failing function. It calls the reference a few more times
and the student never: it works from the runs the check already has.
"""
from __future__ import annotations

from . import relations, substitutions
from .relations import Explanation

MAX_PER_VALUE = 2
"""Explanations shown per returned value (the first ones are the most specific)."""


def search(check, cases, runs, expected) -> list[Explanation]:
    """Verified explanations of how ``runs`` (the student's, one per case) differ from the
    reference's ``expected`` results; values that are right everywhere come last."""
    def usable(run):
        return run.outputs is not None and run.error is None and run.malformed is None and not run.mutated

    normalize = (lambda r: check.returns.normalize(r, r))
    student = [run.outputs if usable(run) else None for run in runs]
    reference = [normalize(e) for e in expected]
    inputs = [dict(zip(check.parameters, case.args)) for case in cases]
    tolerances = [(case.rtol, case.atol) for case in cases]
    steps = {"w": "w"} if check.steps and "w" in check.parameters else {}
    if not any(s is not None for s in student):
        return []
    found = relations.match(student, reference, substitutions.candidates(
        check.reference, check.parameters, [case.args for case in cases], normalize), tolerances)
    covered = {k for e in found for k in e.key.split(" and ")}
    found += [e for e in relations.explain(student, reference, inputs, tolerances, steps)
              if not (e.kind == "subset" and e.key in covered)]
    shown: dict[str, int] = {}
    out = []
    for e in found:
        if e.kind != "right" and shown.get(e.key, 0) >= MAX_PER_VALUE:
            continue
        shown[e.key] = shown.get(e.key, 0) + 1
        out.append(e)
    return [e for e in out if e.kind != "right"] + [e for e in out if e.kind == "right"]


def sentences(found: list[Explanation]) -> list[str]:
    """One line per explanation, the formula beside the words."""
    lines = []
    for e in found:
        words = e.words[0].upper() + e.words[1:] if e.words.startswith(("your", "the ")) else e.words
        if not words.endswith("."):
            words += "."
        lines.append(words if e.kind == "right" else f"{words[:-1]}: {e.formula}.")
    return lines
