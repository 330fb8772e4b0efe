"""Checks for chapter 2: ``make_minibatches``, judged by its properties, not by equality
with one particular use of ``rng`` (``rng.permutation(m)``, ``rng.choice(m, m,
replace=False)`` and ``rng.shuffle`` of an index array are all right):

- the batches have the sizes the spec gives (``batch_size`` rows each, the last one
  smaller when needed);
- together they hold every row exactly once, and each label stays with its row;
- the order comes from ``rng``: generators in equal states give equal batches, and over
  several generator states every position of the epoch (the last batch included) holds
  different rows.

A catalogued mistake is named when its variant fails exactly the same properties on every
probe as the student's function (rows missing and rows repeated are different properties:
a padded last batch is not a dropped one).
"""
from __future__ import annotations

import numpy as np

from .. import misconceptions
from ..references import minibatch as ref
from .harness import Batches, Case, FunctionCheck, Malformed, call

SEEDS = tuple(range(100, 112))
"""Generator states over which every position of the epoch must hold different rows."""


def _data(m, n=3):
    """Row i of X is [n*i, ..., n*i + n-1]; its label is i (so pairs can be checked)."""
    return np.arange(float(m * n)).reshape(m, n), np.arange(float(m))


def _cases():
    X7, y7 = _data(7, 2)
    X10, y10 = _data(10)
    labels = np.array([0.0, 1, 1, 0, 1, 0, 0, 1, 1, 0])
    return [
        Case("7 rows, batch_size = 3 (sizes 3, 3, 1)", (X7, y7, 3, np.random.default_rng(0))),
        Case("10 rows, batch_size = 3 (the last batch has one row)", (X10, y10, 3, np.random.default_rng(1))),
        Case("10 rows, batch_size = 5", (X10, y10, 5, np.random.default_rng(2))),
        Case("batch_size = 10, one batch", (X10, y10, 10, np.random.default_rng(3))),
        Case("batch_size = 32, larger than the data", (X10, y10, 32, np.random.default_rng(4))),
        Case("0/1 labels (integers as floats)", (X10, labels, 4, np.random.default_rng(5))),
    ]


class _Shapes(Batches):
    """Batches with the right structure; sizes are a property, reported as such."""

    def normalize(self, value, reference):
        if not isinstance(value, (list, tuple)) or not all(
                isinstance(b, (tuple, list)) and len(b) == 2 for b in value):
            raise Malformed(f"{self.name} should be a list of (X_batch, y_batch) pairs, "
                            f"but it is {_describe(value)}.")
        out = {}
        for i, (Xb, yb) in enumerate(value):
            for label, v in (("X", Xb), ("y", yb)):
                if not isinstance(v, np.ndarray):
                    raise Malformed(f"{label} of batch {i} should be a numpy array, but it is {_describe(v)}.")
            out[f"X of batch {i}"] = np.asarray(Xb, dtype=float)
            out[f"y of batch {i}"] = np.asarray(yb, dtype=float)
        return out


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {type(value).__name__}"


def _batches(run):
    n = len(run.outputs) // 2
    return [(run.outputs[f"X of batch {i}"], run.outputs[f"y of batch {i}"]) for i in range(n)]


def _rows(X, Xb):
    """Row numbers of X that the rows of Xb are (-1 for a row that is not in X)."""
    if Xb.ndim != 2 or Xb.shape[1] != X.shape[1]:
        return None
    out = []
    for row in Xb:
        hits = np.flatnonzero(np.all(X == row, axis=1))
        out.append(int(hits[0]) if hits.size else -1)
    return out


def _case_failures(case, run, names=("X", "y", "batch_size", "rng")) -> list[tuple[str, str]]:
    """(property, message) for every property one call breaks."""
    X, y, batch_size = case.args[0], case.args[1], case.args[2]
    m = X.shape[0]
    if run.error is not None:
        return [("error", f"raised {type(run.error).__name__}: {run.error}")]
    if run.mutated:
        changed = [names[int(m.split()[-1]) - 1] for m in run.mutated]
        return [("mutated", f"changed its argument {' and '.join(changed)} in place: the caller's arrays "
                            "are different after the call (rng.shuffle(X) shuffles X itself; X[order] "
                            "makes a new array)")]
    if run.malformed is not None:
        return [("malformed", run.malformed)]
    batches = _batches(run)
    fails = []
    sizes = [len(yb) for _, yb in batches]
    want = [min(batch_size, m - i) for i in range(0, m, batch_size)]
    if sizes != want or any(len(Xb) != len(yb) for Xb, yb in batches):
        fails.append(("sizes", f"gave batches of sizes {sizes} (X: {[len(Xb) for Xb, _ in batches]}), "
                               f"expected {want}"))
    rows = [_rows(X, Xb) for Xb, _ in batches]
    if any(r is None for r in rows):
        fails.append(("rows", "returned X batches whose rows are not rows of X"))
        return fails
    flat = [i for r in rows for i in r]
    if sorted(flat) != list(range(m)):
        missing = sorted(set(range(m)) - set(flat))
        repeated = sorted({i for i in flat if flat.count(i) > 1})
        what = []
        if missing:
            what.append(f"rows {missing} never appear")
        if repeated:
            what.append(f"rows {repeated} appear more than once")
        if -1 in flat:
            what.append("some rows are not rows of X")
        kind = "+".join(k for k, found in (("missing", missing), ("repeated", repeated), ("foreign", -1 in flat))
                        if found)
        fails.append((f"rows: {kind}", "does not use every row exactly once: " + "; ".join(what)))
    if all(i >= 0 for i in flat) and any(
            yb.shape != (len(r),) or not np.array_equal(yb, y[r]) for (_, yb), r in zip(batches, rows)):
        fails.append(("pairs", "separates rows of X from their labels in y (a label travels with "
                               "another row)"))
    return fails


