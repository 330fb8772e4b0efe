"""Chapter 9: learning-rate warmup, the cosine schedule and gradient clipping
(book/09-schedules-and-clipping).

``grads`` is a dict like :func:`autograder.references.network.mlp_backward`'s: arrays
``W1 (n, h)``, ``b1 (h,)``, ``W2 (h,)`` and a float ``b2``. ``t`` is the 1-based number
of the update being made, as everywhere in the course.
"""
import math

import numpy as np

CLIP_EPS = 1e-6
"""Added to the norm before dividing, as ``torch.nn.utils.clip_grad_norm_`` does."""


def clip_grad_norm(grads, max_norm):
    """Rescale every gradient by one common factor so that their global norm is at most
    ``max_norm``. Returns ``(clipped, total_norm)``.

    Notes
    -----
    ``total_norm = sqrt(sum over every entry of every gradient of entry**2)``, computed
    *before* clipping; every entry is multiplied by
    ``min(1, max_norm / (total_norm + 1e-6))``, so gradients whose norm is already below
    ``max_norm`` come back unchanged (never scaled up) and the direction of the whole
    gradient is kept. The result is a new dict with the keys, shapes and types of
    ``grads`` (a float stays a float); ``grads`` is not modified.
    """
    total_norm = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads.values()))
    factor = min(1.0, max_norm / (total_norm + CLIP_EPS))
    clipped = {k: g * factor if isinstance(g, np.ndarray) else float(g) * factor for k, g in grads.items()}
    return clipped, total_norm


def warmup_cosine_lr(t, lr_max, warmup_steps, total_steps, lr_min=0.0):
    """The learning rate of update ``t`` (1-based): a linear warmup, then a cosine decay.

    Notes
    -----
    While ``t <= warmup_steps`` the rate is ``lr_max * t / warmup_steps`` (the first
    update already gets ``lr_max / warmup_steps``, never 0). After it,
    ``lr_min + (lr_max - lr_min) * (1 + cos(pi * p)) / 2`` with progress
    ``p = min(1, (t - warmup_steps) / (total_steps - warmup_steps))``: the rate falls
    from ``lr_max`` to ``lr_min`` at ``t = total_steps`` and stays there (torch's
    ``CosineAnnealingLR`` with ``T_max = total_steps - warmup_steps`` follows the cosine
    back up instead).
    """
    if t <= warmup_steps:
        return lr_max * t / warmup_steps
    p = min(1.0, (t - warmup_steps) / (total_steps - warmup_steps))
    return lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * p)) / 2
