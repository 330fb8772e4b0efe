"""Run a student's function beside its reference and explain the first difference.

A check is a list of :class:`Case` inputs plus a description of what the function
returns (:class:`Scalar`, :class:`Array`, :class:`Tuple`, :class:`Dict`). For each case the
student's function is called on fresh copies of the inputs, with its prints, warnings
and numpy floating-point errors captured, so that nothing reaches stderr (nbgrader gives
0 points to a test cell that writes to stderr) and a harmless warning costs nothing.

Problems are reported in this order, each with its own message: an exception, a changed
argument, a malformed result (type, structure, shape, dtype), ``nan``/``inf``, a numpy
overflow on inputs where the formula must be stable, and finally wrong values. When
something is wrong the buggy variants of the misconception catalog are run on the same
inputs; the one that reproduces the student's behaviour names the likely mistake.

Student results are converted with ``np.asarray(..., dtype=float)`` after a type check,
so objects that fake equality never take part in a comparison.
"""
from __future__ import annotations

import contextlib
import copy
import io
import warnings
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from .. import misconceptions

_NUMBER_TYPES = (int, float, np.integer, np.floating)


class Malformed(Exception):
    """The result does not have the type, structure, shape or dtype the task asks for."""


@dataclass
class Case:
    """One set of inputs, passed positionally in signature order."""

    label: str
    args: tuple
    stable: bool = False
    """Extreme inputs: a numpy overflow/divide/invalid error here is a failure."""
    rtol: float = 1e-7
    atol: float = 1e-12


@dataclass
class Run:
    outputs: dict[str, np.ndarray] | None = None
    error: BaseException | None = None
    malformed: str | None = None
    mutated: tuple[str, ...] = ()
    fp_errors: tuple[str, ...] = ()


# --- what a function returns -------------------------------------------------------

@dataclass
class Scalar:
    """A Python or numpy float (a 0-d array is accepted too)."""

    name: str

    def normalize(self, value, reference) -> dict[str, np.ndarray]:
        if isinstance(value, np.ndarray) and value.shape == ():
            value = value[()]
        if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
            shape = f" of shape {value.shape}" if isinstance(value, np.ndarray) else ""
            raise Malformed(f"{self.name} should be a single float, but it is a "
                            f"{type(value).__name__}{shape}.")
        return {self.name: np.asarray(float(value))}


@dataclass
class Array:
    """A numpy array with the reference's shape and a floating dtype."""

    name: str

    def normalize(self, value, reference) -> dict[str, np.ndarray]:
        if np.ndim(reference) == 0 and isinstance(value, _NUMBER_TYPES) and not isinstance(value, bool):
            return {self.name: np.asarray(float(value))}
        if not isinstance(value, np.ndarray):
            raise Malformed(f"{self.name} should be a numpy array, but it is a {type(value).__name__}.")
        expected = np.shape(reference)
        if value.shape != expected:
            raise Malformed(f"{self.name} has shape {value.shape}, expected shape {expected}.")
        if value.dtype.kind != "f":
            raise Malformed(f"{self.name} has dtype {value.dtype}; it should hold floats "
                            "(an integer array cannot hold the result of a float computation).")
        return {self.name: np.asarray(value, dtype=float)}


@dataclass
class Tuple:
    parts: Sequence

    def __init__(self, *parts):
        self.parts = parts

    @property
    def name(self):
        return "(" + ", ".join(p.name for p in self.parts) + ")"

    def normalize(self, value, reference) -> dict[str, np.ndarray]:
        if not isinstance(value, (tuple, list)) or len(value) != len(self.parts):
            raise Malformed(f"the function should return a tuple {self.name} of "
                            f"{len(self.parts)} values, but it returned {_describe(value)}.")
        out = {}
        for part, v, r in zip(self.parts, value, reference):
            out.update(part.normalize(v, r))
        return out


