"""Checks for chapter 2: ``make_minibatches``. The expected batches are the reference's
for a generator in the same state, so shuffling must follow the given ``rng``."""
import numpy as np

from ..references import minibatch as ref
from .harness import Batches, Case, FunctionCheck


def _cases():
    X = np.arange(30.0).reshape(10, 3)
    labels = np.array([0.0, 1, 1, 0, 1, 0, 0, 1, 1, 0])
    return [
        Case("10 rows, batch_size = 3 (the last batch has one row)", (X, labels, 3, np.random.default_rng(1))),
        Case("10 rows, batch_size = 5, row numbers as labels to check pairing",
             (X, np.arange(10.0), 5, np.random.default_rng(2))),
        Case("batch_size = 10, one batch", (X, labels, 10, np.random.default_rng(3))),
        Case("batch_size = 32, larger than the data", (X, labels, 32, np.random.default_rng(4))),
    ]


check_make_minibatches = FunctionCheck("make_minibatches", "make_minibatches(X, y, batch_size, rng)",
                                       ref.make_minibatches, Batches(), _cases)

CHECKS = {"make_minibatches": check_make_minibatches}
