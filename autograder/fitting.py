"""Exact optima of the course's regularized costs, for pages and tests that compare them
with scikit-learn and PyTorch."""
import numpy as np
from scipy.optimize import minimize

from .references.gradient_descent import log_loss_grad
from .references.l2 import regularized_log_loss, regularized_log_loss_grad


def fit_l2_logistic(X, y, lam):
    """``(w, b)`` minimizing ``log_loss + 0.5*lam*|w|**2``, to about 1e-10 in the gradient."""
    def cost(theta):
        return regularized_log_loss(X, y, theta[:-1], theta[-1], lam)

    def grad(theta):
        dw, db = regularized_log_loss_grad(X, y, theta[:-1], theta[-1], lam)
        return np.append(dw, db)

    theta = minimize(cost, np.zeros(X.shape[1] + 1), jac=grad, method="L-BFGS-B",
                     options={"gtol": 1e-12, "ftol": 1e-15, "maxiter": 20000}).x
    return theta[:-1], theta[-1]


def gradient_norm(X, y, w, b, lam):
    """Size of the regularized gradient at ``(w, b)``: 0 at the optimum."""
    dw, db = log_loss_grad(X, y, w, b)
    return float(np.linalg.norm(np.append(dw + lam * w, db)))
