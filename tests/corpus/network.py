"""Published gradient-checking and backprop code: CS231n's ``eval_numerical_gradient``
and ``rel_error``, "Deep Learning from Scratch"'s ``numerical_gradient``, EECS 498's
``rel_error``, and a ``tanh_backward`` helper."""
import numpy as np

from . import published


@published("numerical_gradient", "github.com/eliben/deep-learning-samples gradients/numgrad.py", expect="correct")
def numerical_gradient__eliben(f, x, h=1e-5):
    def eval_numerical_gradient(f, x, verbose=False, h=1e-5):
        grad = np.zeros_like(x)
        it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
        while not it.finished:
            ix = it.multi_index
            oldval = x[ix]
            x[ix] = oldval + h
            fxph = f(x)
            x[ix] = oldval - h
            fxmh = f(x)
            x[ix] = oldval
            grad[ix] = (fxph - fxmh) / (2 * h)
            if verbose:
                print(ix, grad[ix])
            it.iternext()
        return grad
    return eval_numerical_gradient(f, x, h=h)


@published("numerical_gradient",
           "github.com/aliweiya/code machine_learning/deep_learning/cs231n/assignment2/cs231n/gradient_check.py",
           expect="correct")
def numerical_gradient__cs231n(f, x, h=1e-5):
    def eval_numerical_gradient(f, x, verbose=True, h=0.0001):
        fx = f(x)  # noqa: F841 - as published
        grad = np.zeros_like(x)
        it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
        while not it.finished:
            ix = it.multi_index
            oldval = x[ix]
            x[ix] = oldval + h
            fxph = f(x)
            x[ix] = oldval - h
            fxmh = f(x)
            x[ix] = oldval
            grad[ix] = (fxph - fxmh) / (2 * h)
            if verbose:
                print(ix, grad[ix])
            it.iternext()
        return grad
    return eval_numerical_gradient(f, x, verbose=False, h=h)


@published("numerical_gradient", "github.com/lilycy0580/books 2.dl/DeepLearningForScratch/common/gradient.py",
           expect="network.h_ignored")
def numerical_gradient__deep_learning_from_scratch(f, x, h=1e-5):
    def numerical_gradient_net(f, x):
        h = 1e-4
        grad = np.zeros_like(x)
        it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
        while not it.finished:
            idx = it.multi_index
            tmp_val = x[idx]
            x[idx] = float(tmp_val) + h
            fxh1 = f(x)
            x[idx] = tmp_val - h
            fxh2 = f(x)
            grad[idx] = (fxh1 - fxh2) / (2*h)
            x[idx] = tmp_val
            it.iternext()
        return grad
    return numerical_gradient_net(f, x)


@published("numerical_gradient", "github.com/cxw745/AI_SYSU_2023 lab6/gradient.py", expect="unnamed")
def numerical_gradient__cxw745(f, x, h=1e-5):
    # loops over x.shape[0] (whole rows of a matrix), h fixed at 1e-4, and tmp_val is a view
    def numerical_gradient(f, x):
        h = 1e-4
        grad = np.zeros_like(x)
        for idx in range(x.shape[0]):
            tmp_val = x[idx]
            x[idx] = tmp_val + h
            fxh1 = f(x)
            x[idx] = tmp_val - h
            fxh2 = f(x)
            grad[idx] = (fxh1 - fxh2) / (2 * h)
            x[idx] = tmp_val
        return grad
    return numerical_gradient(f, x)


@published("relative_error", "github.com/peter-anything/deep_learn action_example/utils/common_utils.py",
           expect="correct")
def relative_error__cs231n_rel_error(a, b):
    def rel_error(x, y):
        return np.max(np.abs(x - y) / (np.maximum(1e-8, np.abs(x) + np.abs(y))))
    return float(rel_error(a, b))


@published("relative_error", "github.com/stfnwong/pymllib pymllib/utils/error.py", expect="correct")
def relative_error__pymllib(a, b):
    def rel_error(x, y):
        return np.max(np.abs(x - y) / (np.maximum(1e-8, np.abs(x) + np.abs(y))))
    return float(rel_error(a, b))


@published("relative_error", "UMich EECS 498-007 helper rel_error (public copy found by code search, "
           "index id 263899523)", expect="network.relative_error_of_maxima")
def relative_error__eecs498(a, b):
    import torch

    def rel_error(x, y, eps=1e-10):
        top = (x - y).abs().max().item()
        bot = (x.abs() + y.abs()).clamp(min=eps).max().item()
        return top / bot
    return rel_error(torch.as_tensor(np.asarray(a, dtype=float)), torch.as_tensor(np.asarray(b, dtype=float)))


@published("mlp_backward", "tanh_backward helper from a public GitHub activations file (code-search index id "
           "2355165699), inside the course's backward pass", expect="network.tanh_derivative_of_preactivation")
def mlp_backward__tanh_backward_from_z(X, y, params):
    def tanh_backward(dA, cache):
        Z = cache
        dZ = dA*(1-np.power(Z, 2))
        return dZ
    z1 = X @ params["W1"] + params["b1"]
    H = np.tanh(z1)
    p = np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"])))
    dz2 = (p - y) / len(y)
    dz1 = tanh_backward(np.outer(dz2, params["W2"]), z1)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.sum())}


@published("numerical_gradient", "github.com/skc111/deep_learning_from_scratch 4.4.py", expect="network.gradient_1d_only")
def numerical_gradient__skc111(f, x, h=1e-5):
    # also fixes h = 1e-4; on 1-D inputs that is within the check's tolerance of the given h
    def numerical_gradient(f, x):
        h = 1e-4
        grad = np.zeros_like(x)
        for idx in range(x.size):
            tmp_val = x[idx]
            x[idx] = tmp_val + h
            fxh1 = f(x)
            x[idx] = tmp_val - h
            fxh2 = f(x)
            grad[idx] = (fxh1 - fxh2) / (2*h)
            x[idx] = tmp_val
        return grad
    return numerical_gradient(f, x)


def _dls_difference(a, b):
    """deeplearning.ai's gradient_check compares grad and gradapprox with this 'difference'."""
    grad, gradapprox = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return float(difference)


@published("relative_error", "deeplearning.ai 'Gradient Checking' notebook, gradient_check as published on GitHub "
           "(code-search index id 6252320189)", expect="network.relative_error_of_norms")
def relative_error__dls_gradient_check(a, b):
    return _dls_difference(a, b)
