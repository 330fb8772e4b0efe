"""A class of broken and hostile submissions graded by ``course grade`` (real nbgrader
underneath): correct work keeps full marks, everything else scores only what it earned,
with a reason, and nobody else's grading is touched. The table of cases with what each
got is written to test-artifacts/hostile-class.md, and each student's feedback carries
the same reasons."""
import json
import re

import nbformat
import pytest

from autograder.instructor import course
from autograder.instructor.grading import grade_many
from autograder.instructor.integrity import check_gradebook
from autograder.instructor.submissions import make_submission
from tests.site.leaks import normalize
from tests.support import ARTIFACTS, ROOT, course_copy

A = "01-gradient-descent"


def cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def edited(grade_id, extra, nb=None):
    nb = nb or make_submission_for_class()
    cell(nb, grade_id).source += "\n" + extra
    return nb


def make_submission_for_class(overrides=None):
    return make_submission(ROOT, A, overrides)


def sigmoid_raises(z):
    raise ValueError("oops")


def sigmoid_none(z):
    return None


def sigmoid_wrong_shape(z):
    return np.zeros(3)  # noqa: F821


def sigmoid_nan(z):
    return np.full(np.shape(z), np.nan)  # noqa: F821


def sigmoid_huge(z):
    return np.ones(10 ** 7)  # noqa: F821


def sigmoid_loops(z):
    while True:
        pass


def sigmoid_fake_equal(z):
    class AlwaysEqual(float):
        def __eq__(self, other):
            return True
    return AlwaysEqual(0.5)


def sigmoid_from_reference(z):
    from autograder.references.gradient_descent import sigmoid
    return sigmoid(z)


def sigmoid_noisy(z):
    import sys
    import warnings

    warnings.warn("harmless", RuntimeWarning)
    warnings.warn("old API", DeprecationWarning)
    print("debug", file=sys.stderr)
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))  # noqa: F821
    return np.where(np.asarray(z) >= 0, 1 / (1 + e), e / (1 + e))  # noqa: F821


def sigmoid_wrong(z):
    return z


def deleted(nb):
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_sigmoid_basics"]
    return nb


