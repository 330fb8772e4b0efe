"""Chapter 3: heavy-ball and Nesterov momentum, in ``torch.optim.SGD``'s convention
(no dampening, so ``v`` is a running *sum* of gradients, not an average)
(book/03-momentum)."""


def momentum_update(w, g, v, lr, beta):
    """Heavy ball: ``v = beta*v + g``; ``w = w - lr*v``. Returns new ``(w, v)``."""
    v = beta * v + g
    return w - lr * v, v


def nesterov_update(w, g, v, lr, beta):
    """Nesterov (PyTorch form): ``v = beta*v + g``; ``w = w - lr*(g + beta*v)``."""
    v = beta * v + g
    return w - lr * (g + beta * v), v
