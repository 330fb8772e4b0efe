"""Small test problems the book runs optimizers on: quadratics with a known Hessian."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Quadratic:
    """``f(x) = 0.5 * x @ A @ x`` with symmetric positive-definite ``A``; minimum at 0."""

    A: np.ndarray

    @classmethod
    def with_curvatures(cls, *curvatures, angle=0.0):
        """A 2-D (or n-D, with ``angle=0``) quadratic with the given Hessian eigenvalues,
        its axes rotated by ``angle`` radians (2-D only)."""
        D = np.diag(np.asarray(curvatures, dtype=float))
        if angle:
            c, s = np.cos(angle), np.sin(angle)
            R = np.array([[c, -s], [s, c]])
            D = R @ D @ R.T
        return cls(D)

    @property
    def curvatures(self) -> np.ndarray:
        """Eigenvalues of the Hessian, smallest first."""
        return np.linalg.eigvalsh(self.A)

    @property
    def condition_number(self) -> float:
        lam = self.curvatures
        return float(lam[-1] / lam[0])

    def __call__(self, x):
        x = np.asarray(x)
        return 0.5 * np.einsum("...i,ij,...j->...", x, self.A, x)

    def grad(self, x):
        return self.A @ x


def run(step, x0, steps):
    """Iterate ``x, state = step(x, state, t)`` from ``x0`` (``state=None`` on the first
    call, ``t`` 1-based); returns the visited points as an array of shape (steps+1, n)."""
    x, state, path = np.asarray(x0, dtype=float), None, [np.asarray(x0, dtype=float)]
    for t in range(1, steps + 1):
        x, state = step(x, state, t)
        path.append(x)
    return np.array(path)
