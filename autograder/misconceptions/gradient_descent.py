"""Mistakes in chapter 1: the logistic-regression cost, its gradient and the GD step.

Each variant is the graded function written with exactly one mistake, self-contained
(``np`` only: its source is also injected into notebooks by the mutation tests).
"""
import numpy as np

from . import Misconception
from .general import reads_global_labels

# Stands for a notebook's training labels: the variants of ``gd.global_labels`` read it.
y_train = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1])


def sigmoid_overflowing(z):
    return 1 / (1 + np.exp(-z))


def log_loss_of_zero(X, y, w, b):
    p = np.exp(-np.logaddexp(0, -(X @ w + b)))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def log_loss_clipped(X, y, w, b):
    p = np.clip(np.exp(-np.logaddexp(0, -(X @ w + b))), 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def log_loss_summed(X, y, w, b):
    z = X @ w + b
    return float(np.sum(np.logaddexp(0, z) - y * z))


def log_loss_grad_summed(X, y, w, b):
    error = np.exp(-np.logaddexp(0, -(X @ w + b))) - y
    return X.T @ error, float(np.sum(error))


def log_loss_negated(X, y, w, b):
    z = X @ w + b
    return float(-np.mean(np.logaddexp(0, z) - y * z))


def log_loss_grad_wrong_sign(X, y, w, b):
    error = y - np.exp(-np.logaddexp(0, -(X @ w + b)))
    return X.T @ error / len(y), float(np.mean(error))


def gd_update_wrong_sign(w, g, lr):
    return w + lr * g


def log_loss_y_column(X, y, w, b):
    y = y.reshape(-1, 1)
    z = X @ w + b
    return float(np.mean(np.logaddexp(0, z) - y * z))


def log_loss_grad_y_column(X, y, w, b):
    y = y.reshape(-1, 1)
    error = np.exp(-np.logaddexp(0, -(X @ w + b))) - y
    return X.T @ error / len(y), float(np.mean(error))


def log_loss_global_labels(X, y, w, b):
    z = X @ w + b
    return float(np.mean(np.logaddexp(0, z) - y_train * z))


def log_loss_grad_global_labels(X, y, w, b):
    error = np.exp(-np.logaddexp(0, -(X @ w + b))) - y_train
    return X.T @ error / len(y), float(np.mean(error))


def log_loss_without_bias(X, y, w, b):
    z = X @ w
    return float(np.mean(np.logaddexp(0, z) - y * z))


def log_loss_grad_without_bias(X, y, w, b):
    error = np.exp(-np.logaddexp(0, -(X @ w))) - y
    return X.T @ error / len(y), float(np.mean(error))


def gd_update_in_place(w, g, lr):
    w -= lr * g
    return w


MISCONCEPTIONS = [
    Misconception(
        id="gd.global_labels",
        title="Your cost reads the labels from a notebook variable (such as y_train) instead "
              "of the y passed in, so on a minibatch it compares predictions with the wrong labels.",
        symptom="The reported cost climbs every epoch while the model classifies well.",
        hint="Use the function's own y argument; inside a training loop pass the minibatch's labels.",
        chapter="02-minibatch-sgd",
        variants={"log_loss": log_loss_global_labels, "log_loss_grad": log_loss_grad_global_labels},
        detect={"log_loss": reads_global_labels, "log_loss_grad": reads_global_labels},
    ),
    Misconception(
        id="gd.unstable_sigmoid",
        title="Your sigmoid computes exp(-z) directly, which overflows for large negative z "
              "(exp(1000) is inf) and makes numpy warn.",
        symptom="Overflow warnings during training, and nan once inf meets inf.",
        hint="Let exp only ever see numbers <= 0: with e = np.exp(-np.abs(z)), the sigmoid is "
             "1 / (1 + e) where z >= 0 and e / (1 + e) where z < 0.",
        chapter="01-gradient-descent",
        variants={"sigmoid": sigmoid_overflowing},
    ),
    Misconception(
        id="gd.log_of_zero",
        title="Your cost breaks for confident predictions: log(p) of a probability that has "
              "rounded to exactly 0 or 1 gives log(0) = -inf (and log(1 + exp(z)) overflows to inf "
              "the same way).",
        symptom="The loss prints inf or nan as soon as one prediction is very confident.",
        hint="Compute the loss from z = X @ w + b: log(sigmoid(z)) = -log(1 + exp(-z)), which "
             "np.logaddexp(0, -z) evaluates without overflow.",
        chapter="01-gradient-descent",
        variants={"log_loss": log_loss_of_zero},
    ),
    Misconception(
        id="gd.clipped_probabilities",
        title="Your cost clips p away from 0 and 1 before the log: that avoids inf but caps "
              "each example's loss at about 34.5, so very wrong predictions are under-counted.",
        symptom="A loss that is finite but too small for badly wrong, confident models.",
        hint="Compute the loss from z with np.logaddexp instead of clipping p.",
        chapter="01-gradient-descent",
        variants={"log_loss": log_loss_clipped},
    ),
    Misconception(
        id="gd.sum_not_mean",
        title="You summed over the examples where the cost is the mean, so the result grows "
              "with the number of examples.",
        symptom="Steps m times too large: the loss explodes unless the learning rate is tiny, "
                "and the right learning rate changes with the batch size.",
        hint="Divide the sum by the number of examples (or use np.mean), in the cost and in "
             "both parts of the gradient.",
        chapter="01-gradient-descent",
        variants={"log_loss": log_loss_summed, "log_loss_grad": log_loss_grad_summed},
    ),
    Misconception(
        id="gd.wrong_sign",
        title="A sign is flipped: the gradient points downhill or the step goes uphill, so "
              "the update increases the loss.",
        symptom="The loss rises steadily from the first step, whatever the learning rate.",
        hint="The gradient of the mean cross-entropy is X.T @ (p - y) / m, and a descent "
             "step subtracts lr times the gradient.",
        chapter="01-gradient-descent",
        variants={"log_loss": log_loss_negated, "log_loss_grad": log_loss_grad_wrong_sign,
                  "gd_update": gd_update_wrong_sign},
    ),
    Misconception(
        id="gd.y_column",
        title="y was reshaped into a column (m, 1): subtracting it from the (m,) predictions "
              "broadcasts to an (m, m) matrix, mixing every prediction with every label.",
        symptom="Wrong shapes in the gradient, or a loss that barely changes during training.",
        hint="Keep y one-dimensional with shape (m,), like the predictions (no reshape(-1, 1)).",
        chapter="01-gradient-descent",
        variants={"log_loss": log_loss_y_column, "log_loss_grad": log_loss_grad_y_column},
    ),
    Misconception(
        id="gd.bias_ignored",
        title="The bias b is left out of z = X @ w + b.",
        symptom="The model can only draw boundaries through the origin; the loss stalls above its minimum.",
        hint="Add b to X @ w before applying the sigmoid.",
        chapter="01-gradient-descent",
        variants={"log_loss": log_loss_without_bias, "log_loss_grad": log_loss_grad_without_bias},
    ),
    Misconception(
        id="gd.in_place_update",
        title="The step changes w in place (w -= ...), so the caller's array changes too, "
              "including any copy of it you kept to compare with.",
        symptom="Saved weight histories that all show the final weights; surprising aliasing bugs.",
        hint="Return a new array: w_new = w - lr * g.",
        chapter="01-gradient-descent",
        variants={"gd_update": gd_update_in_place},
    ),
    Misconception(
        id="gd.lr_too_large",
        title="The learning rate is too large: each step overshoots the minimum along the "
              "steepest direction, so the loss goes up instead of down.",
        symptom="A loss that rises, oscillates or spikes, and with a large enough rate turns "
                "into inf or nan.",
        hint="Gradient descent on a quadratic converges only if lr * curvature < 2 for every "
             "curvature; try a rate several times smaller.",
        chapter="01-gradient-descent",
        variants={"learning_rate": 30.0},
    ),
    Misconception(
        id="gd.lr_too_small",
        title="The learning rate is too small: every step goes the right way but barely "
              "moves, so training seems to stand still.",
        symptom="A loss curve that decreases smoothly but far too slowly.",
        hint="Increase the rate by factors of 3 to 10 until the loss starts to rise, then "
             "step back.",
        chapter="01-gradient-descent",
        variants={"learning_rate": 0.01},
    ),
]


# --- grown from published code (tests/corpus/gradient_descent.py) ----------------------

def sigmoid_sign_flipped(z):
    return 1 / (1 + np.exp(z))


def log_loss_of_the_labels(X, y, w, b):
    p = np.exp(-np.logaddexp(0, -(X @ w + b)))
    return float(np.mean(-y * np.log(y) - (1 - p) * np.log(1 - p)))


def log_loss_y_and_p_swapped(X, y, w, b):
    p = np.exp(-np.logaddexp(0, -(X @ w + b)))
    return float(-np.mean(p * np.log(y) + (1 - p) * np.log(1 - y)))


MISCONCEPTIONS += [
    Misconception(
        id="gd.sigmoid_sign_flipped",
        title="The exponent's sign is flipped: 1/(1 + exp(z)) is sigmoid(-z), so every "
              "probability is 1 minus the right one (and exp overflows for large positive z).",
        symptom="Predictions that are confidently backwards; the loss rises when the model improves.",
        hint="sigmoid(z) = 1/(1 + exp(-z)): large positive z gives a probability near 1.",
        chapter="01-gradient-descent",
        variants={"sigmoid": sigmoid_sign_flipped},
    ),
    Misconception(
        id="gd.y_and_p_swapped",
        title="The cross-entropy takes the log of the labels: y and p swapped, "
              "-mean(p*log(y) + (1-p)*log(1-y)), or y*log(y) in place of y*log(p); log(0) of a 0/1 "
              "label is -inf.",
        symptom="A loss that is inf or nan from the very first step.",
        hint="The log is of the predictions: -mean(y*log(p) + (1-y)*log(1-p)), computed from z "
             "with np.logaddexp.",
        chapter="01-gradient-descent",
        variants={"log_loss": log_loss_y_and_p_swapped},
        also={"log_loss": (log_loss_of_the_labels,)},
    ),
]


def log_loss_logits_clipped(X, y, w, b):
    z = np.clip(X @ w + b, -30, 30)
    return float(np.mean(np.logaddexp(0, z) - y * z))


def _logits_clipped_at(bound):
    def log_loss(X, y, w, b):
        z = np.clip(X @ w + b, -bound, bound)
        return float(np.mean(np.logaddexp(0, z) - y * z))
    return log_loss


MISCONCEPTIONS += [
    Misconception(
        id="gd.clipped_logits",
        title="The logits z are clipped (to +-30, +-100, +-500, ...) before the loss: that silences "
              "the overflow, but caps the loss of a confidently wrong prediction, so the cost is "
              "too small exactly where |z| is large.",
        symptom="A loss that is right for moderate logits and too small for very confident mistakes.",
        hint="Do not clip: np.logaddexp(0, z) - y*z is exact and never overflows.",
        chapter="01-gradient-descent",
        variants={"log_loss": log_loss_logits_clipped},
        also={"log_loss": tuple(_logits_clipped_at(c) for c in (20, 50, 100, 250, 500))},
    ),
]
