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
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

import numpy as np

from .. import diagnosis, misconceptions
from ..diagnosis import relations

_NUMBER_TYPES = (int, float, np.integer, np.floating)


class Malformed(Exception):
    """The result does not have the type, structure, shape or dtype the task asks for."""

    def __init__(self, message, key=None, value=None, reference=None):
        super().__init__(message)
        self.array = (key, value, reference) if key is not None else None
        """(name, the student's array, the expected array) when an array is at fault."""


@dataclass
class Case:
    """One set of inputs, passed positionally in signature order."""

    label: str
    args: tuple
    stable: bool = False
    """Extreme inputs: a numpy overflow/divide/invalid error here is a failure."""
    rtol: float = 1e-7
    atol: float = 1e-12
    varies: str = ""
    """What this case changes from the first one ("t > 1", "a large eps"), in words that
    finish the sentence "it goes wrong only when: ..." of an undiagnosed difference."""


@dataclass
class Run:
    outputs: dict[str, np.ndarray] | None = None
    error: BaseException | None = None
    malformed: str | None = None
    malformed_array: tuple | None = None
    """(name, student's array, expected array) of a wrong shape or dtype."""
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
            raise Malformed(f"{self.name} has shape {value.shape}, expected shape {expected}.",
                            self.name, value, reference)
        if value.dtype.kind != "f":
            raise Malformed(f"{self.name} has dtype {value.dtype}; it should hold floats "
                            "(an integer array cannot hold the result of a float computation).",
                            self.name, value, reference)
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


