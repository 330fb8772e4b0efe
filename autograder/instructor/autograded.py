"""What nbgrader left in an autograded notebook: which cells raised, and why in a line.

The grading log, its notes to the student, and the class report all read failures from here.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from ..judge.verdict import is_test
from ..misconceptions import MOST_LIKELY, catalog
from .course import paths as course_paths

TRUNCATED = "... Output truncated ..."
"""What nbgrader's ``LimitOutput`` leaves where it cut a cell's output."""


def path(root: Path, assignment: str, student: str) -> Path:
    return course_paths(root).autograded_notebook(student, assignment)


def read(root: Path, assignment: str, student: str):
    """A submission's autograded notebook, or ``None`` if nbgrader wrote none."""
    graded = path(root, assignment, student)
    return nbformat.read(graded, as_version=4) if graded.exists() else None


def _label(cell) -> str:
    """How the student finds the cell: its grade id, else its first line."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    first = next((line.strip() for line in cell.get("source", "").splitlines() if line.strip()), "")
    return grade_id or f"the cell starting `{first[:40]}`"


def _errors(nb) -> dict[int, nbformat.NotebookNode]:
    """Cell index -> the last error output it shows (nbgrader's ``CellTimeoutError``
    follows the interrupt of a cell it stopped)."""
    return {index: output for index, cell in enumerate(nb.cells if nb else [])
            for output in cell.get("outputs", []) if output.get("output_type") == "error"}


def cell_errors(nb) -> dict[str, nbformat.NotebookNode]:
    """:func:`_errors` by cell label (the nbgrader ``grade_id`` of graded cells)."""
    return {_label(nb.cells[index]): error for index, error in _errors(nb).items()}


def in_a_line(error, limit: int = 240) -> str:
    """An error output's first line (what a cell the judge did not decide raised)."""
    if error.get("ename") in ("CellTimeoutError", "TotalTimeLimit"):
        return "stopped at the time limit"
    lines = str(error.get("evalue", "")).splitlines()
    return _cut(": ".join([str(error.get("ename", "Error")), *lines[:1]]), limit)


def summary(verdict: dict, limit: int = 240) -> str:
    """A failed verdict in a line: the catalogued mistake the judge named, from the
    catalog (never from the message, which quotes the student's own text), else the
    message's first line."""
    entry = catalog().get(verdict.get("mistake") or "")
    if entry is not None:
        return _cut(f"{MOST_LIKELY} [{entry.id}]: {entry.title}", limit)
    return _cut(next(iter(str(verdict.get("message", "")).splitlines()), ""), limit)


def _cut(line: str, limit: int) -> str:
    return line if len(line) <= limit else line[:limit - 3] + "..."


def notes(nb, memory_limit: str) -> list[str]:
    """What happened while the notebook ran that the scores alone do not say: cells
    stopped at the time limit, errors outside the test cells (whose definitions may then
    be missing), and output cut short."""
    if nb is None:
        return []
    errors = _errors(nb)
    stopped = [i for i, error in errors.items() if error.get("ename") in ("CellTimeoutError", "TotalTimeLimit")]
    raised = {i: error for i, error in errors.items() if not is_test(nb.cells[i]) and i not in stopped}
    cut = [i for i, c in enumerate(nb.cells) if any(TRUNCATED in str(o.get("text", "")) for o in c.get("outputs", []))]
    label = {i: _label(nb.cells[i]) for i in [*errors, *cut]}
    found = []
    if stopped:
        found.append("These cells did not finish within the time limit (per cell, or for the whole notebook) and "
                     f"were stopped or not run: {', '.join(label[i] for i in stopped)} (an infinite loop, or a "
                     "very slow computation?).")
    if raised:
        found.append("These cells raised an error while your notebook ran (what they would have defined after "
                     "the error is missing): "
                     + "; ".join(f"{label[i]} ({in_a_line(error, 120)})" for i, error in raised.items()) + ".")
    if any(error.get("ename") == "MemoryError" for error in raised.values()):
        found.append(f"Grading gives each notebook at most {memory_limit} of memory.")
    if cut:
        found.append(f"The output of these cells was too long and was cut: {', '.join(label[i] for i in cut)}.")
    return found
