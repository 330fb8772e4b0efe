"""How a wrong result relates to the expected one, found from data alone.

This module imports only numpy and the standard library: the browser self-check ships it
to Pyodide as it is. Everything it needs is plain data, probe by probe:

- ``student``, ``expected``: one dict per probe, returned value's name -> array (a float
  is a 0-d array); ``None`` for a probe whose student run is unusable (an error, a wrong
  shape);
- ``inputs``: one dict per probe, argument name -> value (floats, ints, arrays, dicts);
- ``tolerances``: one ``(rtol, atol)`` per probe, the verdict's own tolerance (a relation
  is never claimed at a looser tolerance than the one that failed the student);
- ``steps``: returned value -> argument it updates (``{"w": "w"}``): that value's
  relations are looked for in its step, new minus old.

``explain(student, expected, inputs, tolerances, steps)`` returns a list of
:class:`Explanation` (``key``, ``words``, ``formula``): for every returned value that is
wrong somewhere, the relations that reproduce the student's value **on every probe** and
differ from the expected value on at least one (a relation that only holds where any
implementation agrees explains nothing). Values that are right everywhere are listed
as such.

``shape_and_dtype(key, student, expected, inputs, tol)`` explains one array of the wrong
shape or an integer dtype (transposed, reshaped, per example instead of per feature,
fraction cut off).

``match(student, expected, candidates, tolerances)`` does the same for candidate outputs
computed elsewhere (the reference evaluated on substituted inputs, see
``autograder.diagnosis.substitutions``): a :class:`Candidate` has ``words``, ``formula``
and ``outputs`` (one dict per probe, ``None`` where the substitution does not apply);
``words`` and ``formula`` hold ``{key}`` (the returned value's name) and ``words`` holds
``{verb}`` ("is" or "are"). A candidate explains a returned value when it reproduces it on
every probe where it is defined and finite, is defined on every probe where the student is
wrong, and differs from the expected value on at least one of them; one candidate that
explains several values is one explanation ("your w and v are ...").

A self-check that cannot run the reference (a browser) ships the candidates precomputed on
its public probes, as plain data: ``Candidate(words, formula, outputs)`` per substitution,
and calls ``match`` and ``explain`` on the student's outputs; every claim stays verified.

Each :class:`Explanation` has ``key``, ``words`` (a sentence), ``formula`` and ``kind``:
factor, sign, offset, 1 - x, square, sqrt, abs, transpose, reshape, reverse, truncate,
round, input (an argument returned unchanged), zero, permutation, subset (which entries
are wrong), dtype, per-example, per-feature, substitution, right.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Explanation:
    key: str
    """The returned value it is about ('w', 'the penalty')."""
    words: str
    """A sentence a student can act on."""
    formula: str
    """The same as a formula, in terms of ``expected`` and the inputs."""
    kind: str = ""
    """The family ('factor', 'offset', 'substitution', ...), for counting."""


@dataclass
class Candidate:
    words: str
    formula: str
    outputs: list = field(default_factory=list)
    """One dict (name -> array) per probe, None where the candidate does not apply."""


def close(a, b, tol) -> bool:
    """Equal at the verdict's tolerance (shapes must agree; nan never equals)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    rtol, atol = tol
    return a.shape == b.shape and bool(np.all(np.isfinite(a))) and bool(np.all(np.isfinite(b))) \
        and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def _usable(student, expected):
    return [i for i, (s, e) in enumerate(zip(student, expected)) if s is not None and e is not None]


def _series(student, expected, inputs, key, steps):
    """(probe index, student value, expected value) for ``key``, as steps when asked."""
    out = []
    for i in _usable(student, expected):
        if key not in student[i] or key not in expected[i]:
            continue
        s = np.asarray(student[i][key], dtype=float)
        e = np.asarray(expected[i][key], dtype=float)
        origin = steps.get(key)
        if origin is not None and origin in inputs[i]:
            w0 = np.asarray(inputs[i][origin], dtype=float)
            if w0.shape == s.shape:
                s, e = s - w0, e - w0
        out.append((i, s, e))
    return out