@contextlib.contextmanager
def quiet():
    """The course's own code (references, catalogued variants) warns nobody: a numpy
    warning of a reference on an extreme probe must not reach the student or a log."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


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
        run.malformed_array = problem.array


def _changed(after, before) -> bool:
    """Was an argument (an array, or a dict or sequence of arrays) modified in place?"""
    if isinstance(after, np.ndarray):
        return not np.array_equal(after, before, equal_nan=True)
    if isinstance(after, dict):
        return after.keys() != before.keys() or any(_changed(after[k], before[k]) for k in after)
    if isinstance(after, (list, tuple)):
        return len(after) != len(before) or any(_changed(a, b) for a, b in zip(after, before))
    return False


def _same(a: Run, b: Run, case: Case, ignore_mutation: bool = False) -> bool:
    """Do two runs behave alike (used to match a student's run with a buggy variant)? A
    variant is the mistake written one way; the student's code may compute the same thing
    in another order (or add a 1e-7 elsewhere), hence a relative 1e-6 at least. The
    explanation search, which claims exact relations, uses the verdict's tolerance."""
    if (a.error is None) != (b.error is None) or (a.mutated != b.mutated and not ignore_mutation):
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
    """Further checks ``extra(student) -> message or None``, run after the cases pass. An
    extra check that needs another graded function uses that function's reference."""
    steps: bool = False
    """An update rule whose first argument is ``w``: compare step sizes in messages."""
    stability: bool = False
    """Stability is the point of the function (``sigmoid``, ``log_loss``, ...): on a case
    marked ``stable`` a numpy floating-point warning fails even when the values are right.
    Elsewhere a warning with right values costs nothing."""

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

    @property
    def stand_in(self) -> str | None:
        """How this function is answered while a later graded function runs (the judge's
        stub spec): its reference (``name``), the reference's first value beside the
        student's own cache (``name:first``, for ``mlp_forward``), or None."""
        if self.substitutable:
            return self.name
        if isinstance(self.returns, First):
            return f"{self.name}:first"
        return None

    @property
    def parameters(self) -> list[str]:
        """Argument names, from the signature."""
        inside = self.signature[self.signature.index("(") + 1:self.signature.rindex(")")]
        return [p.split("=")[0].strip() for p in inside.split(",") if p.strip()]

    def problem(self, student) -> str | None:
        """The failure message for ``student``, or None when it passes."""
        return self.problems(student)[1]

    def _precheck(self, student) -> str | None:
        """Not defined, not callable, or a mistake recognised from the code itself."""
        inspection = getattr(student, "inspection", None)
        if inspection is not None and not inspection.get("defined"):
            return (f"`{self.name}` is not defined by your solution cells: graded functions are taken "
                    "from the solution cell where the notebook asks for them.")
        if not callable(student) or (inspection is not None and not inspection.get("callable")):
            kind = inspection["type"] if inspection is not None else type(student).__name__
            return f"`{self.name}` should be a function, but it is a {kind}."
        for mc in misconceptions.for_function(self.name):
            detect = mc.detect.get(self.name)
            if detect is not None and detect(student):
                return f"`{self.signature}` fails a basic rule.\n{mc.explain()}"
        return None

    def probes(self) -> list[Case]:
        """The check's cases; ``stable`` counts only where stability is the point."""
        cases = self.cases()
        if not self.stability:
            cases = [replace(c, stable=False) for c in cases]
        return cases

    def problems(self, student) -> tuple[str | None, str | None]:
        """(failure on the first case alone, the visible test's share; failure on every
        case and extra check), each None when it passes."""
        rule = self._precheck(student)
        if rule is not None:
            return rule, rule
        cases = self.probes()
        with quiet():
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

    def _call_text(self, case: Case) -> str:
        return f"`{self.signature}` on {case.label}"

    def inputs(self, case: Case) -> str:
        """The case's arguments with their names: 'w = [1, 2], lr = 0.1'."""
        return ", ".join(f"{n} = {_show(a)}" for n, a in zip(self.parameters, case.args))

    def _problem_in(self, case: Case, run: Run, ref: dict[str, np.ndarray]) -> str | None:
        call_text = self._call_text(case)
        inputs = f"\nInputs: {self.inputs(case)}."
        if run.error is not None:
            if isinstance(run.error, NotImplementedError):
                return f"`{self.name}` is not implemented yet: it raised NotImplementedError."
            if isinstance(run.error, SystemExit):
                return f"{call_text} tried to stop Python (SystemExit).{inputs}"
            return f"{call_text} raised {type(run.error).__name__}: {run.error}{inputs}"
        if run.mutated:
            return (f"{call_text} changed its {', '.join(self._argument_names(run.mutated))} in place: "
                    "the caller's array is different after the call. Graded functions must return new "
                    f"arrays and leave their inputs alone.{inputs}")
        if run.malformed is not None:
            return f"{call_text}: {run.malformed}{inputs}"
        for key, value in run.outputs.items():
            if not np.all(np.isfinite(value)) and np.all(np.isfinite(ref[key])):
                return (f"{call_text} returned {key} = {_fmt(value, ref[key])}, which contains nan or inf; "
                        f"the expected value {_fmt(ref[key], value)} is finite.{inputs}")
        if case.stable and run.fp_errors:
            return (f"{call_text} caused a numpy floating-point {' and '.join(run.fp_errors)} "
                    "(numpy warns about it): the computation is not numerically stable for "
                    f"inputs this large, and stability is what this function is about.{inputs}")
        for key, value in run.outputs.items():
            if not np.allclose(value, ref[key], rtol=case.rtol, atol=case.atol):
                return (f"First difference: {call_text} returned {key} = {_fmt(value, ref[key])}, expected "
                        f"{_fmt(ref[key], value)}.{inputs}")
        return None

    def _argument_names(self, mutated: tuple[str, ...]) -> list[str]:
        names = self.parameters
        out = []
        for m in mutated:  # "argument 3"
            i = int(m.split()[-1]) - 1
            out.append(f"argument {names[i]}" if i < len(names) else m)
        return out

    def _explain(self, student, what, cases, runs, failing, expected) -> str:
        """The decisive sentence first (a catalogued mistake, or what the explanation search
        verified on every input), then the first difference with its inputs."""
        match, besides_in_place = _diagnose(self.name, cases, runs, failing, self.returns, expected)
        if match is not None and besides_in_place:
            return (f"{match.explain()}\n{what}\nApart from that in-place change, the values you return "
                    "are those of this catalogued mistake, on every input.")
        if match is not None:
            return f"{match.explain()}\n{what}"
        run, case = runs[failing], cases[failing]
        if run.malformed_array is not None and run.error is None and not run.mutated:
            key, value, reference = run.malformed_array
            found = relations.shape_and_dtype(key, value, reference, dict(zip(self.parameters, case.args)),
                                              (case.rtol, case.atol))
            if found:
                return "\n".join([*diagnosis.sentences(found), what])
        if run.error is not None or run.mutated or run.malformed is not None:
            return what  # the message says what to fix; no catalogued variant behaves like this
        unstable = case.stable and (run.fp_errors or any(
            not np.all(np.isfinite(v)) for v in run.outputs.values()))
        if unstable:
            advice = ("The formula can be right on paper and still fail here: rewrite it so that exp "
                      "only ever sees numbers <= 0 (np.logaddexp(0, -z) is log(1 + exp(-z)) without "
                      "overflow; or split on the sign of z).")
            return "\n".join((what, self.describe(cases, runs, expected), advice))
        if any(not np.all(np.isfinite(v)) for v in run.outputs.values()):
            return "\n".join((what, "Look for a division by zero, a log of 0 or an exp of a large number "
                                     "on these inputs."))
        with quiet():
            found = [e for e in diagnosis.search(self, cases, runs, expected) if e.kind != "right"]
        where = self.describe(cases, runs, expected)
        if found:
            lines = diagnosis.sentences(found)
            head = f"`{self.name}` returns wrong values. What differs, checked on every input:"
            return "\n".join([head, *("- " + line for line in lines), what, where])
        advice = ("No mistake in the course's catalog and no simple relation to the expected values "
                  "(a factor, an offset, a sign, an input off by one, ...) reproduces your outputs on "
                  "every input, so none is named: the comparison above shows which value and which "
                  "inputs to look at.")
        return "\n".join(x for x in (what, where, advice) if x)

    def describe(self, cases, runs, expected) -> str:
        """Which returned value differs, on which inputs (the how is the search's)."""
        refs = [self.returns.normalize(e, e) for e in expected]
        usable = [i for i, r in enumerate(runs) if r.outputs is not None and r.error is None
                  and r.malformed is None]
        if not usable:
            return ""
        keys = list(refs[usable[0]])
        lines = []
        differs_somewhere = False
        for key in keys:
            wrong = [i for i in usable if key in runs[i].outputs and not np.allclose(
                runs[i].outputs[key], refs[i][key], rtol=cases[i].rtol, atol=cases[i].atol, equal_nan=True)]
            if not wrong:
                lines.append(f"- {key} is right on every input.")
                continue
            differs_somewhere = True
            right = [i for i in usable if i not in wrong]
            text = f"- {key} differs on {_labels(cases, wrong)}"
            text += f"; it is right on {_labels(cases, right)}." if right else " (every input)."
            if right and 0 in right:
                changes = [cases[i].varies for i in wrong if cases[i].varies]
                if len(changes) == len(wrong):
                    text += f" It goes wrong only when: {'; '.join(dict.fromkeys(changes))}."
            lines.append(text)
        if not differs_somewhere:
            return ""
        return "Compared input by input:\n" + "\n".join(lines)


def _labels(cases, indices, shown=3) -> str:
    """The first few case labels, and how many more (a long list hides the message)."""
    text = ", ".join(f"\"{cases[i].label}\"" for i in indices[:shown])
    return text + (f" and {len(indices) - shown} more" if len(indices) > shown else "")


def diagnose(name, cases, runs, failing, spec, expected):
    """The catalogued mistake whose variant behaves like the student's function on every
    case (probe), or None: a variant that matches only some cases names nothing."""
    return _diagnose(name, cases, runs, failing, spec, expected)[0]


def _diagnose(name, cases, runs, failing, spec, expected):
    """(mistake, besides_in_place). First a variant that behaves exactly like the student's
    function on every case where the variant is defined and finite. Then, when the student's
    function changes arguments in place: a catalogued in-place mistake that changes (at
    least) those arguments and returns the same values, or a variant whose *values* match
    on every such case (the in-place change is then a second finding, and
    ``besides_in_place`` is True)."""
    entries = [(mc, v) for mc in misconceptions.for_function(name) for v in mc.variants_of(name) if callable(v)]
    refs = [spec.normalize(e, e) for e in expected]
    variant_runs = {}
    for loose, sturdier in ((False, False), (False, True), (True, False), (True, True)):
        if loose and not any(run.mutated for run in runs):
            break
        for k, (mc, variant) in enumerate(entries):
            if k not in variant_runs:
                variant_runs[k] = [call(variant, case, spec, exp) for case, exp in zip(cases, expected)]
            in_place_mistake = any(r.mutated for r in variant_runs[k])
            if loose and in_place_mistake and not all(
                    set(run.mutated) <= set(vr.mutated) for run, vr in zip(runs, variant_runs[k])):
                continue  # the student changes an argument this in-place mistake leaves alone
            if _matches(runs, variant_runs[k], cases, refs, loose, sturdier):
                return mc, loose and not in_place_mistake
    return None, False


def _finite(run: Run) -> bool:
    return run.error is None and run.malformed is None and run.outputs is not None and all(
        np.all(np.isfinite(v)) for v in run.outputs.values())


def _wrong(run: Run, ref: dict, case: Case) -> bool:
    return not _finite(run) or bool(run.mutated) or (case.stable and bool(run.fp_errors)) \
        or run.outputs.keys() != ref.keys() or any(
        not np.allclose(run.outputs[k], ref[k], rtol=case.rtol, atol=case.atol) for k in ref)


def _matches(runs, variant_runs, cases, refs, loose, sturdier) -> bool:
    """The variant behaves like the student on every case, and on at least one case where
    the student is wrong. ``sturdier``: a case where the variant raises or gives nan/inf
    and the student is right says nothing (the same mistake, written so that it survives
    an all-zero input); a case where the student is wrong still has to match."""
    evidence = False
    for case, run, vr, ref in zip(cases, runs, variant_runs, refs):
        if sturdier and not _finite(vr) and not vr.mutated and not _wrong(run, ref, case):
            continue
        if not _same(run, vr, case, ignore_mutation=loose):
            return False
        evidence = evidence or _wrong(run, ref, case)
    return evidence


def _show(value) -> str:
    """An argument as a student would write it."""
    if isinstance(value, np.ndarray):
        if value.size <= 8:
            text = np.array2string(value, precision=4, separator=", ", max_line_width=200)
            return text + (f" ({value.dtype})" if value.dtype != np.float64 else "")
        return f"an array of shape {value.shape} ({value.dtype})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"'{k}': {_show(v) if np.ndim(v) == 0 else 'shape ' + str(np.shape(v))}"
                               for k, v in value.items()) + "}"
    if isinstance(value, np.random.Generator):
        return "a numpy Generator"
    if callable(value):
        return getattr(value, "__name__", "a function")
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)


def _fmt(value: np.ndarray, other: np.ndarray | None = None) -> str:
    """Enough digits to see how ``value`` differs from ``other``."""
    for digits in (4, 6, 8, 10, 12, 15):
        if value.ndim == 0:
            text = f"{float(value):.{digits + 2}g}"
            other_text = f"{float(other):.{digits + 2}g}" if other is not None and np.ndim(other) == 0 else None
        else:
            text = np.array2string(value, precision=digits, threshold=8, edgeitems=3, separator=", ")
            other_text = (np.array2string(np.asarray(other), precision=digits, threshold=8, edgeitems=3,
                                          separator=", ") if other is not None else None)
        if other_text is None or text != other_text:
            return text
    return text
