"""Correct implementations written differently from the references: the checks must
give them full marks. Named ``<graded name>__<how it differs>`` (a value for graded
values such as a learning rate)."""
import math

import numpy as np


def sigmoid__logaddexp(z):
    return np.exp(-np.logaddexp(0, -np.asarray(z, dtype=float)))


def sigmoid__tanh(z):
    return 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def sigmoid__loop(z):
    flat = np.asarray(z, dtype=float).ravel()
    out = np.empty_like(flat)
    for i, v in enumerate(flat):
        out[i] = 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))
    return out.reshape(np.shape(z))


def log_loss__softplus_form(X, y, w, b):
    z = X @ w + b
    return float(np.mean(np.logaddexp(0, z) - y * z))


def log_loss__loop(X, y, w, b):
    total = 0.0
    for i in range(X.shape[0]):
        z = float(np.dot(X[i], w) + b)
        total += y[i] * np.logaddexp(0, -z) + (1 - y[i]) * np.logaddexp(0, z)
    return total / X.shape[0]


def log_loss_grad__loop(X, y, w, b):
    dw, db = np.zeros(X.shape[1]), 0.0
    for i in range(X.shape[0]):
        z = float(np.dot(X[i], w) + b)
        p = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
        dw += (p - y[i]) * X[i]
        db += p - y[i]
    return dw / X.shape[0], db / X.shape[0]


def log_loss_grad__einsum(X, y, w, b):
    z = X @ w + b
    p = np.exp(-np.logaddexp(0, -z))
    error = p - y
    return np.einsum("i,ij->j", error, X) / len(y), float(error.sum() / len(y))


def gd_update__copy_then_subtract(w, g, lr):
    new = w.copy()
    new -= lr * g
    return new


def gd_update__add_negative(w, g, lr):
    return np.add(w, np.multiply(-lr, g))


learning_rate__small_safe = 0.5
learning_rate__large_safe = 5.0


def log_loss_grad__naive_sigmoid_that_warns(X, y, w, b):
    # exp(1000) overflows to inf and numpy warns, but 1/(1+inf) = 0 is the right value:
    # log_loss_grad is not about stability, so the warning costs nothing.
    A = 1 / (1 + np.exp(-(X @ w + b)))
    return X.T @ (A - y) / len(y), float(np.mean(A - y))
