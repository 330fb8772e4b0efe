"""Fresh mistakes in chapter 6."""
import numpy as np

from . import fresh


@fresh("l2_penalty", "len(w)")
def l2_penalty_mean(w, lam):
    return float(0.5 * lam * np.mean(w ** 2))


@fresh("l2_penalty", "lam times")
def l2_penalty_lam_squared(w, lam):
    return float(0.5 * lam * lam * np.sum(w ** 2))


@fresh("l2_penalty_grad", "half")
def l2_penalty_grad_halved(w, lam):
    return 0.5 * lam * w


@fresh("l2_penalty_grad", "sign")
def l2_penalty_grad_as_l1(w, lam):
    return lam * np.sign(w)


@fresh("l2_penalty_grad", "len(w)")
def l2_penalty_grad_mean(w, lam):
    return lam * w / w.size


@fresh("regularized_log_loss_grad", "lam/2 | lam / 2")
def regularized_log_loss_grad_half_lam(X, y, w, b, lam):
    z = X @ w + b
    p = np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))
    return X.T @ (p - y) / X.shape[0] + lam / 2 * w, float(np.mean(p - y))


@fresh("regularized_log_loss", "lam/2 | lam / 2")
def regularized_log_loss_quarter(X, y, w, b, lam):
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)) + 0.25 * lam * np.sum(w ** 2))
