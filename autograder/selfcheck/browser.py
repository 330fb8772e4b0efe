"""What is wrong with my function? The browser edition's self-check (numpy only).

Shipped with the JupyterLite site beside the notebooks. It answers from data only:
selfcheck/<function>.json holds public probes (inputs), the expected results on them and
what each catalogued mistake returns on them (written by autograder/selfcheck.py at
build time). It holds no reference implementation and no hidden test, so it can name a
catalogued mistake and show where results differ, but it cannot grade: grading runs the
hidden tests on other inputs.

    from course_selfcheck import check, check_all
    check(log_loss)          # one function
    check_all(globals())     # every graded function this notebook defines

Matching comes in steps: first the catalogued mistakes' results on the probes; when none
reproduces the student's results, the diagnosis search's relations (``relations``, when
the site ships them as course_relations.py) say how the results differ; last, the plain
comparison of the first differing probe.
"""
from __future__ import annotations

import contextlib
import copy
import io
import json
import warnings
from pathlib import Path

import numpy as np

TABLES = Path(__file__).resolve().with_name("selfcheck")


# --- the data --------------------------------------------------------------------------

def decode(value):
    """An argument or result from its JSON form (non-finite numbers are strings there)."""
    if isinstance(value, dict) and "array" in value:
        return np.array(value["array"], dtype=float).astype(value["dtype"]).reshape(value["shape"])
    if isinstance(value, dict) and "float" in value:
        return float(value["float"])
    if isinstance(value, dict) and "dict" in value:
        return {k: decode(v) for k, v in value["dict"].items()}
    return value


def table(name: str) -> dict | None:
    path = TABLES / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def graded_names() -> list[str]:
    index = json.loads((TABLES / "index.json").read_text())
    return [name for names in index.values() for name in names]


# --- running the student's function --------------------------------------------------

class Malformed(Exception):
    pass


def normalize(spec: dict, value, expected: dict) -> dict:
    """The result as {name: float array}, in the shape the task asks for."""
    if "scalar" in spec:
        if isinstance(value, np.ndarray) and value.shape == ():
            value = value[()]
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise Malformed(f"{spec['scalar']} should be a single float, but it is a {type(value).__name__}.")
        return {spec["scalar"]: np.asarray(float(value))}
    if "array" in spec:
        name, want = spec["array"], expected[spec["array"]]
        if want.shape == () and isinstance(value, (int, float, np.integer, np.floating)) \
                and not isinstance(value, bool):
            return {name: np.asarray(float(value))}
        if not isinstance(value, np.ndarray):
            raise Malformed(f"{name} should be a numpy array, but it is a {type(value).__name__}.")
        if value.shape != want.shape:
            raise Malformed(f"{name} has shape {value.shape}, expected {want.shape}.")
        if value.dtype.kind != "f":
            raise Malformed(f"{name} has dtype {value.dtype}; it should hold floats.")
        return {name: np.asarray(value, dtype=float)}
    if "tuple" in spec:
        parts = spec["tuple"]
        if not isinstance(value, (tuple, list)) or len(value) != len(parts):
            raise Malformed(f"the function should return a tuple of {len(parts)} values.")
        out = {}
        for part, v in zip(parts, value):
            out.update(normalize(part, v, expected))
        return out
    if "dict" in spec:
        if not isinstance(value, dict) or set(value) != set(spec["dict"]):
            raise Malformed(f"the function should return a dict with keys {', '.join(spec['dict'])}.")
        out = {}
        for key, part in spec["dict"].items():
            out.update(normalize(part, value[key], expected))
        return out
    if not isinstance(value, (tuple, list)) or len(value) != 2:   # "first": (result, cache)
        raise Malformed("the function should return a pair (result, cache).")
    return normalize(spec["first"], value[0], expected)


def changed(after, before) -> bool:
    if isinstance(after, np.ndarray):
        return not np.array_equal(after, before, equal_nan=True)
    if isinstance(after, dict):
        return after.keys() != before.keys() or any(changed(after[k], before[k]) for k in after)
    return False


def run(function, spec: dict, probe: dict) -> dict:
    """How ``function`` behaves on one probe, in the form the table records it."""
    args = [decode(a) for a in probe["args"]]
    before = copy.deepcopy(args)
    expected = {k: decode(v) for k, v in probe["expected"].items()}
    fp = []
    out = {}
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings(), np.errstate(all="call", under="ignore", call=lambda kind, flag: fp.append(kind)):
        warnings.simplefilter("ignore")
        try:
            result = function(*args)
        except Exception as error:  # noqa: BLE001 - any failure is part of the behaviour
            out["error"] = type(error).__name__
            out["message"] = str(error)
    out["mutated"] = [i for i, (a, b) in enumerate(zip(args, before)) if changed(a, b)]
    out["fp_error"] = bool(fp)
    if "error" not in out:
        try:
            out["outputs"] = normalize(spec, result, expected)
        except Malformed as problem:
            out["malformed"] = str(problem)
    return out


def passes(mine: dict, probe: dict) -> bool:
    if "outputs" not in mine or mine["mutated"] or (probe["stable"] and mine["fp_error"]):
        return False
    expected = {k: decode(v) for k, v in probe["expected"].items()}
    return mine["outputs"].keys() == expected.keys() and all(
        np.allclose(mine["outputs"][k], expected[k], rtol=probe["rtol"], atol=probe["atol"])
        for k in expected)


