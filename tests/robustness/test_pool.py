"""Does the grading pool survive a worker that dies? Without the sandbox (``--no-sandbox``)
a kernel can kill its grading worker; the submission that does so fails alone, with a
reason, the rest of the class is graded, ``course grade`` exits 1, and the dead worker's
scratch folders go with the run."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.instructor.submissions import make_submission
from tests.support import ROOT, course_copy, state, submit

A = "03-momentum"


@pytest.mark.slow
def test_a_submission_that_kills_its_worker_fails_alone_and_the_rest_are_graded(tmp_path, own_tmpdir):
    root = course_copy(tmp_path, timeout=20)
    killer = make_submission(ROOT, A)
    solution = next(c for c in killer.cells if c.metadata.get("nbgrader", {}).get("solution"))
    solution.source += "\nimport os, signal\nos.kill(os.getppid(), signal.SIGKILL)  # the grading worker\n"
    for student, nb in {"a-killer": killer, "b-correct": make_submission(ROOT, A),
                        "c-correct": make_submission(ROOT, A)}.items():
        submit(root, student, A, nb)
    done = subprocess.run([str(Path(sys.executable).parent / "course"), "--root", str(root), "grade", A,
                           "--jobs", "2", "--no-sandbox"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "could not be graded: a-killer" in done.stderr
    log = {entry["student"]: entry for entry in json.loads(state(root).log.read_text()).values()}
    assert log["a-killer"]["status"] == "failed" and "worker died" in log["a-killer"]["problems"][0]
    assert all(log[s]["status"] == "graded" and log[s]["score"] == log[s]["max_score"] > 0
               for s in ("b-correct", "c-correct"))
    assert os.listdir(own_tmpdir) == []
