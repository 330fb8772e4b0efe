"""Proof by mutation, directly through the checks: every catalogued mistake is rejected
and named, every correct alternative passes, and fresh mistakes that no catalog holds
(tests/fresh) are caught, never named, and explained in the words an excellent message
would use. The whole table of outcomes, with five numbers per set (false alarms, caught,
named, localized, misnamed), is written to test-artifacts/mutation-table.md (and printed
with ``pytest -s``)."""
import pytest

from autograder import misconceptions
from autograder.checks import all_checks
from autograder.spec import ALL_FUNCTIONS
from tests.corpus import corpus
from tests.fresh import mistakes
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


EXPLAINED = "What differs, checked on every input:"
"""How a message that the explanation search verified begins (autograder/checks/harness.py)."""


def _outcome(name, submission, expect, localized=None):
    """How the check judged ``submission``: 'passes', or 'caught' with the ids it named and
    whether it says where and how the result differs (``localized(message)`` for fresh
    mistakes; a name or a verified explanation otherwise)."""
    message = failure(name, submission)
    if message is None:
        return {"caught": False, "ids": [], "localized": False}
    ids = misconceptions.ids_in(message)
    where = localized(message) if localized else bool(ids) or EXPLAINED in message
    return {"caught": True, "ids": ids, "localized": where}


def _tally(rows):
    """The five numbers of one set: false alarms, bugs caught, named, localized, misnamed."""
    correct = [r for r in rows if r["expect"] == "correct"]
    bugs = [r for r in rows if r["expect"] != "correct"]
    alarms = sum(r["caught"] for r in correct)
    caught = sum(r["caught"] for r in bugs)
    named = sum(bool(r["ids"]) for r in bugs)
    localized = sum(r["localized"] for r in bugs)
    wrong = sum(bool(r["ids"]) and r["expect"] not in r["ids"] for r in bugs)
    wrong += sum(not r["ids"] and r["expect"] not in ("unnamed", "correct") for r in bugs)
    return {"correct": len(correct), "false alarms": alarms, "bugs": len(bugs), "caught": caught,
            "named": named, "localized": localized, "named wrong": wrong}


def _sets():
    catalog = [dict(set="catalog variants", name=n, what=m, expect=m, **_outcome(n, v, m)) for m, n, v in variants()]
    alts = [dict(set="correct alternatives", name=n, what=f"correct: {label}", expect="correct",
                 **_outcome(n, impl, "correct")) for n, label, impl in alternatives()]
    alts += [dict(set="correct alternatives", name=e.name, what=f"correct, published: {e.label}", expect="correct",
                  **_outcome(e.name, e.function, "correct")) for e in corpus() if e.expect == "correct"]
    real = [dict(set="real-code corpus", name=e.name, what=f"{e.label} ({e.source})", expect=e.expect,
                 **_outcome(e.name, e.function, e.expect)) for e in corpus()]
    fresh = [dict(set="fresh mistakes", name=f.name, what=f.label, expect="unnamed",
                  **_outcome(f.name, f.function, "unnamed", f.localized)) for f in mistakes()]
    return {"catalog variants": catalog, "correct alternatives": alts, "real-code corpus": real,
            "fresh mistakes (in no catalog)": fresh}


def _verdict(row):
    if row["expect"] == "correct":
        return "passes" if not row["caught"] else "FALSE ALARM"
    if not row["caught"]:
        return "MISSED"
    if row["ids"]:
        return ("named " if row["expect"] in row["ids"] else "NAMED WRONG ") + ", ".join(row["ids"])
    how = "explained" if row["localized"] else "described"
    return f"caught, {how}" + ("" if row["expect"] == "unnamed" else f" (NOT NAMED {row['expect']})")


