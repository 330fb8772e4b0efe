"""Do the costs and regularized optima agree with scikit-learn?"""
import numpy as np
import pytest

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss as sk_log_loss

from autograder.data import breast_cancer
from autograder.fitting import fit_l2_logistic
from autograder.references import gradient_descent as gd
from autograder.references import l1, l2


def test_the_breast_cancer_data_is_scikit_learns_standardized():
    from sklearn.datasets import load_breast_cancer

    X, y = breast_cancer()
    X_sk, y_sk = load_breast_cancer(return_X_y=True)
    np.testing.assert_allclose(X, (X_sk - X_sk.mean(axis=0)) / X_sk.std(axis=0), rtol=0, atol=1e-12)
    assert np.array_equal(y, y_sk) and y.dtype == np.float64 and X.shape == (569, 30)
    assert not X.flags.writeable and not y.flags.writeable


def test_log_loss_equals_sklearn_on_real_data():
    X, y = breast_cancer()
    w = np.random.default_rng(0).normal(scale=0.1, size=X.shape[1])
    p = gd.sigmoid(X @ w + 0.2)
    assert np.isclose(gd.log_loss(X, y, w, 0.2), sk_log_loss(y, p), rtol=1e-12)


def test_log_loss_is_finite_and_exact_for_huge_logits():
    X = np.array([[1000.0], [-1000.0]])
    assert np.isclose(gd.log_loss(X, np.array([0.0, 1.0]), np.array([1.0]), 0.0), 1000.0)


@pytest.mark.parametrize("lam", [0.1, 0.01])
def test_l2_optimum_equals_sklearn_logistic_regression_with_C(lam):
    """Our J = mean loss + lam/2 |w|^2; sklearn's C*sum(loss) + |w|^2/2, so C = 1/(lam*m)."""
    X, y = breast_cancer()
    m = len(y)
    w, b = fit_l2_logistic(X, y, lam)
    sk = LogisticRegression(C=1 / (lam * m), tol=1e-12, max_iter=10000).fit(X, y)
    np.testing.assert_allclose(w, sk.coef_.ravel(), rtol=1e-4, atol=1e-6)
    assert np.isclose(b, sk.intercept_[0], rtol=1e-4, atol=1e-6)


def test_l1_proximal_gradient_matches_sklearn_sparsity_and_weights():
    X, y = breast_cancer()
    m, lam = len(y), 0.02
    w, b, lr = np.zeros(X.shape[1]), 0.0, 0.2
    for _ in range(20000):
        dw, db = gd.log_loss_grad(X, y, w, b)
        w, b = l1.proximal_gd_update(w, dw, lr, lam), b - lr * db
    sk = LogisticRegression(l1_ratio=1.0, C=1 / (lam * m), solver="liblinear", tol=1e-10,
                            max_iter=100000, intercept_scaling=1e4).fit(X, y)
    assert np.array_equal(w == 0, sk.coef_.ravel() == 0)
    np.testing.assert_allclose(w, sk.coef_.ravel(), atol=2e-3)
