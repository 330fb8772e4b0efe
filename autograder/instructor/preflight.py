"""Make any submitted file gradable by nbgrader, and say what was wrong with it.

nbgrader assumes a well-formed notebook with the released cell structure: an unreadable
file, or duplicated graded cells, stop ``nbgrader autograde`` for the whole assignment.
``preflight`` turns every submission into a notebook nbgrader can grade, never giving
more credit than the student's own code earns, and lists the problems in plain words;
they are shown at the top of the notebook (so in the feedback) and to the instructor.

- unreadable (empty, not JSON, not a notebook): graded as the untouched release (0);
- graded cells deleted, duplicated, reordered or turned into markdown: the notebook is
  rebuilt from the release with the student's solution cells (matched by grade id) put
  back, so every test runs against the student's own code;
- locked cells edited: left to nbgrader, which restores them from the gradebook, and
  reported.
"""
from __future__ import annotations

import copy
import json
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import nbformat

NOTE_MARKER = "**Grading note**"


@dataclass
class Preflight:
    notebook: nbformat.NotebookNode
    problems: list[str] = field(default_factory=list)
    readable: bool = True


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _graded_ids(nb) -> list[str]:
    return [_nbgrader(c)["grade_id"] for c in nb.cells if _nbgrader(c).get("grade_id")]


def read_submission(data: bytes) -> tuple[nbformat.NotebookNode | None, str | None]:
    """The notebook in ``data``, or None and the reason it cannot be read."""
    if not data.strip():
        return None, "The submitted file is empty."
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"The submitted file is not valid JSON, so it is not a notebook Jupyter can open ({error})."
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list) or "nbformat" not in raw:
        return None, "The submitted file is JSON but not a Jupyter notebook (it has no list of cells or no format version)."
    try:
        with warnings.catch_warnings():  # duplicated cell ids: fixed by nbformat, reported by us
            warnings.simplefilter("ignore")
            nb = nbformat.reads(json.dumps(raw), as_version=4)
            nbformat.validate(nb)
    except Exception as error:  # noqa: BLE001 - any validation failure is reported the same way
        return None, f"The submitted file is not a valid Jupyter notebook ({str(error).splitlines()[0]})."
    return nb, None


def preflight(data: bytes, release: nbformat.NotebookNode) -> Preflight:
    """A notebook nbgrader can grade from the submitted bytes, with the problems found."""
    nb, reason = read_submission(data)
    if nb is None:
        return Preflight(with_note(copy.deepcopy(release), [reason, "It was graded as the untouched "
                                                              "released notebook, so it scores 0."]),
                         [reason], readable=False)
    problems = structure_problems(nb, release)
    if problems:
        nb = rebuild(nb, release)
        problems.append("Your notebook was rebuilt from the released notebook with your solution "
                        "cells put back, and graded as usual.")
    problems += edited_locked_cells(nb, release)
    return Preflight(with_note(nb, problems) if problems else nb, problems)


def structure_problems(nb, release) -> list[str]:
    """Graded cells deleted, duplicated, re-typed or reordered, in plain words."""
    expected = {_nbgrader(c)["grade_id"]: c.cell_type for c in release.cells if _nbgrader(c).get("grade_id")}
    found = [g for g in _graded_ids(nb) if g in expected]
    problems = []
    missing = [g for g in expected if g not in found]
    if missing:
        problems.append(f"Graded cells were deleted: {', '.join(missing)}.")
    duplicated = sorted({g for g in found if found.count(g) > 1})
    if duplicated:
        problems.append(f"Graded cells appear more than once: {', '.join(duplicated)}.")
    retyped = sorted({_nbgrader(c)["grade_id"] for c in nb.cells
                      if _nbgrader(c).get("grade_id") in expected
                      and c.cell_type != expected[_nbgrader(c)["grade_id"]]})
    if retyped:
        problems.append(f"Graded cells were changed between code and markdown: {', '.join(retyped)}.")
    order = list(dict.fromkeys(found))
    if not (missing or duplicated) and order != [g for g in expected if g in order]:
        problems.append("Graded cells were moved out of their order.")
    return problems


def rebuild(nb, release) -> nbformat.NotebookNode:
    """The release with each solution cell replaced by the student's first cell of that id."""
    theirs = {}
    for cell in nb.cells:
        theirs.setdefault(_nbgrader(cell).get("grade_id"), cell)
    rebuilt = copy.deepcopy(release)
    for cell in rebuilt.cells:
        meta = _nbgrader(cell)
        if meta.get("solution") and meta.get("grade_id") in theirs:
            cell.source = theirs[meta["grade_id"]].source
    return rebuilt


def edited_locked_cells(nb, release) -> list[str]:
    locked = {_nbgrader(c)["grade_id"]: c.source for c in release.cells
              if _nbgrader(c).get("locked") and _nbgrader(c).get("grade_id")}
    edited = [_nbgrader(c)["grade_id"] for c in nb.cells
              if _nbgrader(c).get("grade_id") in locked and c.source != locked[_nbgrader(c)["grade_id"]]]
    if not edited:
        return []
    return [f"Locked cells were edited: {', '.join(edited)}. They were restored to the released "
            "version before grading."]


def with_note(nb, problems) -> nbformat.NotebookNode:
    """``problems`` in one note at the top of ``nb``, replacing an earlier note, so the
    student reads why before the scores."""
    nb.cells = [c for c in nb.cells if not c.source.startswith(NOTE_MARKER)]
    note = nbformat.v4.new_markdown_cell(f"{NOTE_MARKER}: " + " ".join(problems))
    note.pop("id", None)
    if nb.nbformat_minor >= 5:
        note["id"] = "grading-note"
    nb.cells.insert(0, note)
    return nb


@cache
def _release_text(root: str, assignment: str) -> str:
    return (Path(root) / "exercises" / assignment / f"{assignment}.ipynb").read_text()


def read_release(root: Path, assignment: str) -> nbformat.NotebookNode:
    """The released notebook, read once per process: a submission that deletes course
    files while it runs cannot take the release away from the submissions after it."""
    return nbformat.reads(_release_text(str(Path(root).resolve()), assignment), as_version=4)


def identify_assignment(nb, releases: dict[str, nbformat.NotebookNode]) -> str | None:
    """The assignment whose graded cells a notebook has (for files submitted under the
    wrong name or assignment), or None."""
    ids = set(_graded_ids(nb))
    scores = {name: len(ids & set(_graded_ids(rel))) for name, rel in releases.items()}
    best = max(scores, key=scores.get, default=None)
    return best if best is not None and scores[best] > 0 else None
