"""Mistakes in chapter 7: the L1 penalty, its subgradient and the proximal step."""
import numpy as np

from . import Misconception


def l1_penalty_with_half(w, lam):
    return float(0.5 * lam * np.sum(np.abs(w)))


def l1_penalty_squared(w, lam):
    return float(lam * np.sum(w ** 2))


def l1_subgradient_abs_over_w(w, lam):
    return lam * np.abs(w) / w


def l1_subgradient_one_at_zero(w, lam):
    return np.where(w >= 0, lam, -lam)


def l1_subgradient_without_lam(w, lam):
    return np.sign(w)


def soft_threshold_without_clamp(w, threshold):
    return w - threshold * np.sign(w)


def soft_threshold_ignoring_sign(w, threshold):
    return np.maximum(w - threshold, 0)


def soft_threshold_hard(w, threshold):
    return np.where(np.abs(w) > threshold, w, 0.0)


def proximal_gd_update_threshold_lam(w, g, lr, lam):
    z = w - lr * g
    return np.sign(z) * np.maximum(np.abs(z) - lam, 0)


def proximal_gd_update_threshold_first(w, g, lr, lam):
    return np.sign(w) * np.maximum(np.abs(w) - lr * lam, 0) - lr * g


def proximal_gd_update_subgradient_step(w, g, lr, lam):
    return w - lr * (g + lam * np.sign(w))


MISCONCEPTIONS = [
    Misconception(
        id="l1.abs_over_w_nan",
        title="The L1 gradient is written abs(w)/w, which is 0/0 = nan as soon as a weight is "
              "exactly 0, and the nan then spreads to every weight.",
        symptom="Training runs, then the loss and all weights turn into nan once a weight hits 0.",
        hint="Use lam * np.sign(w): np.sign(0) is 0, a valid subgradient of abs at 0.",
        chapter="07-l1",
        variants={"l1_subgradient": l1_subgradient_abs_over_w},
    ),
    Misconception(
        id="l1.nonzero_at_zero",
        title="Your subgradient is lam at w == 0 (from w >= 0); any value in [-lam, lam] is a "
              "subgradient there, but this course picks 0 so zero weights stay put.",
        symptom="Weights that should stay at zero are pushed off it every step.",
        hint="np.sign(w) gives exactly 0 where w == 0.",
        chapter="07-l1",
        variants={"l1_subgradient": l1_subgradient_one_at_zero},
    ),
    Misconception(
        id="l1.lam_missing",
        title="The subgradient is sign(w) without the factor lam.",
        symptom="Regularization far too strong or too weak, independent of lam.",
        hint="Multiply by lam: lam * np.sign(w).",
        chapter="07-l1",
        variants={"l1_subgradient": l1_subgradient_without_lam},
    ),
    Misconception(
        id="l1.penalty_scaled_like_l2",
        title="The L1 penalty is written like the L2 one (a 1/2 factor or squared weights); "
              "it is lam * sum(abs(w)).",
        symptom="A reported cost that disagrees with the subgradient you descend.",
        hint="lam * np.sum(np.abs(w)), with no 1/2 and no square.",
        chapter="07-l1",
        variants={"l1_penalty": l1_penalty_with_half},
    ),
    Misconception(
        id="l1.squared_penalty",
        title="The penalty squares the weights: that is L2, which shrinks weights but never "
              "makes them exactly 0.",
        symptom="No sparsity: every weight stays nonzero.",
        hint="Use absolute values: lam * np.sum(np.abs(w)).",
        chapter="07-l1",
        variants={"l1_penalty": l1_penalty_squared},
    ),
    Misconception(
        id="l1.threshold_without_clamp",
        title="Soft thresholding subtracts threshold*sign(w) without stopping at 0, so small "
              "weights jump across zero to the other sign.",
        symptom="Small weights flip sign back and forth instead of settling at exactly 0.",
        hint="Clamp the shrunk magnitude at 0: np.sign(w) * np.maximum(np.abs(w) - threshold, 0).",
        chapter="07-l1",
        variants={"soft_threshold": soft_threshold_without_clamp},
    ),
    Misconception(
        id="l1.threshold_ignores_sign",
        title="max(w - threshold, 0) treats negative weights as too small and sets them all to 0.",
        symptom="Every negative weight is zeroed at once.",
        hint="Shrink the magnitude and keep the sign: np.sign(w) * np.maximum(np.abs(w) - threshold, 0).",
        chapter="07-l1",
        variants={"soft_threshold": soft_threshold_ignoring_sign},
    ),
    Misconception(
        id="l1.hard_threshold",
        title="Small weights are set to 0 but large ones are not shrunk: that is hard "
              "thresholding, not the proximal step of the L1 penalty.",
        symptom="Large weights are not regularized at all.",
        hint="Shrink every weight by the threshold, stopping at 0.",
        chapter="07-l1",
        variants={"soft_threshold": soft_threshold_hard},
    ),
    Misconception(
        id="l1.threshold_by_lam",
        title="The proximal step thresholds by lam instead of lr*lam; the shrinkage per step "
              "must scale with the step size.",
        symptom="Far too many weights forced to 0 when lr is small.",
        hint="soft_threshold(w - lr * g, lr * lam).",
        chapter="07-l1",
        variants={"proximal_gd_update": proximal_gd_update_threshold_lam},
    ),
    Misconception(
        id="l1.threshold_before_step",
        title="The weights are thresholded before the gradient step, so the gradient step "
              "moves zeroed weights off zero again.",
        symptom="Weights that never end exactly at 0.",
        hint="Take the gradient step first, then threshold: soft_threshold(w - lr*g, lr*lam).",
        chapter="07-l1",
        variants={"proximal_gd_update": proximal_gd_update_threshold_first},
    ),
    Misconception(
        id="l1.subgradient_step",
        title="This is a subgradient step, w - lr*(g + lam*sign(w)), not the proximal step: it "
              "oscillates around 0 instead of landing on it.",
        symptom="Small weights jitter around 0 and are never exactly 0.",
        hint="Use soft thresholding after the gradient step on the smooth part.",
        chapter="07-l1",
        variants={"proximal_gd_update": proximal_gd_update_subgradient_step},
    ),
]


