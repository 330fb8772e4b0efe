"""``course collect``: bring submissions exported by an LMS into nbgrader's layout,
``autograder/submitted/<student>/<assignment>/``, without ever overwriting silently."""
from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

FLAT = re.compile(r"^(?P<student>[A-Za-z0-9.\-]+?)_(?P<assignment>\d\d-[a-z0-9\-]+?)(?:_[^/]*)?\.ipynb$")


@dataclass
class Collected:
    placed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def collect(root: Path, source: Path, assignments: list[str], force: bool = False) -> Collected:
    """Place every notebook of ``source`` (a folder or a zip) by its name or its folders."""
    result = Collected()
    with tempfile.TemporaryDirectory() as scratch:
        if source.is_file() and zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as archive:
                archive.extractall(scratch)
            source = Path(scratch)
        if not source.is_dir():
            result.problems.append(f"{source}: not a folder or a zip file")
            return result
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            relative = path.relative_to(source)
            student, assignment = _place(relative, assignments)
            if student is None:
                result.problems.append(
                    f"{relative}: cannot tell whose or which assignment this is; expected "
                    "<student>_<assignment>.ipynb or <student>/<assignment>/<notebook>.ipynb "
                    f"with an assignment among {', '.join(assignments)}")
                continue
            target = root / "autograder" / "submitted" / student / assignment / (
                f"{assignment}.ipynb" if len(relative.parts) == 1 else relative.name)
            if target.exists() and target.read_bytes() == path.read_bytes():
                result.unchanged.append(str(relative))
                continue
            if target.parent.exists() and any(target.parent.iterdir()) and not force:
                result.problems.append(f"{relative}: {student} already has a submission for {assignment}; "
                                       "not replaced (use --force to replace it)")
                continue
            if target.parent.exists():
                shutil.rmtree(target.parent)
            shutil.rmtree(root / "autograder" / "originals" / student / assignment, ignore_errors=True)
            target.parent.mkdir(parents=True)
            shutil.copy(path, target)
            result.placed.append(f"{relative} -> {target.relative_to(root)}")
    return result


def _place(relative: Path, assignments: list[str]):
    if relative.suffix != ".ipynb":
        return None, None
    if len(relative.parts) == 3 and relative.parts[1] in assignments:
        return relative.parts[0], relative.parts[1]
    match = FLAT.match(relative.name)
    if len(relative.parts) == 1 and match and match["assignment"] in assignments:
        return match["student"], match["assignment"]
    return None, None
