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


def make_minibatches__choice_without_replacement(X, y, batch_size, rng):
    order = rng.choice(X.shape[0], X.shape[0], replace=False)
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, len(order), batch_size)]


def make_minibatches__argsort_of_uniforms(X, y, batch_size, rng):
    order = np.argsort(rng.random(len(y)))
    batches = []
    for start in range(0, len(y), batch_size):
        rows = order[start:start + batch_size]
        batches.append((X[rows, :], y[rows]))
    return batches


def make_minibatches__permute_rows_then_slice(X, y, batch_size, rng):
    order = rng.permutation(X.shape[0])
    Xs, ys = X[order], y[order]
    return [(Xs[i:i + batch_size], ys[i:i + batch_size]) for i in range(0, X.shape[0], batch_size)]
