"""The reference update rules as steppers ``step(w, g, state, t) -> (w, state)`` with their
state kept inside, so that pages and training loops can swap optimizers freely."""
from __future__ import annotations

import numpy as np

from .references import adam, adaptive, gradient_descent, momentum


def _zeros(state, w, count):
    return state if state is not None else tuple(np.zeros_like(w) for _ in range(count))


def sgd(lr):
    return lambda w, g, state, t: (gradient_descent.gd_update(w, g, lr), None)


def heavy_ball(lr, beta=0.9):
    def step(w, g, state, t):
        (v,) = _zeros(state, w, 1)
        w, v = momentum.momentum_update(w, g, v, lr, beta)
        return w, (v,)
    return step


def nesterov(lr, beta=0.9):
    def step(w, g, state, t):
        (v,) = _zeros(state, w, 1)
        w, v = momentum.nesterov_update(w, g, v, lr, beta)
        return w, (v,)
    return step


def adagrad(lr, eps=1e-8):
    def step(w, g, state, t):
        (s,) = _zeros(state, w, 1)
        w, s = adaptive.adagrad_update(w, g, s, lr, eps)
        return w, (s,)
    return step


def rmsprop(lr, rho=0.9, eps=1e-8):
    def step(w, g, state, t):
        (s,) = _zeros(state, w, 1)
        w, s = adaptive.rmsprop_update(w, g, s, lr, rho, eps)
        return w, (s,)
    return step


def adam_(lr, beta1=0.9, beta2=0.999, eps=1e-8):
    def step(w, g, state, t):
        m, v = _zeros(state, w, 2)
        w, m, v = adam.adam_update(w, g, m, v, t, lr, beta1, beta2, eps)
        return w, (m, v)
    return step


def adamw(lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    def step(w, g, state, t):
        m, v = _zeros(state, w, 2)
        w, m, v = adam.adamw_update(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay)
        return w, (m, v)
    return step


def decayed(make_step, lr0, decay):
    """A stepper whose learning rate is ``lr0 / (1 + decay * (t - 1))``; ``make_step(lr)``
    builds the underlying stepper (state is shared across rates)."""
    def step(w, g, state, t):
        return make_step(lr0 / (1 + decay * (t - 1)))(w, g, state, t)
    return step
