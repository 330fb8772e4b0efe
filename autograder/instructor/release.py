"""``course release``: regenerate the student notebooks and a zip per assignment."""
from __future__ import annotations

import zipfile
from pathlib import Path

from .course import open_api, paths


class ReleaseError(RuntimeError):
    """nbgrader could not generate an assignment."""


def release(root: Path, names: list[str], db_url: str | None = None) -> list[Path]:
    """Run ``generate_assignment`` for each assignment and zip its ``exercises/`` folder
    into ``<course state>/release/<assignment>.zip``. Returns the zip paths."""
    zips = []
    with open_api(root, db_url) as api:
        for name in names:
            result = api.generate_assignment(name, force=True, create=True)
            if not result["success"]:
                raise ReleaseError(f"{name}: {result.get('error') or result.get('log')}")
            zips.append(_zip(root / "exercises" / name, paths(root).releases / f"{name}.zip"))
    return zips


def _zip(folder: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, Path(folder.name) / path.relative_to(folder))
    return target
