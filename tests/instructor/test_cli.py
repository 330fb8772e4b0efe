"""Does ``course`` fail loudly, in one line, when it is pointed at the wrong thing?"""
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

COURSE = str(Path(sys.executable).parent / "course")


def course(*args, cwd=ROOT):
    return subprocess.run([COURSE, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", ["grade", "feedback", "check", "release"])
def test_an_unknown_assignment_is_refused_with_the_closest_name(command):
    done = course(command, "05-adma")
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == ["Error: no assignment '05-adma' in this course; did you mean 05-adam?"]


def test_outside_a_course_folder_one_line_says_how_to_point_at_one(tmp_path):
    done = course("grade", cwd=tmp_path)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "--root" in done.stderr


@pytest.mark.parametrize("order", [("--root", str(ROOT), "check", "05-adma"), ("check", "05-adma", "--root", str(ROOT)),
                                   ("check", f"--root={ROOT}", "05-adma")])
def test_root_works_before_or_after_the_subcommand(tmp_path, order):
    done = course(*order, cwd=tmp_path)
    assert "did you mean 05-adam?" in done.stderr, done.stderr


def test_diagnose_prints_passed_or_the_diagnosis_and_exits_0_only_when_all_pass(tmp_path):
    import nbformat

    from autograder.instructor.submissions import make_submission
    from autograder.misconceptions.adam import adam_update_without_bias_correction

    correct, buggy = tmp_path / "05-adam.ipynb", tmp_path / "my_adam_final.ipynb"
    nbformat.write(make_submission(ROOT, "05-adam"), correct)
    nbformat.write(make_submission(ROOT, "05-adam", {"adam_update": adam_update_without_bias_correction}), buggy)
    done = course("diagnose", str(correct))
    assert done.returncode == 0 and done.stdout.splitlines()[1:] == ["  adam_update: passed", "  adamw_update: passed"]
    done = course("diagnose", str(correct), str(buggy))
    assert done.returncode == 1
    assert "(05-adam)" in done.stdout.splitlines()[3] and "adam_update: FAILED" in done.stdout
    assert "[adam.no_bias_correction]" in done.stdout and done.stdout.count("adamw_update: passed") == 2
    (tmp_path / "junk.ipynb").write_text("{")
    assert course("diagnose", str(tmp_path / "junk.ipynb")).returncode == 1
