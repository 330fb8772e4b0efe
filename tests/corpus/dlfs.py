"""'Deep Learning from Scratch' (Saito; github.com/oreilly-japan/deep-learning-from-scratch),
``common/optimizer.py``, ``common/gradient.py`` and ``common/functions.py``: the book's
reference code, copied into many repositories. Its optimizers update a dict of parameters
(and their own state) in place; the wrappers load the course's state into them."""
import numpy as np

from . import published

SOURCE = "github.com/oreilly-japan/deep-learning-from-scratch "


class SGD():
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Momentum():
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)
        for key in params.keys():
            self.v[key] = self.momentum*self.v[key] - self.lr*grads[key]
            params[key] += self.v[key]


class Nesterov():
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)
        for key in params.keys():
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]


class AdaGrad():
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class RMSprop():
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)
        for key in params.keys():
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class Adam():
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
            for key, val in params.items():
                self.m[key] = np.zeros_like(val)
                self.v[key] = np.zeros_like(val)
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key]**2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def numerical_gradient(f, x):
    h = 1e-4  # 0.0001
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)  # f(x+h)
        x[idx] = tmp_val - h
        fxh2 = f(x)  # f(x-h)
        grad[idx] = (fxh1 - fxh2) / (2*h)
        x[idx] = tmp_val
        it.iternext()
    return grad


# --- the wrappers ----------------------------------------------------------------------------

@published("gd_update", SOURCE + "common/optimizer.py (SGD)", expect="gd.in_place_update")
def gd_update__dlfs(w, g, lr):
    params = {"W": w}
    SGD(lr).update(params, {"W": g})
    return params["W"]


@published("momentum_update", SOURCE + "common/optimizer.py (Momentum)", expect="momentum.velocity_with_lr")
def momentum_update__dlfs(w, g, v, lr, beta):
    opt, params = Momentum(lr, beta), {"W": w}
    opt.v = {"W": v}
    opt.update(params, {"W": g})
    return params["W"], opt.v["W"]


@published("nesterov_update", SOURCE + "common/optimizer.py (Nesterov)", expect="momentum.nesterov_dlfs_form")
def nesterov_update__dlfs(w, g, v, lr, beta):
    opt, params = Nesterov(lr, beta), {"W": w}
    opt.v = {"W": v}
    opt.update(params, {"W": g})
    return params["W"], opt.v["W"]


@published("adagrad_update", SOURCE + "common/optimizer.py (AdaGrad)", expect="adaptive.eps_hard_coded")
def adagrad_update__dlfs(w, g, s, lr, eps):
    opt, params = AdaGrad(lr), {"W": w}
    opt.h = {"W": s}
    opt.update(params, {"W": g})
    return params["W"], opt.h["W"]


@published("rmsprop_update", SOURCE + "common/optimizer.py (RMSprop)", expect="adaptive.eps_hard_coded")
def rmsprop_update__dlfs(w, g, s, lr, rho, eps):
    opt, params = RMSprop(lr, rho), {"W": w}
    opt.h = {"W": s}
    opt.update(params, {"W": g})
    return params["W"], opt.h["W"]


@published("adam_update", SOURCE + "common/optimizer.py (Adam)", expect="adam.epsilon_hat_fixed_eps")
def adam_update__dlfs(w, g, m, v, t, lr, beta1, beta2, eps):
    opt, params = Adam(lr, beta1, beta2), {"W": w}
    opt.m, opt.v, opt.iter = {"W": m}, {"W": v}, t - 1
    opt.update(params, {"W": g})
    return params["W"], opt.m["W"], opt.v["W"]


@published("sigmoid", SOURCE + "common/functions.py (sigmoid)", expect="gd.unstable_sigmoid")
def sigmoid__dlfs(z):
    return sigmoid(z)


@published("numerical_gradient", SOURCE + "common/gradient.py (numerical_gradient)", expect="network.h_ignored")
def numerical_gradient__dlfs(f, x, h=1e-5):
    return numerical_gradient(f, x)
