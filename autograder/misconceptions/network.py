"""Mistakes in chapter 8: gradient checking and the two-layer network."""
import numpy as np

from . import Misconception


def numerical_gradient_one_sided(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    grad, fx = np.zeros_like(x), f(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        grad[i] = (f(x) - fx) / h
        x[i] = old
    return grad


def numerical_gradient_changes_x(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        x[i] += h
        f_plus = f(x)
        x[i] -= 2 * h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def numerical_gradient_wrong_denominator(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / h
    return grad


def relative_error_unguarded(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / (np.abs(a) + np.abs(b))))


def relative_error_signed(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max((a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def relative_error_mean(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.mean(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def mlp_forward_sigmoid_hidden(X, params):
    H = np.exp(-np.logaddexp(0, -(X @ params["W1"] + params["b1"])))
    return np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"]))), {"H": H}


def mlp_forward_without_b1(X, params):
    H = np.tanh(X @ params["W1"])
    return np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"]))), {"H": H}


def mlp_loss_log_of_probabilities(X, y, params):
    z2 = np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    p = 1 / (1 + np.exp(-z2))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def mlp_loss_summed(X, y, params):
    z2 = np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    return float(np.sum(np.logaddexp(0, z2) - y * z2))


def mlp_backward_db1_summed_over_everything(X, y, params):
    H = np.tanh(X @ params["W1"] + params["b1"])
    dz2 = (np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"]))) - y) / X.shape[0]
    dz1 = np.outer(dz2, params["W2"]) * (1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": np.sum(dz1, keepdims=True), "W2": H.T @ dz2, "b2": float(dz2.sum())}


def mlp_backward_db1_wrong_axis(X, y, params):
    H = np.tanh(X @ params["W1"] + params["b1"])
    dz2 = (np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"]))) - y) / X.shape[0]
    dz1 = np.outer(dz2, params["W2"]) * (1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=1), "W2": H.T @ dz2, "b2": float(dz2.sum())}


def mlp_backward_without_tanh_derivative(X, y, params):
    H = np.tanh(X @ params["W1"] + params["b1"])
    dz2 = (np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"]))) - y) / X.shape[0]
    dz1 = np.outer(dz2, params["W2"])
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.sum())}


def mlp_backward_without_mean(X, y, params):
    H = np.tanh(X @ params["W1"] + params["b1"])
    dz2 = np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"]))) - y
    dz1 = np.outer(dz2, params["W2"]) * (1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.sum())}


MISCONCEPTIONS = [
    Misconception(
        id="network.one_sided_difference",
        title="Your numerical gradient uses a one-sided difference (f(x+h) - f(x))/h, whose "
              "error is proportional to h; the centred difference's is proportional to h**2.",
        symptom="A gradient check that reports relative errors around 1e-5 even for a correct "
                "backward pass.",
        hint="Use (f(x + h e_i) - f(x - h e_i)) / (2h).",
        chapter="08-two-layer-network",
        variants={"numerical_gradient": numerical_gradient_one_sided},
    ),
    Misconception(
        id="network.x_changed",
        title="Your numerical gradient changes x in place and does not restore it exactly, so "
              "the caller's parameters are different afterwards.",
        symptom="A gradient check that itself changes the network's weights a little each time.",
        hint="Work on a copy (x = np.array(x, dtype=float)) or restore the saved value after each coordinate.",
        chapter="08-two-layer-network",
        variants={"numerical_gradient": numerical_gradient_changes_x},
    ),
    Misconception(
        id="network.wrong_denominator",
        title="The centred difference is divided by h instead of 2h, doubling every entry.",
        symptom="Numerical gradients exactly twice the analytic ones.",
        hint="The two points are 2h apart: divide by 2 * h.",
        chapter="08-two-layer-network",
        variants={"numerical_gradient": numerical_gradient_wrong_denominator},
    ),
    Misconception(
        id="network.relative_error_unguarded",
        title="The relative error divides by abs(a) + abs(b) without a floor, so two zero "
              "gradients give 0/0 = nan.",
        symptom="A gradient check that prints nan for parameters whose gradient is exactly 0.",
        hint="Divide by np.maximum(1e-8, np.abs(a) + np.abs(b)).",
        chapter="08-two-layer-network",
        variants={"relative_error": relative_error_unguarded},
    ),
    Misconception(
        id="network.relative_error_signed",
        title="The difference is not taken in absolute value, so large negative errors hide.",
        symptom="A gradient check that passes while some entries are badly wrong.",
        hint="Use np.abs(a - b) in the numerator.",
        chapter="08-two-layer-network",
        variants={"relative_error": relative_error_signed},
    ),
    Misconception(
        id="network.relative_error_mean",
        title="The relative error is averaged over the entries instead of taking the largest, "
              "so one wrong entry among many looks fine.",
        symptom="A gradient check that passes with one wrong parameter in a large matrix.",
        hint="Report the worst entry: np.max(...).",
        chapter="08-two-layer-network",
        variants={"relative_error": relative_error_mean},
    ),
    Misconception(
        id="network.sigmoid_hidden",
        title="The hidden layer uses the sigmoid instead of tanh.",
        symptom="A network that trains, but not the one specified: every number differs.",
        hint="H = np.tanh(X @ W1 + b1).",
        chapter="08-two-layer-network",
        variants={"mlp_forward": mlp_forward_sigmoid_hidden},
    ),
    Misconception(
        id="network.missing_b1",
        title="The hidden layer's bias b1 is left out.",
        symptom="Hidden units whose boundaries all pass through the origin.",
        hint="Add b1 to X @ W1 before the tanh.",
        chapter="08-two-layer-network",
        variants={"mlp_forward": mlp_forward_without_b1},
    ),
    Misconception(
        id="network.unstable_log",
        title="The loss takes log(p) of probabilities that round to 0 or 1, giving inf for a "
              "confident wrong prediction.",
        symptom="The loss prints inf or nan once the network is very confident (large weights, "
                "large learning rate).",
        hint="Compute the loss from the logit z2 with np.logaddexp.",
        chapter="08-two-layer-network",
        variants={"mlp_loss": mlp_loss_log_of_probabilities},
    ),
    Misconception(
        id="network.sum_not_mean",
        title="The loss or its gradient sums over the examples instead of averaging.",
        symptom="Gradients m times too large: a learning rate that worked on a small batch "
                "makes the loss spike on a large one.",
        hint="Divide by the number of examples m.",
        chapter="08-two-layer-network",
        variants={"mlp_loss": mlp_loss_summed, "mlp_backward": mlp_backward_without_mean},
    ),
    Misconception(
        id="network.db1_wrong_axis",
        title="db1 is summed over the wrong axis: it must sum dz1 over the examples (axis 0) "
              "to get one number per hidden unit, shape (h,).",
        symptom="A wrongly shaped bias gradient that numpy broadcasts silently, or a scalar "
                "that nudges every hidden bias by the same amount.",
        hint="db1 = dz1.sum(axis=0); check every gradient's shape against its parameter's.",
        chapter="08-two-layer-network",
        variants={"mlp_backward": mlp_backward_db1_wrong_axis},
    ),
    Misconception(
        id="network.db1_scalar",
        title="db1 sums dz1 over everything, giving one number instead of one per hidden unit.",
        symptom="All hidden biases move together; the gradient check fails only for b1.",
        hint="Sum over the examples only: dz1.sum(axis=0).",
        chapter="08-two-layer-network",
        variants={"mlp_backward": mlp_backward_db1_summed_over_everything},
    ),
    Misconception(
        id="network.missing_tanh_derivative",
        title="Backpropagation through tanh forgets its derivative 1 - H**2.",
        symptom="Gradients for W1 and b1 that fail the gradient check while W2 and b2 pass.",
        hint="dz1 = (dz2 outer W2) * (1 - H**2).",
        chapter="08-two-layer-network",
        variants={"mlp_backward": mlp_backward_without_tanh_derivative},
    ),
]


# --- grown from published code (tests/corpus/network.py) ---------------------------------

def numerical_gradient_whole_rows(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in range(len(x)):
        old = x[i].copy()
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def numerical_gradient_1d_only(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in range(x.size):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error_of_norms(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / max(1e-8, np.linalg.norm(a) + np.linalg.norm(b)))


def relative_error_of_maxima(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)) / max(1e-8, np.max(np.abs(a) + np.abs(b))))


def mlp_backward_tanh_derivative_of_preactivation(X, y, params):
    z1 = X @ params["W1"] + params["b1"]
    H = np.tanh(z1)
    dz2 = (np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"]))) - y) / X.shape[0]
    dz1 = np.outer(dz2, params["W2"]) * (1 - z1 ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.sum())}


def mlp_backward_tanh_derivative_twice(X, y, params):
    H = np.tanh(X @ params["W1"] + params["b1"])
    dz2 = (np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"]))) - y) / X.shape[0]
    dz1 = np.outer(dz2, params["W2"]) * (1 - H ** 2) * (1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.sum())}


def mlp_backward_matrix_product_for_elementwise(X, y, params):
    H = np.tanh(X @ params["W1"] + params["b1"])
    dz2 = (np.exp(-np.logaddexp(0, -(H @ params["W2"] + params["b2"]))) - y) / X.shape[0]
    dz1 = np.dot(np.outer(dz2, params["W2"]), 1 - H ** 2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": H.T @ dz2, "b2": float(dz2.sum())}


MISCONCEPTIONS += [
    Misconception(
        id="network.perturbs_whole_rows",
        title="Your loop perturbs x[i], which for a 2-D x is a whole row: every entry of the row "
              "moves at once, and each entry of the row gets the row's directional derivative.",
        symptom="A gradient check that passes for vectors and fails for weight matrices.",
        hint="Loop over every index of x: for i in np.ndindex(x.shape) (or use x.flat / "
             "np.nditer), perturbing one entry at a time.",
        chapter="08-two-layer-network",
        variants={"numerical_gradient": numerical_gradient_whole_rows},
    ),
    Misconception(
        id="network.gradient_1d_only",
        title="The numerical gradient works only for 1-D x: it loops i over range(x.size) and "
              "indexes x[i], which for a matrix is a whole row (and runs past the last row).",
        symptom="An IndexError or a shape error as soon as you check the gradient of W1.",
        hint="grad = np.zeros_like(x), and loop over np.ndindex(x.shape).",
        chapter="08-two-layer-network",
        variants={"numerical_gradient": numerical_gradient_1d_only},
    ),
    Misconception(
        id="network.relative_error_of_norms",
        title="Your relative error is a ratio of norms, ||a-b|| / (||a|| + ||b||): a known measure "
              "(CS231n's rel_error uses the maximum of element-wise ratios, as this course does), "
              "but one large entry hides a wrong small one.",
        symptom="A gradient check that passes although some small entries of the gradient are wrong.",
        hint="Take the element-wise ratio first, then its maximum: "
             "np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))).",
        chapter="08-two-layer-network",
        variants={"relative_error": relative_error_of_norms},
    ),
    Misconception(
        id="network.relative_error_of_maxima",
        title="Your relative error divides the largest difference by the largest size, "
              "max|a-b| / max(|a|+|b|), instead of taking the largest element-wise ratio: a "
              "wrong small entry hides behind a large right one.",
        symptom="A gradient check that passes although some small entries of the gradient are wrong.",
        hint="np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))).",
        chapter="08-two-layer-network",
        variants={"relative_error": relative_error_of_maxima},
    ),
    Misconception(
        id="network.tanh_derivative_of_preactivation",
        title="The tanh derivative is taken from the pre-activation, 1 - z1**2, instead of the "
              "activation, 1 - tanh(z1)**2 = 1 - H**2.",
        symptom="A gradient check that fails for W1 and b1 only, worst where |z1| is large.",
        hint="Use the cached H: dz1 = dH * (1 - H**2).",
        chapter="08-two-layer-network",
        variants={"mlp_backward": mlp_backward_tanh_derivative_of_preactivation},
    ),
    Misconception(
        id="network.tanh_derivative_twice",
        title="The tanh derivative (1 - H**2) is applied twice.",
        symptom="dW1 and db1 too small, most where the hidden units saturate; dW2 and db2 right.",
        hint="Multiply by (1 - H**2) once, when going from dH to dz1.",
        chapter="08-two-layer-network",
        variants={"mlp_backward": mlp_backward_tanh_derivative_twice},
    ),
    Misconception(
        id="network.matrix_product_for_elementwise",
        title="Backprop through tanh uses a matrix product (np.dot / @) where it needs an "
              "element-wise product: dz1 = dH * (1 - H**2).",
        symptom="Shape errors, or, when the numbers of examples and hidden units happen to be "
                "equal, wrong gradients for W1 and b1.",
        hint="Use * for the derivative of an element-wise function; @ is for the linear layers.",
        chapter="08-two-layer-network",
        variants={"mlp_backward": mlp_backward_matrix_product_for_elementwise},
    ),
]


def numerical_gradient_h_ignored(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + 1e-4
        f_plus = f(x)
        x[i] = old - 1e-4
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * 1e-4)
    return grad


MISCONCEPTIONS += [
    Misconception(
        id="network.h_ignored",
        title="The step h is a constant inside the function (1e-4, as in 'Deep Learning from "
              "Scratch'), so the h you pass is ignored.",
        symptom="Changing h changes nothing; the truncation error cannot be made smaller.",
        hint="Use the h parameter: x[i] = old + h, x[i] = old - h, divide by 2*h.",
        chapter="08-two-layer-network",
        variants={"numerical_gradient": numerical_gradient_h_ignored},
    ),
]
