"""Mistakes in chapter 9: learning-rate warmup, the cosine schedule and gradient clipping."""
import numpy as np

from . import Misconception

# --- clip_grad_norm -------------------------------------------------------------------


def clip_grad_norm_per_array(grads, max_norm):
    clipped, squares = {}, 0.0
    for key, g in grads.items():
        norm = float(np.sqrt(np.sum(np.square(g))))
        squares += norm ** 2
        factor = min(1.0, max_norm / (norm + 1e-6))
        clipped[key] = g * factor if isinstance(g, np.ndarray) else float(g) * factor
    return clipped, float(np.sqrt(squares))


def clip_grad_norm_scales_up(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))
    factor = max_norm / (total + 1e-6)
    return {k: g * factor if isinstance(g, np.ndarray) else float(g) * factor for k, g in grads.items()}, total


def clip_grad_norm_without_sqrt(grads, max_norm):
    total = float(sum(np.sum(np.square(g)) for g in grads.values()))
    factor = min(1.0, max_norm / (total + 1e-6))
    return {k: g * factor if isinstance(g, np.ndarray) else float(g) * factor for k, g in grads.items()}, total


def clip_grad_norm_in_place(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))
    factor = min(1.0, max_norm / (total + 1e-6))
    clipped = {}
    for key, g in grads.items():
        if isinstance(g, np.ndarray):
            g *= factor
            clipped[key] = g
        else:
            clipped[key] = float(g) * factor
    return clipped, total


def clip_grad_norm_returns_clipped_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))
    factor = min(1.0, max_norm / (total + 1e-6))
    return ({k: g * factor if isinstance(g, np.ndarray) else float(g) * factor for k, g in grads.items()},
            total * factor)


def clip_grad_norm_without_eps(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))
    factor = min(1.0, max_norm / total)
    return {k: g * factor if isinstance(g, np.ndarray) else float(g) * factor for k, g in grads.items()}, total


def clip_grad_norm_by_value(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))
    return {k: np.clip(g, -max_norm, max_norm) if isinstance(g, np.ndarray) else float(np.clip(g, -max_norm, max_norm))
            for k, g in grads.items()}, total


def clip_grad_norm_skips_float(grads, max_norm):
    arrays = {k: g for k, g in grads.items() if isinstance(g, np.ndarray)}
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in arrays.values())))
    factor = min(1.0, max_norm / (total + 1e-6))
    return {k: g * factor if isinstance(g, np.ndarray) else g for k, g in grads.items()}, total


def clip_grad_norm_sum_of_norms(grads, max_norm):
    total = float(sum(np.sqrt(np.sum(np.square(g))) for g in grads.values()))
    factor = min(1.0, max_norm / (total + 1e-6))
    return {k: g * factor if isinstance(g, np.ndarray) else float(g) * factor for k, g in grads.items()}, total


# --- warmup_cosine_lr -----------------------------------------------------------------


def warmup_cosine_lr_ignores_lr_min(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    if t <= warmup_steps:
        return lr_max * t / warmup_steps
    p = min(1.0, (t - warmup_steps) / (total_steps - warmup_steps))
    return lr_max * (1 + np.cos(np.pi * p)) / 2


def warmup_cosine_lr_progress_over_total(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    if t <= warmup_steps:
        return lr_max * t / warmup_steps
    p = min(1.0, (t - warmup_steps) / total_steps)
    return lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * p)) / 2


def warmup_cosine_lr_from_zero(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    t = t - 1
    if t <= warmup_steps:
        return lr_max * t / warmup_steps
    p = min(1.0, (t - warmup_steps) / (total_steps - warmup_steps))
    return lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * p)) / 2


def warmup_cosine_lr_unclamped(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    if t <= warmup_steps:
        return lr_max * t / warmup_steps
    p = (t - warmup_steps) / (total_steps - warmup_steps)
    return lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * p)) / 2