def same(mine: dict, theirs: dict, probe: dict) -> bool:
    """Does the student's function behave like a catalogued mistake on this probe?"""
    if ("error" in mine) != ("error" in theirs) or mine["mutated"] != theirs["mutated"]:
        return False
    if "error" in mine:
        return mine["error"] == theirs["error"]
    if ("malformed" in mine) != ("malformed" in theirs):
        return False
    if "malformed" in mine:
        return mine["malformed"] == theirs["malformed"]
    if probe["stable"] and mine["fp_error"] != theirs["fp_error"]:
        return False
    outputs = {k: decode(v) for k, v in theirs["outputs"].items()}
    return mine["outputs"].keys() == outputs.keys() and all(
        mine["outputs"][k].shape == outputs[k].shape
        and np.allclose(mine["outputs"][k], outputs[k], rtol=max(probe["rtol"], 1e-6), atol=probe["atol"],
                        equal_nan=True) for k in outputs)


# --- explaining -----------------------------------------------------------------------

def catalogued(data: dict, runs: list[dict]) -> dict | None:
    """The catalogued mistake whose results equal the student's on every probe."""
    for mistake in data["mistakes"]:
        if all(same(mine, theirs, probe) for mine, theirs, probe in zip(runs, mistake["runs"], data["probes"])):
            return mistake
    return None


def relations(data: dict, runs: list[dict]) -> str | None:
    """How the student's results relate to the expected ones on every probe (a factor, a
    sign, a step that is the expected one squared, ...), from the diagnosis search's
    numpy-only module when the site ships it as course_relations.py; None otherwise."""
    try:
        import course_relations
    except ImportError:
        return None
    probes = data["probes"]
    found = course_relations.explain(
        [r.get("outputs") for r in runs],
        [{k: decode(v) for k, v in p["expected"].items()} for p in probes],
        [dict(zip(data["parameters"], (decode(a) for a in p["args"]))) for p in probes],
        [(p["rtol"], p["atol"]) for p in probes],
        {"w": "w"} if data["steps"] else {})
    lines = [f"- {e.words} ({e.formula})" for e in found if e.kind != "right"]
    return "How your results differ from the expected ones, on every public probe:\n" + "\n".join(lines) \
        if lines else None


def show(value) -> str:
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=6, threshold=8, separator=", ")
    if isinstance(value, dict):
        return "{" + ", ".join(f"'{k}': {show(v)}" for k, v in value.items()) + "}"
    return repr(value)


def first_difference(data: dict, runs: list[dict]) -> str:
    for i, (mine, probe) in enumerate(zip(runs, data["probes"])):
        if passes(mine, probe):
            continue
        inputs = ", ".join(f"{n} = {show(decode(a))}" for n, a in zip(data["parameters"], probe["args"]))
        where = f"On public probe {i + 1} ({probe['label']}): {inputs}\n"
        if "error" in mine:
            return where + f"it raised {mine['error']}: {mine['message']}"
        if mine["mutated"]:
            names = ", ".join(data["parameters"][j] for j in mine["mutated"])
            return where + f"it changed its argument {names} in place; return new arrays instead."
        if "malformed" in mine:
            return where + mine["malformed"]
        if probe["stable"] and mine["fp_error"]:
            return where + "numpy reported an overflow or invalid value: the formula is not stable for inputs this large."
        expected = {k: decode(v) for k, v in probe["expected"].items()}
        for key, value in mine["outputs"].items():
            if value.shape != expected[key].shape or not np.allclose(value, expected[key], rtol=probe["rtol"],
                                                                      atol=probe["atol"]):
                return where + f"{key} = {show(value)}, expected {show(expected[key])}."
    return ""


def diagnose(function, name: str | None = None) -> tuple[str, str | None]:
    """(message, id of the catalogued mistake or None) for one function."""
    name = name or function.__name__
    data = table(name)
    if data is None:
        return f"{name}: no self-check for this function here; its visible tests above are the check.", None
    runs = [run(function, data["returns"], probe) for probe in data["probes"]]
    if any(r.get("error") == "NotImplementedError" for r in runs):
        return f"{name}: not written yet (it raises NotImplementedError).", None
    if all(passes(r, p) for r, p in zip(runs, data["probes"])):
        return (f"{name}: agrees with the expected results on all {len(runs)} public probes. "
                "(Grading uses other inputs and hidden tests.)"), None
    header = f"{name}: differs from the expected results.\n"
    mistake = catalogued(data, runs)
    if mistake is not None:
        return (header + f"Most likely mistake [{mistake['id']}]: {mistake['title']}\nHint: {mistake['hint']}",
                mistake["id"])
    explained = relations(data, runs)
    if explained:
        return header + explained, None
    return (header + first_difference(data, runs)
            + "\nNo mistake in the course's catalog gives these results, so none is named."), None


def check(function, name: str | None = None) -> str | None:
    """Print the self-check of one function; return the catalogued mistake's id, if any."""
    message, mistake = diagnose(function, name)
    print(message)
    return mistake


def check_all(namespace: dict) -> dict:
    """Self-check every graded function defined in ``namespace`` (a notebook's globals())."""
    found = {}
    for name in graded_names():
        if callable(namespace.get(name)):
            found[name] = check(namespace[name], name)
            print()
    if not found:
        print("No graded function of the course is defined yet: run the cells above first.")
    return found
