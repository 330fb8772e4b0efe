"""Fresh mistakes in chapter 9."""
import numpy as np

from . import fresh


def _lr(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    if t <= warmup_steps:
        return lr_max * t / warmup_steps
    p = min(1.0, (t - warmup_steps) / (total_steps - warmup_steps))
    return lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * p)) / 2


@fresh("warmup_cosine_lr", "t + 1")
def warmup_cosine_lr_counts_from_one_more(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    return float(_lr(t + 1, lr_max, warmup_steps, total_steps, lr_min))


@fresh("warmup_cosine_lr", "total_steps +1 | total_steps + 1")
def warmup_cosine_lr_total_off_by_one(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    return float(_lr(t, lr_max, warmup_steps, total_steps + 1, lr_min))


@fresh("warmup_cosine_lr", "lr_max / 2")
def warmup_cosine_lr_half_peak(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    return float(_lr(t, lr_max / 2, warmup_steps, total_steps, lr_min))


@fresh("warmup_cosine_lr", "warmup_steps +1 | warmup_steps + 1")
def warmup_cosine_lr_warmup_off_by_one(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    return float(_lr(t, lr_max, warmup_steps + 1, total_steps, lr_min))


@fresh("clip_grad_norm", "max_norm / 2 | 2 * max_norm")
def clip_grad_norm_to_half(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))
    factor = min(1.0, (max_norm / 2) / (total + 1e-6))
    return {k: g * factor for k, g in grads.items()}, total


@fresh("clip_grad_norm", "total_norm", "square")
def clip_grad_norm_returns_squared_norm(grads, max_norm):
    squares = sum(np.sum(np.square(g)) for g in grads.values())
    total = float(np.sqrt(squares))
    factor = min(1.0, max_norm / (total + 1e-6))
    return {k: g * factor for k, g in grads.items()}, float(squares)


@fresh("warmup_cosine_lr", "linear | cosine")
def warmup_cosine_lr_linear_decay(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    # a linear decay where the cosine belongs: beyond the search's families
    if t <= warmup_steps:
        return lr_max * t / warmup_steps
    p = min(1.0, (t - warmup_steps) / (total_steps - warmup_steps))
    return float(lr_min + (lr_max - lr_min) * (1 - p))


@fresh("clip_grad_norm", "1e-6 | denominator")
def clip_grad_norm_large_epsilon(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))
    factor = min(1.0, max_norm / (total + 1e-3))
    return {k: g * factor for k, g in grads.items()}, total
