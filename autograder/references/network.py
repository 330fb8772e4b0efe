"""Chapter 8: a two-layer tanh/sigmoid network and gradient checking
(book/08-two-layer-network).

``params`` holds ``W1 (n, h)``, ``b1 (h,)``, ``W2 (h,)`` and ``b2`` (a float);
``H = tanh(X @ W1 + b1)`` and ``p = sigmoid(H @ W2 + b2)``.
"""
import numpy as np

from .gradient_descent import _log_sigmoid, sigmoid


def numerical_gradient(f, x, h=1e-5):
    """Centred differences ``(f(x + h e_i) - f(x - h e_i)) / (2h)`` for each coordinate.

    Works on a copy, so ``x`` is left exactly as it was; the error is O(h**2) where a
    one-sided difference has O(h).
    """
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    """``max(|a - b| / max(1e-8, |a| + |b|))``: scale-free, and 0/0 counts as agreement."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def mlp_forward(X, params):
    """Return ``p`` and a cache of what :func:`mlp_backward` needs (``z1``, ``H``, ``z2``)."""
    z1 = X @ params["W1"] + params["b1"]
    H = np.tanh(z1)
    z2 = H @ params["W2"] + params["b2"]
    return sigmoid(z2), {"z1": z1, "H": H, "z2": z2}


def mlp_loss(X, y, params):
    """Mean binary cross-entropy of the network's output, computed from the logits."""
    _, cache = mlp_forward(X, params)
    z2 = cache["z2"]
    return float(-np.mean(y * _log_sigmoid(z2) + (1 - y) * _log_sigmoid(-z2)))


def mlp_backward(X, y, params):
    """Backpropagation of :func:`mlp_loss`; returns gradients with the keys and shapes
    of ``params`` (``db1`` sums over the examples, axis 0, giving shape ``(h,)``)."""
    p, cache = mlp_forward(X, params)
    H = cache["H"]
    dz2 = (p - y) / X.shape[0]
    dz1 = np.outer(dz2, params["W2"]) * (1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.sum())}