# --- named numbers an input can supply ---------------------------------------------

def _scalars(inputs: dict) -> dict[str, float]:
    """Named numbers of one probe: scalar arguments, m and n of a 2-D X (and m/n), the
    length of a 1-D array, and Adam's bias corrections 1 - beta**t."""
    out = {}
    for name, value in inputs.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float, np.integer, np.floating)) or (
                isinstance(value, np.ndarray) and value.shape == ()):
            out[name] = float(value)
        elif isinstance(value, np.ndarray) and value.ndim == 2 and name == "X":
            out["m"], out["n"] = float(value.shape[0]), float(value.shape[1])
            out["m/n"] = out["m"] / out["n"]
        elif isinstance(value, np.ndarray) and value.ndim == 1 and value.size > 1 and name in ("w", "z", "a"):
            out[f"len({name})"] = float(value.size)
    t = out.get("t")
    for beta in ("beta1", "beta2"):
        if t is not None and beta in out:
            out[f"(1 - {beta}**t)"] = 1 - out[beta] ** t
    return out


def _factors(inputs: dict) -> list[tuple[str, str, float]]:
    """(words, formula, value) of plausible factors on one probe."""
    found = [("2 times", "2 * expected", 2.0), ("half", "expected / 2", 0.5),
             ("the opposite sign of", "-expected", -1.0), ("-2 times", "-2 * expected", -2.0)]
    for name, x in _scalars(inputs).items():
        found += [(f"{name} times", f"{name} * expected", x),
                  (f"1/{name} times", f"expected / {name}", 1 / x if x else np.nan)]
        if name in ("m", "n", "m/n") or name.startswith(("len(", "(1 -")):
            continue
        if 0 < x < 1:
            found += [(f"(1 - {name}) times", f"(1 - {name}) * expected", 1 - x),
                      (f"1/(1 - {name}) times", f"expected / (1 - {name})", 1 / (1 - x))]
        if x not in (0.0, 1.0):
            found += [(f"{name}² times", f"{name}**2 * expected", x * x)]
    return found


# --- relations on one returned value -------------------------------------------------

def _holds(series, predict, tolerances, need_difference=True) -> bool:
    """``predict(i, e)`` reproduces the student on every probe, and differs from the
    expected value on at least one (where it is None, the relation does not apply)."""
    applied = differs = 0
    for i, s, e in series:
        p = predict(i, e)
        if p is None:
            continue
        p = np.asarray(p, dtype=float)
        if p.shape != s.shape or not close(s, p, tolerances[i]):
            return False
        applied += 1
        differs += not close(e, p, tolerances[i])
    return applied > 0 and (differs > 0 or not need_difference)


