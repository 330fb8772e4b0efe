"""Fresh mistakes in chapter 8."""
import numpy as np

from . import fresh


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _forward(X, params, b2=True):
    z1 = X @ params["W1"] + params["b1"]
    H = np.tanh(z1)
    z2 = H @ params["W2"] + (params["b2"] if b2 else 0.0)
    return _sigmoid(z2), {"z1": z1, "H": H, "z2": z2}


@fresh("relative_error", "square")
def relative_error_squared(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))) ** 2)


@fresh("relative_error", "2 times")
def relative_error_halved_denominator(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)) * 2))


@fresh("numerical_gradient", "opposite sign")
def numerical_gradient_reversed(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = f(x)
        x[i] = old - h
        minus = f(x)
        x[i] = old
        grad[i] = (minus - plus) / (2 * h)
    return grad


@fresh("mlp_forward", "b2")
def mlp_forward_b2_left_out(X, params):
    return _forward(X, params, b2=False)


@fresh("mlp_loss", "1.4427")
def mlp_loss_base_2(X, y, params):
    _, cache = _forward(X, params)
    z2 = cache["z2"]
    return float(np.mean(y * np.logaddexp(0, -z2) + (1 - y) * np.logaddexp(0, z2)) / np.log(2))


@fresh("mlp_loss", "1 - y")
def mlp_loss_labels_flipped(X, y, params):
    _, cache = _forward(X, params)
    z2 = cache["z2"]
    return float(np.mean((1 - y) * np.logaddexp(0, -z2) + y * np.logaddexp(0, z2)))


@fresh("mlp_backward", "W2", "2 times")
def mlp_backward_w2_doubled(X, y, params):
    p, cache = _forward(X, params)
    H = cache["H"]
    dz2 = (p - y) / X.shape[0]
    dz1 = np.outer(dz2, params["W2"]) * (1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": 2 * H.T @ dz2, "b2": float(dz2.sum())}


@fresh("mlp_backward", "b2", "1/m")
def mlp_backward_b2_averaged_twice(X, y, params):
    p, cache = _forward(X, params)
    H = cache["H"]
    dz2 = (p - y) / X.shape[0]
    dz1 = np.outer(dz2, params["W2"]) * (1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.mean())}


@fresh("mlp_backward", "b2 = 0 | b2")
def mlp_backward_forward_without_b2(X, y, params):
    p, cache = _forward(X, params, b2=False)
    H = cache["H"]
    dz2 = (p - y) / X.shape[0]
    dz1 = np.outer(dz2, params["W2"]) * (1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.sum())}


@fresh("mlp_forward", "relu | tanh")
def mlp_forward_relu_hidden(X, params):
    # a ReLU hidden layer where the task asks for tanh: beyond the search's families
    z1 = X @ params["W1"] + params["b1"]
    H = np.maximum(z1, 0)
    z2 = H @ params["W2"] + params["b2"]
    return _sigmoid(z2), {"z1": z1, "H": H, "z2": z2}
