"""Checks for chapter 7: the L1 penalty, its subgradient, soft thresholding and the
proximal step. Inputs contain exact zeros, weights on both sides of the threshold, and
weights between 1e-8 and 1e-3 next to large ones."""
import numpy as np

from ..references import l1 as ref
from .harness import Array, Case, FunctionCheck, Scalar

W = np.array([0.8, -0.05, 0.0, 0.3, -1.5, 0.02])
TINY = np.array([1e-8, -3e-7, 2e-5, -1e-3, 0.0, 4.0, -2.5])
"""Weights between 1e-8 and 1e-3 next to large ones: where an epsilon in |w| + eps (1e-8
or 1e-12) changes the result. Not smaller: w / (|w| + machine epsilon), a published correct
form, is right to 2e-16/|w|, which must stay within the verdict's 1e-7."""


def _penalty_cases():
    return [Case("w with an exact zero, lam = 0.3", (W, 0.3)),
            Case("lam = 2.0", (W, 2.0), varies="another lam"),
            Case("weights from 1e-8 to 1e-3 next to large ones, lam = 0.7", (TINY, 0.7),
                 varies="weights between 1e-8 and 1e-3"),
            Case("float32 w", (W.astype(np.float32), 0.3), rtol=1e-5, atol=1e-7, varies="float32 w")]


def _threshold_cases():
    return [Case("w with small, large and zero entries of both signs, threshold = 0.1", (W, 0.1)),
            Case("threshold = 1.0", (W, 1.0), varies="a larger threshold"),
            Case("entries between the threshold and twice the threshold, threshold = 0.1",
                 (np.array([0.15, -0.12, 0.25, -0.3, 0.0, 0.05]), 0.1),
                 varies="entries between the threshold and twice the threshold"),
            Case("weights from 1e-8 to 1e-3 next to large ones, threshold = 1e-4", (TINY, 1e-4),
                 varies="weights between 1e-8 and 1e-3 and a tiny threshold"),
            Case("float32 w", (W.astype(np.float32), 0.1), rtol=1e-5, atol=1e-7)]


def _prox_cases():
    g = np.array([0.5, -0.2, 0.3, 1.0, -0.4, 0.0])
    return [Case("lr = 0.1, lam = 0.5, w with an exact zero", (W, g, 0.1, 0.5)),
            Case("lr = 0.5, lam = 0.2", (W, g, 0.5, 0.2)),
            Case("float32 arrays", (W.astype(np.float32), g.astype(np.float32), 0.1, 0.5), rtol=1e-5, atol=1e-7)]


check_l1_penalty = FunctionCheck("l1_penalty", "l1_penalty(w, lam)", ref.l1_penalty, Scalar("the penalty"),
                                 _penalty_cases)
check_l1_subgradient = FunctionCheck("l1_subgradient", "l1_subgradient(w, lam)", ref.l1_subgradient,
                                     Array("the subgradient"), _penalty_cases)
check_soft_threshold = FunctionCheck("soft_threshold", "soft_threshold(w, threshold)", ref.soft_threshold,
                                     Array("the result"), _threshold_cases)
check_proximal_gd_update = FunctionCheck("proximal_gd_update", "proximal_gd_update(w, g, lr, lam)",
                                         ref.proximal_gd_update, Array("w"), _prox_cases, steps=True)

CHECKS = {"l1_penalty": check_l1_penalty, "l1_subgradient": check_l1_subgradient,
          "soft_threshold": check_soft_threshold, "proximal_gd_update": check_proximal_gd_update}
