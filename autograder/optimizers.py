"""The reference update rules as steppers ``step(w, g, state, t) -> (w, state)`` with their
state kept inside, so that pages and training loops can swap optimizers freely."""
from __future__ import annotations

import numpy as np

from .references import adam, adaptive, gradient_descent, momentum


def _stepper(update, states: int, *hyper, counted: bool = False):
    """Wrap ``update(w, g, *state, [t,] *hyper) -> (w, *state)``; state starts at zeros."""
    def step(w, g, state, t):
        state = state if state is not None else tuple(np.zeros_like(w) for _ in range(states))
        w, *state = update(w, g, *state, *((t,) if counted else ()), *hyper)
        return w, tuple(state)
    return step


def sgd(lr):
    return lambda w, g, state, t: (gradient_descent.gd_update(w, g, lr), None)


def heavy_ball(lr, beta=0.9):
    return _stepper(momentum.momentum_update, 1, lr, beta)


def nesterov(lr, beta=0.9):
    return _stepper(momentum.nesterov_update, 1, lr, beta)


def adagrad(lr, eps=1e-8):
    return _stepper(adaptive.adagrad_update, 1, lr, eps)


def rmsprop(lr, rho=0.9, eps=1e-8):
    return _stepper(adaptive.rmsprop_update, 1, lr, rho, eps)


def adam_(lr, beta1=0.9, beta2=0.999, eps=1e-8):
    return _stepper(adam.adam_update, 2, lr, beta1, beta2, eps, counted=True)


def adamw(lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    return _stepper(adam.adamw_update, 2, lr, beta1, beta2, eps, weight_decay, counted=True)


def decayed(make_step, lr0, decay):
    """A stepper whose learning rate is ``lr0 / (1 + decay * (t - 1))``; ``make_step(lr)``
    builds the underlying stepper (state is shared across rates)."""
    return scheduled(make_step, lambda t: lr0 / (1 + decay * (t - 1)))


def scheduled(make_step, rate):
    """A stepper whose learning rate at update ``t`` (1-based) is ``rate(t)``, e.g. a warmup
    and cosine schedule; ``make_step(lr)`` builds the underlying stepper (state is shared
    across rates)."""
    def step(w, g, state, t):
        return make_step(rate(t))(w, g, state, t)
    return step
