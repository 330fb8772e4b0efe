"""Is every reference gradient the derivative of its reference cost? Centred finite
differences, and the behaviour the spec asks of the remaining references."""
import numpy as np
import pytest

from autograder.references import gradient_descent as gd
from autograder.references import l1, l2, minibatch, network

rng = np.random.default_rng(7)
X, y = rng.normal(size=(12, 4)), rng.integers(0, 2, size=12).astype(float)
w, b = rng.normal(size=4), 0.4


def fd(f, x):
    return network.numerical_gradient(f, x, h=1e-6)


def test_log_loss_grad_is_the_derivative_of_log_loss():
    dw, db = gd.log_loss_grad(X, y, w, b)
    np.testing.assert_allclose(dw, fd(lambda v: gd.log_loss(X, y, v, b), w), rtol=1e-6, atol=1e-9)
    assert np.isclose(db, fd(lambda v: gd.log_loss(X, y, w, v[0]), np.array([b]))[0], rtol=1e-6)


def test_regularized_gradient_is_the_derivative_of_regularized_cost():
    dw, db = l2.regularized_log_loss_grad(X, y, w, b, 0.3)
    np.testing.assert_allclose(dw, fd(lambda v: l2.regularized_log_loss(X, y, v, b, 0.3), w), rtol=1e-6)
    assert db == gd.log_loss_grad(X, y, w, b)[1]
    np.testing.assert_allclose(l2.l2_penalty_grad(w, 0.3), fd(lambda v: l2.l2_penalty(v, 0.3), w), rtol=1e-6)


def test_l1_subgradient_is_the_derivative_away_from_zero_and_zero_at_zero():
    v = np.array([0.5, -2.0, 0.0, 3.0])
    np.testing.assert_allclose(l1.l1_subgradient(v, 0.7)[[0, 1, 3]],
                               fd(lambda u: l1.l1_penalty(u, 0.7), v)[[0, 1, 3]], rtol=1e-6)
    assert l1.l1_subgradient(v, 0.7)[2] == 0


def test_soft_threshold_is_the_proximal_operator_of_the_l1_penalty():
    v, threshold = np.linspace(-2, 2, 41), 0.5
    grid = np.linspace(-3, 3, 60001)
    best = grid[np.argmin(0.5 * (grid[None, :] - v[:, None]) ** 2 + threshold * np.abs(grid[None, :]), axis=1)]
    np.testing.assert_allclose(l1.soft_threshold(v, threshold), best, atol=1e-4)


def test_mlp_backward_is_the_derivative_of_mlp_loss():
    params = {"W1": rng.normal(size=(4, 3)), "b1": rng.normal(size=3), "W2": rng.normal(size=3), "b2": -0.2}
    grads = network.mlp_backward(X, y, params)
    for key in ("W1", "b1", "W2"):
        def f(v, key=key):
            return network.mlp_loss(X, y, {**params, key: v})
        np.testing.assert_allclose(grads[key], fd(f, params[key]), rtol=1e-5, atol=1e-9)
    numeric_b2 = fd(lambda v: network.mlp_loss(X, y, {**params, "b2": v[0]}), np.array([params["b2"]]))[0]
    assert np.isclose(grads["b2"], numeric_b2, rtol=1e-6)


def test_numerical_gradient_is_centred_and_leaves_x_alone():
    x = np.array([0.3, -1.2, 2.0])
    before = x.copy()
    g = network.numerical_gradient(lambda v: np.sum(v ** 3), x, h=1e-3)
    np.testing.assert_allclose(g, 3 * x ** 2, rtol=1e-5)  # centred: error h^2, one-sided: h
    assert np.array_equal(x, before)


def test_relative_error_is_scale_free_and_zero_for_zero():
    assert network.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert np.isclose(network.relative_error(np.array([1.0]), np.array([1.1])), 0.1 / 2.1)


def test_sigmoid_is_stable_and_silent_for_huge_inputs():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        s = gd.sigmoid(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(s, [0.0, 1.0])


@pytest.mark.parametrize("batch_size", [1, 5, 12, 50])
def test_make_minibatches_uses_each_row_once_in_rng_order(batch_size):
    batches = minibatch.make_minibatches(X, y, batch_size, np.random.default_rng(3))
    order = np.random.default_rng(3).permutation(len(y))
    np.testing.assert_array_equal(np.concatenate([bx for bx, _ in batches]), X[order])
    np.testing.assert_array_equal(np.concatenate([by for _, by in batches]), y[order])
    assert all(len(by) == batch_size for _, by in batches[:-1])
