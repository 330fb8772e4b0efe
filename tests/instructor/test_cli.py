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
