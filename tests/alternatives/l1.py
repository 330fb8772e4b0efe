"""Correct L1 functions written differently (see gradient_descent.py)."""
import numpy as np


def l1_penalty__norm(w, lam):
    return lam * float(np.linalg.norm(w, 1))


def l1_penalty__loop(w, lam):
    return lam * sum(abs(float(v)) for v in w)


def l1_subgradient__where(w, lam):
    return np.where(w > 0, lam, np.where(w < 0, -lam, 0.0)).astype(np.result_type(w, float))


def l1_subgradient__loop(w, lam):
    out = np.zeros_like(w, dtype=float)
    for i, v in enumerate(w):
        out[i] = lam if v > 0 else (-lam if v < 0 else 0.0)
    return out


def soft_threshold__clip_form(w, threshold):
    return w - np.clip(w, -threshold, threshold)


def soft_threshold__piecewise(w, threshold):
    return np.where(w > threshold, w - threshold, np.where(w < -threshold, w + threshold, 0.0))


def proximal_gd_update__clip_form(w, g, lr, lam):
    z = w - lr * g
    return z - np.clip(z, -lr * lam, lr * lam)


def proximal_gd_update__loop(w, g, lr, lam):
    out = np.zeros(len(w))
    for i in range(len(w)):
        z = w[i] - lr * g[i]
        out[i] = np.sign(z) * max(abs(z) - lr * lam, 0.0)
    return out
