"""Published AdaGrad code. The originals keep the accumulated squares in an object; the
wrappers load the incoming ``s`` into it and read it back."""
import numpy as np

from . import published


@published("adagrad_update", "github.com/miyyer/dan util/adagrad.py", expect="adaptive.eps_hard_coded")
def adagrad_update__miyyer_dan(w, g, s, lr, eps):
    # eps is an attribute fixed at 1e-3, so the eps argument is ignored
    class Adagrad():
        def __init__(self, dim, lr):
            self.dim = dim
            self.eps = 1e-3
            self.learning_rate = lr
            self.h = np.zeros(self.dim)

        def rescale_update(self, gradient):
            self.h += gradient ** 2
            curr_rate = self.learning_rate / (np.sqrt(self.h) + self.eps)
            return curr_rate * gradient
    opt = Adagrad(w.shape, lr)
    opt.h = s.copy()
    return w - opt.rescale_update(g), opt.h


@published("adagrad_update", "github.com/henry186/Deep-Learning ch06Optimization/AdaGrad.py",
           expect="adaptive.eps_missing")
def adagrad_update__henry186(w, g, s, lr, eps):
    # the 1e-7 is added to the ratio, not to the denominator, so 0/0 stays nan (and w changes in place)
    params, grads, h = {"W": w}, {"W": g}, {"W": s.copy()}
    for key in params.keys():
        h[key] += grads[key]**2
        params[key] -= lr * (grads[key] / np.sqrt(h[key]) + 1e-7)
    return params["W"], h["W"]


@published("adagrad_update", "github.com/viratzzs/optimizers-over-rosenbrock optimizers/adagrad.py",
           expect="adaptive.eps_inside_sqrt")
def adagrad_update__viratzzs(w, g, s, lr, eps):
    # eps inside the square root, and fixed at 1e-8
    cache = s.copy()
    cache += g**2
    new_params = w - (lr / np.sqrt(cache + 1e-8)) * g
    return new_params, cache
