"""Inputs for update rules ``f(w, g, *state, *hyperparameters)``: random, float32, and
nonzero incoming state, so that carried, reset and returned state all differ."""
import numpy as np

from .harness import Case


def update_cases(make_state, hyper_sets, n=5, seed=0):
    """One case per hyperparameter dict in ``hyper_sets`` (label -> tuple), plus a
    float32 version of the first; ``make_state(rng, w, g)`` returns the state arrays."""
    rng = np.random.default_rng(seed)
    w, g = rng.normal(size=n), rng.normal(size=n)
    state = make_state(rng, w, g)
    cases = [Case(label, (w, g, *state, *hyper), varies=("other hyperparameters" if i else ""))
             for i, (label, hyper) in enumerate(hyper_sets.items())]
    first_label, first = next(iter(hyper_sets.items()))
    cases.append(Case(f"float32 arrays, {first_label}",
                      (w.astype(np.float32), g.astype(np.float32), *(s.astype(np.float32) for s in state), *first),
                      rtol=1e-4, atol=1e-6, varies="float32 arrays"))
    return cases


def tiny_gradient_case(hyper, states=1):
    """Gradients of 1e-3 (and one exact 0) with zero state: where ``eps`` inside or outside
    a square root, a missing or hard-coded ``eps`` and a missing bias correction change the
    step the most."""
    g = np.array([1e-3, 1e-3, 1e-3, 0.0])
    eps = max(h for h in hyper if isinstance(h, float) and h < 0.1)
    return Case(f"tiny gradients (1e-3, and one exact 0) with zero state and a large eps = {eps:g}",
                (np.ones(4), g, *(np.zeros(4) for _ in range(states)), *hyper),
                varies="tiny gradients, a zero gradient entry and a large eps")
