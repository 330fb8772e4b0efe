"""Protect the course from submissions that reach outside their folder.

Students' code runs as the grader's user, so it *can* delete or edit course files (see
the README's threat model). Before grading, the files a grading run depends on are
snapshotted in memory and the sqlite gradebook is backed up beside itself; afterwards
changed or deleted files are put back and reported. ``check_gradebook`` verifies that
the gradebook is consistent: every collected submission has a grade for every graded
cell of its assignment.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

PROTECTED = ("nbgrader_config.py", "solutions", "exercises")


def snapshot(root: Path, db_url: str | None = None) -> dict[str, bytes]:
    files = {}
    for name in PROTECTED:
        path = root / name
        for file in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
            files[str(file.relative_to(root))] = file.read_bytes()
    if db_url and db_url.startswith("sqlite:///") and Path(db_url[10:]).exists():
        shutil.copy(db_url[10:], db_url[10:] + ".backup")
    return files


def restore(root: Path, files: dict[str, bytes]) -> list[str]:
    """Put back every snapshotted file that changed or disappeared; returns their names."""
    changed = []
    for name, data in files.items():
        path = root / name
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed.append(name)
    return changed


def check_gradebook(root: Path, db_url: str, assignments: list[str]) -> list[str]:
    """Inconsistencies between collected submissions and the gradebook (empty: consistent)."""
    problems = []
    with Gradebook(db_url) as gb:
        for assignment in assignments:
            try:
                cells = {c.name for nb in gb.find_assignment(assignment).notebooks for c in nb.grade_cells}
            except MissingEntry:
                problems.append(f"{assignment} is not in the gradebook")
                continue
            folder = root / "autograder" / "submitted"
            for student_dir in sorted(folder.glob(f"*/{assignment}")):
                student = student_dir.parent.name
                try:
                    graded = {g.name for g in gb.find_submission_notebook(assignment, assignment, student).grades
                              if g.score is not None}
                except MissingEntry:
                    problems.append(f"{student}/{assignment} was collected but has no grades")
                    continue
                if graded != cells:
                    problems.append(f"{student}/{assignment} lacks grades for {sorted(cells - graded)}")
    return problems
