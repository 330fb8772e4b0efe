"""Chapter 1: logistic regression trained by plain gradient descent (book/01-gradient-descent)."""
import numpy as np


def sigmoid(z):
    """Logistic function ``1 / (1 + exp(-z))``, evaluated without overflow.

    For ``z >= 0`` use ``1 / (1 + exp(-z))``; for ``z < 0`` the equal form
    ``exp(z) / (1 + exp(z))``, so ``exp`` only ever sees non-positive numbers.
    """
    z = np.asarray(z)
    if not np.issubdtype(z.dtype, np.floating):
        z = z.astype(np.float64)
    e = np.exp(-np.abs(z))
    out = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return out[()] if out.ndim == 0 else out


def _log_sigmoid(z):
    """``log(sigmoid(z)) = -log(1 + exp(-z))``, stable for any ``z`` via ``logaddexp``."""
    return -np.logaddexp(0.0, -z)


def log_loss(X, y, w, b):
    """Mean binary cross-entropy of ``p = sigmoid(X @ w + b)`` against labels ``y``.

    ``J = -(1/m) * sum(y*log(p) + (1-y)*log(1-p))``, computed from the logits with
    ``log(p) = log_sigmoid(z)`` and ``log(1-p) = log_sigmoid(-z)`` so that no ``log(0)``
    ever happens.
    """
    z = X @ w + b
    return float(-np.mean(y * _log_sigmoid(z) + (1 - y) * _log_sigmoid(-z)))


def log_loss_grad(X, y, w, b):
    """Gradient of :func:`log_loss`: ``dw = X.T @ (p - y) / m`` and ``db = mean(p - y)``."""
    error = sigmoid(X @ w + b) - y
    return X.T @ error / X.shape[0], float(np.mean(error))


def gd_update(w, g, lr):
    """One gradient-descent step ``w - lr * g`` (a new array; ``w`` is not changed)."""
    return w - lr * g


def train_gd(X, y, lr, steps, w=None, b=0.0):
    """Full-batch gradient descent from ``w`` (zeros by default); returns ``(w, b, losses)``
    where ``losses`` has the loss before each step and after the last one."""
    w = np.zeros(X.shape[1]) if w is None else np.array(w, dtype=float)
    losses = [log_loss(X, y, w, b)]
    for _ in range(steps):
        dw, db = log_loss_grad(X, y, w, b)
        w, b = gd_update(w, dw, lr), b - lr * db
        losses.append(log_loss(X, y, w, b))
    return w, b, np.array(losses)
