"""Checks for chapter 5: ``adam_update`` and ``adamw_update``. ``t = 1`` and ``t = 7``
expose missing or shifted bias correction; tiny gradients with a large ``eps`` expose
eps inside the square root; a large ``weight_decay`` separates the AdamW mistakes. No
probe has ``lr`` equal to ``1 - beta1`` or ``1 - beta2``."""
import numpy as np

from ..references import adam as ref
from .harness import Array, Case, FunctionCheck, Tuple
from .update_cases import tiny_gradient_case


def _cases(*extra):
    rng = np.random.default_rng(3)
    w, g = rng.normal(size=5), rng.normal(size=5)
    m, v = rng.normal(scale=0.3, size=5), rng.uniform(0.1, 1.0, size=5)
    zeros = np.zeros(5)
    return [
        Case("the first update, t = 1, with zero moments and the default betas",
             (w, g, zeros, zeros.copy(), 1, 2e-3, 0.9, 0.999, 1e-8, *extra)),
        Case("t = 7 with nonzero moments", (w, g, m, v, 7, 0.01, 0.9, 0.999, 1e-8, *extra),
             varies="t > 1 with nonzero incoming moments"),
        Case("t = 3, beta1 = 0.5, beta2 = 0.8", (w, g, m, v, 3, 0.1, 0.5, 0.8, 1e-8, *extra),
             varies="t > 1 and betas other than the defaults"),
        Case("float32 arrays, t = 7", tuple(a.astype(np.float32) for a in (w, g, m, v)) + (7, 0.01, 0.9, 0.999, 1e-8, *extra),
             rtol=1e-4, atol=1e-6, varies="float32 arrays with t > 1"),
        tiny_gradient_case((5, 0.01, 0.9, 0.999, 1e-2, *extra), states=2),
    ]


check_adam_update = FunctionCheck(
    "adam_update", "adam_update(w, g, m, v, t, lr, beta1, beta2, eps)", ref.adam_update,
    Tuple(Array("w"), Array("m"), Array("v")), _cases, steps=True)
check_adamw_update = FunctionCheck(
    "adamw_update", "adamw_update(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay)", ref.adamw_update,
    Tuple(Array("w"), Array("m"), Array("v")), lambda: _cases(0.5), steps=True)

CHECKS = {"adam_update": check_adam_update, "adamw_update": check_adamw_update}