def duplicated(nb):
    nb.cells = nb.cells + [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")][:3]
    return nb


def reordered(nb):
    nb.cells = nb.cells[:3] + nb.cells[6:9] + nb.cells[3:6] + nb.cells[9:]
    return nb


def retyped(nb):
    target = cell(nb, "sigmoid")
    target.cell_type = "markdown"
    target.pop("outputs"), target.pop("execution_count")
    return nb


# name -> (file bytes or notebook, expected: "full", "zero-for-sigmoid", "zero", or "partial")
CASES = {
    "correct": (make_submission_for_class(), "full"),
    "noisy but correct": (make_submission_for_class({"sigmoid": sigmoid_noisy}), "full"),
    "renamed notebook, correct code": (make_submission_for_class(), "full"),
    "under the wrong assignment": (make_submission(ROOT, "03-momentum"), "zero"),
    "empty file": (b"", "zero"),
    "invalid JSON": (b'{"cells": [', "zero"),
    "JSON, not a notebook": (b'{"answer": 42}', "zero"),
    "deleted test cell": (deleted(make_submission_for_class()), "full"),
    "duplicated test cells": (duplicated(make_submission_for_class()), "full"),
    "reordered cells": (reordered(make_submission_for_class()), "full"),
    "solution cell turned markdown": (retyped(make_submission_for_class()), "full"),
    "raises": (make_submission_for_class({"sigmoid": sigmoid_raises}), "zero-for-sigmoid"),
    "returns None": (make_submission_for_class({"sigmoid": sigmoid_none}), "zero-for-sigmoid"),
    "wrong shape": (make_submission_for_class({"sigmoid": sigmoid_wrong_shape}), "zero-for-sigmoid"),
    "nan": (make_submission_for_class({"sigmoid": sigmoid_nan}), "zero-for-sigmoid"),
    "huge array": (make_submission_for_class({"sigmoid": sigmoid_huge}), "zero-for-sigmoid"),
    "infinite loop": (make_submission_for_class({"sigmoid": sigmoid_loops}), "partial"),
    "sleep at top level": (edited("sigmoid", "import time\ntime.sleep(600)"), "full"),
    "flood of output": (edited("sigmoid", "for i in range(200000):\n    print('spam', i)"), "full"),
    "memory hog": (edited("sigmoid", "hog = np.ones(10 ** 10)"), "full"),
    "object faking equality": (make_submission_for_class({"sigmoid": sigmoid_fake_equal}), "zero-for-sigmoid"),
    "np.allclose patched": (edited("sigmoid", "np.allclose = lambda *a, **k: True",
                                   make_submission_for_class({"sigmoid": sigmoid_wrong})), "zero-for-sigmoid"),
    "fake checks module": (edited("sigmoid", "import sys, types\nsys.modules['autograder.checks.gradient_descent'] = "
                                  "types.SimpleNamespace(**{n: (lambda f: None) for n in ['check_sigmoid', "
                                  "'check_log_loss', 'check_log_loss_grad', 'check_gd_update', 'check_learning_rate']})",
                                  make_submission_for_class({"sigmoid": sigmoid_wrong})), "zero-for-sigmoid"),
    "reads the reference": (make_submission_for_class({"sigmoid": sigmoid_from_reference}), "zero-for-sigmoid"),
    "sys.exit": (edited("sigmoid", "import sys\nsys.exit(0)"), "full"),
    "os._exit": (edited("sigmoid", "import os\nos._exit(0)"), "full"),
    "deletes course files": (edited("sigmoid", "import shutil\nshutil.rmtree('../../../../exercises', ignore_errors=True)"),
                             "full"),
}


def _edited_locked(wrong):
    nb = make_submission_for_class({"sigmoid": sigmoid_wrong} if wrong else None)
    cell(nb, "test_sigmoid_basics").source = "pass"
    return nb


CASES |= {"edited locked test, correct code": (_edited_locked(False), "full"),
          "edited locked test, wrong code": (_edited_locked(True), "zero-for-sigmoid")}


REASONS = {
    "under the wrong assignment": "belongs to assignment 03-momentum",
    "infinite loop": "time limit",
    "sleep at top level": "time limit",
    "flood of output": "too long and was cut: sigmoid",
    "memory hog": "sigmoid (MemoryError",
    "sys.exit": "sigmoid (SystemExit",
    "np.allclose patched": "test_sigmoid_against_reference (",
}
"""Cases whose reason must say this: their scores alone would not tell the student why."""

CLASS_SIZE = 100
"""The hostile cases, and correct submissions (alternately quiet and noisy) up to this size."""


@pytest.mark.slow
def test_every_broken_or_hostile_submission_gets_what_it_earned_with_a_reason(tmp_path):
    root = course_copy(tmp_path, timeout=10)
    cases = dict(CASES)
    for extra in range(CLASS_SIZE - len(CASES)):
        name = "correct" if extra % 2 else "noisy but correct"
        cases[f"{name} #{extra}"] = CASES[name]
    students = {}
    for index, (name, (content, _)) in enumerate(cases.items()):
        student = f"s{index:03d}"
        students[student] = name
        folder = root / "autograder" / "submitted" / student / A
        folder.mkdir(parents=True)
        data = content if isinstance(content, bytes) else nbformat.writes(content).encode()
        (folder / ("my-work.ipynb" if name.startswith("renamed") else f"{A}.ipynb")).write_bytes(data)
    outcomes = {o.student: o for o in grade_many(root, [A], jobs=2)}

    rows, wrong = [], []
    for student, name in students.items():
        outcome, expected = outcomes[student], cases[name][1]
        reasons = outcome.problems + [f"{test}: {why}" for test, why in outcome.failed.items()]
        with_reason = expected == "full" or bool(reasons)
        if expected == "zero-for-sigmoid":
            with_reason = any(test.startswith("test_sigmoid_") for test in outcome.failed)
        rows.append(f"| {name} | {outcome.status} | {outcome.score:g}/{outcome.max_score:g} | "
                    f"{'; '.join(reasons)[:200] or '-'} |")
        ok = {"full": outcome.score == outcome.max_score,
              "zero": outcome.score == 0 and outcome.problems,
              "zero-for-sigmoid": 0 < outcome.score <= outcome.max_score - 3,
              "partial": 0 < outcome.score < outcome.max_score}[expected]
        if name in REASONS:
            with_reason = any(REASONS[name] in p for p in outcome.problems)
        if not (ok and with_reason):
            wrong.append((name, expected, outcome))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "hostile-class.md").write_text(
        "| submission | status | score | reason given |\n|---|---|---|---|\n" + "\n".join(rows) + "\n")
    assert not wrong, "\n".join(f"{n}: expected {e}, got {o}" for n, e, o in wrong)

    assert (root / "exercises" / A / f"{A}.ipynb").exists(), "the deleted release was not restored"
    blamed = {students[o.student] for o in outcomes.values() if any("Course files were changed" in p for p in o.problems)}
    assert "deletes course files" in blamed and not any("correct" in n or "np." in n for n in blamed), blamed
    assert check_gradebook(root, course.load_config(root).CourseDirectory.db_url, [A]) == []
    log = json.loads((root / "autograder" / "grading-log.json").read_text())
    assert len(log) == len(cases) == CLASS_SIZE

    with course.open_api(root) as api:
        assert api.generate_feedback(A)["success"]
    for student, name in students.items():
        page = normalize((root / "autograder" / "feedback" / student / A / f"{A}.html").read_text())
        missing = [p for p in outcomes[student].problems if normalize(p)[:80] not in page]
        assert not missing, f"{name}: the feedback lacks {missing}"
        assert "BEGIN HIDDEN TESTS" not in page and not re.search(r"check_\w+\(", page), \
            f"{name}: the feedback shows hidden test code"
