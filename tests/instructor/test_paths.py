"""Where grading state goes: one configurable course-state folder outside the package."""
import subprocess
import sys
from pathlib import Path

from autograder.instructor import course
from tests.support import course_copy, state


def test_state_defaults_to_course_state_and_nbgrader_agrees(tmp_path):
    root = course_copy(tmp_path)
    paths = state(root)
    config = course.load_config(root)
    assert paths.state == tmp_path.resolve() / "course-state"
    assert config.CourseDirectory.db_url == f"sqlite:///{paths.state / 'gradebook.db'}"
    assert config.GradingNotes.log_path == str(paths.log)
    with course.open_api(root) as api:
        assert Path(api.coursedir.format_path(api.coursedir.submitted_directory, "s", "a")) == paths.submission("s", "a")
        assert Path(api.coursedir.format_path(api.coursedir.feedback_directory, "s", "a")).parent == paths.feedback / "s"


def test_one_line_moves_all_state_also_outside_the_course(tmp_path):
    (tmp_path / "course").mkdir()
    root = course_copy(tmp_path / "course")
    config = root / "nbgrader_config.py"
    config.write_text(config.read_text().replace('STATE = "course-state"', f'STATE = {str(tmp_path / "elsewhere")!r}'))
    paths = state(root)
    assert paths.state == tmp_path / "elsewhere" and paths.log == tmp_path / "elsewhere" / "grading-log.json"
    assert course.load_config(root).GradingNotes.log_path == str(paths.log)
    done = subprocess.run([str(Path(sys.executable).parent / "course"), "--root", str(root), "release", "05-adam"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "elsewhere" / "release" / "05-adam.zip").is_file()
    assert str(tmp_path / "elsewhere" / "release" / "05-adam.zip") in done.stdout
    assert not list((root / "course-state").glob("*")) if (root / "course-state").exists() else True


def test_the_repository_ignores_the_state_folder():
    from tests.support import ROOT

    ignored = subprocess.run(["git", "check-ignore", "course-state/gradebook.db", "course-state/grades.csv"],
                             cwd=ROOT, capture_output=True, text=True)
    assert ignored.stdout.split() == ["course-state/gradebook.db", "course-state/grades.csv"]
