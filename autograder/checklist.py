"""The book's debugging checklist (book/checklist.md): every cause placed by hand under
the symptom it produces.

A cause is either a misconception id of the catalog (its title, symptom and chapter come
from there) or a :class:`Cause` for something a chapter demonstrates that is not a
graded mistake (unscaled features, a bad initialization, ...). To extend the checklist,
add a ``Cause`` or an id to the right symptom in ``SYMPTOMS``, or a new ``Symptom``;
catalog entries placed nowhere are listed at the end, so a new mistake is never lost.
A cause may appear under more than one symptom.
"""
from __future__ import annotations

from dataclasses import dataclass

from .spec import LABELS


@dataclass(frozen=True)
class Cause:
    """A cause shown in a chapter that is not in the misconception catalog."""
    text: str
    chapter: str


@dataclass(frozen=True)
class Symptom:
    title: str
    causes: tuple


SYMPTOMS = [
    Symptom("The loss is nan or inf", (
        "gd.log_of_zero", "gd.unstable_sigmoid", "network.unstable_log", "adam.t_from_zero", "l1.abs_over_w_nan",
        "schedules.clip_without_eps", "gd.lr_too_large",
        Cause("A learning rate above the stability limit on a bowl-shaped loss: every step multiplies the "
              "distance to the minimum, and the loss grows geometrically until it overflows. (The logistic "
              "loss, whose gradient is bounded, rises and jumps around instead, without overflowing.)",
              "01-gradient-descent"),
        Cause("Exploding gradients: a few huge gradient norms throw the weights far away; clip the global norm.",
              "09-schedules-and-clipping"),
        Cause("Nesterov at a rate tuned for heavy ball: at beta = 0.9 it is stable only for lr * curvature "
              "below 2(1 + beta)/(1 + 2 beta), well inside heavy ball's 2 + 2 beta; the loss grows "
              "geometrically until it overflows.", "03-momentum"),
    )),
    Symptom("The loss goes up from the first steps", (
        "gd.lr_too_large",
        Cause("Unscaled features: one feature in the thousands makes the curvature, and with it the stable rate, "
              "thousands of times smaller; standardize the features.", "01-gradient-descent"),
        "gd.sum_not_mean", "network.sum_not_mean", "gd.wrong_sign",
        Cause("A bad initialization (all-positive or unit-variance weights in a wide layer): very confident, "
              "very wrong first predictions and large first gradients make the loss spike.",
              "08-two-layer-network"),
        "adam.no_bias_correction", "adaptive.missing_sqrt",
        Cause("No warmup: Adam at a large rate takes full-size steps from the first update, before its moment "
              "estimates mean anything, and the loss spikes; ramp the rate up over the first steps.",
              "09-schedules-and-clipping"),
    )),
    Symptom("The loss goes down, then up", (
        Cause("A constant learning rate late in training: the rate that made fast progress keeps the steps large "
              "near the minimum; decay it.", "02-minibatch-sgd"),
        Cause("The same with Adam: its steps stay about lr in size near the minimum whatever the gradient.",
              "05-adam"),
        Cause("Curvature that grows along the path (edge of stability): a fixed rate makes the loss wobble up for "
              "a few steps while it falls over many; not a bug unless it keeps growing.", "01-gradient-descent"),
        "schedules.cosine_not_clamped",
    )),
    Symptom("The reported cost climbs while accuracy improves", (
        "gd.global_labels", "l2.lam_scaled_by_m",
        Cause("Weight decay with its sign flipped, (1 + lr*lam) w: the weights, and the penalty in the cost, "
              "grow geometrically while the data error behaves.", "06-l2"),
        "l2.penalty_gradient_missing", "l2.no_half",
    )),
    Symptom("Training makes no progress, or is slow", (
        "gd.lr_too_small",
        Cause("A learning rate of 1e-6 for an adaptive method (RMSProp, Adam): their steps are about lr in size, "
              "so the weights barely move, whatever the gradient.", "04-adagrad-rmsprop"),
        "momentum.exponential_average", "momentum.velocity_reset", "momentum.state_not_returned",
        "momentum.step_with_old_velocity", "adaptive.missing_one_minus_rho", "adaptive.eps_inside_sqrt",
        "adam.eps_inside_sqrt", "adaptive.state_not_returned", "minibatch.unpaired_rows", "gd.bias_ignored",
        "schedules.warmup_from_zero", "schedules.integer_division", "gd.y_column", "schedules.ignores_lr_min",
    )),
    Symptom("The loss curve is noisy or does not repeat", (
        Cause("Small batches: each minibatch loss is a noisy number; judge the full-data loss per epoch.",
              "02-minibatch-sgd"),
        "minibatch.ignores_rng", "minibatch.not_shuffled", "adaptive.rho_swapped",
        "schedules.clip_scales_up",
    )),
    Symptom("Regularization does nothing, or too much", (
        "adam.l2_in_adamw", "adam.decay_ignored", "l2.lam_scaled_by_m", "adam.decay_without_lr", "l2.regularized_bias",
        "l2.norm_not_squared", "l1.lam_missing", "l1.squared_penalty", "l1.subgradient_step", "l1.nonzero_at_zero",
        "l1.threshold_without_clamp", "l1.threshold_ignores_sign", "l1.hard_threshold", "l1.threshold_by_lam",
        "l1.threshold_before_step", "l1.penalty_scaled_like_l2",
    )),
    Symptom("The gradient check fails, or cannot be trusted", (
        "network.db1_scalar", "network.db1_wrong_axis", "network.missing_tanh_derivative",
        "network.one_sided_difference", "network.wrong_denominator", "network.x_changed",
        "network.relative_error_unguarded", "network.relative_error_signed", "network.relative_error_mean",
        "l2.no_half",
    )),
    Symptom("Training looks fine, but the numbers differ from the reference", (
        "gd.clipped_probabilities", "gd.in_place_update", "momentum.state_in_place", "adaptive.state_in_place",
        "adam.state_in_place", "l2.in_place", "momentum.nesterov_as_heavy_ball", "adaptive.not_accumulated",
        "adam.corrected_moments_stored", "network.sigmoid_hidden", "network.missing_b1",
        "minibatch.last_batch_dropped", "minibatch.with_replacement",
        "schedules.per_array_norm", "schedules.norm_without_sqrt", "schedules.clip_in_place",
        "schedules.norm_after_clipping", "schedules.clip_by_value",
        "schedules.float_entry_skipped", "schedules.sum_of_norms", "schedules.ignores_lr_min",
        "schedules.progress_over_total", "schedules.cosine_without_pi", "schedules.full_amplitude",
        "adam.t_not_increasing", "general.global_array",
    )),
]


def chapter_label(chapter: str) -> str:
    """The MyST label of a chapter's page (``spec.LABELS``)."""
    return LABELS[chapter]


def rows(symptom: Symptom, catalog: dict) -> list[tuple[str, str | None, str, str]]:
    """(cause, its misconception id or None, what you see, chapter) for each cause of ``symptom``."""
    out = []
    for cause in symptom.causes:
        if isinstance(cause, Cause):
            out.append((cause.text, None, "", cause.chapter))
        else:
            m = catalog[cause]
            out.append((m.title, m.id, m.symptom, m.chapter))
    return out


def unplaced(catalog: dict) -> list[str]:
    placed = {c for s in SYMPTOMS for c in s.causes if isinstance(c, str)}
    return [i for i in catalog if i not in placed]
