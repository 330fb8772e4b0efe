"""``course collect``: bring submissions exported by an LMS into nbgrader's layout,
``<course state>/submitted/<student>/<assignment>/``, without ever overwriting silently."""
from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .course import paths
from .preflight import read_release, read_submission

FLAT = re.compile(r"^(?P<student>[A-Za-z0-9.\-]+?)_(?P<assignment>\d\d-[a-z0-9\-]+?)(?:_[^/]*)?\.ipynb$")


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
    """Notebooks that could not be placed (``course collect`` then exits 1)."""


def collect(root: Path, source: Path, assignments: list[str], force: bool = False) -> Collected:
    """Place every notebook of ``source`` (a folder or a zip) by its name or its folders;
    of several notebooks of one student and assignment, the one that matches the release."""
    result = Collected()
    with tempfile.TemporaryDirectory() as scratch:
        if source.is_file() and zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as archive:
                archive.extractall(scratch)
            source = Path(scratch)
        if not source.is_dir():
            result.problems.append(f"{source}: not a folder or a zip file")
            return result
        candidates: dict[tuple[str, str], list[Path]] = {}
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            relative = path.relative_to(source)
            if JUNK.search(relative.as_posix()) or relative.suffix != ".ipynb":
                result.ignored.append(str(relative))
                continue
            student, assignment = _place(relative, assignments)
            if student is None:
                result.problems.append(
                    f"{relative}: cannot tell whose or which assignment this is; expected "
                    "<student>_<assignment>.ipynb or <student>/<assignment>/<notebook>.ipynb "
                    f"with an assignment among {', '.join(assignments)}")
                continue
            candidates.setdefault((student, assignment), []).append(path)
        for (student, assignment), paths in candidates.items():
            path = paths[0]
            if len(paths) > 1:
                path, why = _best(root, assignment, paths)
                result.chosen.append(f"{student}/{assignment}: took {path.relative_to(source)} of "
                                     f"{', '.join(str(p.relative_to(source)) for p in paths)} ({why})")
            _put(root, source, path, student, assignment, force, result)
    return result


def _put(root: Path, source: Path, path: Path, student: str, assignment: str, force: bool, result: Collected):
    relative = path.relative_to(source)
    target = paths(root).submission(student, assignment) / (
        f"{assignment}.ipynb" if len(relative.parts) == 1 else relative.name)
    if target.exists() and target.read_bytes() == path.read_bytes():
        result.unchanged.append(str(relative))
        return
    if target.parent.exists() and any(target.parent.iterdir()) and not force:
        result.problems.append(f"{relative}: {student} already has a submission for {assignment}; "
                               "not replaced (use --force to replace it)")
        return
    if target.parent.exists():
        shutil.rmtree(target.parent)
    shutil.rmtree(paths(root).original(student, assignment), ignore_errors=True)
    target.parent.mkdir(parents=True)
    shutil.copy(path, target)
    result.placed.append(f"{relative} -> {paths(root).shown(target)}")


def _best(root: Path, assignment: str, paths: list[Path]) -> tuple[Path, str]:
    """The notebook most like the release (its graded cells), then with the most solution
    cells worked on, then the newest; and why in words."""
    release = read_release(root, assignment)
    scored = []
    for path in paths:
        nb, _ = read_submission(path.read_bytes())
        scored.append(((*_likeness(nb, release), path.stat().st_mtime), path))
    scored.sort(key=lambda item: item[0], reverse=True)
    (best, path), (second, _) = scored[0], scored[1]
    if best[0] != second[0]:
        why = f"it has {best[0]} of the release's graded cells, the next best {second[0]}"
    elif best[1] != second[1]:
        why = f"it has the most solution cells worked on ({best[1]})"
    else:
        why = "they match the release equally; it is the newest"
    return path, why


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


def _place(relative: Path, assignments: list[str]):
    if len(relative.parts) == 3 and relative.parts[1] in assignments:
        return relative.parts[0], relative.parts[1]
    match = FLAT.match(relative.name)
    if len(relative.parts) == 1 and match and match["assignment"] in assignments:
        return match["student"], match["assignment"]
    return None, None
