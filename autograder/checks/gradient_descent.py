"""Checks for chapter 1: ``sigmoid``, ``log_loss``, ``log_loss_grad``, ``gd_update``."""
import numpy as np

from .. import misconceptions
from ..data import breast_cancer
from ..references import gradient_descent as ref
from .harness import Array, Case, FunctionCheck, Scalar, Tuple


def logistic_cases(extra_args=()):
    """Inputs for functions of ``(X, y, w, b, *extra_args)``: random data with both classes,
    integer labels, a single example, float32 data, and logits up to 1000 in size where
    the formula must stay finite and quiet."""
    rng = np.random.default_rng(20261124)
    X = rng.normal(size=(7, 3))
    y = np.array([0.0, 1, 1, 0, 1, 0, 1])
    w, b = rng.normal(size=3), 0.37
    X_big = np.array([[1000.0, 0], [-800, 1], [0.5, -0.2], [20, 10], [-1, 3], [0, -1000]])
    y_big = np.array([0, 1, 1, 0, 1, 1])
    X_wide = rng.normal(size=(9, 5))
    return [
        Case("a random X of shape (7, 3), y with both classes, b = 0.37", (X, y, w, b, *extra_args)),
        Case("integer labels, X of shape (9, 5), b = -1.2",
             (X_wide, rng.integers(0, 2, size=9), rng.normal(size=5), -1.2, *extra_args),
             varies="integer labels and another shape"),
        Case("a single example", (X[:1], y[:1], w, b, *extra_args), varies="a single example (m = 1)"),
        Case("float32 data", (X.astype(np.float32), y.astype(np.float32), w.astype(np.float32),
                              0.37, *extra_args), rtol=1e-4, atol=1e-6, varies="float32 arrays"),
        Case("logits as large as 1000 in size (confident right and wrong predictions)",
             (X_big, y_big, np.array([1.0, 0.5]), 0.0, *extra_args), stable=True,
             varies="logits with |z| > 30 (up to 1000)"),
    ]


def _sigmoid_cases():
    z = np.random.default_rng(1).normal(scale=3, size=6)
    return [  # the first case is what the visible test checks: an array, symmetry around 0, +-1000
        Case("z = [-1000, -2, 0, 3, 1000] (the visible test's values)",
             (np.array([-1000.0, -2.0, 0.0, 3.0, 1000.0]),), stable=True),
        Case("z = 0.0 (a float)", (0.0,), varies="a single number"),
        Case("a random array of shape (6,)", (z,), varies="another array"),
        Case("a 2-D array of shape (2, 3)", (z.reshape(2, 3),), varies="a 2-D array"),
        Case("float32 input", (z.astype(np.float32),), rtol=1e-5, atol=1e-7, varies="float32 input"),
        Case("z with entries as large as +-1000", (np.array([-1000.0, -745, -50, 0, 50, 745, 1000]),),
             stable=True, varies="|z| > 30 (up to 1000)"),
    ]


def _gd_update_cases():
    rng = np.random.default_rng(2)
    w, g = rng.normal(size=4), rng.normal(size=4)
    return [
        Case("random w and g of shape (4,), lr = 0.1", (w, g, 0.1)),
        Case("lr = 2.5", (w, g, 2.5), varies="another learning rate"),
        Case("float32 w and g", (w.astype(np.float32), g.astype(np.float32), 0.1), rtol=1e-5, atol=1e-7,
             varies="float32 arrays"),
    ]


check_sigmoid = FunctionCheck("sigmoid", "sigmoid(z)", ref.sigmoid, Array("sigmoid(z)"), _sigmoid_cases,
                             stability=True)
check_log_loss = FunctionCheck("log_loss", "log_loss(X, y, w, b)", ref.log_loss, Scalar("the loss"),
                               logistic_cases, stability=True)
check_log_loss_grad = FunctionCheck("log_loss_grad", "log_loss_grad(X, y, w, b)", ref.log_loss_grad,
                                    Tuple(Array("dw"), Scalar("db")), logistic_cases)
check_gd_update = FunctionCheck("gd_update", "gd_update(w, g, lr)", ref.gd_update, Array("w"),
                                _gd_update_cases, steps=True)

LR_STEPS, LR_TARGET = 100, 0.07
"""The chosen learning rate must bring the breast-cancer training loss below
``LR_TARGET`` within ``LR_STEPS`` full-batch steps from zero, and never raise it."""


def check_learning_rate(lr) -> None:
    """Train with the reference functions and ``lr``; name the mistake when it fails."""
    __tracebackhide__ = True
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.integer, np.floating)) \
            or not np.isfinite(float(lr)) or lr <= 0:
        raise AssertionError(f"learning_rate should be a positive number, but it is {lr!r}.")
    X, y = breast_cancer()
    _, _, losses = ref.train_gd(X, y, float(lr), LR_STEPS)
    rises = np.flatnonzero(np.diff(losses) > 0)
    if rises.size:
        step = rises[0]
        raise AssertionError(misconceptions.catalog()["gd.lr_too_large"].finding(
            f"With learning_rate = {lr}, the loss went up at step {step + 1}, from "
            f"{losses[step]:.4f} to {losses[step + 1]:.4f}."))
    if losses[-1] > LR_TARGET:
        raise AssertionError(misconceptions.catalog()["gd.lr_too_small"].finding(
            f"With learning_rate = {lr}, the loss after {LR_STEPS} steps is {losses[-1]:.4f}; "
            f"it should be below {LR_TARGET}."))


CHECKS = {"sigmoid": check_sigmoid, "log_loss": check_log_loss,
          "log_loss_grad": check_log_loss_grad, "gd_update": check_gd_update,
          "learning_rate": check_learning_rate}
