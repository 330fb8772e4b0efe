"""Checks for chapter 8: gradient checking and the two-layer network."""
import numpy as np

from ..references import network as ref
from .harness import Array, Case, Dict, First, FunctionCheck, Scalar


def wavy_bowl(v):
    """A smooth test function with nonzero third derivatives (so h matters)."""
    return float(np.sum(v ** 3) + np.prod(np.cos(v)) + 0.5 * np.sum(v ** 2))


def _numerical_gradient_cases():
    rng = np.random.default_rng(8)
    return [Case("f = a smooth function of a vector of 4, default h", (wavy_bowl, rng.normal(size=4)),
                 rtol=1e-6, atol=1e-8),
            Case("a 2-D x of shape (2, 3), h = 1e-3", (wavy_bowl, rng.normal(size=(2, 3)), 1e-3),
                 rtol=1e-6, atol=1e-8, varies="a 2-D x and a larger h")]


def _relative_error_cases():
    a = np.array([1.0, -2.0, 0.0, 3e-9, 5.0])
    return [Case("arrays with an entry that is 0 in both", (a, np.array([1.1, -2.0, 0.0, 2e-9, 4.0]))),
            Case("b larger than a in the first entry", (np.array([1.0, 2.0]), np.array([3.0, 2.0])),
                 varies="b larger than a"),
            Case("a 2-D pair", (a[:4].reshape(2, 2), -a[:4].reshape(2, 2)), varies="2-D arrays of opposite signs"),
            Case("a large entry that agrees and a small one that does not (a = [100, 1], b = [100.5, 2])",
                 (np.array([100.0, 1.0]), np.array([100.5, 2.0])),
                 varies="a large entry that agrees beside a small one that does not")]


def _params(rng, n=2, h=4, scale=1.0):
    return {"W1": rng.normal(scale=scale, size=(n, h)), "b1": rng.normal(size=h),
            "W2": rng.normal(scale=scale, size=h), "b2": 0.2}


def _network_cases(with_y):
    rng = np.random.default_rng(9)
    X, y = rng.normal(size=(6, 2)), np.array([0.0, 1, 1, 0, 1, 0])
    big = _params(rng, scale=1.0)
    big["W2"] = np.full(4, 300.0)
    cases = [Case("X of shape (6, 2), 4 hidden units", (X, y, _params(rng)) if with_y else (X, _params(rng))),
             Case("X of shape (3, 2), a single hidden unit",
                  (X[:3], y[:3], _params(rng, h=1)) if with_y else (X[:3], _params(rng, h=1)))]
    X4 = rng.normal(size=(4, 2))
    cases.append(Case("4 examples and 4 hidden units (square matrices)",
                      (X4, y[:4], _params(rng)) if with_y else (X4, _params(rng))))
    if with_y:
        cases.append(Case("output logits of several hundred (confident predictions)", (X, 1 - y, big),
                          stable=True))
    return cases


check_numerical_gradient = FunctionCheck(
    "numerical_gradient", "numerical_gradient(f, x, h)", ref.numerical_gradient, Array("the gradient"),
    _numerical_gradient_cases)
check_relative_error = FunctionCheck("relative_error", "relative_error(a, b)", ref.relative_error,
                                     Scalar("the relative error"), _relative_error_cases)
check_mlp_forward = FunctionCheck("mlp_forward", "mlp_forward(X, params)", ref.mlp_forward, First(Array("p")),
                                  lambda: _network_cases(with_y=False))
check_mlp_loss = FunctionCheck("mlp_loss", "mlp_loss(X, y, params)", ref.mlp_loss, Scalar("the loss"),
                               lambda: _network_cases(with_y=True), stability=True)
check_mlp_backward = FunctionCheck(
    "mlp_backward", "mlp_backward(X, y, params)", ref.mlp_backward,
    Dict(W1=Array("dW1"), b1=Array("db1"), W2=Array("dW2"), b2=Scalar("db2")), lambda: _network_cases(with_y=True))

CHECKS = {"numerical_gradient": check_numerical_gradient, "relative_error": check_relative_error,
          "mlp_forward": check_mlp_forward, "mlp_loss": check_mlp_loss, "mlp_backward": check_mlp_backward}