def _factor_relations(key, series, inputs, tolerances, what):
    out = []
    per_probe = [dict((w, (f, v)) for w, f, v in _factors(inputs[i])) for i, _, _ in series]
    shared = set(per_probe[0]) if per_probe else set()
    for d in per_probe[1:]:
        shared &= set(d)
    fitting = []
    for words in sorted(shared, key=list(per_probe[0]).index):
        index = {i: d[words][1] for (i, _, _), d in zip(series, per_probe)}
        if all(np.isfinite(v) for v in index.values()) and \
                _holds(series, lambda i, e, index=index: index[i] * e, tolerances):
            fitting.append((words, per_probe[0][words][0]))
    if fitting:
        words = " or ".join(w for w, _ in fitting)
        if fitting[0][1] == "-expected":
            text = f"{what} has exactly the opposite sign of the expected one, on every input."
        else:
            names = " (equal on these inputs)" if len(fitting) > 1 else ""
            text = f"{what} is exactly {words} the expected one on every input{names}."
        out.append(Explanation(key, text, " or ".join(f"yours = {f}" for _, f in fitting), "factor"))
        return out
    # the right signs, every entry the same size: a named number times sign(expected)
    for words in sorted(shared, key=list(per_probe[0]).index):
        index = {i: d[words][1] for (i, _, _), d in zip(series, per_probe)}
        name = per_probe[0][words][0].replace(" * expected", "").replace("expected / ", "1/")
        if all(np.isfinite(v) and v > 0 for v in index.values()) and all(e.size > 1 for _, _, e in series) and \
                _holds(series, lambda i, e, index=index: index[i] * np.sign(e), tolerances):
            out.append(Explanation(key, f"{what} has the expected signs, but every entry has the same size, "
                                        f"{name}: the size of each entry is lost (a sign where a value belongs)",
                                   f"yours = {name} * sign(expected)", "sign"))
            return out
    # one constant factor on every probe, not named by any input
    ratios = []
    for _, s, e in series:
        mask = np.abs(e) > 1e-12
        ratios.append(float(np.median(s[mask] / e[mask])) if mask.any() else None)
    c = next((r for r in ratios if r is not None and np.isfinite(r)), None)
    if c is not None and abs(c - 1) > 1e-6 and c != 0 and _holds(series, lambda i, e: c * e, tolerances):
        out.append(Explanation(key, f"{what} is {c:.6g} times the expected one on every input "
                                    "(a constant factor that no input explains).",
                               f"yours = {c:.6g} * expected", "factor"))
    return out


def _simple_relations(key, series, inputs, tolerances, what, is_step):
    """Relations that need no fitting: 1 - x, transpose, rounding, elementwise functions."""
    out = []
    tried = [] if is_step else [
        ("1 - x", f"{what} is exactly 1 - the expected one on every input", "yours = 1 - expected",
         lambda i, e: 1 - e),
    ]
    tried += [
        ("square", f"{what} is the square of the expected one on every input", "yours = expected**2",
         lambda i, e: e * e),
        ("sqrt", f"{what} is the square root of the expected one on every input", "yours = sqrt(expected)",
         lambda i, e: np.sqrt(e) if np.all(e >= 0) else None),
        ("abs", f"{what} is the absolute value of the expected one (the sign is lost)",
         "yours = abs(expected)", lambda i, e: np.abs(e)),
        ("transpose", f"{what} holds the expected numbers transposed (rows and columns swapped)",
         "yours = expected.T", lambda i, e: e.T if e.ndim == 2 and e.shape[0] == e.shape[1] else None),
        ("reshape", f"{what} holds the expected numbers in column-major order (a reshape that "
                    "reorders instead of transposing, or the other way round)",
         "yours = expected.ravel(order='F').reshape(shape)",
         lambda i, e: e.ravel(order="F").reshape(e.shape) if e.ndim == 2 and min(e.shape) > 1 else None),
        ("reverse", f"{what} holds the expected numbers in reverse order", "yours = expected[::-1]",
         lambda i, e: e[::-1] if e.ndim == 1 and e.size > 1 else None),
        ("truncate", f"{what} is the expected one cut to a whole number (int(...) or an integer "
                     "dtype drops the fraction)", "yours = trunc(expected)", lambda i, e: np.trunc(e)),
        ("round", f"{what} is the expected one rounded to a whole number", "yours = round(expected)",
         lambda i, e: np.round(e)),
    ]
    for digits in (1, 2, 3, 4, 5, 6):
        tried.append(("round", f"{what} is the expected one rounded to {digits} decimal places",
                      f"yours = round(expected, {digits})", lambda i, e, d=digits: np.round(e, d)))
    for kind, words, formula, predict in tried:
        if _holds(series, predict, tolerances):
            out.append(Explanation(key, words + ".", formula, kind))
            if kind == "round":
                break
    return out


