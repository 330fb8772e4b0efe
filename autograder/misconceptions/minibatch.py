"""Mistakes in chapter 2: cutting an epoch into minibatches."""
import copy

import numpy as np

from . import Misconception


def make_minibatches_not_shuffled(X, y, batch_size, rng):
    return [(X[i:i + batch_size], y[i:i + batch_size]) for i in range(0, X.shape[0], batch_size)]


def make_minibatches_global_random_state(X, y, batch_size, rng):
    order = np.random.permutation(X.shape[0])
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, X.shape[0], batch_size)]


def make_minibatches_last_batch_dropped(X, y, batch_size, rng):
    order = rng.permutation(X.shape[0])
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]])
            for i in range(0, X.shape[0] - batch_size + 1, batch_size)]


def make_minibatches_last_batch_unshuffled(X, y, batch_size, rng):
    m = X.shape[0]
    full = m - m % batch_size
    order = np.concatenate([rng.permutation(full), np.arange(full, m)])
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, m, batch_size)]


def make_minibatches_separate_permutations(X, y, batch_size, rng):
    X, y = X[rng.permutation(X.shape[0])], y[rng.permutation(X.shape[0])]
    return [(X[i:i + batch_size], y[i:i + batch_size]) for i in range(0, X.shape[0], batch_size)]


def make_minibatches_with_replacement(X, y, batch_size, rng):
    order = rng.integers(0, X.shape[0], size=X.shape[0])
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, X.shape[0], batch_size)]


def ignores_rng(fn) -> bool:
    """Two generators in the same state give different batches: the randomness comes from
    somewhere else (numpy's global state, time, ...)."""
    X, y = np.arange(40.0).reshape(20, 2), np.arange(20.0)
    rng = np.random.default_rng(0)
    try:
        first = fn(X.copy(), y.copy(), 4, copy.deepcopy(rng))  # fresh copies: an in-place shuffle
        second = fn(X.copy(), y.copy(), 4, copy.deepcopy(rng))  # of X must not look like a new order
        return any(not np.array_equal(a[0], b[0]) for a, b in zip(first, second))
    except Exception:  # noqa: BLE001 - a crash is reported by the check itself
        return False


MISCONCEPTIONS = [
    Misconception(
        id="minibatch.ignores_rng",
        title="The shuffle does not use the rng you were given (np.random.permutation uses "
              "numpy's global state), so runs cannot be reproduced or controlled.",
        symptom="Every run gives a different loss curve even with the same seed.",
        hint="Draw the order from the argument: order = rng.permutation(m).",
        chapter="02-minibatch-sgd",
        variants={"make_minibatches": make_minibatches_global_random_state},
        detect={"make_minibatches": ignores_rng},
    ),
    Misconception(
        id="minibatch.not_shuffled",
        title="The rows are cut into batches in their stored order, without shuffling.",
        symptom="A loss curve with a repeating pattern every epoch; on sorted data whole "
                "batches of one class push the model back and forth.",
        hint="Permute the row indices with rng.permutation(m) before slicing.",
        chapter="02-minibatch-sgd",
        variants={"make_minibatches": make_minibatches_not_shuffled},
    ),
    Misconception(
        id="minibatch.last_batch_dropped",
        title="The last, smaller batch is dropped, so some rows are never used in the epoch.",
        symptom="A few examples are silently left out of every epoch.",
        hint="Slice up to m: range(0, m, batch_size); the last slice may be shorter.",
        chapter="02-minibatch-sgd",
        variants={"make_minibatches": make_minibatches_last_batch_dropped},
    ),
    Misconception(
        id="minibatch.last_batch_unshuffled",
        title="Only the rows of the full batches are shuffled: the rows left over for the last, "
              "smaller batch are always the last rows of the data, in their stored order.",
        symptom="The same few examples end every epoch, always together in the small batch.",
        hint="Permute all m row indices (rng.permutation(m)), then slice the permuted order.",
        chapter="02-minibatch-sgd",
        variants={"make_minibatches": make_minibatches_last_batch_unshuffled},
    ),
    Misconception(
        id="minibatch.unpaired_rows",
        title="X and y are shuffled with two different permutations, so each example gets "
              "another example's label.",
        symptom="Training never gets better than chance: the labels are noise.",
        hint="Draw one permutation and index both X and y with it.",
        chapter="02-minibatch-sgd",
        variants={"make_minibatches": make_minibatches_separate_permutations},
    ),
    Misconception(
        id="minibatch.with_replacement",
        title="Rows are sampled with replacement, so in one epoch some rows appear twice and "
              "others not at all.",
        symptom="An epoch that does not see every example exactly once.",
        hint="Use a permutation (each index once), not random integers.",
        chapter="02-minibatch-sgd",
        variants={"make_minibatches": make_minibatches_with_replacement},
    ),
]


# --- grown from published code (tests/corpus/minibatch.py) -------------------------------

def make_minibatches_own_seed(X, y, batch_size, rng):
    np.random.seed(0)
    order = np.random.permutation(X.shape[0])
    return [(X[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, X.shape[0], batch_size)]


MISCONCEPTIONS += [
    Misconception(
        id="minibatch.own_seed",
        title="The shuffle sets a seed of its own (np.random.seed(0), as in many course "
              "notebooks' random_mini_batches) instead of drawing from the rng it is given, so "
              "every epoch uses the same order.",
        symptom="The same batches every epoch; changing the seed you pass changes nothing.",
        hint="Do not seed inside the function: order = rng.permutation(m), with the rng passed in.",
        chapter="02-minibatch-sgd",
        variants={"make_minibatches": make_minibatches_own_seed},
    ),
]
