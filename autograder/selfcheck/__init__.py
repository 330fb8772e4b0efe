"""Data for the browser edition's self-check (``browser.py``, shipped as course_selfcheck.py),
computed at build time.

The browser gets numbers only: for each graded function, a few *public probes* (inputs),
the expected results on them and, for every catalogued mistake, what its buggy variant
returns on them. No reference implementation, solution, buggy variant's code or hidden
test leaves the repository. The probes are the check's cases with every number changed
(float arrays and floats scaled entry by entry by a seeded factor between 0.9 and 1.1,
a number between 0 and 1 kept below 1; labels, integers and exact zeros kept), so the inputs grading uses are never published
and a function tuned to the browser's probes gains nothing when graded.

Each catalogued mistake's behaviour is recorded by the browser module's own ``run``, so
the browser compares a student's function with exactly what it would see.
lite/build.py calls ``write_tables``.
"""
from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from .. import misconceptions
from ..checks import all_checks
from ..checks.harness import Array, Case, Dict, First, FunctionCheck, Scalar, Tuple
from ..spec import GRADED
from . import browser

PROBE_SEED = 24
"""The seed of the public probes' scaling; the checks' own inputs are never published."""


# --- public probes -------------------------------------------------------------------

def _is_labels(a: np.ndarray) -> bool:
    return a.size > 0 and bool(np.all((a == 0) | (a == 1)))


def _perturb(value, rng):
    """The same kind of input with other numbers: floats scaled by 0.9-1.1, each entry
    by its own factor (zeros, signs, labels, integers, shapes and dtypes kept)."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f" and not _is_labels(value):
        return (value * rng.uniform(0.9, 1.1, size=value.shape)).astype(value.dtype)
    if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        # a rate such as beta or rho stays below 1
        return type(value)(value * rng.uniform(0.9, 1.0 if 0 < value < 1 else 1.1))
    if isinstance(value, dict):
        return {k: _perturb(v, rng) for k, v in value.items()}
    return copy.deepcopy(value)


def public_probes(check: FunctionCheck) -> list[Case]:
    rng = np.random.default_rng(PROBE_SEED)
    return [replace(case, args=tuple(_perturb(a, rng) for a in case.args)) for case in check.probes()]


# --- plain data for JSON --------------------------------------------------------------

def encode(value):
    """Arguments and results as strict JSON (JupyterLite parses .json files: no NaN or
    Infinity tokens, so non-finite numbers are the strings "nan", "inf", "-inf"); arrays
    keep their dtype and shape."""
    if isinstance(value, np.ndarray):
        flat = [x if np.isfinite(x) else str(x) for x in value.astype(float).ravel().tolist()]
        return {"array": flat, "dtype": value.dtype.name, "shape": list(value.shape)}
    if isinstance(value, dict):
        return {"dict": {k: encode(v) for k, v in value.items()}}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else {"float": str(float(value))}
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"cannot publish a {type(value).__name__} as a probe")


def describe_returns(spec) -> dict:
    """What the function returns, for the browser's own normalization of results."""
    if isinstance(spec, Scalar):
        return {"scalar": spec.name}
    if isinstance(spec, Array):
        return {"array": spec.name}
    if isinstance(spec, Tuple):
        return {"tuple": [describe_returns(p) for p in spec.parts]}
    if isinstance(spec, Dict):
        return {"dict": {k: describe_returns(p) for k, p in spec.parts.items()}}
    if isinstance(spec, First):
        return {"first": describe_returns(spec.part)}
    raise TypeError(f"no self-check for results described by {type(spec).__name__}")


def recorded(behaviour: dict) -> dict:
    """A behaviour from ``browser.run`` as JSON (an error's message is not needed)."""
    out = {k: v for k, v in behaviour.items() if k not in ("message", "outputs")}
    if "outputs" in behaviour:
        out["outputs"] = {k: encode(v) for k, v in behaviour["outputs"].items()}
    return out


# --- the tables ----------------------------------------------------------------------

def table(check: FunctionCheck) -> dict | None:
    """The self-check's data for one graded function, or None when its inputs cannot be
    published as data (a random generator, a function)."""
    try:
        probes = public_probes(check)
        published = [[encode(a) for a in case.args] for case in probes]
        returns = describe_returns(check.returns)
    except TypeError:
        return None
    expected = [check.returns.normalize(ref, ref) for ref in
                (check.reference(*copy.deepcopy(case.args)) for case in probes)]
    rows = [{"label": case.varies or "the first case", "args": args, "stable": case.stable,
             "rtol": case.rtol, "atol": case.atol, "expected": {k: encode(v) for k, v in exp.items()}}
            for case, args, exp in zip(probes, published, expected)]
    mistakes = []
    for mc in misconceptions.for_function(check.name):
        for variant in mc.variants_of(check.name):
            if not callable(variant):
                continue
            runs = [browser.run(variant, returns, row) for row in rows]
            if all(browser.passes(r, row) for r, row in zip(runs, rows)):
                continue  # behaves like the reference on every public probe: nothing to name
            mistakes.append({"id": mc.id, "title": mc.title, "hint": mc.hint,
                             "runs": [recorded(r) for r in runs]})
    return {"name": check.name, "signature": check.signature, "parameters": check.parameters,
            "returns": returns, "steps": check.steps, "probes": rows, "mistakes": mistakes}


def write_tables(folder: Path) -> dict[str, list[str]]:
    """DIR/<function>.json for every graded function whose probes are plain data, and
    DIR/index.json: assignment -> the functions it can self-check."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    checks = all_checks()
    index = {}
    for assignment, names in GRADED.items():
        index[assignment] = []
        for name in names:
            data = table(checks[name])
            if data is not None:
                (folder / f"{name}.json").write_text(json.dumps(data, separators=(",", ":"), allow_nan=False))
                index[assignment].append(name)
    (folder / "index.json").write_text(json.dumps(index, indent=1) + "\n")
    return index

