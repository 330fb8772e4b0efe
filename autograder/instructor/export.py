"""``course export``: a CSV an LMS gradebook import takes: one row per student, one column
per assignment (or per test cell), a total, and first a "Points Possible" row (the
convention of Canvas and other LMS imports). A missing submission is left blank, not 0,
and each student's missing submissions are counted."""
from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

POINTS_POSSIBLE = "Points Possible"


def grade_rows(db_url: str, by_test: bool = False) -> tuple[list[str], dict, list[dict]]:
    """(columns, the points-possible row, one row per student); a missing submission's
    cells are None. ``by_test``: one column per test cell, ``<assignment>/<grade_id>``."""
    with Gradebook(db_url) as gb:
        assignments = sorted(gb.assignments, key=lambda a: a.name)
        cells = {a.name: sorted((c for nb in a.notebooks for c in nb.grade_cells), key=lambda c: c.name)
                 for a in assignments}
        if by_test:
            columns = [f"{a.name}/{c.name}" for a in assignments for c in cells[a.name]]
            possible = {f"{a.name}/{c.name}": c.max_score for a in assignments for c in cells[a.name]}
        else:
            columns = [a.name for a in assignments]
            possible = {a.name: a.max_score for a in assignments}
        possible = {"student": POINTS_POSSIBLE, **possible, "total": sum(possible.values()), "missing": ""}
        rows = []
        for student in sorted(gb.students, key=lambda s: s.id):
            row, missing = {"student": student.id}, 0
            for assignment in assignments:
                try:
                    submission = gb.find_submission(assignment.name, student.id)
                except MissingEntry:
                    missing += 1
                    row.update({c: None for c in columns if c.split("/")[0] == assignment.name})
                    continue
                if by_test:
                    scores = {g.name: g.score for nb in submission.notebooks for g in nb.grades}
                    row.update({f"{assignment.name}/{c.name}": scores.get(c.name) for c in cells[assignment.name]})
                else:
                    row[assignment.name] = round(submission.score, 2)
            row["total"] = round(sum(row[c] for c in columns if row[c] is not None), 2)
            row["missing"] = missing
            rows.append(row)
    return columns, possible, rows


def export_grades(db_url: str, path: Path, by_test: bool = False) -> int:
    """Write the CSV; returns the number of students."""
    columns, possible, rows = grade_rows(db_url, by_test)
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["student", *columns, "total", "missing"])
        writer.writeheader()
        writer.writerow(possible)
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return len(rows)
