"""Input substitutions under which the reference may reproduce a student's result.

A mistake often is the right formula fed a wrong input: ``t`` off by one, ``eps`` left out,
``beta`` where ``1 - beta`` belongs, labels in {-1, +1}, a penalty or a bias dropped, the
incoming state ignored. :func:`substitutions` lists them for one probe from the argument
names and values alone (numpy and the standard library only, like ``relations``), and
:func:`candidates` evaluates the reference on them, on the trusted side, giving
``relations.Candidate`` objects (words, formula, outputs per probe) that
``relations.match`` compares with the student's outputs. The browser self-check can
ship precomputed candidates for the public probes and call ``relations.match`` on them.

The words hold ``{key}`` where the returned value's name goes.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .relations import Candidate

STATE = ("m", "v", "s")
"""Names of incoming optimizer state."""
PENALTY = ("lam", "weight_decay")
"""Weights of a term that a mistake can drop."""
BETAS = ("beta", "beta1", "beta2", "rho")
SCALED = ("threshold", "max_norm", "lr_max", "h")
"""Numbers a mistake may double or halve (a threshold of lr*lam/2, a bound twice too large)."""


@dataclass(frozen=True)
class Substitution:
    words: str
    formula: str
    replace: dict
    """Argument name -> the value used in its place."""


def _number(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def substitutions(names: list[str], args: tuple) -> list[Substitution]:
    """The substitutions that apply to one probe (those that change nothing are left out:
    they could only rest on a setting where every implementation agrees)."""
    given = dict(zip(names, args))
    out = []

    def add(words, formula, **replace):
        changed = {k: v for k, v in replace.items() if not _equal(v, given[k])}
        if changed:
            out.append(Substitution(words, formula, changed))

    for name, value in given.items():
        if name == "t" and _number(value):
            add("with t + 1 in place of t (the step count "
                "is off by one: it is already the number of this update)", "t = t + 1", t=value + 1)
            if value > 1:
                add("with t - 1 in place of t (the step "
                    "count is off by one)", "t = t - 1", t=value - 1)
            if "beta1" in given or "beta2" in given:  # t only counts for Adam's bias correction
                add("without the bias correction (as if t were so large that beta**t is 0)",
                    "t = infinity (no bias correction)", t=10 ** 6)
        elif name == "eps" and _number(value):
            add("without eps (eps is dropped)", "eps = 0", eps=0.0)
            for hard in (1e-8, 1e-7, 1e-6, 1e-10):
                add(f"with eps = {hard:g}, not the eps argument "
                    "(a hard-coded constant)", f"eps = {hard:g}", eps=hard)
        elif name == "lr" and _number(value):
            add("with lr² in place of lr (the learning rate is "
                "applied twice)", "lr = lr**2", lr=value * value)
        elif name in BETAS and _number(value) and 0 < value < 1:
            add(f"with 1 - {name} in place of {name} (the weights of "
                "the old and the new term are swapped)", f"{name} = 1 - {name}", **{name: 1 - value})
        elif name in PENALTY and _number(value):
            add(f"with {name} = 0: the {name} term is missing",
                f"{name} = 0", **{name: 0.0})
            add(f"with {name} counted twice", f"{name} = 2 {name}",
                **{name: 2 * value})
            add(f"with {name}/2", f"{name} = {name} / 2",
                **{name: value / 2})
        elif name in STATE and isinstance(value, np.ndarray):
            add(f"with the incoming {name} replaced by zeros (the "
                f"state you were given is not carried into this update)", f"{name} = 0",
                **{name: np.zeros_like(value)})
        elif name == "y" and isinstance(value, np.ndarray) and np.isin(value, (0, 1)).all():
            add("for labels in {{-1, +1}} (2y - 1), but the labels "
                "here are 0 and 1", "y = 2y - 1", y=2 * value - 1)
            add("with the labels flipped (1 - y)", "y = 1 - y",
                y=1 - value)
        elif name == "z":
            z = np.asarray(value, dtype=float)
            add("at -z (the sign of z is flipped: exp(z) where "
                "exp(-z) belongs)", "z = -z", z=_like(value, -z))
            for c in (2.0, 0.5):
                add(f"at {c:g}·z (z is scaled)", f"z = {c:g} * z",
                    z=_like(value, c * z))
        elif name == "b" and _number(value):
            add("with b = 0: the bias is left out", "b = 0", b=0.0)
        elif name == "params" and isinstance(value, dict):
            for bias in ("b1", "b2"):
                if bias in value:
                    zero = np.zeros_like(value[bias]) if isinstance(value[bias], np.ndarray) else 0.0
                    add(f"with {bias} = 0: the bias {bias} is left out",
                        f"{bias} = 0", params={**value, bias: zero})
        elif name == "lr_min" and _number(value):
            add("with lr_min = 0: the floor is left out",
                "lr_min = 0", lr_min=0.0)
        elif name == "warmup_steps" and _number(value):
            for d in (1, -1):
                if value + d >= 0:
                    add(f"with warmup_steps {d:+d} (the warmup ends one "
                        "step off)", f"warmup_steps = warmup_steps {d:+d}", warmup_steps=value + d)
        elif name == "total_steps" and _number(value):
            for d in (1, -1):
                add(f"with total_steps {d:+d} (the cosine ends one step off)",
                    f"total_steps = total_steps {d:+d}", total_steps=value + d)
    for name in SCALED:
        value = given.get(name)
        if _number(value) and value != 0:
            add(f"with 2 * {name} in place of {name}", f"{name} = 2 * {name}", **{name: 2 * value})
            add(f"with {name} / 2 in place of {name}", f"{name} = {name} / 2", **{name: value / 2})
    if isinstance(given.get("g"), np.ndarray):
        g = np.asarray(given["g"])
        scales = [("lr", "lr", given.get("lr"))] + [(f"1 - {b}", f"(1 - {b})", 1 - given[b])
                                                     for b in BETAS if _number(given.get(b))]
        for words, formula, c in scales:
            if _number(c):
                add(f"with g multiplied by {words} first (an extra "
                    f"factor {words} on the gradient)", f"g = {formula} * g", g=(c * g).astype(g.dtype))
    if "beta1" in given and "beta2" in given:
        add("with beta1 and beta2 swapped", "beta1 <-> beta2",
            beta1=given["beta2"], beta2=given["beta1"])
    return out


def _like(value, array):
    return float(array) if np.ndim(value) == 0 and not isinstance(value, np.ndarray) else array.astype(
        np.asarray(value).dtype)


def _equal(a, b) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    try:
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    except (TypeError, ValueError):
        return False


def candidates(reference: Callable, names: list[str], probes: list[tuple],
               normalize: Callable[[object], dict]) -> list[Candidate]:
    """The reference evaluated on every substitution, probe by probe. ``normalize`` turns a
    reference result into a dict of arrays; a probe where the substitution does not apply
    (or the reference refuses it, or warns, or gives non-finite numbers) gets None."""
    by_formula: dict[str, Candidate] = {}
    for p, args in enumerate(probes):
        for sub in substitutions(names, args):
            cand = by_formula.setdefault(sub.formula, Candidate(
                "your {key} {verb} what the correct function returns " + sub.words,
                f"yours = the correct {{key}} with {sub.formula}", [None] * len(probes)))
            new = tuple(sub.replace.get(n, a) for n, a in zip(names, args))
            try:
                with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
                    out = normalize(reference(*copy.deepcopy(new)))
            except Exception:  # noqa: BLE001 - an input the reference does not take
                continue
            if all(np.all(np.isfinite(v)) for v in out.values()):
                cand.outputs[p] = out
    return list(by_formula.values())
