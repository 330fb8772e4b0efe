"""Figures the chapters share, so that every page draws contours and loss curves alike."""
from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np

STYLES = [dict(ls="-", marker="o"), dict(ls="--", marker="s"), dict(ls="-.", marker="^"), dict(ls=":", marker="D"),
          dict(ls="-", marker="v"), dict(ls="--", marker="x"), dict(ls="-.", marker="P")]
"""One line style and marker per curve, so that a curve lying on another stays visible."""


def line_styles(count: int):
    """Styles for ``count`` curves, drawn widest first: where two coincide, both show."""
    widths = np.linspace(3.2, 1.2, count) if count > 1 else [1.5]
    return [dict(style, lw=float(lw)) for style, lw in zip(itertools.cycle(STYLES), widths)]


def contour_paths(f, paths: dict, xlim=(-3, 3), ylim=(-3, 3), ax=None, title=None, levels=20):
    """Contours of a 2-D function ``f`` (vectorised over ``(..., 2)`` points) with one
    optimizer trajectory per entry of ``paths`` (label -> array of shape (k, 2))."""
    ax = ax or plt.subplots(figsize=(5.5, 4.5))[1]
    xs, ys = np.linspace(*xlim, 200), np.linspace(*ylim, 200)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    values = f(grid)
    low = max(values.min(), 1e-3 * values.max())
    ax.contour(xs, ys, values, levels=np.geomspace(low, values.max(), levels), cmap="viridis",
               linewidths=0.8, alpha=0.6)
    for (label, path), style in zip(paths.items(), line_styles(len(paths))):
        path = np.asarray(path)
        ax.plot(path[:, 0], path[:, 1], ms=3, label=label, alpha=0.85, **dict(style, lw=style["lw"] * 0.7))
    ax.plot(0, 0, "k*", ms=10)
    ax.set(xlim=xlim, ylim=ylim, xlabel="$w_1$", ylabel="$w_2$", title=title)
    ax.legend(loc="upper right", fontsize=8)
    return ax


def loss_curves(curves: dict, ax=None, title=None, xlabel="step", ylabel="loss", log=True, x=None, logx=False):
    """One line per entry of ``curves`` (label -> sequence of losses), against the step or
    against ``x`` (e.g. the learning rate of a range test, with ``logx=True``)."""
    ax = ax or plt.subplots(figsize=(6, 4))[1]
    for (label, values), style in zip(curves.items(), line_styles(len(curves))):
        values = np.asarray(values)
        ax.plot(np.arange(len(values)) if x is None else x, values, label=label, alpha=0.85, ms=4,
                markevery=max(1, len(values) // 12), **style)
    if logx:
        ax.set_xscale("log")
    if log:
        ax.set_yscale("log")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return ax
