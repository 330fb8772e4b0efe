"""The browser's self-check, run here in CPython on the tables `make` ships: it agrees
with every reference, names every catalogued mistake it has data for, publishes inputs
that grading does not use, and ships only data and a numpy-only module."""
import ast
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from autograder import misconceptions, selfcheck
from autograder.diagnosis import relations
from autograder.checks import all_checks


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """The self-check as the browser imports it: course_selfcheck.py beside selfcheck/."""
    site = tmp_path_factory.mktemp("files")
    index = selfcheck.write_tables(site / "selfcheck")
    (site / "course_selfcheck.py").write_text(Path(selfcheck.browser.__file__).read_text())
    (site / "course_relations.py").write_text(Path(relations.__file__).read_text())
    sys.path.insert(0, str(site))
    import course_selfcheck
    yield course_selfcheck, index
    sys.path.remove(str(site))
    sys.modules.pop("course_selfcheck", None)


def graded(index):
    return [name for names in index.values() for name in names]


def test_every_graded_function_with_plain_inputs_has_a_table(browser):
    _, index = browser
    assert len(graded(index)) >= 24
    assert index["02-minibatch-sgd"] == []   # an rng argument cannot be published as data


def test_every_reference_agrees_with_its_table(browser):
    module, index = browser
    checks = all_checks()
    for name in graded(index):
        message, mistake = module.diagnose(checks[name].reference, name)
        assert mistake is None and "agrees with the expected results" in message, message


def test_every_catalogued_mistake_is_named_or_invisible_on_the_public_probes(browser):
    module, index = browser
    named = 0
    for name in graded(index):
        for mc in misconceptions.for_function(name):
            for variant in filter(callable, mc.variants_of(name)):
                message, mistake = module.diagnose(variant, name)
                assert mistake == mc.id or "agrees" in message, (name, mc.id, message)
                named += mistake == mc.id
    assert named >= 120


def test_a_wrong_function_outside_the_catalog_gets_the_diagnosis_search_s_relation(browser):
    module, _ = browser

    def gd_update(w, g, lr):
        return w - 2 * lr * g

    message, mistake = module.diagnose(gd_update)
    assert mistake is None and "How your results differ" in message and "2 times the expected" in message


def test_the_public_probes_are_not_the_inputs_grading_uses():
    """Every number of every input changes (zeros, labels and integers stay what they are)."""
    for name, check in all_checks().items():
        if not hasattr(check, "probes") or selfcheck.table(check) is None:
            continue
        changed = [not np.array_equal(h, p)
                   for hidden, public in zip(check.probes(), selfcheck.public_probes(check))
                   for h, p in zip(hidden.args, public.args)
                   if isinstance(h, (float, np.ndarray)) and np.any(h)
                   and not (isinstance(h, np.ndarray) and selfcheck._is_labels(h))]
        assert changed and all(changed), name


def test_the_tables_are_numbers_and_words_only(browser, tmp_path):
    index = selfcheck.write_tables(tmp_path)
    allowed = {"label", "id", "title", "hint", "name", "signature", "dtype", "error", "malformed",
               "scalar", "array"}

    def strings(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from strings(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v, key)
        elif isinstance(value, str):
            yield key, value

    for name in graded(index):
        data = json.loads((tmp_path / f"{name}.json").read_text())
        assert {key for key, _ in strings(data)} - allowed - {"parameters"} == set()
        assert not any("def " in text or "\n    return" in text for _, text in strings(data))


def test_the_shipped_module_imports_only_numpy_and_the_standard_library():
    tree = ast.parse(Path(selfcheck.browser.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.level == 0}
    assert imported - set(sys.stdlib_module_names) == {"numpy", "course_relations"}
    tree = ast.parse(Path(relations.__file__).read_text())   # shipped as course_relations.py
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.level == 0}
    assert imported - set(sys.stdlib_module_names) <= {"numpy"}