@dataclass
class Dict:
    parts: dict

    def __init__(self, **parts):
        self.parts = parts

    @property
    def name(self):
        return "a dict with keys " + ", ".join(self.parts)

    def normalize(self, value, reference) -> dict[str, np.ndarray]:
        if not isinstance(value, dict) or set(value) != set(self.parts):
            keys = sorted(map(str, value)) if isinstance(value, dict) else None
            raise Malformed(f"the function should return {self.name}, but it returned "
                            + (f"a dict with keys {keys}." if keys is not None else _describe(value) + "."))
        out = {}
        for key, part in self.parts.items():
            out.update(part.normalize(value[key], reference[key]))
        return out


@dataclass
class First:
    """A pair whose first element is checked by ``part`` and whose second is free (e.g.
    ``mlp_forward``'s cache)."""

    part: object

    @property
    def name(self):
        return f"({self.part.name}, cache)"

    def normalize(self, value, reference) -> dict[str, np.ndarray]:
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise Malformed(f"the function should return a pair {self.name}, but it returned {_describe(value)}.")
        return self.part.normalize(value[0], reference[0])


@dataclass
class Batches:
    """A list of ``(X_batch, y_batch)`` pairs with the reference's number and shapes."""

    name: str = "the list of batches"

    def normalize(self, value, reference) -> dict[str, np.ndarray]:
        if not isinstance(value, (list, tuple)) or not all(
                isinstance(b, (tuple, list)) and len(b) == 2 for b in value):
            raise Malformed(f"{self.name} should be a list of (X_batch, y_batch) pairs, "
                            f"but it is {_describe(value)}.")
        if len(value) != len(reference):
            sizes = [len(b[1]) if hasattr(b[1], "__len__") else "?" for b in value]
            raise Malformed(f"there are {len(value)} batches (sizes {sizes}), expected {len(reference)} "
                            f"(sizes {[len(b[1]) for b in reference]}).")
        out = {}
        for i, (batch, ref) in enumerate(zip(value, reference)):
            for label, v, r in (("X", batch[0], ref[0]), ("y", batch[1], ref[1])):
                if not isinstance(v, np.ndarray):
                    raise Malformed(f"{label} of batch {i} should be a numpy array, but it is {_describe(v)}.")
                if v.shape != r.shape:
                    raise Malformed(f"{label} of batch {i} has shape {v.shape}, expected {r.shape}.")
                out[f"{label} of batch {i}"] = np.asarray(v, dtype=float)
        return out


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} values"
    return f"a {type(value).__name__}"


# --- calling code safely ------------------------------------------------------------

class _Sink(io.TextIOBase):
    """Swallows what the student's function prints (a flood costs no memory)."""

    def writable(self):
        return True

    def write(self, text):
        return len(text)


def call(fn: Callable, case: Case, spec, reference_output) -> Run:
    """Call ``fn`` on copies of the case's inputs and describe what happened (a function
    in the sandbox reports its own errors, floating-point errors and changed arguments)."""
    if hasattr(fn, "inspection"):
        result, error, fp_errors, mutated = fn.run(copy.deepcopy(case.args))
        run = Run(error=error, fp_errors=fp_errors, mutated=tuple(f"argument {i + 1}" for i in mutated))
        if error is None:
            _normalize_into(run, spec, result, reference_output)
        return run
    args = copy.deepcopy(case.args)
    before = copy.deepcopy(args)
    fp_errors: list[str] = []
    run = Run()
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stdout(_Sink()))
        stack.enter_context(contextlib.redirect_stderr(_Sink()))
        stack.enter_context(warnings.catch_warnings())
        warnings.simplefilter("ignore")
        stack.enter_context(np.errstate(over="call", divide="call", invalid="call", under="ignore", call=lambda kind, flag: fp_errors.append(kind)))
        try:
            result = fn(*args)
        except (Exception, SystemExit) as error:  # noqa: BLE001 - any failure is reported
            run.error = error
    run.fp_errors = tuple(dict.fromkeys(fp_errors))
    run.mutated = tuple(f"argument {i + 1}" for i, (a, b) in enumerate(zip(args, before)) if _changed(a, b))
    if run.error is None:
        _normalize_into(run, spec, result, reference_output)
    return run


