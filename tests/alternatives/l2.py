"""Correct L2 functions written differently (see gradient_descent.py)."""
import numpy as np


def l2_penalty__dot(w, lam):
    return 0.5 * lam * float(np.dot(w, w))


def l2_penalty__loop(w, lam):
    return 0.5 * lam * sum(float(v) ** 2 for v in w)


def l2_penalty_grad__multiply(w, lam):
    return np.multiply(w, lam)


def l2_penalty_grad__copy_scale(w, lam):
    out = np.array(w, copy=True)
    out *= lam
    return out


def _softplus_loss(X, y, w, b):
    z = X @ w + b
    return float(np.mean(np.logaddexp(0, z) - y * z))


def regularized_log_loss__dot(X, y, w, b, lam):
    return _softplus_loss(X, y, w, b) + 0.5 * lam * float(w @ w)


def regularized_log_loss__loop(X, y, w, b, lam):
    total = 0.0
    for i in range(X.shape[0]):
        z = float(X[i] @ w + b)
        total += np.logaddexp(0, z) - y[i] * z
    return total / X.shape[0] + 0.5 * lam * float(np.sum(w * w))


def regularized_log_loss_grad__vectorized(X, y, w, b, lam):
    error = np.exp(-np.logaddexp(0, -(X @ w + b))) - y
    return (X.T @ error + X.shape[0] * lam * w) / X.shape[0], float(error.mean())


def regularized_log_loss_grad__loop(X, y, w, b, lam):
    dw, db = lam * w.astype(float), 0.0
    for i in range(X.shape[0]):
        p = float(np.exp(-np.logaddexp(0, -(X[i] @ w + b))))
        dw = dw + (p - y[i]) * X[i] / X.shape[0]
        db += (p - y[i]) / X.shape[0]
    return dw, db


def regularized_log_loss_grad__naive_sigmoid_that_warns(X, y, w, b, lam):
    A = 1 / (1 + np.exp(-(X @ w + b)))
    return X.T @ (A - y) / len(y) + lam * w, float(np.mean(A - y))
