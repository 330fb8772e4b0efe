"""Is the gradebook what the judge decided?

Only the grading workers (trusted processes) write the gradebook; student code runs in
a sandbox that cannot see it. ``check_gradebook`` verifies afterwards that every
collected submission has a grade for every graded cell of its assignment, that no grade
has extra credit or exceeds its maximum, and, where ``course grade`` logged the judge's
verdicts, that each score is exactly what the judge decided (full points or none).
"""
from __future__ import annotations

import json
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from .course import paths as course_paths


def check_gradebook(root: Path, db_url: str, assignments: list[str]) -> list[str]:
    """Inconsistencies between collected submissions, the judge's verdicts and the
    gradebook (empty: consistent)."""
    problems = []
    log = course_paths(root).log
    judged = {key: entry.get("verdicts", {}) for key, entry in json.loads(log.read_text()).items()} \
        if log.is_file() else {}
    with Gradebook(db_url) as gb:
        for assignment in assignments:
            collected = sorted(course_paths(root).submitted.glob(f"*/{assignment}"))
            try:
                cells = {c.name for nb in gb.find_assignment(assignment).notebooks for c in nb.grade_cells}
            except MissingEntry:
                if collected:
                    problems.append(f"{assignment} is not in the gradebook, but {len(collected)} submissions "
                                    "were collected")
                continue
            for student_dir in collected:
                student = student_dir.parent.name
                try:
                    grades = gb.find_submission_notebook(assignment, assignment, student).grades
                except MissingEntry:
                    problems.append(f"{student}/{assignment} was collected but has no grades")
                    continue
                graded = {g.name for g in grades if g.score is not None}
                if graded != cells:
                    problems.append(f"{student}/{assignment} lacks grades for {sorted(cells - graded)}")
                verdicts = judged.get(f"{assignment}/{student}", {})
                for grade in grades:
                    problems += _disagreements(f"{student}/{assignment}", grade, verdicts.get(grade.name))
    return problems


def _disagreements(where: str, grade, passed: bool | None) -> list[str]:
    """What is wrong with one grade: extra credit, more than its maximum, or a score
    other than the judge's verdict."""
    found = []
    if grade.extra_credit:
        found.append(f"{where}: {grade.name} has {grade.extra_credit:g} points of extra credit")
    if grade.score is not None and grade.score > grade.max_score:
        found.append(f"{where}: {grade.name} scores {grade.score:g} of at most {grade.max_score:g}")
    if passed is not None and grade.score is not None and grade.score != (grade.max_score if passed else 0):
        found.append(f"{where}: {grade.name} scores {grade.score:g}, but the judge decided "
                     + ("it passes" if passed else "it fails"))
    return found