class MinibatchCheck(FunctionCheck):
    """``make_minibatches`` judged by its properties (see the module docstring)."""

    def _order(self, student, case):
        run = call(student, case, self.returns, None)
        if run.outputs is None:
            return None, run
        rows = [_rows(case.args[0], Xb) for Xb, _ in _batches(run)]
        return (None if any(r is None for r in rows) else [i for r in rows for i in r]), run

    def signature_of(self, student, cases=None):
        """Every property failure of ``student``, probe by probe: [(probe, property, message)]."""
        cases = cases or self.probes()
        found = []
        runs = [call(student, c, self.returns, None) for c in cases]
        for i, (case, run) in enumerate(zip(cases, runs)):
            found += [(i, prop, f"`{self.signature}` on {case.label} {text}.\nInputs: {self.inputs(case)}.")
                      for prop, text in _case_failures(case, run)]
        first = cases[0]
        same = call(student, replace_rng(first, 0), self.returns, None)
        if runs[0].outputs is not None and same.outputs is not None and (
                runs[0].outputs.keys() != same.outputs.keys()
                or any(not np.array_equal(runs[0].outputs[k], same.outputs[k]) for k in same.outputs)):
            found.append((0, "reproducible",
                          f"`{self.signature}` gave different batches for two generators in the same state "
                          "(np.random.default_rng(0) twice): the order must be drawn from rng, so that the "
                          "same seed gives the same epoch."))
        # the first setup is the first case's (and the visible test's): its findings count there
        for probe, (m, batch_size) in ((0, (7, 3)), (len(cases), (10, 4))):
            X, y = _data(m)
            orders = []
            for seed in SEEDS:
                order, _ = self._order(student, Case("", (X, y, batch_size, np.random.default_rng(seed))))
                if order is None or len(order) != m:
                    orders = None
                    break
                orders.append(order)
            if orders is None:
                continue
            fixed = [p for p in range(m) if len({o[p] for o in orders}) == 1]
            if len(fixed) == m and orders[0] != list(range(m)):
                found.append((probe, "from_rng: one fixed shuffle",
                              f"With {m} rows and batch_size = {batch_size}, {len(SEEDS)} different generator "
                              "states all gave the same shuffled order: the shuffle uses a seed of its own "
                              "(np.random.seed, default_rng(0), ...) instead of drawing from rng."))
            elif fixed:
                last = m - (m % batch_size or batch_size)
                where = ("every position" if len(fixed) == m else
                         "the last batch" if fixed == list(range(last, m)) else f"positions {fixed}")
                found.append((probe, "from_rng: " + where,
                              f"With {m} rows and batch_size = {batch_size}, {where} of the epoch held the "
                              f"same rows for {len(SEEDS)} different generator states: the order of the rows "
                              "is not (entirely) drawn from rng, so the batches are not shuffled "
                              + ("at all." if len(fixed) == m else "everywhere.")))
        return found, runs

    def problems(self, student):
        rule = self._precheck(student)
        if rule is not None:
            return rule, rule
        cases = self.probes()
        found, runs = self.signature_of(student, cases)
        if not found:
            return None, None
        for i, _, text in found:
            if i == 0 and runs[0].error is not None and isinstance(runs[0].error, NotImplementedError):
                missing = f"`{self.name}` is not implemented yet: it raised NotImplementedError."
                return missing, missing
        key = [(i, prop) for i, prop, _ in found]
        match = None
        for mc in misconceptions.for_function(self.name):
            variant = mc.variants.get(self.name)
            if callable(variant) and [(i, p) for i, p, _ in self.signature_of(variant, cases)[0]] == key:
                match = mc
                break
        lines = [text for _, _, text in found[:3]]
        if len(found) > 3:
            lines.append(f"... and {len(found) - 3} more such problems.")
        if match is not None:
            lines.append(match.explain())
        elif not any(prop in ("error", "mutated", "malformed") for _, prop, _ in found):
            lines.append("No mistake in the course's catalog breaks exactly these properties, so none is "
                         "named: the properties above say what to fix.")
        message = "\n".join(lines)
        first = message if any(i == 0 for i, _, _ in found) else None
        return first, message


def replace_rng(case, seed):
    return Case(case.label, (*case.args[:3], np.random.default_rng(seed)))


check_make_minibatches = MinibatchCheck("make_minibatches", "make_minibatches(X, y, batch_size, rng)",
                                        ref.make_minibatches, _Shapes(), _cases)

CHECKS = {"make_minibatches": check_make_minibatches}
