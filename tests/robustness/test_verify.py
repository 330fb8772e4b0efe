"""Does the clean re-check see through tampering that fools the checks inside the kernel?"""
import pytest

from autograder.instructor.submissions import make_submission
from autograder.instructor.verify import gradable_items, graded_definitions, recheck, suspicious_code
from tests.support import ROOT

A = "01-gradient-descent"


def sigmoid_from_reference(z):
    from autograder.references.gradient_descent import sigmoid
    return sigmoid(z)


def sigmoid_identity(z):
    return z


def with_code(nb, grade_id, code):
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    cell.source += "\n" + code
    return nb


def test_a_correct_submission_passes_the_clean_recheck():
    nb = make_submission(ROOT, A)
    assert recheck(nb, gradable_items(nb)) == {i: None for i in gradable_items(nb)}


@pytest.mark.parametrize("tamper", [
    "np.allclose = lambda *a, **k: True",
    "import sys, types; sys.modules['autograder.checks.gradient_descent'] = types.SimpleNamespace(check_sigmoid=lambda f: None)",
    "def check_sigmoid(f):\n    return None",
])
def test_top_level_tampering_does_not_run_in_the_clean_recheck(tamper):
    nb = with_code(make_submission(ROOT, A, {"sigmoid": sigmoid_identity}), "sigmoid", tamper)
    assert recheck(nb, ["sigmoid"])["sigmoid"] is not None


def test_reading_the_reference_is_refused_and_flagged():
    nb = make_submission(ROOT, A, {"sigmoid": sigmoid_from_reference})
    assert "not allowed" in recheck(nb, ["sigmoid"])["sigmoid"]
    assert any("autograder" in s for s in suspicious_code(nb))


def test_exiting_or_looping_at_top_level_does_not_reach_the_recheck():
    nb = with_code(make_submission(ROOT, A), "sigmoid", "import os\nos._exit(3)\nwhile True:\n    pass")
    assert not any("_exit" in s or "while" in s for s in graded_definitions(nb))
    assert recheck(nb, ["sigmoid", "log_loss"]) == {"sigmoid": None, "log_loss": None}


def test_a_function_that_hangs_times_out_with_a_reason():
    def sigmoid(z):
        while True:
            pass
    nb = make_submission(ROOT, A, {"sigmoid": sigmoid})
    assert "timed out" in recheck(nb, ["sigmoid"], timeout=8)["sigmoid"]


def test_a_memory_hog_fails_without_taking_the_machine_down():
    def sigmoid(z):
        return np.ones(10 ** 11)  # noqa: F821 - np comes from the notebook
    nb = make_submission(ROOT, A, {"sigmoid": sigmoid})
    assert "MemoryError" in recheck(nb, ["sigmoid"])["sigmoid"] or "Unable to allocate" in recheck(nb, ["sigmoid"])["sigmoid"]


@pytest.mark.parametrize("value", ["3 * 0.3", "10 ** 0", "1 / 2 + HALF"])
def test_a_constant_written_as_arithmetic_is_graded_like_the_number(value):
    nb = make_submission(ROOT, A)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "learning_rate")
    cell.source = f"HALF = 0.5\nlearning_rate = {value}"
    assert recheck(nb, ["learning_rate"]) == {"learning_rate": None}


@pytest.mark.parametrize("value", ["setattr(np, 'allclose', print)", "np.__dict__", "(lambda: 1.0)()"])
def test_a_constant_that_calls_or_reaches_inside_is_not_run(value):
    nb = with_code(make_submission(ROOT, A), "sigmoid", f"x = {value}")
    assert not any(s.startswith("x =") for s in graded_definitions(nb))