def _offset_relations(key, series, inputs, tolerances, what):
    """A constant offset (the same on every probe), or an offset the same in every entry."""
    deltas = [float(np.median(s - e)) for _, s, e in series]
    c = deltas[0] if deltas else 0.0
    if c != 0 and _holds(series, lambda i, e: e + c, tolerances):
        return [Explanation(key, f"{what} is the expected one plus {c:.6g}, on every input.",
                            f"yours = expected + {c:.6g}", "offset")]
    by_probe = {i: float(np.median(s - e)) for i, s, e in series}
    if all(e.size > 1 for _, _, e in series) and _holds(series, lambda i, e: e + by_probe[i], tolerances):
        return [Explanation(key, f"{what} differs from the expected one by the same amount in every "
                                 "entry (" + ", ".join(f"{d:.4g}" for d in by_probe.values()) +
                            "): a term that does not depend on the entry is added or missing.",
                            "yours = expected + constant", "offset")]
    return []


def _permutation(key, series, tolerances, what):
    """The same numbers in another order, compared at the verdict's tolerance."""
    wrong = [(i, s, e) for i, s, e in series if not close(s, e, tolerances[i])]
    if wrong and all(e.size > 1 and close(np.sort(s, axis=None), np.sort(e, axis=None), tolerances[i])
                     for i, s, e in wrong):
        return [Explanation(key, f"Where it differs, {what} holds exactly the expected numbers in a "
                                 "different order.", "sorted(yours) = sorted(expected)", "permutation")]
    return []


def _equals_input(key, series, inputs, tolerances, what):
    """The value is one of the arguments, unchanged (old state returned, input echoed)."""
    out = []
    for name in inputs[series[0][0]] if series else ():
        def predict(i, e, name=name):
            a = inputs[i].get(name)
            return np.asarray(a, dtype=float) if isinstance(a, np.ndarray) and a.shape == e.shape else None
        if _holds(series, predict, tolerances):
            out.append(Explanation(key, f"{what} is exactly the argument {name} you were given, unchanged: "
                                        f"the new {key} is computed but not returned (or not computed).",
                                   f"yours = {name}", "input"))
    return out


def _where_wrong(key, series, inputs, tolerances, what):
    """Which entries are wrong, when only some are: where an input is 0, negative, tiny..."""
    masks = []
    for i, s, e in series:
        if s.ndim == 0 or s.size < 2:
            return []
        rtol, atol = tolerances[i]
        masks.append(~np.isclose(s, e, rtol=rtol, atol=atol))
    if not any(m.any() for m in masks) or all(m.all() for m in masks if m.any()):
        return []
    if not any(np.any(~m & (e != 0)) for (_, _, e), m in zip(series, masks)):
        return []  # right only where the expected value is 0: where any implementation agrees
    names = [n for n, v in inputs[series[0][0]].items() if isinstance(v, np.ndarray)]
    tests = [
        ("is exactly 0", lambda a: a == 0),
        ("is negative", lambda a: a < 0),
        ("is positive", lambda a: a > 0),
        ("is tiny (|x| < 1e-3)", lambda a: np.abs(a) < 1e-3),
        ("is tiny but not 0 (0 < |x| < 1e-3)", lambda a: (np.abs(a) < 1e-3) & (a != 0)),
    ]
    for name in names:
        for words, test in tests:
            def same(i, m, name=name, test=test):
                a = inputs[i].get(name)
                return isinstance(a, np.ndarray) and a.shape == m.shape and np.array_equal(test(a), m)
            if all(same(i, m) for (i, _, _), m in zip(series, masks)):
                return [Explanation(key, f"{what} is wrong exactly at the entries where {name} {words}, and "
                                         "right everywhere else.", f"wrong where {name} {words.split(' (')[0]}",
                                    "subset")]
    for name in names:  # wrong exactly at the entries of smallest size (an epsilon next to |x|)
        def smallest(i, m, name=name):
            a = inputs[i].get(name)
            if not (isinstance(a, np.ndarray) and a.shape == m.shape and m.any()):
                return not m.any()
            size = np.abs(np.asarray(a, dtype=float))
            edge = size[m].max()
            return bool(np.all(size[m] > 0)) and np.array_equal(m, (size <= edge) & (size > 0))
        def separates(i, m, name=name):
            a = inputs[i].get(name)
            return isinstance(a, np.ndarray) and a.shape == m.shape and m.any() and bool(np.any(~m & (a != 0)))
        if all(smallest(i, m) for (i, _, _), m in zip(series, masks)) and \
                any(separates(i, m) for (i, _, _), m in zip(series, masks)):
            edges = [float(np.abs(np.asarray(inputs[i][name], dtype=float))[m].max())
                     for (i, _, _), m in zip(series, masks) if m.any()]
            return [Explanation(key, f"{what} is wrong exactly at the entries where |{name}| is smallest but not 0 "
                                     f"(0 < |{name}| <= {max(edges):.3g}), and right for larger |{name}| and at 0: "
                                     f"look for a small constant added to |{name}| or a floor on it.",
                                f"wrong where 0 < |{name}| <= {max(edges):.3g}", "subset")]
    expected_tests = [("the expected value is exactly 0", lambda e: e == 0),
                      ("the expected value is negative", lambda e: e < 0),
                      ("the expected value is positive", lambda e: e > 0)]
    for words, test in expected_tests:
        if all(np.array_equal(test(e), m) for (_, _, e), m in zip(series, masks)):
            return [Explanation(key, f"{what} is wrong exactly at the entries where {words}, and right "
                                     "everywhere else.", f"wrong where expected {words.split('value ')[1]}", "subset")]
    if all(m.ndim == 2 for m in masks):
        for axis, part in ((0, "row"), (1, "column")):
            for pos, where in ((-1, "last"), (0, "first")):
                def only(m, axis=axis, pos=pos):
                    want = np.zeros_like(m)
                    if axis == 0:
                        want[pos, :] = m[pos, :]
                    else:
                        want[:, pos] = m[:, pos]
                    return m.any() and np.array_equal(m, want)
                if all(only(m) for m in masks if m.any()):
                    return [Explanation(key, f"{what} is wrong only in its {where} {part}.",
                                        f"wrong in {where} {part}", "subset")]
    return []


