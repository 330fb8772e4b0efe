"""Chapter 5: Adam and AdamW as in ``torch.optim`` (book/05-adam).

``t`` is the 1-based number of the update being made; bias correction divides the moving
averages by ``1 - beta**t`` so that the first steps are not shrunk towards zero.
"""
import numpy as np


def adam_update(w, g, m, v, t, lr, beta1, beta2, eps):
    """Adam: ``m = beta1*m + (1-beta1)*g``; ``v = beta2*v + (1-beta2)*g**2``;
    ``w = w - lr * m_hat / (sqrt(v_hat) + eps)`` with ``m_hat = m/(1-beta1**t)`` and
    ``v_hat = v/(1-beta2**t)``. Returns new ``(w, m, v)``."""
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adamw_update(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    """AdamW: decay the weights first, ``w = w*(1 - lr*weight_decay)``, then take the
    Adam step with the *unchanged* gradient ``g`` (decoupled weight decay)."""
    return adam_update(w * (1 - lr * weight_decay), g, m, v, t, lr, beta1, beta2, eps)
