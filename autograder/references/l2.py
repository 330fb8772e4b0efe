"""Chapter 6: L2 regularization (book/06-l2).

``J(w, b) = log_loss + 0.5*lam*sum(w**2)``. The bias is not penalized and ``lam`` does not
depend on the number of examples.
"""
import numpy as np

from .gradient_descent import log_loss, log_loss_grad


def l2_penalty(w, lam):
    """``0.5 * lam * sum(w**2)``: the 1/2 makes its gradient exactly ``lam * w``."""
    return float(0.5 * lam * np.sum(w ** 2))


def l2_penalty_grad(w, lam):
    """Gradient of :func:`l2_penalty`: ``lam * w``."""
    return lam * w


def regularized_log_loss(X, y, w, b, lam):
    """``log_loss(X, y, w, b) + l2_penalty(w, lam)``."""
    return log_loss(X, y, w, b) + l2_penalty(w, lam)


def regularized_log_loss_grad(X, y, w, b, lam):
    """``(dw + lam*w, db)``: the penalty changes ``dw`` only, never ``db``."""
    dw, db = log_loss_grad(X, y, w, b)
    return dw + l2_penalty_grad(w, lam), db