# --- grown from published code (tests/corpus/l1.py) --------------------------------------

def l1_penalty_l2_norm(w, lam):
    return float(lam * np.linalg.norm(w))


def soft_threshold_zeroes_by_shrunk_value(w, threshold):
    shrunk = w - threshold * np.sign(w)
    return np.where(np.abs(shrunk) > threshold, shrunk, 0.0)


MISCONCEPTIONS += [
    Misconception(
        id="l1.l2_norm_penalty",
        title="The L1 penalty is computed as an L2 norm, lam*||w|| = lam*sqrt(sum(w**2)); the L1 "
              "norm is the sum of absolute values.",
        symptom="No sparsity, and a cost that disagrees with the sign(w) subgradient.",
        hint="lam * np.sum(np.abs(w)) (np.linalg.norm(w, 1) is the same).",
        chapter="07-l1",
        variants={"l1_penalty": l1_penalty_l2_norm},
    ),
    Misconception(
        id="l1.threshold_on_shrunk_value",
        title="Entries are set to 0 by testing the already shrunk value against the threshold "
              "(|w - threshold*sign(w)| > threshold) instead of the original |w| > threshold, so "
              "weights between threshold and 2*threshold are zeroed too.",
        symptom="Too many exact zeros; weights just above the threshold vanish.",
        hint="np.sign(w) * np.maximum(np.abs(w) - threshold, 0): the max does the test and the shrink at once.",
        chapter="07-l1",
        variants={"soft_threshold": soft_threshold_zeroes_by_shrunk_value},
    ),
]


def l1_penalty_without_lam(w, lam):
    return float(np.sum(np.abs(w)))


def l1_subgradient_in_place(w, lam):
    w[w > 0] = 1
    w[w < 0] = -1
    return lam * w


MISCONCEPTIONS += [
    Misconception(
        id="l1.penalty_without_lam",
        title="The penalty is sum(abs(w)) without the factor lam.",
        symptom="A cost that does not change with lam.",
        hint="lam * np.sum(np.abs(w)).",
        chapter="07-l1",
        variants={"l1_penalty": l1_penalty_without_lam},
    ),
    Misconception(
        id="l1.subgradient_in_place",
        title="The subgradient is built by overwriting w in place (w[w > 0] = 1, ...), so the "
              "caller's weights become signs.",
        symptom="After one gradient computation the weights are all -1, 0 or 1.",
        hint="Return a new array: lam * np.sign(w).",
        chapter="07-l1",
        variants={"l1_subgradient": l1_subgradient_in_place},
    ),
]
