"""Data sets used by the book, the checks and the tests: scikit-learn's bundled data
only, so nothing is downloaded at build or test time."""
import importlib.util
from functools import cache
from pathlib import Path

import numpy as np


@cache
def _breast_cancer():
    # The file scikit-learn's load_breast_cancer reads, read without importing scikit-learn:
    # that import takes a second, which every process that loads the data would pay. tests/references/test_against_sklearn.py checks the two agree.
    package = importlib.util.find_spec("sklearn").submodule_search_locations[0]
    table = np.loadtxt(Path(package, "datasets", "data", "breast_cancer.csv"), delimiter=",", skiprows=1)
    X, y = table[:, :-1], table[:, -1]
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def breast_cancer():
    """Wisconsin breast-cancer data, 569 examples x 30 features, each feature
    standardized (mean 0, standard deviation 1); labels 1 = benign, 0 = malignant.
    Returns read-only arrays, so no page can change another page's data."""
    return _breast_cancer()


def moons(m=200, noise=0.2, seed=0):
    """Two interleaving half-moons: a problem a linear model cannot solve."""
    from sklearn.datasets import make_moons

    X, y = make_moons(n_samples=m, noise=noise, random_state=seed)
    return X, y.astype(float)


def train_test_split_fixed(X, y, test_fraction=0.3, seed=0):
    """A seeded shuffle-and-split, so every page and test sees the same split."""
    order = np.random.default_rng(seed).permutation(len(y))
    cut = int(round(len(y) * (1 - test_fraction)))
    return X[order[:cut]], y[order[:cut]], X[order[cut:]], y[order[cut:]]
