"""Checks for chapter 3: ``momentum_update`` and ``nesterov_update``. No probe has
``lr == 1 - beta`` (or ``lr == beta``), so that a factor lr and a factor 1 - beta can be
told apart."""
from ..references import momentum as ref
from .harness import Array, FunctionCheck, Tuple
from .update_cases import update_cases


def _cases():
    return update_cases(lambda rng, w, g: (rng.normal(size=w.shape),),
                        {"lr = 0.05, beta = 0.9, a nonzero incoming velocity": (0.05, 0.9),
                         "lr = 0.3, beta = 0.6": (0.3, 0.6)})


check_momentum_update = FunctionCheck("momentum_update", "momentum_update(w, g, v, lr, beta)",
                                      ref.momentum_update, Tuple(Array("w"), Array("v")), _cases, steps=True)
check_nesterov_update = FunctionCheck("nesterov_update", "nesterov_update(w, g, v, lr, beta)",
                                      ref.nesterov_update, Tuple(Array("w"), Array("v")), _cases, steps=True)

CHECKS = {"momentum_update": check_momentum_update, "nesterov_update": check_nesterov_update}
