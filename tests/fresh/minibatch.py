"""Fresh mistakes in chapter 2 (judged by properties: the message names the property)."""
import numpy as np

from . import fresh


@fresh("make_minibatches", "in place")
def make_minibatches_shuffles_in_place(X, y, batch_size, rng):
    order = rng.permutation(X.shape[0])
    X[:], y[:] = X[order], y[order]
    return [(X[i:i + batch_size].copy(), y[i:i + batch_size].copy()) for i in range(0, X.shape[0], batch_size)]


@fresh("make_minibatches", "sizes")
def make_minibatches_padded_last_batch(X, y, batch_size, rng):
    m = X.shape[0]
    order = rng.permutation(m)
    order = np.concatenate([order, order[:(-m) % batch_size]])
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, len(order), batch_size)]


@fresh("make_minibatches", "sizes")
def make_minibatches_one_row_leftover_dropped(X, y, batch_size, rng):
    order = rng.permutation(X.shape[0])
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, X.shape[0] - 1, batch_size)]
