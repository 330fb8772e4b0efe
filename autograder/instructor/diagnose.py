"""``course diagnose``: every check, hidden ones included, on a filled-in notebook, for
readers working without an instructor. The functions run in the same sandbox as in
grading, and the verdicts are the judge's (``autograder.judge.verdict``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..checks.harness import quiet
from ..judge.verdict import judge_items
from .course import assignments
from .preflight import identify_assignment, read_release, read_submission


@dataclass
class Diagnosis:
    path: Path
    assignment: str | None = None
    results: dict[str, str | None] = field(default_factory=dict)
    """Graded item -> None when it passes, else the diagnosis."""
    problem: str | None = None

    @property
    def passed(self) -> bool:
        return self.problem is None and bool(self.results) and all(r is None for r in self.results.values())


def diagnose(root: Path, path: Path) -> Diagnosis:
    result = Diagnosis(path)
    nb, reason = read_submission(path.read_bytes())
    if nb is None:
        result.problem = reason
        return result
    releases = {a: read_release(root, a) for a in assignments(root)}
    result.assignment = path.stem if path.stem in releases else identify_assignment(nb, releases)
    if result.assignment is None:
        result.problem = ("This is not one of the course's notebooks (it has none of their graded cells): "
                          f"{', '.join(releases)}.")
        return result
    with quiet():  # a reference's numpy warning on an extreme probe is no news to the reader
        verdicts = judge_items(nb, result.assignment, releases[result.assignment])
    result.results = {item: None if full.passed else full.message for item, (_, full) in verdicts.items()}
    return result