def _normalize_into(run: Run, spec, result, reference_output) -> None:
    try:
        run.outputs = spec.normalize(result, reference_output)
    except Malformed as problem:
        run.malformed = str(problem)


def _changed(after, before) -> bool:
    """Was an argument (an array, or a dict or sequence of arrays) modified in place?"""
    if isinstance(after, np.ndarray):
        return not np.array_equal(after, before, equal_nan=True)
    if isinstance(after, dict):
        return after.keys() != before.keys() or any(_changed(after[k], before[k]) for k in after)
    if isinstance(after, (list, tuple)):
        return len(after) != len(before) or any(_changed(a, b) for a, b in zip(after, before))
    return False


def _same(a: Run, b: Run, case: Case) -> bool:
    """Do two runs behave alike (used to match a student's run with a buggy variant)?"""
    if (a.error is None) != (b.error is None) or a.mutated != b.mutated:
        return False
    if a.error is not None:
        return type(a.error) is type(b.error)
    if (a.malformed is None) != (b.malformed is None):
        return False
    if a.malformed is not None:
        return a.malformed == b.malformed
    if case.stable and bool(a.fp_errors) != bool(b.fp_errors):
        return False
    return a.outputs.keys() == b.outputs.keys() and all(
        a.outputs[k].shape == b.outputs[k].shape
        and np.allclose(a.outputs[k], b.outputs[k], rtol=max(case.rtol, 1e-6), atol=case.atol, equal_nan=True)
        for k in a.outputs)


# --- the check ----------------------------------------------------------------------

