"""What nbgrader left in an autograded notebook: which cells raised, and why in a line.

The grading log, the timeout notes and the class report all read failures from here.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from ..misconceptions import MOST_LIKELY


def path(root: Path, assignment: str, student: str) -> Path:
    return root / "autograder" / "autograded" / student / assignment / f"{assignment}.ipynb"


def errors_of(root: Path, assignment: str, student: str) -> dict[str, nbformat.NotebookNode]:
    """:func:`cell_errors` of a submission's autograded notebook (none if there is none)."""
    graded = path(root, assignment, student)
    return cell_errors(nbformat.read(graded, as_version=4)) if graded.exists() else {}


def cell_errors(nb) -> dict[str, nbformat.NotebookNode]:
    """Cell name (its nbgrader ``grade_id``, else "cell N") -> the last error output it
    shows (nbgrader's ``CellTimeoutError`` follows the interrupt of a cell it stopped)."""
    errors = {}
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                name = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
                errors[name] = output
    return errors


def in_a_line(error, limit: int = 240) -> str:
    """The diagnosis if the check named a mistake, else the error's first line."""
    if error.get("ename") == "CellTimeoutError":
        return "stopped at the time limit"
    lines = str(error.get("evalue", "")).splitlines()
    line = next((l for l in lines if l.startswith(MOST_LIKELY)), None)
    line = line or f"{error.get('ename', 'Error')}: {lines[0] if lines else ''}"
    return line if len(line) <= limit else line[:limit - 3] + "..."
