"""Fresh mistakes in chapter 4."""
import numpy as np

from . import fresh


@fresh("adagrad_update", "lr² | lr times")
def adagrad_update_lr_twice(w, g, s, lr, eps):
    s = s + g ** 2
    return w - lr * lr * g / (np.sqrt(s) + eps), s


@fresh("adagrad_update", "half")
def adagrad_update_half_step(w, g, s, lr, eps):
    s = s + g ** 2
    return w - 0.5 * lr * g / (np.sqrt(s) + eps), s


@fresh("rmsprop_update", "(1 - rho)")
def rmsprop_update_numerator_scaled(w, g, s, lr, rho, eps):
    s = rho * s + (1 - rho) * g ** 2
    return w - lr * (1 - rho) * g / (np.sqrt(s) + eps), s


@fresh("rmsprop_update", "lr² | lr times")
def rmsprop_update_lr_twice(w, g, s, lr, rho, eps):
    s = rho * s + (1 - rho) * g ** 2
    return w - lr ** 2 * g / (np.sqrt(s) + eps), s


@fresh("rmsprop_update", "s", "zeros | not carried")
def rmsprop_update_state_restarted(w, g, s, lr, rho, eps):
    s = (1 - rho) * g ** 2
    return w - lr * g / (np.sqrt(s) + eps), s


@fresh("adagrad_update", "s", "square root")
def adagrad_update_root_stored(w, g, s, lr, eps):
    s = s + g ** 2
    return w - lr * g / (np.sqrt(s) + eps), np.sqrt(s)


@fresh("rmsprop_update", "2 times")
def rmsprop_update_double_step(w, g, s, lr, rho, eps):
    s = rho * s + (1 - rho) * g ** 2
    return w - 2 * lr * g / (np.sqrt(s) + eps), s


@fresh("adagrad_update", "abs | |g|")
def adagrad_update_sums_sizes(w, g, s, lr, eps):
    # accumulates |g| where g**2 belongs: no relation or substitution reproduces it
    s = s + np.abs(g)
    return w - lr * g / (np.sqrt(s) + eps), s
