"""The whole chain, through real ``nbgrader autograde`` and ``generate_feedback``: for
every assignment, correct code gets full marks, the untouched release gets 0, and every
catalogued mistake loses the points of its function's tests and is named in the
feedback, which never shows hidden test code.

Mistakes are batched: submission k of an assignment gives every graded item its k-th
catalogued variant at once, so a handful of autogrades covers the whole catalog.
"""
import re

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder import misconceptions
from autograder.instructor import course
from autograder.instructor.submissions import graded_names, make_submission
from autograder.spec import function_of_test
from tests.support import ARTIFACTS, ROOT, course_copy, state, submit


def mutants(assignment):
    """[{graded item: (misconception id, variant)}], the k-th variant of each item in the k-th."""
    per_item = {name: [(m.id, m.variants[name]) for m in misconceptions.for_function(name) if name in m.variants]
                for name in graded_names(ROOT, assignment)}
    return [{name: vs[k] for name, vs in per_item.items() if k < len(vs)}
            for k in range(max(map(len, per_item.values()), default=0))]


def outputs_of_test_cells(autograded_nb):
    """grade_id -> the text of the cell's outputs (errors included)."""
    out = {}
    for cell in autograded_nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("grade"):
            out[grade_id] = "\n".join(o.get("text", "") + o.get("evalue", "") for o in cell.get("outputs", []))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("assignment", course.assignments(ROOT))
def test_nbgrader_gives_full_marks_zero_for_stubs_and_names_each_mistake(assignment, tmp_path):
    root = course_copy(tmp_path)
    submissions = {"correct": make_submission(root, assignment),
                   "untouched": make_submission(root, assignment, solved=False)}
    plan = mutants(assignment)
    for k, mutant in enumerate(plan):
        submissions[f"mutant{k}"] = make_submission(root, assignment, {n: v for n, (_, v) in mutant.items()})
    for student, nb in submissions.items():
        submit(root, student, assignment, nb)

    with course.open_api(root) as api:
        assert api.generate_assignment(assignment)["success"]
        for student in submissions:
            result = api.autograde(assignment, student)
            assert result["success"], result.get("error") or result.get("log")
        feedback = api.generate_feedback(assignment)
        assert feedback["success"], feedback.get("log")

    with Gradebook(f"sqlite:///{state(root).gradebook}") as gb:
        grades = {s: {g.name: (g.score, g.max_score) for g in
                      gb.find_submission_notebook(assignment, assignment, s).grades} for s in submissions}

    assert all(score == top for score, top in grades["correct"].values()), grades["correct"]
    assert sum(score for score, _ in grades["untouched"].values()) == 0, grades["untouched"]

    rows = []
    for k, mutant in enumerate(plan):
        student = f"mutant{k}"
        outputs = outputs_of_test_cells(nbformat.read(
            state(root).autograded_notebook(student, assignment), as_version=4))
        html = state(root).feedback_page(student, assignment).read_text()
        for name, (mc_id, _) in mutant.items():
            tests = [g for g in grades[student] if function_of_test(g, list(mutant)) == name]
            lost = sum(grades[student][g][1] - grades[student][g][0] for g in tests)
            named = any(f"[{mc_id}]" in outputs[g] for g in tests)
            rows.append((name, mc_id, lost > 0, named, f"[{mc_id}]" in html))
    _write_table(assignment, rows)
    missed = [r for r in rows if not (r[2] and r[3] and r[4])]
    assert not missed, f"mistakes not caught, not named, or not in the feedback: {missed}"

    for student in submissions:
        html = state(root).feedback_page(student, assignment).read_text()
        assert "BEGIN HIDDEN TESTS" not in html and not re.search(r"check_\w+\(", html), \
            f"hidden test code in {student}'s feedback"


def _write_table(assignment, rows):
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"# {assignment} through nbgrader autograde", "",
             "| function | mistake | loses points | named in test output | named in feedback |",
             "|---|---|---|---|---|"]
    lines += [f"| {n} | {m} | {a} | {b} | {c} |" for n, m, a, b, c in rows]
    (ARTIFACTS / f"nbgrader-mutation-{assignment}.md").write_text("\n".join(lines) + "\n")


def sigmoid_noisy_but_correct(z):
    import sys
    import warnings

    warnings.warn("a harmless warning", RuntimeWarning)
    warnings.warn("an old API", DeprecationWarning)
    print("debugging output on stderr", file=sys.stderr)
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))  # noqa: F821 - np is the notebook's
    return np.where(np.asarray(z) >= 0, 1 / (1 + e), e / (1 + e))  # noqa: F821


@pytest.mark.slow
def test_harmless_warnings_and_stderr_prints_cost_no_points(tmp_path):
    assignment = "01-gradient-descent"
    root = course_copy(tmp_path)
    submit(root, "noisy", assignment, make_submission(root, assignment, {"sigmoid": sigmoid_noisy_but_correct}))
    with course.open_api(root) as api:
        assert api.generate_assignment(assignment)["success"]
        assert api.autograde(assignment, "noisy")["success"]
    with Gradebook(f"sqlite:///{state(root).gradebook}") as gb:
        grades = gb.find_submission_notebook(assignment, assignment, "noisy").grades
        assert all(g.score == g.max_score for g in grades), [(g.name, g.score) for g in grades]


@pytest.mark.slow
def test_the_training_cell_a_visible_test_reads_is_restored_if_edited(tmp_path):
    assignment = "01-gradient-descent"
    root = course_copy(tmp_path)
    nb = make_submission(root, assignment, {"learning_rate": 1e-6})
    training = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "train_with_learning_rate")
    training.source = "losses = np.array([0.7, 0.01])  # a faked loss curve"
    submit(root, "faker", assignment, nb)
    with course.open_api(root) as api:
        assert api.generate_assignment(assignment)["success"]
        assert api.autograde(assignment, "faker")["success"]
    with Gradebook(f"sqlite:///{state(root).gradebook}") as gb:
        grades = {g.name: g.score for g in gb.find_submission_notebook(assignment, assignment, "faker").grades}
    assert grades["test_learning_rate_basics"] == 0, grades
