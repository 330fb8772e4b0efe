"""``course export``: one row per student, one column per assignment, and a total."""
from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry


def grade_rows(db_url: str) -> tuple[list[str], list[dict]]:
    """Assignment names and one dict per student (missing submissions score 0)."""
    with Gradebook(db_url) as gb:
        assignments = sorted(a.name for a in gb.assignments)
        rows = []
        for student in sorted(gb.students, key=lambda s: s.id):
            row = {"student": student.id}
            for name in assignments:
                try:
                    row[name] = round(gb.find_submission(name, student.id).score, 2)
                except MissingEntry:
                    row[name] = 0.0
            row["total"] = round(sum(row[a] for a in assignments), 2)
            rows.append(row)
    return assignments, rows


def export_grades(db_url: str, path: Path) -> int:
    assignments, rows = grade_rows(db_url)
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["student", *assignments, "total"])
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