@dataclass
class FunctionCheck:
    """Compare a student's ``name`` with ``reference`` on ``cases``."""

    name: str
    signature: str
    reference: Callable
    returns: object
    cases: Callable[[], list[Case]]
    extra: list[Callable] = field(default_factory=list)
    """Further checks ``extra(student) -> message or None``, run after the cases pass."""
    steps: bool = False
    """An update rule whose first argument is ``w``: compare step sizes in messages."""

    def __call__(self, student) -> None:
        __tracebackhide__ = True
        message = self.problem(student)
        if message is not None:
            raise AssertionError(message)

    @property
    def substitutable(self) -> bool:
        """Can the reference stand in for the student's function inside another one? Not
        when part of the result is the student's to shape (``mlp_forward``'s cache)."""
        return not isinstance(self.returns, First)

    def problem(self, student) -> str | None:
        """The failure message for ``student``, or None when it passes."""
        return self.problems(student)[1]

    def problems(self, student) -> tuple[str | None, str | None]:
        """(failure on the first case alone, the visible test's share; failure on every
        case and extra check), each None when it passes."""
        inspection = getattr(student, "inspection", None)
        if inspection is not None and not inspection.get("defined"):
            missing = (f"`{self.name}` is not defined by your solution cells: graded functions are taken "
                       "from the solution cell where the notebook asks for them.")
            return missing, missing
        if not callable(student) or (inspection is not None and not inspection.get("callable")):
            kind = inspection["type"] if inspection is not None else type(student).__name__
            wrong = f"`{self.name}` should be a function, but it is a {kind}."
            return wrong, wrong
        for mc in misconceptions.for_function(self.name):
            detect = mc.detect.get(self.name)
            if detect is not None and detect(student):
                rule = f"`{self.signature}` fails a basic rule.\n{mc.explain()}"
                return rule, rule
        cases = self.cases()
        expected = [self.reference(*copy.deepcopy(c.args)) for c in cases]
        runs = []
        for case, reference in zip(cases, expected):  # a function that hangs is stopped once
            hung = runs and isinstance(runs[-1].error, TimeoutError)
            runs.append(runs[-1] if hung else call(student, case, self.returns, reference))
        for i, (case, run, ref) in enumerate(zip(cases, runs, expected)):
            what = self._problem_in(case, run, self.returns.normalize(ref, ref))
            if what is not None:
                message = self._explain(student, what, cases, runs, i, expected)
                return (message if i == 0 else None), message
        for extra in self.extra:
            what = extra(student)
            if what is not None:
                return None, what
        return None, None

    def _problem_in(self, case: Case, run: Run, ref: dict[str, np.ndarray]) -> str | None:
        call_text = f"`{self.signature}` on {case.label}"
        if run.error is not None:
            if isinstance(run.error, NotImplementedError):
                return f"`{self.name}` is not implemented yet: it raised NotImplementedError."
            if isinstance(run.error, SystemExit):
                return f"{call_text} tried to stop Python (SystemExit)."
            return f"{call_text} raised {type(run.error).__name__}: {run.error}"
        if run.mutated:
            return (f"{call_text} changed its {', '.join(run.mutated)} in place: the caller's "
                    "array is different after the call. Graded functions must return new "
                    "arrays and leave their inputs alone.")
        if run.malformed is not None:
            return f"{call_text}: {run.malformed}"
        for key, value in run.outputs.items():
            if not np.all(np.isfinite(value)) and np.all(np.isfinite(ref[key])):
                return (f"{call_text} returned {key} = {_fmt(value)}, which contains nan or inf; "
                        f"the expected value {_fmt(ref[key])} is finite.")
        if case.stable and run.fp_errors:
            return (f"{call_text} caused a numpy floating-point {' and '.join(run.fp_errors)} "
                    "(numpy warns about it): the computation is not numerically stable for "
                    "inputs this large.")
        for key, value in run.outputs.items():
            if not np.allclose(value, ref[key], rtol=case.rtol, atol=case.atol):
                if self.steps and key == "w":
                    w0 = np.asarray(case.args[0], dtype=float)
                    ratio = _ratio(value - w0, ref[key] - w0).replace("result", "step (new w minus w)")
                else:
                    ratio = _ratio(value, ref[key])
                return f"{call_text} returned {key} = {_fmt(value)}, expected {_fmt(ref[key])}.{ratio}"
        return None

    def _explain(self, student, what, cases, runs, failing, expected) -> str:
        match = diagnose(self.name, cases, runs, failing, self.returns, expected)
        if match is not None:
            return f"{what}\n{match.explain()}"
        return (f"{what}\nThis does not match any mistake in the course's catalog; compare "
                "your code with the formula in the instructions, term by term.")


def diagnose(name, cases, runs, failing, spec, expected):
    """The catalogued mistake whose variant behaves like the student's runs: one that
    matches on every case if there is one, else one that matches on the failing case."""
    candidates = [m for m in misconceptions.for_function(name) if name in m.variants]
    matches_failing = []
    for mc in candidates:
        variant = mc.variants[name]
        ok_failing = _same(runs[failing], call(variant, cases[failing], spec, expected[failing]), cases[failing])
        if not ok_failing:
            continue
        if all(_same(run, call(variant, case, spec, exp), case)
               for case, run, exp in zip(cases, runs, expected)):
            return mc
        matches_failing.append(mc)
    return matches_failing[0] if matches_failing else None


def _fmt(value: np.ndarray) -> str:
    if value.ndim == 0:
        return f"{float(value):.6g}"
    return np.array2string(value, precision=4, threshold=8, edgeitems=3, separator=", ")


def _ratio(found: np.ndarray, expected: np.ndarray) -> str:
    """'Your result is 3.16 times the expected one' when the two are proportional."""
    mask = np.abs(expected) > 1e-12
    if not mask.any():
        return ""
    ratios = found[mask] / expected[mask]
    if np.all(np.isfinite(ratios)) and np.allclose(ratios, ratios.flat[0], rtol=1e-3) and abs(ratios.flat[0] - 1) > 1e-3:
        return f" Your result is {ratios.flat[0]:.3g} times the expected one."
    return ""

