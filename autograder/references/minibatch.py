"""Chapter 2: one epoch of minibatches (book/02-minibatch-sgd)."""


def make_minibatches(X, y, batch_size, rng):
    """Split ``(X, y)`` into shuffled minibatches for one epoch.

    Draw one permutation with ``rng.permutation(m)`` and cut it into consecutive slices
    of ``batch_size`` rows; the last batch is smaller when ``batch_size`` does not divide
    ``m``. Every row appears exactly once and rows of ``X`` and ``y`` stay paired.
    """
    order = rng.permutation(X.shape[0])
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]])
            for i in range(0, X.shape[0], batch_size)]
