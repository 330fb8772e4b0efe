"""Training loops the pages share: logistic regression with any stepper of
``autograder.optimizers``, full-batch or in minibatches."""
from __future__ import annotations

import numpy as np

from .references.gradient_descent import log_loss, log_loss_grad
from .references.minibatch import make_minibatches


def logistic_sgd(X, y, step, *, epochs, batch_size, rng, lam=0.0):
    """Train ``theta = [w, b]`` from zeros. Returns ``(w, b, batch_losses, epoch_losses)``:
    the loss of every minibatch before its step, and the full-data loss before the first
    epoch and after each one. ``lam`` adds ``lam * w`` to the gradient (L2 as a gradient term)."""
    theta, state, t = np.zeros(X.shape[1] + 1), None, 0
    batch_losses, epoch_losses = [], [log_loss(X, y, theta[:-1], theta[-1])]
    for _ in range(epochs):
        for Xb, yb in make_minibatches(X, y, batch_size, rng):
            t += 1
            w, b = theta[:-1], theta[-1]
            batch_losses.append(log_loss(Xb, yb, w, b))
            dw, db = log_loss_grad(Xb, yb, w, b)
            theta, state = step(theta, np.append(dw + lam * w, db), state, t)
        epoch_losses.append(log_loss(X, y, theta[:-1], theta[-1]))
    return theta[:-1], theta[-1], np.array(batch_losses), np.array(epoch_losses)


def accuracy(X, y, w, b):
    return float(np.mean(((X @ w + b) > 0) == (y == 1)))


def mlp_training(X, y, params, step, steps, clip=None):
    """Full-batch training of the two-layer network of chapter 8 with any stepper; the
    parameters are flattened into one vector for the stepper. ``clip(grads) -> grads``, when
    given, changes the gradient dict before each step (chapter 9's clipping). Returns
    ``(params, losses)``."""
    from .references.network import mlp_backward, mlp_loss

    keys = list(params)
    shapes = {k: np.shape(params[k]) for k in keys}
    sizes = [int(np.prod(shapes[k])) for k in keys]

    def unflatten(theta):
        parts = np.split(theta, np.cumsum(sizes)[:-1])
        return {k: (float(p[0]) if shapes[k] == () else p.reshape(shapes[k])) for k, p in zip(keys, parts)}

    theta = np.concatenate([np.ravel(params[k]) for k in keys]).astype(float)
    state, losses = None, []
    for t in range(1, steps + 1):
        current = unflatten(theta)
        losses.append(mlp_loss(X, y, current))
        grads = mlp_backward(X, y, current)
        if clip is not None:
            grads = clip(grads)
        theta, state = step(theta, np.concatenate([np.ravel(grads[k]) for k in keys]), state, t)
    final = unflatten(theta)
    losses.append(mlp_loss(X, y, final))
    return final, np.array(losses)
