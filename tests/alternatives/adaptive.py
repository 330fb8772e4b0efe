"""Correct AdaGrad and RMSProp updates written differently (see gradient_descent.py)."""
import math

import numpy as np


def adagrad_update__loop(w, g, s, lr, eps):
    w_new, s_new = np.empty_like(w), np.empty_like(s)
    for i in range(len(w)):
        s_new[i] = s[i] + g[i] * g[i]
        w_new[i] = w[i] - lr * g[i] / (math.sqrt(s_new[i]) + eps)
    return w_new, s_new


def adagrad_update__power_half(w, g, s, lr, eps):
    s_new = np.add(s, np.square(g))
    return w - lr * g / (s_new ** 0.5 + eps), s_new


def rmsprop_update__loop(w, g, s, lr, rho, eps):
    w_new, s_new = np.empty_like(w), np.empty_like(s)
    for i in range(len(w)):
        s_new[i] = rho * s[i] + (1 - rho) * g[i] ** 2
        w_new[i] = w[i] - lr * g[i] / (math.sqrt(s_new[i]) + eps)
    return w_new, s_new


def rmsprop_update__interpolation(w, g, s, lr, rho, eps):
    s_new = s + (1 - rho) * (g * g - s)
    return w - lr * g / (np.sqrt(s_new) + eps), s_new
