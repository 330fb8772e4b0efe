"""Proof by mutation, directly through the checks: every catalogued mistake is rejected
and named, and every correct alternative passes. The whole table of outcomes is written
to test-artifacts/mutation-table.md (and printed with ``pytest -s``)."""
import pytest

from autograder import misconceptions
from autograder.checks import all_checks
from autograder.spec import ALL_FUNCTIONS
from tests.support import ARTIFACTS, alternatives, variants

CHECKS = all_checks()


def failure(name, submission):
    """The check's message for ``submission``, or None when it passes."""
    try:
        CHECKS[name](submission)
    except AssertionError as error:
        return str(error)
    return None


@pytest.mark.parametrize("mc_id,name,variant", variants(), ids=[f"{m}-{n}" for m, n, _ in variants()])
def test_each_catalogued_mistake_is_rejected_and_named(mc_id, name, variant):
    message = failure(name, variant)
    named = message is not None and f"[{mc_id}]" in message
    assert message is not None, f"{name}: the variant of {mc_id} passed the check"
    assert named, f"{name}: the variant of {mc_id} was rejected but not named:\n{message}"


@pytest.mark.parametrize("name,label,implementation", alternatives(),
                         ids=[f"{n}-{label}" for n, label, _ in alternatives()])
def test_correct_alternatives_pass(name, label, implementation):
    message = failure(name, implementation)
    assert message is None, f"{name} ({label}) is correct but was rejected:\n{message}"


@pytest.mark.parametrize("name", [n for n in ALL_FUNCTIONS if n in CHECKS] + ["learning_rate"])
def test_every_graded_function_has_mistakes_and_two_alternatives(name):
    assert any(n == name for _, n, _ in variants()), f"no catalogued mistake has a variant for {name}"
    assert sum(n == name for n, _, _ in alternatives()) >= 2, f"fewer than two correct alternatives for {name}"


def test_every_spec_function_has_a_check():
    assert set(ALL_FUNCTIONS) <= set(CHECKS), f"no check for {sorted(set(ALL_FUNCTIONS) - set(CHECKS))}"


def test_every_catalog_entry_says_what_to_do():
    for entry in misconceptions.catalog().values():
        assert entry.title and entry.symptom and entry.hint, entry.id
        assert entry.functions, f"{entry.id} applies to no graded function"


def test_the_mutation_table_is_complete():
    """Every mistake caught and named, no false alarm: the table the closing notes quote."""
    outcomes = {}
    for mc_id, name, variant in variants():
        message = failure(name, variant)
        named = message is not None and f"[{mc_id}]" in message
        outcomes[(name, mc_id)] = ("caught" if message else "MISSED") + (", named" if named else ", not named")
    for name, label, implementation in alternatives():
        outcomes[(name, f"correct: {label}")] = "passes" if failure(name, implementation) is None else "FALSE ALARM"
    lines = ["| function | mistake or correct alternative | outcome |", "|---|---|---|"]
    lines += [f"| {name} | {what} | {outcome} |" for (name, what), outcome in sorted(outcomes.items())]
    mistakes = sum(not what.startswith("correct") for _, what in outcomes)
    caught = sum(o.startswith("caught") for o in outcomes.values())
    named = sum(o.endswith(", named") for o in outcomes.values())
    alarms = sum(o == "FALSE ALARM" for o in outcomes.values())
    lines.append(f"\nMistakes caught {caught}/{mistakes}, named {named}/{mistakes}; "
                 f"false alarms on {len(outcomes) - mistakes} correct alternatives: {alarms}.")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "mutation-table.md").write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))
    assert caught == named == mistakes and alarms == 0


@pytest.mark.parametrize("mc_id,name,variant", [v for v in variants() if callable(v[2])],
                         ids=[f"{m}-{n}" for m, n, v in variants() if callable(v)])
def test_variants_are_self_contained_so_they_run_inside_any_notebook(mc_id, name, variant):
    import builtins

    from autograder.misconceptions.general import global_arrays

    free = {n for n in variant.__code__.co_names if n in variant.__globals__ and not hasattr(builtins, n)}
    allowed = {"np", "copy"} | set(global_arrays(variant))  # arrays: the global-variable mistakes
    assert free <= allowed, f"{mc_id} variant of {name} uses module names {sorted(free - allowed)}"
