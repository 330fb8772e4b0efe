"""The explanation search (autograder/diagnosis) as a specification: a relation is claimed
only when it reproduces the student's values on every probe at the verdict's tolerance and
explains a difference somewhere; probes where any implementation agrees prove nothing; the
relation module works from plain data with numpy and the standard library only."""
import ast
from pathlib import Path

import numpy as np

from autograder.diagnosis import relations, substitutions
from autograder.diagnosis.relations import Candidate, explain, match

TOL = [(1e-7, 1e-12)] * 3


def _probes(*values):
    return [{"x": np.asarray(v, dtype=float)} for v in values]


def test_a_factor_named_by_an_input_is_found_on_every_probe():
    inputs = [{"w": np.array([1.0, 2.0]), "lam": lam} for lam in (0.3, 2.0, 0.7)]
    expected = [{"g": lam * i["w"]} for lam, i in zip((0.3, 2.0, 0.7), inputs)]
    student = [{"g": lam * e["g"]} for lam, e in zip((0.3, 2.0, 0.7), expected)]
    found = explain(student, expected, inputs, TOL)
    assert [e.formula for e in found] == ["yours = lam * expected"]


def test_no_claim_of_order_at_a_looser_tolerance_than_the_verdict():
    """lam * w / (|w| + 1e-8) is not 'the expected numbers in another order'."""
    w = np.array([0.8, -0.05, 0.0, 1e-8, -1.5])
    expected = [{"g": 0.3 * np.sign(w)}]
    student = [{"g": 0.3 * w / (np.abs(w) + 1e-8)}]
    found = explain(student, expected, [{"w": w, "lam": 0.3}], TOL[:1])
    assert not any(e.kind == "permutation" for e in found)
    assert any("smallest but not 0" in e.words for e in found)


def test_a_relation_that_holds_only_where_every_implementation_agrees_is_not_claimed():
    """Right only where the expected value is 0 says nothing about the mistake."""
    expected = [{"s": np.array([0.0, 1.0, 2.0])}]
    student = [{"s": np.array([0.0, 1.5, 2.5])}]
    found = explain(student, expected, [{"g": np.array([0.0, 1.0, 1.4])}], TOL[:1])
    assert found == [] or all(e.kind != "subset" for e in found)


def test_a_candidate_must_match_every_probe_where_it_applies():
    expected = [{"w": np.array([1.0])}, {"w": np.array([2.0])}]
    student = [{"w": np.array([1.5])}, {"w": np.array([2.5])}]
    half = Candidate("your {key} {verb} off", "f", [{"w": np.array([1.5])}, {"w": np.array([9.0])}])
    both = Candidate("your {key} {verb} right", "g", [{"w": np.array([1.5])}, {"w": np.array([2.5])}])
    unchanged = Candidate("your {key} {verb} the same", "h", [{"w": np.array([1.0])}, {"w": np.array([2.0])}])
    assert [e.formula for e in match(student, expected, [half, both, unchanged], TOL[:2])] == ["g"]


def test_a_substitution_that_changes_nothing_is_not_offered():
    names = ["w", "g", "m", "v", "t", "lr", "beta1", "beta2", "eps"]
    zeros = np.zeros(3)
    subs = substitutions.substitutions(names, (zeros, zeros, zeros, zeros, 1, 0.1, 0.9, 0.9, 1e-8))
    assert not any("beta1 <-> beta2" in s.formula for s in subs), "equal betas: swapping them is no evidence"
    assert not any(s.formula == "m = 0" for s in subs), "zero state: dropping it is no evidence"


def test_the_relation_module_needs_only_numpy_and_the_standard_library():
    """The browser self-check ships relations.py to Pyodide as it is."""
    tree = ast.parse(Path(relations.__file__).read_text())
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
    assert imported <= {"numpy", "__future__", "dataclasses", "math", "typing"}, imported
    assert not any(isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(tree)), "no relative imports"


def test_no_warning_of_the_course_code_escapes_a_check(recwarn, capfd):
    """References and catalogued variants run on extreme probes; what numpy says about
    them must reach neither the student's feedback nor ``course diagnose``."""
    from autograder.checks import all_checks
    from tests.fresh import mistakes

    checks = all_checks()
    for entry in mistakes():
        try:
            checks[entry.name](entry.function)
        except AssertionError:
            pass
    assert not [str(w.message) for w in recwarn]
    assert capfd.readouterr().err == ""
