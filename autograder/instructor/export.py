"""``course export``: grades as CSV. Plainly: one row per student, one column per
assignment (or per test cell), a total, and first a "Points Possible" row; a missing
submission is left blank, not 0, and each student's missing submissions are counted.
With ``--lms`` and the LMS's own gradebook export as roster: exactly what that LMS's
gradebook import accepts (:func:`export_for_lms`)."""
from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from .. import escape
from .lms import POINTS_POSSIBLE, Roster


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
        writer.writerows({k: ("" if v is None else escape.csv_name(v) if k == "student" else v)
                          for k, v in row.items()} for row in rows)
    return len(rows)


def export_for_lms(db_url: str, path: Path, roster: Roster, assignments: list[str]) -> tuple[int, list[str]]:
    """Write what ``roster``'s LMS imports: its identity columns with their values, then one
    column per course assignment titled as the roster titles it, nothing else; Canvas's
    ``Points Possible`` row; one row per roster student in roster order, blank where nothing
    was graded. Returns (rows written, what was left out and why)."""
    columns = roster.assignment_columns(assignments)
    scores, maxima = {}, {}
    with Gradebook(db_url) as gb:
        for assignment in columns:
            try:
                found = gb.find_assignment(assignment)
            except MissingEntry:
                continue
            maxima[assignment] = found.max_score
            scores.update({(assignment, s.student.id): round(s.score, 2) for s in found.submissions})
    identity = roster.identity if roster.lms == "canvas" else ["ID number", "Email address"]
    header = [*identity, *columns.values()]
    ids = {row.get(roster.id_column, "").strip() for row in roster.rows}
    left_out = [f"{a}: no column in the roster {roster.path.name}; create the assignment in the LMS and export "
                "its gradebook again" for a in assignments if a not in columns and any(k[0] == a for k in scores)]
    left_out += [f"{escape.terminal(s)}: graded for {a} but not in the roster {roster.path.name}"
                 for a, s in sorted(scores) if s not in ids]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        if roster.lms == "canvas":
            writer.writerow([POINTS_POSSIBLE, *[""] * (len(identity) - 1),
                             *[f"{maxima[a]:g}" if a in maxima else "" for a in columns]])
        for row in roster.rows:
            student = row.get(roster.id_column, "").strip()
            writer.writerow([row.get(c, "") for c in identity]
                            + [f"{scores[a, student]:g}" if (a, student) in scores else "" for a in columns])
    return len(roster.rows), left_out
