"""Collect what Canvas and Moodle hand out, with their rosters; refuse what is not a
regular file inside the download; show file names from submissions harmlessly."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder import escape
from autograder.instructor import course
from autograder.instructor.collect import collect
from autograder.instructor.lms import RosterError, assignment_key, read_roster
from autograder.instructor.report import _what_it_says
from tests.instructor.lms_files import (CANVAS_ROSTER, GD, MOMENTUM, MOODLE_ROSTER, canvas_download,
                                        moodle_download, notebook, write_csv)
from tests.support import course_copy, state

COURSE = str(Path(sys.executable).parent / "course")


def run(root, *args):
    return subprocess.run([COURSE, "--root", str(root), *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def root(tmp_path):
    (tmp_path / "course").mkdir()
    return course_copy(tmp_path / "course")


def test_a_roster_is_recognised_by_its_lms_header(tmp_path):
    canvas = read_roster(write_csv(tmp_path / "canvas.csv", CANVAS_ROSTER))
    assert canvas.lms == "canvas" and [r["SIS Login ID"] for r in canvas.rows] == ["jdoe", "rroe", "epoe", "qquiet", ""]
    assert canvas.points["01 Gradient Descent (5501)"] == "10.00"
    assert canvas.assignment_columns([GD, MOMENTUM, "05-adam"]) == {
        GD: "01 Gradient Descent (5501)", MOMENTUM: "03 Momentum (5503)"}
    moodle = read_roster(write_csv(tmp_path / "moodle.csv", MOODLE_ROSTER))
    assert moodle.lms == "moodle" and moodle.assignment_columns([GD]) == {GD: "Assignment: 01 Gradient Descent (Real)"}
    with pytest.raises(RosterError, match="not a gradebook export of Canvas"):
        read_roster(write_csv(tmp_path / "ours.csv", [["student", GD], ["Points Possible", "10"]]))


def test_assignment_names_match_ignoring_case_spaces_dashes_and_the_number():
    assert assignment_key("01 Gradient Descent (5501)") == assignment_key(GD) == assignment_key("01-GRADIENT descent")
    assert assignment_key("Assignment: 03 Momentum (Real)") == assignment_key(MOMENTUM)
    assert assignment_key("01 Gradient Descent Bonus (5502)") != assignment_key(GD)


def test_canvas_download_is_placed_through_the_roster_id_also_late_and_by_content(root, tmp_path):
    roster = read_roster(write_csv(tmp_path / "canvas.csv", CANVAS_ROSTER))
    result = collect(root, canvas_download(tmp_path / "submissions.zip"), course.assignments(root), roster=roster)
    placed = sorted(line.split(" -> ")[1] for line in result.placed)
    assert placed == [f"course-state/submitted/epoe/{MOMENTUM}/momentum.ipynb",
                      f"course-state/submitted/jdoe/{GD}/01-gradient-descent-1.ipynb",
                      f"course-state/submitted/jdoe/{MOMENTUM}/03-momentum.ipynb",
                      f"course-state/submitted/rroe/{GD}/hw_final.ipynb"]
    assert any("roerichard_late_1002_70002_hw_final.ipynb (late) ->" in line for line in result.placed)
    assert result.problems == ["ghoststudent_1050_70050_01-gradient-descent.ipynb: Canvas user 1050 is not in the "
                               "roster canvas.csv"]
    assert result.ignored == ["poeedgar_1003_70005_notes.txt"]
    assert len(result.chosen) == 1 and "took doejane_1001_70011_01-gradient-descent-1.ipynb" in result.chosen[0]


def test_moodle_download_is_placed_by_full_name_and_the_assignment_by_content(root, tmp_path):
    roster = write_csv(tmp_path / "moodle.csv", MOODLE_ROSTER)
    download = moodle_download(tmp_path / "moodle.zip")
    done = run(root, "collect", str(download), "--roster", str(roster))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "NOT collected: Ghost Student_404_assignsubmission_file_/01-gradient-descent.ipynb: 'Ghost Student' is not "
        "in the roster moodle.csv"]
    assert (state(root).submitted / "rroe" / GD / "frank_hw9_final.ipynb").is_file()
    assert (state(root).submitted / "epoe" / GD / "01.ipynb").is_file()
    assert "ignored (not a notebook): Edgar Poe_403_assignsubmission_onlinetext_/onlinetext.html" in done.stdout
    assert done.stdout.splitlines()[-1] == "3 collected, 0 unchanged, 1 ignored, 1 not collected"

    again = run(root, "collect", str(download), "--roster", str(roster))
    assert again.stdout.splitlines()[-1] == "0 collected, 3 unchanged, 1 ignored, 1 not collected"


def test_collecting_the_same_files_again_after_grading_renamed_them_is_unchanged_and_exits_0(root, tmp_path):
    from autograder.instructor.grading import _prepare

    export = tmp_path / "export"
    (export / "bob" / GD).mkdir(parents=True)
    (export / "bob" / GD / "my_work.ipynb").write_bytes(notebook(GD))
    assert run(root, "collect", str(export)).returncode == 0
    _prepare(root, GD, "bob")  # what grading does first: renamed to 01-gradient-descent.ipynb
    assert not (state(root).submission("bob", GD) / "my_work.ipynb").exists()
    done = run(root, "collect", str(export))
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "0 collected, 1 unchanged, 0 ignored, 0 not collected"


def test_collect_refuses_symlinks_and_paths_outside_the_source_and_says_why(root, tmp_path):
    export = tmp_path / "export"
    (export / "eve" / GD).mkdir(parents=True)
    solutions = root / "solutions" / GD / f"{GD}.ipynb"
    (export / "eve" / GD / f"{GD}.ipynb").symlink_to(solutions)
    (export / "mallory").symlink_to(root / "solutions", target_is_directory=True)
    (export / "fifo_01-gradient-descent.ipynb").parent.mkdir(exist_ok=True)
    os.mkfifo(export / "fifo_01-gradient-descent.ipynb")
    result = collect(root, export, course.assignments(root))
    assert not result.placed
    assert sorted(result.problems) == [
        f"eve/{GD}/{GD}.ipynb: refused, a symbolic link (links are not followed)",
        "fifo_01-gradient-descent.ipynb: refused, not a regular file",
        "mallory: refused, a symbolic link (links are not followed)"]

    archive = tmp_path / "hostile.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../outside_01-gradient-descent.ipynb", notebook(GD))
        z.writestr("/abs_01-gradient-descent.ipynb", notebook(GD))
        link = zipfile.ZipInfo("linked_01-gradient-descent.ipynb")
        link.external_attr = (0o120777 << 16)
        z.writestr(link, str(solutions))
        z.writestr("fine_01-gradient-descent.ipynb", notebook(GD))
    result = collect(root, archive, course.assignments(root))
    assert [p.split(" -> ")[0] for p in result.placed] == ["fine_01-gradient-descent.ipynb"]
    assert sorted(result.problems) == [
        "../outside_01-gradient-descent.ipynb: refused, its path leads outside the archive",
        "/abs_01-gradient-descent.ipynb: refused, its path leads outside the archive",
        "linked_01-gradient-descent.ipynb: refused, a symbolic link (links are not followed)"]
    assert not (tmp_path / "outside_01-gradient-descent.ipynb").exists()


def test_file_names_from_submissions_cannot_forge_console_lines_or_escape_codes(root, tmp_path):
    export = tmp_path / "export"
    (export / "eve" / GD).mkdir(parents=True)
    (export / "eve" / GD / "x\x1b[2J\ncollected everything -> graded 10 of 10.ipynb").write_bytes(notebook(GD))
    (export / "zed\r\x1b]0;pwned\x07_99-nothing.ipynb").write_bytes(b"{}")
    done = run(root, "collect", str(export))
    assert "\x1b" not in done.stdout + done.stderr and "\r" not in done.stdout + done.stderr
    lines = done.stdout.splitlines() + done.stderr.splitlines()
    assert len(lines) == 3 and all(l.startswith(("collected ", "NOT collected: ", "1 collected")) for l in lines), lines
    assert "x\\x1b[2J\\x0acollected everything" in done.stdout


def test_escaping_helpers():
    assert escape.terminal("a\nb\x1b[31m\u202ec") == "a\\x0ab\\x1b[31m\\u202ec"
    assert escape.html('<img src=x onerror="alert(1)">') == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert [escape.csv_name(n) for n in ("=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)", "jdoe")] == [
        "'=cmd|' /C calc'!A0", "'+1", "'-2", "'@SUM(1)", "jdoe"]


def test_the_report_masks_numbers_not_digits_inside_names():
    line = "l1_subgradient(w=-0.5) returned 0.25, expected 1e-3 at step 2"
    assert _what_it_says(line) == "l1_subgradient(w=#) returned #, expected # at step #"


def test_the_report_shows_text_from_submissions_as_text(root, tmp_path):
    import json

    from autograder.instructor.report import write_report

    paths = state(root)
    paths.state.mkdir(parents=True, exist_ok=True)
    paths.log.write_text(json.dumps({f"{GD}/eve": {
        "assignment": GD, "student": "eve", "status": "rebuilt", "score": 0, "max_score": 13,
        "problems": ['<script>alert(1)</script><img src=x onerror="alert(2)">'], "failed": {}, "verdicts": {}}}))
    with course.open_api(root) as api, api.gradebook:
        pass
    page = write_report(root, course.load_config(root).CourseDirectory.db_url, course.assignments(root),
                        tmp_path / "report.html").read_text()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "No submission has been graded yet." in page


def test_without_a_roster_a_notebook_named_for_no_assignment_is_placed_by_its_content(root, tmp_path):
    export = tmp_path / "export"
    export.mkdir()
    (export / "frank_hw9_final.ipynb").write_bytes(notebook(MOMENTUM))
    (export / "grace_hw9_final.ipynb").write_bytes(b"{}")
    result = collect(root, export, course.assignments(root))
    assert result.placed == [f"frank_hw9_final.ipynb -> course-state/submitted/frank/{MOMENTUM}/frank_hw9_final.ipynb"]
    assert len(result.problems) == 1 and result.problems[0].startswith("grace_hw9_final.ipynb: cannot tell whose")
