"""Correct make_minibatches written differently (see gradient_descent.py)."""
import numpy as np


def make_minibatches__shuffle_in_place(X, y, batch_size, rng):
    order = np.arange(X.shape[0])
    rng.shuffle(order)
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, len(order), batch_size)]


def make_minibatches__split_at_indices(X, y, batch_size, rng):
    order = rng.permutation(len(y))
    Xs, ys = X[order], y[order]
    cuts = np.arange(batch_size, len(y), batch_size)
    return list(zip(np.split(Xs, cuts), np.split(ys, cuts)))
