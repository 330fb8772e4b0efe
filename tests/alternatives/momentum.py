"""Correct momentum updates written differently (see gradient_descent.py)."""
import numpy as np


def momentum_update__loop(w, g, v, lr, beta):
    w_new, v_new = np.empty_like(w), np.empty_like(v)
    for i in range(len(w)):
        v_new[i] = beta * v[i] + g[i]
        w_new[i] = w[i] - lr * v_new[i]
    return w_new, v_new


def momentum_update__expanded(w, g, v, lr, beta):
    return w - lr * beta * v - lr * g, np.add(np.multiply(beta, v), g)


def nesterov_update__loop(w, g, v, lr, beta):
    w_new, v_new = np.empty_like(w), np.empty_like(v)
    for i in range(len(w)):
        v_new[i] = beta * v[i] + g[i]
        w_new[i] = w[i] - lr * (g[i] + beta * v_new[i])
    return w_new, v_new


def nesterov_update__expanded(w, g, v, lr, beta):
    v_new = beta * v + g
    return w - lr * (1 + beta) * g - lr * beta ** 2 * v, v_new