def shape_and_dtype(key, student, expected, inputs, tol) -> list[Explanation]:
    """How an array of the wrong shape or an integer dtype relates to the expected one, on
    one probe: transposed, reshaped, one value per example instead of per feature, a
    column where a vector belongs, or an integer array that cut the fraction off."""
    s = np.asarray(student)
    e = np.asarray(expected, dtype=float)
    what = _your(key)
    if s.dtype.kind in "iub" and s.shape == e.shape:
        if close(s, np.trunc(e), tol) or close(s, np.round(e), tol):
            return [Explanation(key, f"{what} holds the expected values cut to whole numbers: the array has "
                                     f"an integer dtype ({s.dtype}), so the fraction is lost (np.zeros_like of "
                                     "an integer array, or np.array of ints, then filled with floats)",
                                "yours = expected.astype(int)", "dtype")]
        return []
    if s.dtype.kind != "f" or s.shape == e.shape:
        return []
    out = []
    sf = s.astype(float)
    if s.ndim == 2 and s.T.shape == e.shape and close(sf.T, e, tol):
        out.append(Explanation(key, f"{what} is the expected array transposed: shape {s.shape} instead of "
                                    f"{e.shape}", "yours = expected.T", "transpose"))
    elif s.size == e.size and close(sf.ravel(), e.ravel(), tol):
        out.append(Explanation(key, f"{what} holds the expected numbers in shape {s.shape} instead of "
                                    f"{e.shape} (a column (m, 1) where a vector (m,) belongs, or the other "
                                    "way round)", "yours = expected.reshape(shape)", "reshape"))
    X = inputs.get("X")
    if isinstance(X, np.ndarray) and X.ndim == 2 and e.ndim == 1 and s.ndim == 1:
        m, n = X.shape
        if e.shape == (n,) and s.shape == (m,) and m != n:
            out.append(Explanation(key, f"{what} has one value per example (m = {m}, the rows of X) where one "
                                        f"value per feature (n = {n}, the columns of X) belongs: the product "
                                        "with X is taken on the wrong side (X @ r where X.T @ r belongs)",
                                    "shape (m,) instead of (n,)", "per-example"))
        if e.shape == (m,) and s.shape == (n,) and m != n:
            out.append(Explanation(key, f"{what} has one value per feature (n = {n}) where one value per "
                                        f"example (m = {m}) belongs", "shape (n,) instead of (m,)", "per-feature"))
    return out


