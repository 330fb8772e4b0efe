"""Is each notebook's kernel its own? A grading worker launches the next notebook's kernel
while the previous notebook is judged; that kernel must be a fresh sandbox, which nothing
the previous submission did can reach, and none may be left when grading ends."""
import os
import subprocess

import pytest

from autograder.instructor.grading import grade_many
from autograder.instructor.submissions import make_submission
from tests.support import ROOT, course_copy, submit

A = "03-momentum"
PLANT = "\nimport os\nopen(os.path.expanduser('~/planted'), 'w').write('x')\nos.environ['PLANTED'] = '1'\n"
LOOK = ("\nimport os\nif os.path.exists(os.path.expanduser('~/planted')) or 'PLANTED' in os.environ:\n"
        "    raise RuntimeError('what the previous notebook left')\n")


@pytest.mark.slow
def test_the_kernel_launched_ahead_sees_nothing_of_the_previous_notebook(tmp_path, own_tmpdir):
    root = course_copy(tmp_path)
    for student, extra in {"a-planter": PLANT, "b-looker": LOOK, "c-looker": LOOK}.items():
        nb = make_submission(ROOT, A)
        solution = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")][-1]
        solution.source += extra
        submit(root, student, A, nb)
    outcomes = grade_many(root, [A], jobs=1)
    assert all(o.status == "graded" and o.score == o.max_score > 0 for o in outcomes), outcomes
    assert [o.problems for o in outcomes] == [[], [], []]
    assert os.listdir(own_tmpdir) == []
    assert subprocess.run(["pgrep", "-f", own_tmpdir], capture_output=True).stdout == b""


@pytest.mark.slow
def test_a_kernel_that_cannot_be_launched_ahead_costs_no_submission_anything(tmp_path, own_tmpdir, monkeypatch):
    from autograder.instructor import grading
    from autograder.judge import kernel

    def refuse(self, extra_arguments):
        raise RuntimeError("no kernel today")

    root = course_copy(tmp_path)
    for student in ("a", "b"):
        submit(root, student, A, make_submission(ROOT, A))
    grading._ensure_in_gradebook(root, [A], ["a", "b"], None)
    monkeypatch.setattr(kernel._Ahead, "enabled", True)
    monkeypatch.setattr(kernel.SandboxedKernelManager, "launch", refuse)
    outcomes = [grading.grade_one(root, A, student) for student in ("a", "b")]
    assert [(o.status, o.score == o.max_score > 0, o.problems) for o in outcomes] == [("graded", True, [])] * 2
    assert os.listdir(own_tmpdir) == []
