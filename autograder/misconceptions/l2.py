"""Mistakes in chapter 6: the L2 penalty and the regularized cost (variants are
self-contained, see gradient_descent.py)."""
import numpy as np

from . import Misconception


def l2_penalty_without_half(w, lam):
    return float(lam * np.sum(w ** 2))


def regularized_log_loss_without_half(X, y, w, b, lam):
    return float(np.mean(np.logaddexp(0, X @ w + b) - y * (X @ w + b))) + float(lam * np.sum(w ** 2))


def l2_penalty_grad_doubled(w, lam):
    return 2 * lam * w


def regularized_log_loss_grad_doubled(X, y, w, b, lam):
    error = np.exp(-np.logaddexp(0, -(X @ w + b))) - y
    dw, db = X.T @ error / len(y), float(np.mean(error))
    return dw + 2 * lam * w, db


def regularized_log_loss_with_bias(X, y, w, b, lam):
    return float(np.mean(np.logaddexp(0, X @ w + b) - y * (X @ w + b))) + float(0.5 * lam * (np.sum(w ** 2) + b ** 2))


def regularized_log_loss_grad_with_bias(X, y, w, b, lam):
    error = np.exp(-np.logaddexp(0, -(X @ w + b))) - y
    dw, db = X.T @ error / len(y), float(np.mean(error))
    return dw + lam * w, db + lam * b


def regularized_log_loss_lam_over_m(X, y, w, b, lam):
    return float(np.mean(np.logaddexp(0, X @ w + b) - y * (X @ w + b))) + float(0.5 * lam / X.shape[0] * np.sum(w ** 2))


def regularized_log_loss_grad_lam_over_m(X, y, w, b, lam):
    error = np.exp(-np.logaddexp(0, -(X @ w + b))) - y
    dw, db = X.T @ error / len(y), float(np.mean(error))
    return dw + lam / X.shape[0] * w, db


def l2_penalty_norm_not_squared(w, lam):
    return float(0.5 * lam * np.linalg.norm(w))


def l2_penalty_grad_in_place(w, lam):
    w *= lam
    return w


def regularized_log_loss_grad_penalty_missing(X, y, w, b, lam):
    error = np.exp(-np.logaddexp(0, -(X @ w + b))) - y
    return X.T @ error / len(y), float(np.mean(error))


MISCONCEPTIONS = [
    Misconception(
        id="l2.no_half",
        title="The penalty and its gradient disagree about the 1/2: this course's penalty is "
              "0.5*lam*sum(w**2), whose gradient is exactly lam*w; without the 1/2 the "
              "gradient would be 2*lam*w.",
        symptom="A reported cost that does not match the gradient you descend; a gradient "
                "check fails by a factor of 2 in the penalty.",
        hint="Penalty: 0.5 * lam * np.sum(w**2); gradient: lam * w.",
        chapter="06-l2",
        variants={"l2_penalty": l2_penalty_without_half, "regularized_log_loss": regularized_log_loss_without_half,
                  "l2_penalty_grad": l2_penalty_grad_doubled,
                  "regularized_log_loss_grad": regularized_log_loss_grad_doubled},
    ),
    Misconception(
        id="l2.regularized_bias",
        title="The bias is penalized too; it only shifts the decision boundary, so it is left "
              "out of the penalty (and db gets no lam*b term).",
        symptom="A model pulled towards predicting 50 % when the classes are unbalanced.",
        hint="Penalize w only: the penalty adds nothing to db.",
        chapter="06-l2",
        variants={"regularized_log_loss": regularized_log_loss_with_bias,
                  "regularized_log_loss_grad": regularized_log_loss_grad_with_bias},
    ),
    Misconception(
        id="l2.lam_scaled_by_m",
        title="lam is divided by the number of examples; in this course lam does not depend "
              "on m, so the same lam means the same penalty on a batch and on the whole set.",
        symptom="A regularization strength that changes with the batch size; a cost averaged "
                "over one set and a penalty scaled by another set's size disagree.",
        hint="Use lam as given: 0.5 * lam * sum(w**2), gradient lam * w, no division by m.",
        chapter="06-l2",
        variants={"regularized_log_loss": regularized_log_loss_lam_over_m,
                  "regularized_log_loss_grad": regularized_log_loss_grad_lam_over_m},
    ),
    Misconception(
        id="l2.norm_not_squared",
        title="The penalty uses the norm of w, not its square: ||w|| instead of sum(w**2).",
        symptom="A penalty whose gradient does not shrink with w, unlike weight decay.",
        hint="Square the weights: np.sum(w**2) (or np.dot(w, w)).",
        chapter="06-l2",
        variants={"l2_penalty": l2_penalty_norm_not_squared},
    ),
    Misconception(
        id="l2.in_place",
        title="The gradient is computed by changing w in place (w *= lam), so the caller's "
              "weights are overwritten.",
        symptom="Weights that jump to lam times their value after computing a gradient.",
        hint="Return a new array: lam * w.",
        chapter="06-l2",
        variants={"l2_penalty_grad": l2_penalty_grad_in_place},
    ),
    Misconception(
        id="l2.penalty_gradient_missing",
        title="The penalty is in the cost but its gradient lam*w is not added to dw.",
        symptom="The weights keep growing as if unregularized while the reported cost rises.",
        hint="dw of the regularized cost is the log-loss dw plus lam * w.",
        chapter="06-l2",
        variants={"regularized_log_loss_grad": regularized_log_loss_grad_penalty_missing},
    ),
]


# --- grown from published code (tests/corpus/l2.py) --------------------------------------

def l2_penalty_grad_wrong_sign(w, lam):
    return -lam * w


def regularized_log_loss_grad_penalty_sign(X, y, w, b, lam):
    error = np.exp(-np.logaddexp(0, -(X @ w + b))) - y
    return X.T @ error / len(y) - lam * w, float(np.mean(error))


def l2_penalty_norm_without_half(w, lam):
    return float(lam * np.linalg.norm(w))


MISCONCEPTIONS += [
    Misconception(
        id="l2.penalty_gradient_sign",
        title="The penalty's gradient has the wrong sign (-lam*w): descending it pushes the "
              "weights away from 0 instead of shrinking them.",
        symptom="Weights that grow faster with regularization than without; the cost rises with lam.",
        hint="The gradient of 0.5*lam*sum(w**2) is +lam*w, added to dw.",
        chapter="06-l2",
        variants={"l2_penalty_grad": l2_penalty_grad_wrong_sign,
                  "regularized_log_loss_grad": regularized_log_loss_grad_penalty_sign},
    ),
    Misconception(
        id="l2.norm_without_half",
        title="The penalty is lam times the norm of w, lam*||w||: neither squared nor halved.",
        symptom="A penalty whose gradient does not shrink with w and disagrees with lam*w.",
        hint="0.5 * lam * np.sum(w**2).",
        chapter="06-l2",
        variants={"l2_penalty": l2_penalty_norm_without_half},
    ),
]


def l2_penalty_without_lam(w, lam):
    return float(np.sum(w ** 2))


MISCONCEPTIONS += [
    Misconception(
        id="l2.penalty_without_lam",
        title="The penalty is sum(w**2) without lam (and without the 1/2).",
        symptom="A cost that does not change with lam.",
        hint="0.5 * lam * np.sum(w**2).",
        chapter="06-l2",
        variants={"l2_penalty": l2_penalty_without_lam},
    ),
]
