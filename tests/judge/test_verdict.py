"""How does the judge decide test cells? Each function alone, from the release's list,
whatever the submission's kernel could have printed."""
from autograder.instructor.submissions import make_submission
from autograder.judge.verdict import judge
from autograder.misconceptions.adam import adam_update_without_bias_correction
from tests.support import ROOT


def adamw_update(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    return adam_update(w * (1 - lr * weight_decay), g, m, v, t, lr, beta1, beta2, eps)  # noqa: F821


def l2_penalty(w, lam):
    return float(lam * np.sum(w ** 2))  # noqa: F821 - the 1/2 forgotten


def test_a_mistake_in_a_function_another_one_calls_costs_points_only_where_it_is():
    verdicts = judge(make_submission(ROOT, "05-adam", {"adam_update": adam_update_without_bias_correction,
                                                       "adamw_update": adamw_update}), "05-adam")
    assert not verdicts["test_adam_update_against_reference"].passed
    assert "[adam.no_bias_correction]" in verdicts["test_adam_update_against_reference"].message
    assert verdicts["test_adamw_update_against_reference"].passed and verdicts["test_adamw_update_basics"].passed


def test_the_l2_penalty_s_mistake_stays_in_the_l2_penalty():
    verdicts = judge(make_submission(ROOT, "06-l2", {"l2_penalty": l2_penalty}), "06-l2")
    assert not verdicts["test_l2_penalty_against_reference"].passed
    assert all(v.passed for g, v in verdicts.items() if not g.startswith("test_l2_penalty_"))


def test_a_graded_function_outside_its_solution_cell_is_not_taken():
    nb = make_submission(ROOT, "03-momentum", solved=False)
    nb.cells.append(nb.cells[0].copy())
    nb.cells[-1].update(cell_type="code", source="def momentum_update(w, g, v, lr, beta):\n"
                        "    v = beta * v + g\n    return w - lr * v, v\n", outputs=[], execution_count=None,
                        metadata={})
    verdicts = judge(nb, "03-momentum")
    assert not verdicts["test_momentum_update_basics"].passed
    assert "not implemented" in verdicts["test_momentum_update_basics"].message


def test_top_level_code_of_a_solution_cell_does_not_run_in_the_judge_s_sandbox():
    nb = make_submission(ROOT, "03-momentum")
    solution = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    solution.source += "\nimport os\nos._exit(3)\nwhile True:\n    pass\n"
    assert all(v.passed for v in judge(nb, "03-momentum").values())


def mlp_forward(X, params):
    H = np.tanh(X @ params["W1"])  # noqa: F821 - b1 forgotten
    z2 = H @ params["W2"] + params["b2"]
    return 1 / (1 + np.exp(-z2)), {"H": H, "z2": z2}  # noqa: F821


def test_a_mistake_in_mlp_forward_stays_in_mlp_forward_although_the_others_read_its_cache():
    verdicts = judge(make_submission(ROOT, "08-two-layer-network", {"mlp_forward": mlp_forward}),
                     "08-two-layer-network")
    assert not verdicts["test_mlp_forward_against_reference"].passed
    assert "[network.missing_b1]" in verdicts["test_mlp_forward_against_reference"].message
    for item in ("mlp_loss", "mlp_backward"):
        assert verdicts[f"test_{item}_against_reference"].passed, verdicts[f"test_{item}_against_reference"].message


def test_judging_leaves_no_scratch_folder_and_no_process_behind(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    judge(make_submission(ROOT, "05-adam", {"adam_update": adam_update_without_bias_correction}), "05-adam")
    assert list(tmp_path.iterdir()) == []


ORACLE = '''
import gc


def _ask(name, *args):
    runner = next(o for o in gc.get_objects() if type(o).__name__ == "Runner")
    return runner.stub(name)(*args)


def momentum_update(w, g, v, lr, beta):
    return _ask("momentum_update", w, g, v, lr, beta)


def nesterov_update(w, g, v, lr, beta):
    return _ask("nesterov_update", w, g, v, lr, beta)
'''


def test_student_code_cannot_ask_the_judge_for_the_expected_answer():
    """The runner is in the student's hands: a callback for the function being judged (or
    any the judge did not stub for this call) gets no reference's answer."""
    nb = make_submission(ROOT, "03-momentum", solved=False)
    solution = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")][-1]
    solution.source = ORACLE
    verdicts = judge(nb, "03-momentum")
    assert not any(v.passed for g, v in verdicts.items() if g.startswith(("test_momentum", "test_nesterov")))
    assert "answers momentum_update only where it stands in for it" in verdicts["test_momentum_update_basics"].message
