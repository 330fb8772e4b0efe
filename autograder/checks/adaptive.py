"""Checks for chapter 4: ``adagrad_update`` and ``rmsprop_update``. A large ``eps`` with
small gradients separates eps inside and outside the square root; ``lr`` is never
``1 - rho``, so the two factors can be told apart."""
from ..references import adaptive as ref
from .harness import Array, FunctionCheck, Tuple
from .update_cases import tiny_gradient_case, update_cases


def _state(rng, w, g):
    return (rng.uniform(0.5, 2.0, size=w.shape),)


def _adagrad_cases():
    return update_cases(_state, {"lr = 0.1, eps = 1e-8, a nonzero incoming s": (0.1, 1e-8),
                                 "lr = 0.3, eps = 0.01": (0.3, 1e-2)}) + [tiny_gradient_case((0.1, 1e-2))]


def _rmsprop_cases():
    return update_cases(_state, {"lr = 0.05, rho = 0.9, eps = 1e-8, a nonzero incoming s": (0.05, 0.9, 1e-8),
                                 "lr = 0.02, rho = 0.99, eps = 0.01": (0.02, 0.99, 1e-2)}) + \
        [tiny_gradient_case((0.05, 0.9, 1e-2))]


check_adagrad_update = FunctionCheck("adagrad_update", "adagrad_update(w, g, s, lr, eps)",
                                     ref.adagrad_update, Tuple(Array("w"), Array("s")), _adagrad_cases, steps=True)
check_rmsprop_update = FunctionCheck("rmsprop_update", "rmsprop_update(w, g, s, lr, rho, eps)",
                                     ref.rmsprop_update, Tuple(Array("w"), Array("s")), _rmsprop_cases, steps=True)

CHECKS = {"adagrad_update": check_adagrad_update, "rmsprop_update": check_rmsprop_update}
