"""The instructor's round trip through Canvas and Moodle: collect the bulk download with
the roster, grade (only what changed; resuming an interrupted run), feedback, export
what each importer accepts, report."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.instructor import course
from autograder.instructor.grading import grade_many
from tests.instructor.lms_files import (CANVAS_ROSTER, GD, MOMENTUM, MOODLE_ROSTER, canvas_download,
                                        canvas_import_errors, moodle_import_errors, notebook, read_csv, write_csv)
from tests.support import course_copy, state

COURSE = str(Path(sys.executable).parent / "course")
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("round-trip")]


def run(root, *args):
    return subprocess.run([COURSE, "--root", str(root), *args], capture_output=True, text=True, timeout=900)


class Interrupted(Exception):
    pass


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A Canvas class collected, its first grading interrupted after one submission, then
    resumed: (course root, rosters folder, the resumed run's outcomes)."""
    base = tmp_path_factory.mktemp("round-trip")
    (base / "course").mkdir()
    root = course_copy(base / "course")
    roster = write_csv(base / "canvas.csv", CANVAS_ROSTER)
    write_csv(base / "moodle.csv", MOODLE_ROSTER)
    done = run(root, "collect", str(canvas_download(base / "submissions.zip")), "--roster", str(roster))
    assert done.returncode == 1 and "Canvas user 1050 is not in the roster" in done.stderr

    def stop_after_one(outcome):
        raise Interrupted

    with pytest.raises(Interrupted):
        grade_many(root, [GD, MOMENTUM], jobs=2, progress=stop_after_one)
    resumed = grade_many(root, [GD, MOMENTUM], jobs=2)
    return root, base, resumed


def test_an_interrupted_run_resumes_and_a_second_run_grades_nothing(graded):
    root, _, resumed = graded
    assert len(resumed) == 3  # of 4: one was recorded before the interruption
    done = run(root, "grade", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert "4 submissions unchanged since they were graded: not graded again" in done.stdout
    assert "graded 0 submissions" in done.stdout


def test_a_changed_submission_is_graded_again_alone_and_notes_survive_regrading(graded, tmp_path):
    root, base, _ = graded
    log = json.loads(state(root).log.read_text())
    notes = " ".join(log[f"{GD}/rroe"]["problems"])
    assert "submitted as hw_final.ipynb" in notes
    assert "You submitted 2 notebooks for 01-gradient-descent" in " ".join(log[f"{GD}/jdoe"]["problems"])

    download = tmp_path / "poe.zip"
    import zipfile
    with zipfile.ZipFile(download, "w") as archive:  # Edgar resubmits 03 late, now a stub
        archive.writestr("poeedgar_late_1003_70009_momentum.ipynb", notebook(MOMENTUM, solved=False))
    done = run(root, "collect", str(download), "--roster", str(base / "canvas.csv"), "--force")
    assert done.returncode == 0, done.stderr
    done = run(root, "grade", "--jobs", "2")
    assert "3 submissions unchanged" in done.stdout and "graded 1 submissions" in done.stdout, done.stdout
    done = run(root, "grade", "--jobs", "2", "--all")
    assert "unchanged" not in done.stdout and "graded 4 submissions" in done.stdout, done.stdout
    log = json.loads(state(root).log.read_text())
    assert "submitted as hw_final.ipynb" in " ".join(log[f"{GD}/rroe"]["problems"])
    assert "You submitted 2 notebooks" in " ".join(log[f"{GD}/jdoe"]["problems"])
    assert log[f"{MOMENTUM}/epoe"]["score"] == 0


def test_canvas_export_is_what_canvas_imports(graded):
    root, base, _ = graded
    done = run(root, "export", "--lms", "canvas", "--roster", str(base / "canvas.csv"))
    assert done.returncode == 0, done.stderr
    out = state(root).output("grades-canvas.csv")
    assert canvas_import_errors(out, CANVAS_ROSTER) == []
    header, points, *rows = read_csv(out)
    assert header == [*CANVAS_ROSTER[0][:5], "01 Gradient Descent (5501)", "03 Momentum (5503)"]
    assert points[:5] == ["Points Possible", "", "", "", ""] and all(float(p) > 0 for p in points[5:])
    assert [r[3] for r in rows] == ["jdoe", "rroe", "epoe", "qquiet", ""]  # roster order, everyone
    assert rows[1][5] == points[5] and rows[1][6] == ""  # rroe: full marks for 01, nothing for 03
    assert rows[3][5:] == ["", ""] and rows[4][5:] == ["", ""]


def test_moodle_export_is_what_moodle_imports(graded):
    root, base, _ = graded
    out = base / "moodle-import.csv"
    done = run(root, "export", str(out), "--lms", "moodle", "--roster", str(base / "moodle.csv"))
    assert done.returncode == 0, done.stderr
    assert moodle_import_errors(out, MOODLE_ROSTER) == []
    header, *rows = read_csv(out)
    assert header == ["ID number", "Email address", "Assignment: 01 Gradient Descent (Real)",
                      "Assignment: 03 Momentum (Real)"]
    assert [r[0] for r in rows] == ["jdoe", "rroe", "epoe", "qquiet"]
    assert run(root, "export", str(out), "--lms", "canvas", "--roster", str(base / "moodle.csv")).returncode == 1


def test_feedback_speaks_in_one_line_per_problem_and_fails_when_it_cannot(graded):
    root, _, _ = graded
    done = run(root, "feedback")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        f"feedback {GD}: 2 pages in course-state/feedback/<student>/{GD}/",
        f"feedback {MOMENTUM}: 2 pages in course-state/feedback/<student>/{MOMENTUM}/",
        "no submission graded, no feedback: " + ", ".join(a for a in course.assignments(root) if a not in (GD, MOMENTUM))]
    done = run(root, "feedback", "05-adam")
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["feedback 05-adam: no submission was graded; run course grade 05-adam first"]


def test_the_report_counts_missing_work_only_for_assignments_given(graded):
    root, _, _ = graded
    assert run(root, "report").returncode == 0
    page = state(root).output("report.html").read_text()
    assert page.count(">missing<") == 2  # rroe's 03 and epoe's 01 (qquiet submitted nothing: not in the gradebook)
    assert "05-adam" not in page
    assert run(root, "report", "--assignment", "05-adam").returncode == 0
    assert state(root).output("report.html").read_text().count(">missing<") == 2 + 3
