"""Correct Adam and AdamW updates written differently (see gradient_descent.py)."""
import math

import numpy as np


def adam_update__loop(w, g, m, v, t, lr, beta1, beta2, eps):
    w_new, m_new, v_new = np.empty_like(w), np.empty_like(m), np.empty_like(v)
    for i in range(len(w)):
        m_new[i] = beta1 * m[i] + (1 - beta1) * g[i]
        v_new[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2
        w_new[i] = w[i] - lr * (m_new[i] / (1 - beta1 ** t)) / (math.sqrt(v_new[i] / (1 - beta2 ** t)) + eps)
    return w_new, m_new, v_new


def adam_update__step_size_form(w, g, m, v, t, lr, beta1, beta2, eps):
    """Kingma and Ba's form, with eps rescaled so that it is the same update."""
    m_new = beta1 * m + (1 - beta1) * g
    v_new = beta2 * v + (1 - beta2) * g * g
    c2 = math.sqrt(1 - beta2 ** t)
    step = lr * c2 / (1 - beta1 ** t)
    return w - step * m_new / (np.sqrt(v_new) + eps * c2), m_new, v_new


def adamw_update__loop(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    w_new, m_new, v_new = np.empty_like(w), np.empty_like(m), np.empty_like(v)
    for i in range(len(w)):
        m_new[i] = beta1 * m[i] + (1 - beta1) * g[i]
        v_new[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2
        decayed = w[i] - lr * weight_decay * w[i]
        w_new[i] = decayed - lr * (m_new[i] / (1 - beta1 ** t)) / (math.sqrt(v_new[i] / (1 - beta2 ** t)) + eps)
    return w_new, m_new, v_new


def adamw_update__separate_terms(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    m_new = beta1 * m + (1 - beta1) * g
    v_new = beta2 * v + (1 - beta2) * np.square(g)
    adam_step = (m_new / (1 - beta1 ** t)) / (np.sqrt(v_new / (1 - beta2 ** t)) + eps)
    return w - lr * weight_decay * w - lr * adam_step, m_new, v_new
