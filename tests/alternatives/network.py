"""Correct gradient-checking and network functions written differently."""
import numpy as np


def numerical_gradient__flat_index(f, x, h=1e-5):
    grad = np.zeros(x.size)
    for i in range(x.size):
        e = np.zeros(x.size)
        e[i] = h
        e = e.reshape(x.shape)
        grad[i] = (f(x + e) - f(x - e)) / (2 * h)
    return grad.reshape(x.shape)


def numerical_gradient__restore(f, x, h=1e-5):
    work = x.astype(float)
    grad = np.zeros_like(work)
    it = np.nditer(work, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        saved = work[i]
        work[i] = saved + h
        up = f(work)
        work[i] = saved - h
        down = f(work)
        work[i] = saved
        grad[i] = (up - down) / (2 * h)
    return grad


def relative_error__fmax(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float((np.abs(a - b) / np.fmax(np.abs(a) + np.abs(b), 1e-8)).max())


def relative_error__loop(a, b):
    worst = 0.0
    for x, y in zip(np.ravel(a), np.ravel(b)):
        worst = max(worst, abs(x - y) / max(1e-8, abs(x) + abs(y)))
    return float(worst)


def _sigmoid(z):
    return np.exp(-np.logaddexp(0, -z))


def mlp_forward__einsum(X, params):
    H = np.tanh(np.einsum("ij,jk->ik", X, params["W1"]) + params["b1"])
    return _sigmoid(np.einsum("ik,k->i", H, params["W2"]) + params["b2"]), {"H": H}


def mlp_forward__loop(X, params):
    p = np.empty(X.shape[0])
    for i, x in enumerate(X):
        h = np.tanh(x @ params["W1"] + params["b1"])
        p[i] = _sigmoid(h @ params["W2"] + params["b2"])
    return p, None


def mlp_loss__softplus(X, y, params):
    z = np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    return float(np.mean(np.logaddexp(0, z) - y * z))


def mlp_loss__loop(X, y, params):
    total = 0.0
    for x, t in zip(X, y):
        z = float(np.tanh(x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"])
        total += t * np.logaddexp(0, -z) + (1 - t) * np.logaddexp(0, z)
    return total / len(y)


def mlp_backward__loop(X, y, params):
    grads = {k: np.zeros_like(np.asarray(v, dtype=float)) for k, v in params.items()}
    grads["b2"] = 0.0
    for x, t in zip(X, y):
        h = np.tanh(x @ params["W1"] + params["b1"])
        dz2 = (_sigmoid(h @ params["W2"] + params["b2"]) - t) / len(y)
        dz1 = dz2 * params["W2"] * (1 - h ** 2)
        grads["W1"] += np.outer(x, dz1)
        grads["b1"] += dz1
        grads["W2"] += dz2 * h
        grads["b2"] += float(dz2)
    return grads


def mlp_backward__matrix_chain(X, y, params):
    m = X.shape[0]
    H = np.tanh(X @ params["W1"] + params["b1"])
    dz2 = (_sigmoid(H @ params["W2"] + params["b2"]) - y)[:, None] / m
    dH = dz2 @ params["W2"][None, :]
    dz1 = dH * (1 - H * H)
    return {"W1": X.T @ dz1, "b1": np.ones(m) @ dz1, "W2": (H.T @ dz2).ravel(), "b2": float(dz2.sum())}


def mlp_backward__naive_sigmoid_that_warns(X, y, params):
    H = np.tanh(X @ params["W1"] + params["b1"])
    p = 1 / (1 + np.exp(-(H @ params["W2"] + params["b2"])))
    dz2 = (p - y) / len(y)
    dz1 = dz2[:, None] * params["W2"][None, :] * (1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.sum())}
