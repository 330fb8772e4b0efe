"""Chapter 4: per-coordinate step sizes, AdaGrad and RMSProp (book/04-adagrad-rmsprop).

Both divide by ``sqrt(s) + eps`` with ``eps`` outside the square root, as ``torch.optim``
does.
"""
import numpy as np


def adagrad_update(w, g, s, lr, eps):
    """AdaGrad: ``s = s + g**2``; ``w = w - lr*g/(sqrt(s)+eps)``. Returns new ``(w, s)``."""
    s = s + g ** 2
    return w - lr * g / (np.sqrt(s) + eps), s


def rmsprop_update(w, g, s, lr, rho, eps):
    """RMSProp: ``s = rho*s + (1-rho)*g**2``; ``w = w - lr*g/(sqrt(s)+eps)``."""
    s = rho * s + (1 - rho) * g ** 2
    return w - lr * g / (np.sqrt(s) + eps), s
