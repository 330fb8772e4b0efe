"""Correct clipping and schedule functions written differently."""
import math

import numpy as np


def clip_grad_norm__loops(grads, max_norm):
    squares = 0.0
    for g in grads.values():
        for entry in np.ravel(g):
            squares += float(entry) ** 2
    total = math.sqrt(squares)
    scale = max_norm / (total + 1e-6)
    if scale >= 1:
        return {k: (np.array(g, copy=True) if isinstance(g, np.ndarray) else float(g)) for k, g in grads.items()}, total
    return {k: (g * scale if isinstance(g, np.ndarray) else float(g) * scale) for k, g in grads.items()}, total


def clip_grad_norm__concatenated(grads, max_norm):
    total = float(np.linalg.norm(np.concatenate([np.ravel(g) for g in grads.values()])))
    factor = np.minimum(1.0, max_norm / (total + 1e-6))
    return {k: np.multiply(g, factor) if np.ndim(g) else float(g) * factor for k, g in grads.items()}, total


def clip_grad_norm__float32(grads, max_norm):
    flat = np.concatenate([np.ravel(g) for g in grads.values()]).astype(np.float32)
    total = np.sqrt(np.dot(flat, flat))
    factor = min(np.float32(1), np.float32(max_norm) / (total + np.float32(1e-6)))
    return {k: (g * factor).astype(np.asarray(g).dtype) if isinstance(g, np.ndarray) else float(g * factor)
            for k, g in grads.items()}, float(total)


def clip_grad_norm__norm_of_norms(grads, max_norm):
    total = float(np.linalg.norm([np.linalg.norm(np.ravel(g)) for g in grads.values()]))
    clipped = dict(grads)
    if total > max_norm:
        factor = max_norm / (total + 1e-6)
        clipped = {k: g * factor for k, g in grads.items()}
    return {k: (v.copy() if isinstance(v, np.ndarray) else float(v)) for k, v in clipped.items()}, total


def warmup_cosine_lr__numpy(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    warm = lr_max * t / warmup_steps
    p = np.clip((t - warmup_steps) / (total_steps - warmup_steps), 0.0, 1.0)
    cosine = lr_min + 0.5 * (lr_max - lr_min) * (1.0 + np.cos(np.pi * p))
    return float(np.where(t <= warmup_steps, warm, cosine))


def warmup_cosine_lr__phase_first(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    if t > total_steps:
        return float(lr_min)
    if t > warmup_steps:
        progress = (t - warmup_steps) / (total_steps - warmup_steps)
        return lr_max - (lr_max - lr_min) * (1 - math.cos(math.pi * progress)) / 2
    return t * (lr_max / warmup_steps)


def warmup_cosine_lr__float32(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    t, lr_max, lr_min = np.float32(t), np.float32(lr_max), np.float32(lr_min)
    if t <= warmup_steps:
        return float(lr_max * t / np.float32(warmup_steps))
    p = min(np.float32(1), (t - np.float32(warmup_steps)) / np.float32(total_steps - warmup_steps))
    return float(lr_min + (lr_max - lr_min) * (np.float32(1) + np.cos(np.float32(np.pi) * p)) / np.float32(2))
