"""Checks for chapter 6: the L2 penalty, its gradient and the regularized cost."""
import numpy as np

from ..references import l2 as ref
from .gradient_descent import logistic_cases
from .harness import Array, Case, FunctionCheck, Scalar, Tuple


def _penalty_cases():
    w = np.random.default_rng(6).normal(size=5)
    return [Case("a random w of shape (5,), lam = 0.3", (w, 0.3)),
            Case("lam = 2.0", (w, 2.0)),
            Case("float32 w", (w.astype(np.float32), 0.3), rtol=1e-5, atol=1e-7)]


def _cost_cases():
    return logistic_cases(extra_args=(0.3,))


check_l2_penalty = FunctionCheck("l2_penalty", "l2_penalty(w, lam)", ref.l2_penalty, Scalar("the penalty"),
                                 _penalty_cases)
check_l2_penalty_grad = FunctionCheck("l2_penalty_grad", "l2_penalty_grad(w, lam)", ref.l2_penalty_grad,
                                      Array("the gradient"), _penalty_cases)
check_regularized_log_loss = FunctionCheck(
    "regularized_log_loss", "regularized_log_loss(X, y, w, b, lam)", ref.regularized_log_loss,
    Scalar("the cost"), _cost_cases, stability=True)
check_regularized_log_loss_grad = FunctionCheck(
    "regularized_log_loss_grad", "regularized_log_loss_grad(X, y, w, b, lam)", ref.regularized_log_loss_grad,
    Tuple(Array("dw"), Scalar("db")), _cost_cases)

CHECKS = {"l2_penalty": check_l2_penalty, "l2_penalty_grad": check_l2_penalty_grad,
          "regularized_log_loss": check_regularized_log_loss,
          "regularized_log_loss_grad": check_regularized_log_loss_grad}
