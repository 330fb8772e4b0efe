"""Fresh mistakes in chapter 5."""
import numpy as np

from . import fresh


def _adam(w, g, m, v, t, lr, beta1, beta2, eps, correct1=None, correct2=None):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat = m / (1 - beta1 ** (t if correct1 is None else correct1))
    v_hat = v / (1 - beta2 ** (t if correct2 is None else correct2))
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


@fresh("adam_update", "t + 1")
def adam_update_t_plus_one(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** (t + 1)), v / (1 - beta2 ** (t + 1))
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


@fresh("adam_update", "beta1 and beta2 swapped")
def adam_update_betas_swapped(w, g, m, v, t, lr, beta1, beta2, eps):
    return _adam(w, g, m, v, t, lr, beta2, beta1, eps)


@fresh("adam_update", "lr² | lr times")
def adam_update_lr_twice(w, g, m, v, t, lr, beta1, beta2, eps):
    new_w, m, v = _adam(w, g, m, v, t, lr, beta1, beta2, eps)
    return w + lr * (new_w - w), m, v


@fresh("adam_update", "m", "(1 - beta1**t)")
def adam_update_corrected_m_returned(w, g, m, v, t, lr, beta1, beta2, eps):
    new_w, m, v = _adam(w, g, m, v, t, lr, beta1, beta2, eps)
    return new_w, m / (1 - beta1 ** t), v


@fresh("adam_update", "v", "(1 - beta2**t)")
def adam_update_corrected_v_returned(w, g, m, v, t, lr, beta1, beta2, eps):
    new_w, m, v = _adam(w, g, m, v, t, lr, beta1, beta2, eps)
    return new_w, m, v / (1 - beta2 ** t)


@fresh("adam_update", "1 - beta1")
def adam_update_beta1_swapped(w, g, m, v, t, lr, beta1, beta2, eps):
    m = (1 - beta1) * m + beta1 * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - (1 - beta1) ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


@fresh("adam_update", "m", "zeros | not carried")
def adam_update_first_moment_restarted(w, g, m, v, t, lr, beta1, beta2, eps):
    return _adam(w, g, np.zeros_like(m), v, t, lr, beta1, beta2, eps)


@fresh("adamw_update", "weight_decay counted twice")
def adamw_update_decay_twice(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    new_w, m, v = _adam(w * (1 - 2 * lr * weight_decay), g, m, v, t, lr, beta1, beta2, eps)
    return new_w, m, v


@fresh("adamw_update", "weight_decay/2")
def adamw_update_decay_halved(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    new_w, m, v = _adam(w * (1 - lr * weight_decay / 2), g, m, v, t, lr, beta1, beta2, eps)
    return new_w, m, v


@fresh("adamw_update", "t + 1")
def adamw_update_t_plus_one(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    return _adam(w * (1 - lr * weight_decay), g, m, v, t + 1, lr, beta1, beta2, eps)


@fresh("adam_update", "bias correction of v | v_hat")
def adam_update_only_first_moment_corrected(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v) + eps), m, v
