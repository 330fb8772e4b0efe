"""Fresh mistakes in chapter 1."""
import numpy as np

from . import fresh


def _stable_sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


@fresh("sigmoid", "2·z | 2 * z")
def sigmoid_tanh_without_half(z):
    # 0.5 * (1 + tanh(z / 2)) is the sigmoid; the /2 is forgotten
    return 0.5 * (1 + np.tanh(np.asarray(z, dtype=float)))


@fresh("sigmoid", "0.5·z | 0.5 * z | z / 2")
def sigmoid_half_exponent(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z) / 2)
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


@fresh("sigmoid", "rounded to 3 decimal")
def sigmoid_rounded(z):
    return np.round(_stable_sigmoid(z), 3)


@fresh("log_loss", "1.4427")
def log_loss_base_2(X, y, w, b):
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)) / np.log(2))


@fresh("log_loss", "1 - y")
def log_loss_labels_flipped(X, y, w, b):
    z = X @ w + b
    return float(np.mean((1 - y) * np.logaddexp(0, -z) + y * np.logaddexp(0, z)))


@fresh("log_loss_grad", "m/n")
def log_loss_grad_divided_by_features(X, y, w, b):
    error = _stable_sigmoid(X @ w + b) - y
    return X.T @ error / X.shape[1], float(np.mean(error))


@fresh("log_loss_grad", "db", "m times")
def log_loss_grad_db_summed(X, y, w, b):
    error = _stable_sigmoid(X @ w + b) - y
    return X.T @ error / X.shape[0], float(np.sum(error))


@fresh("log_loss_grad", "db", "0 on every input")
def log_loss_grad_db_forgotten(X, y, w, b):
    error = _stable_sigmoid(X @ w + b) - y
    return X.T @ error / X.shape[0], 0.0


@fresh("log_loss_grad", "1 - y")
def log_loss_grad_labels_flipped(X, y, w, b):
    error = _stable_sigmoid(X @ w + b) - (1 - y)
    return X.T @ error / X.shape[0], float(np.mean(error))


@fresh("gd_update", "lr times | lr²")
def gd_update_lr_twice(w, g, lr):
    return w - lr * lr * g


@fresh("gd_update", "1/lr")
def gd_update_lr_forgotten(w, g, lr):
    return w - g


@fresh("gd_update", "half")
def gd_update_half_step(w, g, lr):
    return w - lr / 2 * g