def test_the_mutation_table_is_complete():
    """Four sets through the checks: the catalog's variants, correct alternatives (our own
    and published ones), the real-code corpus and the fresh mistakes. No false alarm, every
    bug caught, none named as the wrong mistake (a fresh one named at all is misnamed); at
    least 90 % of catalogued and real bugs named, at least 70 % of fresh ones localized in
    the words an excellent message would use: the table the closing notes quote."""
    sets = _sets()
    lines = ["| set | function | mistake, alternative or published code | expected | outcome |",
             "|---|---|---|---|---|"]
    for label, rows in sets.items():
        lines += [f"| {label} | {r['name']} | {r['what']} | {r['expect']} | {_verdict(r)} |"
                  for r in sorted(rows, key=lambda r: (r["name"], r["what"]))]
    lines += ["", "| set | correct entries | false alarms | bugs | caught | named | localized | misnamed |",
              "|---|---|---|---|---|---|---|---|"]
    totals = {}
    for label, rows in sets.items():
        t = totals[label] = _tally(rows)
        pct = (lambda k: f"{t[k]}/{t['bugs']} ({100 * t[k] / t['bugs']:.0f} %)" if t["bugs"] else "n/a")
        lines.append(f"| {label} | {t['correct']} | {t['false alarms']} | {t['bugs']} | {pct('caught')} | "
                     f"{pct('named')} | {pct('localized')} | {t['named wrong']} |")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "mutation-table.md").write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))
    for label, t in totals.items():
        assert t["false alarms"] == 0, f"{label}: {t['false alarms']} false alarms"
        assert t["caught"] == t["bugs"], f"{label}: {t['bugs'] - t['caught']} bugs missed"
        assert t["named wrong"] == 0, f"{label}: {t['named wrong']} named as the wrong mistake (or not named as expected)"
        if label.startswith("fresh"):
            assert t["localized"] >= 0.7 * t["bugs"], f"{label}: only {t['localized']}/{t['bugs']} localized"
        else:
            assert not t["bugs"] or t["named"] >= 0.9 * t["bugs"], f"{label}: only {t['named']}/{t['bugs']} named"


@pytest.mark.parametrize("entry", corpus(), ids=[e.label for e in corpus()])
def test_published_code_is_judged_as_expected(entry):
    outcome = _outcome(entry.name, entry.function, entry.expect)
    row = dict(expect=entry.expect, **outcome)
    assert _verdict(row) in ("passes", "caught, described", "caught, explained") or _verdict(row).startswith("named "), (
        f"{entry.label} ({entry.source}) expected {entry.expect}, got {_verdict(row)}:\n"
        f"{failure(entry.name, entry.function)}")


@pytest.mark.parametrize("mc_id,name,variant", [v for v in variants() if callable(v[2])],
                         ids=[f"{m}-{n}" for m, n, v in variants() if callable(v)])
def test_variants_are_self_contained_so_they_run_inside_any_notebook(mc_id, name, variant):
    import builtins

    from autograder.misconceptions.general import global_arrays

    free = {n for n in variant.__code__.co_names if n in variant.__globals__ and not hasattr(builtins, n)}
    allowed = {"np", "copy"} | set(global_arrays(variant))  # arrays: the global-variable mistakes
    assert free <= allowed, f"{mc_id} variant of {name} uses module names {sorted(free - allowed)}"


@pytest.mark.parametrize("mc_id,name,variant", [v for v in variants() if callable(v[2])],
                         ids=[f"{m}-{n}" for m, n, v in variants() if callable(v)])
def test_the_source_injected_into_notebooks_is_the_variant_itself(mc_id, name, variant):
    """inspect.getsource follows __wrapped__: a variant that has one would be injected as
    another function."""
    import inspect

    assert inspect.unwrap(variant) is variant, f"{mc_id}: {name}'s variant is a wrapper"
    assert f"def {variant.__name__}(" in inspect.getsource(variant)


@pytest.mark.parametrize("entry", mistakes(), ids=[f.label for f in mistakes()])
def test_a_fresh_mistake_is_caught_and_never_named(entry):
    message = failure(entry.name, entry.function)
    assert message is not None, f"{entry.label} passed the check of {entry.name}"
    assert not misconceptions.ids_in(message), f"{entry.label} is in no catalog but was named:\n{message}"
