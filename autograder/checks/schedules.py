"""Checks for chapter 9: gradient clipping and the warmup-cosine learning rate."""
import numpy as np

from ..references import schedules as ref
from .harness import Array, Case, Dict, FunctionCheck, Scalar, Tuple

CLIP_RTOL = 1e-6
"""Loose enough for a norm accumulated in float32 or in another order, tight enough for
the 1e-6 of the denominator to show on gradients whose norm is about 1e-4."""

LR_RTOL = 1e-6
"""A rate computed in float32 is right to about 1e-7."""


def worked_grads():
    """Squares 8 + 16 + 16 + 9 = 49: total norm 7, so max_norm = 3.5 halves everything."""
    return {"W1": np.array([[2.0, 0.0], [0.0, 2.0]]), "b1": np.array([4.0, 0.0]),
            "W2": np.array([0.0, 4.0]), "b2": -3.0}


def _grads(rng, n=2, h=3, scale=1.0, b2=None):
    return {"W1": rng.normal(scale=scale, size=(n, h)), "b1": rng.normal(scale=scale, size=h),
            "W2": rng.normal(scale=scale, size=h), "b2": float(rng.normal(scale=scale)) if b2 is None else b2}


def _clip_cases():
    rng = np.random.default_rng(91)
    zeros = {"W1": np.zeros((2, 3)), "b1": np.zeros(3), "W2": np.zeros(3), "b2": 0.0}
    return [Case("a dict whose total norm is 7, max_norm = 3.5", (worked_grads(), 3.5), rtol=CLIP_RTOL),
            Case("gradients whose norm is below max_norm = 10", (_grads(rng, scale=0.3), 10.0), rtol=CLIP_RTOL),
            Case("large gradients (entries around 50, 3 inputs, 4 hidden units), max_norm = 1",
                 (_grads(rng, n=3, h=4, scale=50.0), 1.0), rtol=CLIP_RTOL),
            Case("tiny gradients (total norm about 1e-4), max_norm = 1e-5",
                 (_grads(rng, scale=3e-5), 1e-5), rtol=CLIP_RTOL, atol=1e-16),
            Case("small arrays and a large float b2 = 8, max_norm = 2",
                 (_grads(rng, scale=0.01, b2=8.0), 2.0), rtol=CLIP_RTOL),
            Case("gradients that are all exactly 0, max_norm = 1", (zeros, 1.0), rtol=CLIP_RTOL)]


def _lr_cases():
    A = (0.1, 5, 25, 0.01)   # lr_max, warmup_steps, total_steps, lr_min
    B = (2.0, 4, 12)         # lr_min left at its default, 0
    cases = [Case("t = 1 (the first update), lr_max = 0.1, warmup_steps = 5, total_steps = 25, lr_min = 0.01",
                  (1, *A), rtol=LR_RTOL)]
    cases += [Case(f"t = {t}, lr_max = 0.1, warmup_steps = 5, total_steps = 25, lr_min = 0.01", (t, *A), rtol=LR_RTOL)
              for t in (3, 5, 6, 10, 15, 24, 25, 26, 40)]
    cases += [Case(f"t = {t}, lr_max = 2, warmup_steps = 4, total_steps = 12 (lr_min left out)", (t, *B), rtol=LR_RTOL)
              for t in (2, 7, 12, 20)]
    return cases


check_clip_grad_norm = FunctionCheck(
    "clip_grad_norm", "clip_grad_norm(grads, max_norm)", ref.clip_grad_norm,
    Tuple(Dict(W1=Array("clipped W1"), b1=Array("clipped b1"), W2=Array("clipped W2"), b2=Scalar("clipped b2")),
          Scalar("total_norm")),
    _clip_cases)
check_warmup_cosine_lr = FunctionCheck(
    "warmup_cosine_lr", "warmup_cosine_lr(t, lr_max, warmup_steps, total_steps, lr_min)", ref.warmup_cosine_lr,
    Scalar("the learning rate"), _lr_cases)

CHECKS = {"clip_grad_norm": check_clip_grad_norm, "warmup_cosine_lr": check_warmup_cosine_lr}
