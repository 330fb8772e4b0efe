"""``course collect``: bring submissions exported by an LMS into nbgrader's layout,
``<course state>/submitted/<student>/<assignment>/``, without ever overwriting silently.

Only regular files that lie inside the source are read: symbolic links (in folders and
in zips), archive members whose path leads outside the archive, devices and oversized
members are refused with the reason. With a roster (``lms.py``), files are placed as
Canvas or Moodle named them and the assignment is recognised from the notebook itself."""
from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import records
from .course import paths
from .lms import FILE_FORMS, Roster, person
from .preflight import identify_assignment, read_release, read_submission

FLAT = re.compile(r"^(?P<student>[A-Za-z0-9.\-]+?)_(?P<assignment>\d\d-[a-z0-9\-]+?)(?:_[^/]*)?\.ipynb$")
NAMED = re.compile(r"^(?P<student>[A-Za-z0-9.\-]+?)_.+\.ipynb$")
"""``<student>_<anything>.ipynb``: the assignment is then recognised from the content."""
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+\-]{0,99}$")
"""A student id that is a safe folder name (nbgrader keeps each student in one)."""
MAX_BYTES = 64 * 1024 ** 2
"""The largest file read from a source (a notebook is rarely over a few MB)."""

JUNK = re.compile(r"(^|/)(\.DS_Store|Thumbs\.db|desktop\.ini|__MACOSX/.*|\.ipynb_checkpoints/.*|\._.*)$")
"""Files an LMS export or an operating system adds, listed but no reason to fail."""


@dataclass
class Collected:
    placed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)
    """Where a student sent several notebooks for one assignment: which was taken, and why."""
    ignored: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Files that could not be placed or were refused, with why (``course collect`` then exits 1)."""


@dataclass
class Entry:
    """One regular file of the source, copied out of it where it was in a zip."""
    shown: str
    """Where it is in the source, as the instructor reads it."""
    relative: PurePosixPath
    """Its path inside its folder or archive: what placement reads."""
    path: Path
    name: str = ""
    """The name to keep for it in ``submitted/`` (empty: ``<assignment>.ipynb``)."""


def collect(root: Path, source: Path, assignments: list[str], force: bool = False,
            roster: Roster | None = None) -> Collected:
    """Place every notebook of ``source`` (a folder or a zip, holding files or zips) by its
    name or its folders, or as ``roster``'s LMS names them; of several notebooks of one
    student and assignment, the one that matches the release."""
    result = Collected()
    releases = {a: read_release(root, a) for a in assignments}
    with tempfile.TemporaryDirectory() as scratch:
        candidates: dict[tuple[str, str], list[Entry]] = {}
        for entry in _entries(Path(source), Path(scratch), result):
            if JUNK.search(entry.relative.as_posix()) or entry.relative.suffix != ".ipynb":
                result.ignored.append(entry.shown)
                continue
            student, assignment, why = (_from_lms(entry, roster, releases) if roster
                                        else _from_name(entry, assignments, releases))
            if why is None and not STUDENT_ID.match(student):
                why = f"the student id {student!r} cannot be a folder name (letters, digits and ._@+- only)"
            if why is not None:
                result.problems.append(f"{entry.shown}: {why}")
                continue
            candidates.setdefault((student, assignment), []).append(entry)
        notes = records.load(paths(root))
        for (student, assignment), entries in candidates.items():
            entry, chosen, note = entries[0], [], []
            if len(entries) > 1:
                entry, why = _best(releases[assignment], entries)
                chosen = [f"{student}/{assignment}: took {entry.shown} of {', '.join(e.shown for e in entries)} ({why})"]
                note = [f"You submitted {len(entries)} notebooks for {assignment}: "
                        f"{', '.join(e.relative.name for e in entries)}; {entry.relative.name} was graded ({why})."]
            if _put(root, entry, student, assignment, force, result):
                result.chosen += chosen
                notes.setdefault(records.key(assignment, student), {})["collected"] = note
        records.save(paths(root), notes)
    return result


def _entries(source: Path, scratch: Path, result: Collected) -> list[Entry]:
    """Every regular file inside ``source``; zips (the source, or zips in the source
    folder) are read member by member into ``scratch``. What is refused is said why."""
    if source.is_file() and zipfile.is_zipfile(source):
        return _unzip(source, "", scratch / "0", result)
    if not source.is_dir():
        result.problems.append(f"{source}: not a folder or a zip file")
        return []
    entries = []
    for folder, dirs, files in os.walk(source, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            relative = PurePosixPath(path.relative_to(source).as_posix())
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                result.problems.append(f"{relative}: refused, a symbolic link (links are not followed)")
            elif stat.S_ISDIR(mode):
                continue
            elif not stat.S_ISREG(mode):
                result.problems.append(f"{relative}: refused, not a regular file")
            elif path.suffix == ".zip" and zipfile.is_zipfile(path):
                entries += _unzip(path, f"{relative}/", scratch / str(len(entries)), result)
            elif path.stat().st_size > MAX_BYTES:
                result.problems.append(f"{relative}: refused, larger than {MAX_BYTES // 1024 ** 2} MB")
            else:
                entries.append(Entry(str(relative), relative, path))
        dirs.sort()
    return sorted(entries, key=lambda e: e.shown)


def _unzip(archive_path: Path, prefix: str, scratch: Path, result: Collected) -> list[Entry]:
    entries = []
    try:
        with zipfile.ZipFile(archive_path) as archive:
            for info in archive.infolist():
                name = info.filename.replace("\\", "/")
                relative = PurePosixPath(name)
                shown = prefix + name
                if info.is_dir():
                    continue
                if name.startswith("/") or ".." in relative.parts or re.match(r"^[A-Za-z]:", name):
                    result.problems.append(f"{shown}: refused, its path leads outside the archive")
                elif stat.S_ISLNK(info.external_attr >> 16):
                    result.problems.append(f"{shown}: refused, a symbolic link (links are not followed)")
                elif info.file_size > MAX_BYTES:
                    result.problems.append(f"{shown}: refused, larger than {MAX_BYTES // 1024 ** 2} MB")
                else:
                    target = scratch.joinpath(*relative.parts)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        with archive.open(info) as member:
                            target.write_bytes(member.read(MAX_BYTES + 1))
                    except (RuntimeError, zipfile.BadZipFile, NotImplementedError) as error:
                        result.problems.append(f"{shown}: refused, cannot be read from the archive ({error})")
                        continue
                    entries.append(Entry(shown, relative, target))
    except zipfile.BadZipFile as error:
        result.problems.append(f"{prefix or archive_path.name}: not a readable zip file ({error})")
    return entries


def _from_name(entry: Entry, assignments: list[str], releases) -> tuple[str | None, str | None, str | None]:
    """(student, assignment, None) from ``<student>/<assignment>/<notebook>.ipynb`` or
    ``<student>_<assignment>[_...].ipynb``, or from ``<student>_<anything>.ipynb`` and
    the notebook's content; else why not."""
    relative = entry.relative
    if len(relative.parts) == 3 and relative.parts[1] in assignments:
        entry.name = relative.name
        return relative.parts[0], relative.parts[1], None
    match = FLAT.match(relative.name) if len(relative.parts) == 1 else None
    if match and match["assignment"] in assignments:
        return match["student"], match["assignment"], None
    match = NAMED.match(relative.name) if len(relative.parts) == 1 else None
    assignment = match and _recognised(entry.path, releases)
    if assignment:
        entry.name = relative.name
        return match["student"], assignment, None
    return None, None, ("cannot tell whose or which assignment this is; expected <student>_<assignment>.ipynb "
                        "or <student>/<assignment>/<notebook>.ipynb with an assignment among "
                        f"{', '.join(assignments)}, or a notebook of one of them")


