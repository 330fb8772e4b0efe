"""Fresh mistakes in chapter 7."""
import numpy as np

from . import fresh


@fresh("l1_subgradient", "smallest but not 0 | tiny")
def l1_subgradient_epsilon(w, lam):
    # the form a forum answer suggests to avoid 0/0, with an epsilon that shows
    return lam * w / (np.abs(w) + 1e-12)


@fresh("l1_subgradient", "half")
def l1_subgradient_halved(w, lam):
    return 0.5 * lam * np.sign(w)


@fresh("l1_penalty", "len(w)")
def l1_penalty_mean(w, lam):
    return float(lam * np.mean(np.abs(w)))


@fresh("l1_penalty", "2 times")
def l1_penalty_doubled(w, lam):
    return float(2 * lam * np.sum(np.abs(w)))


@fresh("soft_threshold", "threshold / 2")
def soft_threshold_halved(w, threshold):
    return np.sign(w) * np.maximum(np.abs(w) - threshold / 2, 0)


@fresh("soft_threshold", "2 * threshold")
def soft_threshold_doubled(w, threshold):
    return np.sign(w) * np.maximum(np.abs(w) - 2 * threshold, 0)


@fresh("proximal_gd_update", "lam / 2 | lam/2")
def proximal_gd_update_half_threshold(w, g, lr, lam):
    z = w - lr * g
    return np.sign(z) * np.maximum(np.abs(z) - lr * lam / 2, 0)


@fresh("proximal_gd_update", "lr²")
def proximal_gd_update_lr_squared_threshold(w, g, lr, lam):
    z = w - lr * lr * g
    return np.sign(z) * np.maximum(np.abs(z) - lr * lr * lam, 0)
