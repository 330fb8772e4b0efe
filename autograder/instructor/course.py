"""Open the course rooted at a folder with its ``nbgrader_config.py`` applied."""
from __future__ import annotations

import contextlib
import functools
import os
import sys
from pathlib import Path

from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from ..spec import ASSIGNMENTS
from .paths import CoursePaths


def find_root(start: str | os.PathLike = ".") -> Path:
    """The nearest folder at or above ``start`` that holds ``nbgrader_config.py``."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / "nbgrader_config.py").is_file():
            return folder
    raise FileNotFoundError(f"no nbgrader_config.py in {start} or any folder above it; "
                            "run this inside the course repository or pass --root")


def load_config(root: Path, db_url: str | None = None) -> Config:
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    if db_url:
        config.CourseDirectory.db_url = db_url
    return config


def paths(root: str | os.PathLike) -> CoursePaths:
    """Every path of the course at ``root``, as its ``nbgrader_config.py`` sets them."""
    config = Path(root).resolve() / "nbgrader_config.py"
    return _paths(str(config.parent), config.stat().st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _paths(root: str, _version: int) -> CoursePaths:
    return CoursePaths.from_config(load_config(Path(root)))


@contextlib.contextmanager
def open_api(root: Path, db_url: str | None = None):
    """An ``NbGraderAPI`` for the course at ``root`` (nbgrader resolves paths from cwd)."""
    config = load_config(root, db_url)
    url = config.CourseDirectory.db_url
    if url.startswith("sqlite:///"):  # sqlite creates the file but not its folder
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    _put_python_scripts_on_path()
    previous = os.getcwd()
    os.chdir(root)
    try:
        yield NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    finally:
        os.chdir(previous)


def assignments(root: Path) -> list[str]:
    """Assignments that have a source folder, in chapter order."""
    present = {p.name for p in (root / "solutions").iterdir() if p.is_dir()}
    return [a for a in ASSIGNMENTS if a in present] + sorted(present - set(ASSIGNMENTS))


def _put_python_scripts_on_path() -> None:
    """nbgrader runs ``alembic`` from PATH to create a gradebook; make it the one installed
    beside this Python, also when the virtual environment is not activated."""
    scripts = os.path.dirname(sys.executable)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")