def _from_lms(entry: Entry, roster: Roster, releases) -> tuple[str | None, str | None, str | None]:
    """(student, assignment, None) for a file named as ``roster``'s LMS names it, the
    assignment recognised from its content (else from its name); else why not."""
    who = person(roster.lms, entry.relative)
    if who is None:
        return None, None, (f"not named as {roster.lms.capitalize()}'s bulk download names files "
                            f"({FILE_FORMS[roster.lms]})")
    student, why = roster.student_of(who)
    if student is None:
        return None, None, why
    assignment = _recognised(entry.path, releases) or next((a for a in releases if a in who.file), None)
    if assignment is None:
        return None, None, (f"{student}'s {who.file} is not a notebook of this course's assignments (it has none "
                            "of their graded cells, and its name names none)")
    entry.name = who.file
    if who.late:
        entry.shown += " (late)"
    return student, assignment, None


def _recognised(path: Path, releases) -> str | None:
    """The assignment whose graded cells the notebook at ``path`` has (as ``diagnose``)."""
    nb, _ = read_submission(path.read_bytes())
    return identify_assignment(nb, releases) if nb is not None else None


def _put(root: Path, entry: Entry, student: str, assignment: str, force: bool, result: Collected) -> bool:
    """Copy ``entry`` as the submission; False when it was not (unchanged or refused)."""
    where = paths(root)
    target = where.submission(student, assignment) / (entry.name or f"{assignment}.ipynb")
    as_collected = where.original(student, assignment) / target.name
    data = entry.path.read_bytes()
    if not as_collected.is_file():
        as_collected = target
    if as_collected.is_file() and as_collected.read_bytes() == data:
        result.unchanged.append(entry.shown)
        return False
    if target.parent.exists() and any(target.parent.iterdir()) and not force:
        result.problems.append(f"{entry.shown}: {student} already has a submission for {assignment}; "
                               "not replaced (use --force to replace it)")
        return False
    if target.parent.exists():
        shutil.rmtree(target.parent)
    shutil.rmtree(where.original(student, assignment), ignore_errors=True)
    target.parent.mkdir(parents=True)
    target.write_bytes(data)
    result.placed.append(f"{entry.shown} -> {where.shown(target)}")
    return True


def _best(release, entries: list[Entry]) -> tuple[Entry, str]:
    """The notebook most like the release (its graded cells), then with the most solution
    cells worked on, then the newest; and why in words."""
    scored = []
    for entry in entries:
        nb, _ = read_submission(entry.path.read_bytes())
        scored.append(((*_likeness(nb, release), entry.path.stat().st_mtime), entry))
    scored.sort(key=lambda item: item[0], reverse=True)
    (best, entry), (second, _) = scored[0], scored[1]
    if best[0] != second[0]:
        why = f"it has {best[0]} of the release's graded cells, the next best {second[0]}"
    elif best[1] != second[1]:
        why = f"it has the most solution cells worked on ({best[1]})"
    else:
        why = "they match the release equally; it is the newest"
    return entry, why


def _likeness(nb, release) -> tuple[int, int]:
    """(graded cells of the release it has, solution cells changed from the release)."""
    if nb is None:
        return -1, 0
    stubs = {c.metadata["nbgrader"]["grade_id"]: c.source for c in release.cells
             if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")}
    theirs = {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
              if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") in stubs}
    worked = sum(1 for g, c in theirs.items() if c.get("metadata", {}).get("nbgrader", {}).get("solution")
                 and c.source != stubs[g])
    return len(theirs), worked