def _your(key: str) -> str:
    """'your w', 'your penalty' (a key 'the penalty' loses its article)."""
    return "your " + (key[4:] if key.startswith("the ") else key)


def explain(student, expected, inputs, tolerances, steps=None) -> list[Explanation]:
    """Every relation that reproduces each wrong returned value on every probe (see the
    module docstring); right values get an Explanation of kind 'right'."""
    steps = steps or {}
    usable = _usable(student, expected)
    if not usable:
        return []
    out = []
    for key in expected[usable[0]]:
        series = _series(student, expected, inputs, key, steps)
        if not series:
            continue
        if all(close(s, e, tolerances[i]) for i, s, e in series):
            out.append(Explanation(key, f"{key} is right on every input.", f"{key} = expected", "right"))
            continue
        if any(not np.all(np.isfinite(s)) for _, s, _ in series):
            continue
        is_step = key in steps
        what = f"the step of {key} (new {key} minus old {key})" if is_step else _your(key)
        if all(np.all(s == 0) for _, s, _ in series):
            out.append(Explanation(key, f"{what} is 0 on every input: it is never computed (or the "
                                        "computation is thrown away).", "yours = 0", "zero"))
            continue
        found = _factor_relations(key, series, inputs, tolerances, what)
        found = found or _offset_relations(key, series, inputs, tolerances, what)
        found += _simple_relations(key, series, inputs, tolerances, what, is_step)
        if is_step:  # the value itself, not its step
            raw = _series(student, expected, inputs, key, {})
            found += _equals_input(key, raw, inputs, tolerances, _your(key))
        else:
            found += _equals_input(key, series, inputs, tolerances, what)
        if not found:
            found += _permutation(key, series, tolerances, what)
            found += _where_wrong(key, series, inputs, tolerances, _your(key))
        out += found
    return out


def match(student, expected, candidates, tolerances) -> list[Explanation]:
    """The candidates (see the module docstring) that reproduce a wrong returned value on
    every probe where they apply and explain a difference on at least one; a candidate
    that explains several values is one explanation ("your w and v are ...")."""
    usable = _usable(student, expected)
    if not usable:
        return []
    explained: dict[int, list[str]] = {}
    for key in expected[usable[0]]:
        wrong = [i for i in usable if key in student[i] and not close(student[i][key], expected[i][key], tolerances[i])]
        if not wrong or any(not np.all(np.isfinite(student[i][key])) for i in usable):
            continue
        for c, cand in enumerate(candidates):
            if _candidate_holds(cand, key, student, expected, usable, wrong, tolerances):
                explained.setdefault(c, []).append(key)
    out = []
    for c, keys in explained.items():
        names = " and ".join(k[4:] if k.startswith("the ") else k for k in keys)
        verb = "are" if len(keys) > 1 else "is"
        out.append(Explanation(names, candidates[c].words.format(key=names, verb=verb),
                               candidates[c].formula.format(key=names), "substitution"))
    return out


def _candidate_holds(cand, key, student, expected, usable, wrong, tolerances) -> bool:
    def value(i):
        out_i = cand.outputs[i] if i < len(cand.outputs) else None
        if out_i is None or key not in out_i or not np.all(np.isfinite(out_i[key])):
            return None
        return out_i[key]
    if any(value(i) is None for i in wrong):
        return False
    explains = False
    for i in usable:
        v = value(i)
        if v is None:
            continue
        if not close(student[i][key], v, tolerances[i]):
            return False
        explains = explains or (i in wrong and not close(expected[i][key], v, tolerances[i]))
    return explains
