"""Canvas and Moodle as they are: their gradebook exports (the roster), the names their
bulk downloads give submissions, and the CSV their gradebook imports accept.

- Canvas's gradebook export starts ``Student,ID,SIS User ID,SIS Login ID,Section``, then
  one column per assignment titled ``<name> (<assignment id>)`` and read-only totals;
  its second row is ``Points Possible`` (``(read only)`` under the totals). Its bulk
  download names each file ``<lastfirst>[_late]_<user id>_<submission id>_<file>``, the
  user id being the roster's ``ID``.
- Moodle's grader export starts ``First name,Last name,ID number,Institution,Department,
  Email address``, then ``Assignment: <name> (Real)`` columns and the course total. Its
  bulk download puts each submission in ``<Full Name>_<participant id>_assignsubmission_file_/``
  (or prefixes the file with that, without folders); the participant id is in no
  export, so a submission is placed by the student's full name.

The course's student id is Canvas's ``SIS Login ID`` and Moodle's ``ID number``.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

CANVAS_START = ("Student", "ID", "SIS User ID", "SIS Login ID")
MOODLE_IDENTITY = ("First name", "Last name", "ID number", "Institution", "Department", "Email address")
POINTS_POSSIBLE = "Points Possible"
READ_ONLY = "(read only)"

CANVAS_FILE = re.compile(r"^(?P<name>[^_/]+?)(?P<late>_late)?_(?P<user>\d+)_(?P<submission>\d+)_(?P<file>.+)$",
                         re.I)
MOODLE_FOLDER = re.compile(r"^(?P<name>.+)_(?P<participant>\d+)_assignsubmission_file_(?P<file>.*)$")


class RosterError(ValueError):
    """The file is not a gradebook export of a supported LMS."""


@dataclass
class Person:
    """Whose a file in a bulk download is, as its name says."""
    lms_id: str | None = None
    """Canvas's user id (the roster's ``ID``)."""
    name: str | None = None
    """Moodle's full name."""
    late: bool = False
    file: str = ""
    """The file's own name, without what the LMS put before it."""

    def described(self) -> str:
        return f"Canvas user {self.lms_id}" if self.lms_id else f"{self.name!r}"


@dataclass
class Roster:
    lms: str
    """``canvas`` or ``moodle``."""
    path: Path
    header: list[str]
    identity: list[str]
    """The columns that say who a row is (the importer matches rows by them)."""
    rows: list[dict[str, str]] = field(default_factory=list)
    points: dict[str, str] | None = None
    """Canvas's ``Points Possible`` row."""

    @property
    def id_column(self) -> str:
        return "SIS Login ID" if self.lms == "canvas" else "ID number"

    def assignment_columns(self, assignments: list[str]) -> dict[str, str]:
        """Course assignment -> the roster's column for it (same name, ignoring case,
        spaces, dashes, Moodle's ``Assignment:`` and the trailing ``(5501)``/``(Real)``)."""
        by_key = {}
        for column in self.header[len(self.identity):]:
            if self.points is None or self.points.get(column, "").strip() != READ_ONLY:
                by_key.setdefault(assignment_key(column), column)
        return {a: by_key[assignment_key(a)] for a in assignments if assignment_key(a) in by_key}

    def student_of(self, person: Person) -> tuple[str | None, str]:
        """(the course's student id, "") or (None, why not) for the person a file names."""
        if person.lms_id is not None:
            rows = [r for r in self.rows if r.get("ID", "").strip() == person.lms_id]
        else:
            rows = [r for r in self.rows if _name(f"{r['First name']} {r['Last name']}") == _name(person.name)]
        if not rows:
            return None, f"{person.described()} is not in the roster {self.path.name}"
        if len(rows) > 1:
            return None, f"{len(rows)} students of the roster {self.path.name} are {person.described()}"
        student = rows[0].get(self.id_column, "").strip()
        if not student:
            return None, f"{person.described()} has no {self.id_column} in the roster {self.path.name}"
        return student, ""


def read_roster(path: Path) -> Roster:
    """The roster in an LMS gradebook export, recognised by its header."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            lines = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise RosterError(f"{path}: cannot read it as a CSV file ({error})") from None
    header = [h.strip() for h in (lines[0] if lines else [])]
    if tuple(header[:len(CANVAS_START)]) == CANVAS_START and "Section" in header:
        roster = Roster("canvas", path, header, header[:header.index("Section") + 1])
    elif tuple(header[:len(MOODLE_IDENTITY)]) == MOODLE_IDENTITY:
        roster = Roster("moodle", path, header, list(MOODLE_IDENTITY))
    else:
        raise RosterError(f"{path}: not a gradebook export of Canvas (header starting "
                          f"{','.join(CANVAS_START)},Section) or Moodle (header starting {','.join(MOODLE_IDENTITY)})")
    for line in lines[1:]:
        row = dict(zip(header, line))
        first = row.get(header[0], "").strip()
        if roster.lms == "canvas" and first == POINTS_POSSIBLE:
            roster.points = row
        elif roster.lms == "canvas" and not first:
            continue  # Canvas's "Manual Posting" and other rows about the columns
        elif any(v.strip() for v in line):
            roster.rows.append(row)
    return roster


def person(lms: str, relative: PurePosixPath) -> Person | None:
    """Whose the file at ``relative`` in a bulk download of ``lms`` is, or None when its
    name is not in that LMS's form."""
    if lms == "canvas":
        match = CANVAS_FILE.match(relative.name)
        return match and Person(lms_id=match["user"], late=bool(match["late"]), file=match["file"])
    for depth, part in enumerate(relative.parts):
        match = MOODLE_FOLDER.match(part)
        if match and (match["file"] if depth == len(relative.parts) - 1 else not match["file"]):
            return Person(name=match["name"], file=match["file"] or relative.name)
    return None


FILE_FORMS = {"canvas": "<lastfirst>[_late]_<user id>_<submission id>_<file>",
              "moodle": "<Full Name>_<id>_assignsubmission_file_/<file>"}


def assignment_key(name: str) -> str:
    name = re.sub(r"^\s*[A-Za-z ]+:\s*", "", name)  # Moodle's "Assignment: "
    name = re.sub(r"\s*\([^()]*\)\s*$", "", name)  # Canvas's " (5501)", Moodle's " (Real)"
    return re.sub(r"[\s\-_]+", "", name).casefold()


def _name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())