def warmup_cosine_lr_without_pi(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    if t <= warmup_steps:
        return lr_max * t / warmup_steps
    p = min(1.0, (t - warmup_steps) / (total_steps - warmup_steps))
    return lr_min + (lr_max - lr_min) * (1 + np.cos(p)) / 2


def warmup_cosine_lr_full_amplitude(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    if t <= warmup_steps:
        return lr_max * t / warmup_steps
    p = min(1.0, (t - warmup_steps) / (total_steps - warmup_steps))
    return lr_min + lr_max * (1 + np.cos(np.pi * p)) / 2


def warmup_cosine_lr_integer_division(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    if t <= warmup_steps:
        return lr_max * (t // warmup_steps)
    p = min(1.0, (t - warmup_steps) / (total_steps - warmup_steps))
    return lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * p)) / 2


CHAPTER = "09-schedules-and-clipping"

MISCONCEPTIONS = [
    Misconception(
        id="schedules.per_array_norm",
        title="Each gradient array is clipped by its own norm instead of all of them by one "
              "global norm, so the arrays are shrunk by different factors and the update "
              "no longer points along the gradient.",
        symptom="Clipping changes the direction of the step: small arrays keep their size while "
                "large ones are cut, and training can stall where global clipping would not.",
        hint="Compute one total_norm over every entry of every array (the square root of the sum "
             "of all squares), then multiply every array by the same factor.",
        chapter=CHAPTER,
        variants={"clip_grad_norm": clip_grad_norm_per_array},
    ),
    Misconception(
        id="schedules.clip_scales_up",
        title="The factor max_norm / total_norm is applied even when the norm is already below "
              "max_norm, so small gradients are scaled up to max_norm.",
        symptom="Every step has the same length; near a minimum the loss jumps around instead of "
                "settling, because tiny gradients are blown up.",
        hint="Multiply by min(1, max_norm / (total_norm + 1e-6)): clipping only ever shrinks.",
        chapter=CHAPTER,
        variants={"clip_grad_norm": clip_grad_norm_scales_up},
    ),
    Misconception(
        id="schedules.norm_without_sqrt",
        title="The total norm is the sum of squares, without the square root.",
        symptom="Large gradients are clipped far too hard and small ones too little; the "
                "reported norm grows like the square of the real one.",
        hint="total_norm = sqrt(sum of the squares of every entry).",
        chapter=CHAPTER,
        variants={"clip_grad_norm": clip_grad_norm_without_sqrt},
    ),
    Misconception(
        id="schedules.clip_in_place",
        title="The gradient arrays are scaled in place (g *= factor), so the caller's dict "
              "changes too.",
        symptom="Gradients logged or reused after clipping are already clipped; a second call "
                "reports a smaller norm than the first on the same gradients.",
        hint="Build a new dict with new arrays: {k: g * factor ...}; never use *= on an argument.",
        chapter=CHAPTER,
        variants={"clip_grad_norm": clip_grad_norm_in_place},
    ),
    Misconception(
        id="schedules.norm_after_clipping",
        title="The norm returned is measured after clipping, so it is never above max_norm.",
        symptom="A log of gradient norms that never exceeds the threshold, hiding the "
                "explosions that clipping is there to catch.",
        hint="Return the norm computed before clipping, as torch.nn.utils.clip_grad_norm_ does.",
        chapter=CHAPTER,
        variants={"clip_grad_norm": clip_grad_norm_returns_clipped_norm},
    ),
    Misconception(
        id="schedules.clip_without_eps",
        title="The factor is max_norm / total_norm without the 1e-6 in the denominator, which "
              "divides by zero for an all-zero gradient and differs from torch for tiny ones.",
        symptom="nan parameters after a step where every gradient was exactly 0.",
        hint="Divide by total_norm + 1e-6, as torch.nn.utils.clip_grad_norm_ does.",
        chapter=CHAPTER,
        variants={"clip_grad_norm": clip_grad_norm_without_eps},
    ),
    Misconception(
        id="schedules.clip_by_value",
        title="Each entry is clipped to [-max_norm, max_norm] (np.clip, torch's clip_grad_value_) "
              "instead of rescaling the whole gradient by its norm.",
        symptom="The step changes direction, and the gradient's norm can still be many times "
                "max_norm when many entries are large.",
        hint="Rescale: multiply every entry by min(1, max_norm / (total_norm + 1e-6)).",
        chapter=CHAPTER,
        variants={"clip_grad_norm": clip_grad_norm_by_value},
    ),
    Misconception(
        id="schedules.float_entry_skipped",
        title="Only the numpy arrays are counted and scaled; the float entry (b2) is left out of "
              "the norm and returned unclipped.",
        symptom="The output bias still takes huge steps while every other parameter is clipped.",
        hint="Treat every entry of the dict, floats included: np.square works on a float too.",
        chapter=CHAPTER,
        variants={"clip_grad_norm": clip_grad_norm_skips_float},
    ),
    Misconception(
        id="schedules.sum_of_norms",
        title="The total norm adds up the norms of the arrays instead of taking the square root "
              "of the sum of all squares.",
        symptom="Gradients are clipped more often and harder than torch would clip them.",
        hint="Square every entry, add them all, then take one square root.",
        chapter=CHAPTER,
        variants={"clip_grad_norm": clip_grad_norm_sum_of_norms},
    ),
    Misconception(
        id="schedules.ignores_lr_min",
        title="The cosine decays from lr_max to 0 whatever lr_min is.",
        symptom="The learning rate ends at 0 instead of lr_min, so the last steps make no progress.",
        hint="lr_min + (lr_max - lr_min) * (1 + cos(pi * p)) / 2.",
        chapter=CHAPTER,
        variants={"warmup_cosine_lr": warmup_cosine_lr_ignores_lr_min},
    ),
    Misconception(
        id="schedules.progress_over_total",
        title="Progress after the warmup is measured over total_steps instead of "
              "total_steps - warmup_steps, so the cosine never reaches lr_min.",
        symptom="At the last step the learning rate is still well above lr_min.",
        hint="p = (t - warmup_steps) / (total_steps - warmup_steps), clamped at 1.",
        chapter=CHAPTER,
        variants={"warmup_cosine_lr": warmup_cosine_lr_progress_over_total},
    ),
    Misconception(
        id="schedules.warmup_from_zero",
        title="The step is counted from 0, so the first update gets a learning rate of 0 and the "
              "whole schedule is one step late.",
        symptom="The first update does nothing: the loss after step 1 equals the initial loss.",
        hint="t is 1-based: the first call has t = 1 and gets lr_max / warmup_steps.",
        chapter=CHAPTER,
        variants={"warmup_cosine_lr": warmup_cosine_lr_from_zero},
    ),
    Misconception(
        id="schedules.cosine_not_clamped",
        title="The progress p is not clamped at 1, so after total_steps the cosine climbs back "
              "up towards lr_max.",
        symptom="Training past total_steps makes the loss go up again, as the learning rate grows.",
        hint="p = min(1, (t - warmup_steps) / (total_steps - warmup_steps)).",
        chapter=CHAPTER,
        variants={"warmup_cosine_lr": warmup_cosine_lr_unclamped},
    ),
    Misconception(
        id="schedules.cosine_without_pi",
        title="The cosine is taken of p instead of pi * p, so it only covers a sixth of its "
              "half period and the rate barely decays.",
        symptom="The learning rate stays near lr_max until the end: no annealing.",
        hint="cos(pi * p) goes from 1 to -1 as p goes from 0 to 1.",
        chapter=CHAPTER,
        variants={"warmup_cosine_lr": warmup_cosine_lr_without_pi},
    ),
    Misconception(
        id="schedules.full_amplitude",
        title="The cosine part is lr_min + lr_max * (1 + cos(pi * p)) / 2: its amplitude is "
              "lr_max instead of lr_max - lr_min, so it starts above lr_max.",
        symptom="The learning rate jumps up right after the warmup when lr_min > 0.",
        hint="Scale the cosine by (lr_max - lr_min).",
        chapter=CHAPTER,
        variants={"warmup_cosine_lr": warmup_cosine_lr_full_amplitude},
    ),
    Misconception(
        id="schedules.integer_division",
        title="The warmup uses integer division (t // warmup_steps), which is 0 for every "
              "t < warmup_steps.",
        symptom="No update at all during the warmup, then a jump to lr_max.",
        hint="Use true division: lr_max * t / warmup_steps.",
        chapter=CHAPTER,
        variants={"warmup_cosine_lr": warmup_cosine_lr_integer_division},
    ),
]
