"""Files shaped exactly as Canvas and Moodle produce them (gradebook exports and bulk
downloads), and the rules their gradebook importers apply to what we send back."""
import csv
import zipfile

import nbformat

from autograder.instructor.submissions import make_submission
from tests.support import ROOT

GD, MOMENTUM = "01-gradient-descent", "03-momentum"

CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_READ_ONLY = ["Current Points", "Final Points", "Current Score", "Unposted Current Score", "Final Score",
                    "Unposted Final Score"]
CANVAS_ROSTER = [
    [*CANVAS_IDENTITY, "01 Gradient Descent (5501)", "03 Momentum (5503)", "Reading Quiz 1 (5600)", *CANVAS_READ_ONLY],
    ["    Points Possible", "", "", "", "", "10.00", "10.00", "5.00", *["(read only)"] * 6],
    ["Doe, Jane", "1001", "J1001", "jdoe", "Section A", "", "", "4.00", *["4.00"] * 6],
    ["Roe, Richard", "1002", "R1002", "rroe", "Section A", "", "", "5.00", *["5.00"] * 6],
    ["Poe, Edgar", "1003", "E1003", "epoe", "Section B", "", "", "", *[""] * 6],
    ["Quiet, Quinn", "1004", "Q1004", "qquiet", "Section B", "", "", "3.00", *["3.00"] * 6],
    ["Student, Test", "1099", "", "", "Section A", "", "", "", *[""] * 6],
]
MOODLE_IDENTITY = ["First name", "Last name", "ID number", "Institution", "Department", "Email address"]
MOODLE_ROSTER = [
    [*MOODLE_IDENTITY, "Assignment: 01 Gradient Descent (Real)", "Assignment: 03 Momentum (Real)",
     "Quiz: Reading Quiz 1 (Real)", "Course total (Real)", "Last downloaded from this course"],
    ["Jane", "Doe", "jdoe", "Example University", "Mathematics", "jane.doe@example.edu", "-", "-", "4.00", "4.00",
     "1733212800"],
    ["Richard", "Roe", "rroe", "Example University", "Mathematics", "richard.roe@example.edu", "-", "-", "5.00",
     "5.00", "1733212800"],
    ["Edgar", "Poe", "epoe", "Example University", "Physics", "edgar.poe@example.edu", "-", "-", "-", "-",
     "1733212800"],
    ["Quinn", "Quiet", "qquiet", "Example University", "Physics", "quinn.quiet@example.edu", "-", "-", "3.00",
     "3.00", "1733212800"],
]


def notebook(assignment, **kwargs) -> bytes:
    return nbformat.writes(make_submission(ROOT, assignment, **kwargs)).encode()


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:  # both LMS write a BOM
        csv.writer(handle).writerows(rows)
    return path


def canvas_download(path):
    """Canvas's "Download Submissions" zip for 01 and 03: files named
    <lastfirst>[_late]_<user id>_<submission id>_<file as uploaded>."""
    files = {
        "doejane_1001_70001_01-gradient-descent.ipynb": notebook(GD, solved=False),
        "doejane_1001_70011_01-gradient-descent-1.ipynb": notebook(GD),  # resubmitted: Canvas adds "-1"
        "roerichard_late_1002_70002_hw_final.ipynb": notebook(GD),  # late, name says no assignment
        "poeedgar_1003_70003_momentum.ipynb": notebook(MOMENTUM),
        "doejane_1001_70004_03-momentum.ipynb": notebook(MOMENTUM, solved=False),
        "ghoststudent_1050_70050_01-gradient-descent.ipynb": notebook(GD),  # dropped: not in the roster
        "poeedgar_1003_70005_notes.txt": b"my notes",
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def moodle_download(path):
    """Moodle's "Download all submissions" zip for 01 (folders per submission)."""
    files = {
        "Jane Doe_401_assignsubmission_file_/01-gradient-descent.ipynb": notebook(GD),
        "Richard Roe_402_assignsubmission_file_/frank_hw9_final.ipynb": notebook(GD, solved=False),
        "Edgar Poe_403_assignsubmission_onlinetext_/onlinetext.html": b"<p>see attached</p>",
        "Edgar Poe_403_assignsubmission_file_/my work/01.ipynb": notebook(GD),
        "Ghost Student_404_assignsubmission_file_/01-gradient-descent.ipynb": notebook(GD),
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def _number_or_blank(value):
    try:
        return value == "" or float(value) >= 0
    except ValueError:
        return False


def canvas_import_errors(path, roster_rows) -> list[str]:
    """What Canvas's gradebook importer would reject or do unasked: an invalid header, an
    unknown student, a column that would create a new assignment, a value not a number,
    a missing Points Possible row."""
    header, *rows = read_csv(path)
    roster_header, points, *students = roster_rows
    errors = []
    if header[:5] != CANVAS_IDENTITY:
        errors.append(f"invalid header {header[:5]}")
    read_only = {c for c, p in zip(roster_header, points) if p == "(read only)"}
    for column in header[5:]:
        if column not in roster_header:
            errors.append(f"{column!r} would be created as a new assignment")
        elif column in read_only:
            errors.append(f"{column!r} is read-only")
    if not rows or rows[0][0].strip() != "Points Possible":
        errors.append("no Points Possible row")
    known = {s[1]: s for s in students}
    for row in rows[1:]:
        if row[1] not in known:
            errors.append(f"unknown student ID {row[1]}")
        elif row[:5] != known[row[1]][:5]:
            errors.append(f"identity of {row[1]} changed: {row[:5]}")
        errors += [f"{row[1]}: {v!r} is not a score" for v in row[5:] if not _number_or_blank(v)]
    return errors


def moodle_import_errors(path, roster_rows) -> list[str]:
    """What Moodle's CSV grade import would abort on or do unasked: no identity column, a
    row it cannot match to a user (a Points Possible row is one), a column that maps to no
    grade item or to a computed one, a value not a number."""
    header, *rows = read_csv(path)
    roster_header, *students = roster_rows
    errors = []
    if "ID number" not in header:
        return ["no ID number column to map users by"]
    identity = {"ID number", "Email address"}
    items = {c for c in roster_header[6:] if c.startswith(("Assignment:", "Quiz:"))}
    errors += [f"{c!r} maps to no grade item" for c in header if c not in identity and c not in items]
    ids = {s[2] for s in students}
    at = header.index("ID number")
    for row in rows:
        if row[at] not in ids:
            errors.append(f"row {row[:2]} matches no user")
        errors += [f"{row[at]}: {v!r} is not a grade" for c, v in zip(header, row)
                   if c not in identity and not _number_or_blank(v)]
    return errors

