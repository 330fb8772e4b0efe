"""Data sets used by the book, the checks, the tests and the browser edition:
scikit-learn's bundled data only, so nothing is downloaded at build or test time."""
import importlib.util
from functools import cache
from pathlib import Path

import numpy as np


def breast_cancer_csv() -> Path:
    """The file scikit-learn's load_breast_cancer reads, found without importing scikit-learn
    (that import takes a second, which every process that loads the data would pay). The
    browser edition has no scikit-learn: it ships this module as course_data.py with a copy
    of the file beside it."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None:
        return Path(__file__).with_name("breast_cancer.csv")
    return Path(spec.submodule_search_locations[0], "datasets", "data", "breast_cancer.csv")


def load_breast_cancer(*, return_X_y=False):
    """``sklearn.datasets.load_breast_cancer(return_X_y=True)`` without scikit-learn: the
    raw features and the integer labels, as the exercise notebooks load them (in the
    browser edition they import this when scikit-learn is missing)."""
    if not return_X_y:
        raise TypeError("load_breast_cancer here returns only (X, y): call it with return_X_y=True.")
    table = np.loadtxt(breast_cancer_csv(), delimiter=",", skiprows=1)
    return table[:, :-1], table[:, -1].astype(int)


@cache
def _breast_cancer():
    # tests/references/test_against_sklearn.py checks this agrees with scikit-learn.
    X, y = load_breast_cancer(return_X_y=True)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = y.astype(float)
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
