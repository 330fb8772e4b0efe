"""Chapter 7: L1 regularization, subgradients and the proximal step (book/07-l1)."""
import numpy as np


def l1_penalty(w, lam):
    """``lam * sum(abs(w))``."""
    return float(lam * np.sum(np.abs(w)))


def l1_subgradient(w, lam):
    """``lam * sign(w)``: at ``w == 0`` any value in ``[-lam, lam]`` is a subgradient and
    this one picks exactly 0 (``np.sign(0) == 0``), never ``nan``."""
    return lam * np.sign(w)


def soft_threshold(w, threshold):
    """``sign(w) * max(abs(w) - threshold, 0)``: shrink towards 0 and stop exactly there."""
    return np.sign(w) * np.maximum(np.abs(w) - threshold, 0)


def proximal_gd_update(w, g, lr, lam):
    """Proximal gradient (ISTA) step: a gradient step on the smooth part, then
    ``soft_threshold`` by ``lr*lam``, which sets small weights exactly to 0."""
    return soft_threshold(w - lr * g, lr * lam)
