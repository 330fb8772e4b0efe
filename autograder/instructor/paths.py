"""Where the course keeps its grading state: one object knows every path.

Submissions, autograded copies, feedback, the originals as submitted, the gradebook,
the grading log, the release zips and whatever ``course export``/``report`` write by
default live in one *course-state* folder, configured once in ``nbgrader_config.py``
(default ``<course root>/course-state/``, ignored by git), never inside the package.
``nbgrader_config.py`` calls :meth:`CoursePaths.configure` so that nbgrader's own folders
and the ``GradingNotes`` log path are derived from the same object; every command then
rebuilds it with :meth:`CoursePaths.from_config`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_STATE = "course-state"


@dataclass(frozen=True)
class CoursePaths:
    root: Path
    state: Path
    """The course-state folder (absolute)."""
    submitted_name: str = "submitted"
    autograded_name: str = "autograded"
    feedback_name: str = "feedback"

    @classmethod
    def at(cls, root: str | os.PathLike, state: str | os.PathLike = DEFAULT_STATE) -> CoursePaths:
        """The paths of the course at ``root`` keeping its state in ``state`` (relative to
        ``root``, or absolute)."""
        root = Path(root).resolve()
        return cls(root, (root / state).resolve())

    @classmethod
    def from_config(cls, config) -> CoursePaths:
        """The paths a loaded ``nbgrader_config.py`` describes (nbgrader's folders as nbgrader
        itself will resolve them)."""
        directory, ours = config.CourseDirectory, config.CoursePaths
        root = Path(directory.root).resolve()
        state = (root / ours.state_directory).resolve()

        def name(trait: str, default: str) -> str:
            folder = (root / directory[trait]).resolve() if trait in directory else state / default
            return os.path.relpath(folder, state)
        return cls(root, state, name("submitted_directory", "submitted"),
                   name("autograded_directory", "autograded"), name("feedback_directory", "feedback"))

    def configure(self, c) -> None:
        """Set nbgrader's folders, the gradebook and the ``GradingNotes`` log in config ``c``."""
        c.CoursePaths.state_directory = str(self.state)
        c.CourseDirectory.root = str(self.root)
        c.CourseDirectory.submitted_directory = os.path.relpath(self.submitted, self.root)
        c.CourseDirectory.autograded_directory = os.path.relpath(self.autograded, self.root)
        c.CourseDirectory.feedback_directory = os.path.relpath(self.feedback, self.root)
        c.CourseDirectory.db_url = "sqlite:///" + str(self.gradebook)
        c.GradingNotes.log_path = str(self.log)

    @property
    def submitted(self) -> Path:
        return self.state / self.submitted_name

    @property
    def autograded(self) -> Path:
        return self.state / self.autograded_name

    @property
    def feedback(self) -> Path:
        return self.state / self.feedback_name

    @property
    def originals(self) -> Path:
        """The files as collected, before grading rewrote or renamed them."""
        return self.state / "originals"

    @property
    def releases(self) -> Path:
        """The zip of each assignment for students."""
        return self.state / "release"

    @property
    def gradebook(self) -> Path:
        """The default sqlite gradebook (``--db`` may name another database)."""
        return self.state / "gradebook.db"

    @property
    def log(self) -> Path:
        """``course grade``'s log: every submission's status, score and reasons."""
        return self.state / "grading-log.json"

    @property
    def records(self) -> Path:
        """What ``course grade`` knows about each submission between runs."""
        return self.state / "graded.json"

    def output(self, name: str) -> Path:
        """Where ``course export``/``report`` write when given no path."""
        return self.state / name

    def submission(self, student: str, assignment: str) -> Path:
        return self.submitted / student / assignment

    def original(self, student: str, assignment: str) -> Path:
        return self.originals / student / assignment

    def autograded_notebook(self, student: str, assignment: str) -> Path:
        return self.autograded / student / assignment / f"{assignment}.ipynb"

    def feedback_page(self, student: str, assignment: str) -> Path:
        return self.feedback / student / assignment / f"{assignment}.html"

    def shown(self, path: Path) -> str:
        """``path`` as the instructor reads it: relative to the course root where it lies inside."""
        path = Path(path)
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)
