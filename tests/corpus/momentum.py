"""Published momentum code: deeplearning.ai's ``update_parameters_with_momentum`` (an
exponential average of the gradients, the (1 - beta) convention). Wrappers build the
one-layer dicts that the originals loop over."""
import numpy as np

from . import published


def _one_layer(update, w, g, v, lr, beta):
    parameters = {"W1": w, "b1": np.zeros(1)}
    grads = {"dW1": g, "db1": np.zeros(1)}
    velocity = {"dW1": v, "db1": np.zeros(1)}
    parameters, velocity = update(parameters, grads, velocity, beta, lr)
    return parameters["W1"], velocity["dW1"]


@published("momentum_update", "github.com/DeepakSridhar/Deep-Learning-Coursera Course-2/Optimization/update_momentum.py",
           expect="momentum.exponential_average")
def momentum_update__dls_deepaksridhar(w, g, v, lr, beta):
    def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
        L = len(parameters) // 2
        for l in range(L):
            v["dW" + str(l + 1)] = beta * v["dW" + str(l + 1)] + (1 - beta) * grads["dW" + str(l + 1)]
            v["db" + str(l + 1)] = beta * v["db" + str(l + 1)] + (1 - beta) * grads["db" + str(l + 1)]
            parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * v["dW" + str(l + 1)]
            parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * v["db" + str(l + 1)]
        return parameters, v
    return _one_layer(update_parameters_with_momentum, w, g, v, lr, beta)


@published("momentum_update", "github.com/Srijan2001/Backpropagation-Algorithm Momentum.py",
           expect="momentum.exponential_average")
def momentum_update__srijan2001(w, g, v, lr, beta):
    def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
        L = len(parameters) // 2
        for l in range(L):
            v["dW" + str(l+1)] = beta*v["dW" + str(l+1)]+(1-beta)*grads["dW" + str(l+1)]
            v["db" + str(l+1)] = beta*v["db" + str(l+1)]+(1-beta)*grads["db" + str(l+1)]
            parameters["W" + str(l+1)] = parameters["W" + str(l+1)]-learning_rate*v["dW" + str(l+1)]
            parameters["b" + str(l+1)] = parameters["b" + str(l+1)]-learning_rate*v["db" + str(l+1)]
        return parameters, v
    return _one_layer(update_parameters_with_momentum, w, g, v, lr, beta)


@published("momentum_update", "github.com/sherwyn11/Skyplay-NN playground/neural_net/optimizers/gd_with_momentum.py",
           expect="momentum.exponential_average")
def momentum_update__skyplay(w, g, v, lr, beta):
    def update_parameters(parameters, grads, v, beta, learning_rate):
        L = len(parameters) // 2
        for l in range(L):
            v["dW" + str(l+1)] = (beta * v['dW' + str(l + 1)]) + ((1 - beta) * grads['dW' + str(l + 1)])
            v["db" + str(l+1)] = (beta * v['db' + str(l + 1)]) + ((1 - beta) * grads['db' + str(l + 1)])
            parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - learning_rate * v["dW" + str(l+1)]
            parameters["b" + str(l+1)] = parameters["b" + str(l+1)] - learning_rate * v["db" + str(l+1)]
        return parameters, v
    return _one_layer(update_parameters, w, g, v, lr, beta)


@published("momentum_update", "github.com/achyudh/espalier optimizers.py (CS231n's sgd_momentum)",
           expect="momentum.velocity_with_lr")
def momentum_update__cs231n_espalier(w, g, v, lr, beta):
    def sgd_momentum(w, dw, config=None):
        v = config.get('velocity', np.zeros_like(w))
        next_v = config['momentum'] * v - config['learning_rate'] * dw
        next_w = w + next_v
        config['velocity'] = next_v
        return next_w, config
    next_w, config = sgd_momentum(w, g, {"learning_rate": lr, "momentum": beta, "velocity": v})
    return next_w, config["velocity"]


@published("momentum_update", "github.com/selekzioner/dlcourse assignment2/optim.py (MomentumSGD)",
           expect="momentum.velocity_with_lr")
def momentum_update__selekzioner(w, g, v, lr, beta):
    # as published: the velocity carries lr, and w += ... changes the caller's w
    class MomentumSGD:
        def __init__(self, momentum=0.9):
            self.momentum = 0.9
            self.velocity = 0

        def update(self, w, d_w, learning_rate):
            self.velocity = self.momentum * self.velocity - learning_rate * d_w
            w += self.velocity
            return w
    opt = MomentumSGD(beta)
    opt.momentum, opt.velocity = beta, v
    new_w = opt.update(w, g, lr)
    return new_w, opt.velocity


class _Params(dict):
    """The originals update a dict of parameters in place; one key, "W"."""


def _deep_learning_from_scratch(cls, w, g, v, lr, beta):
    opt = cls(lr, beta)
    opt.v = {"W": v}
    params = {"W": w}
    opt.update(params, {"W": g})
    return params["W"], opt.v["W"]


@published("momentum_update", "github.com/yszk0123-sandbox/learn-deep-learning-from-scratch "
           "examples/chapters/ch06/momentum.py", expect="momentum.velocity_with_lr")
def momentum_update__yszk0123(w, g, v, lr, beta):
    class Momentum:
        def __init__(self, learning_rate=0.01, momentum=0.9):
            self.learning_rate = learning_rate
            self.momentum = momentum
            self.v = None

        def update(self, params, grads):
            if self.v is None:
                self.v = {}
                for key, value in params.items():
                    self.v[key] = np.zeros_like(value)
            for key in params.keys():
                self.v[key] = \
                    self.momentum * self.v[key] - self.learning_rate * grads[key]
                params[key] += self.v[key]
    return _deep_learning_from_scratch(Momentum, w, g, v, lr, beta)


@published("momentum_update", "github.com/warmsirius/code-evolution Ai/deep_learning_scratch/ch06/momentum.py",
           expect="momentum.velocity_with_lr")
def momentum_update__warmsirius(w, g, v, lr, beta):
    class Momentum:
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
                self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
                params[key] += self.v[key]
    return _deep_learning_from_scratch(Momentum, w, g, v, lr, beta)


@published("momentum_update", "Holberton School 'update_variables_momentum' as published on GitHub "
           "(code-search index id 53224389791)", expect="momentum.exponential_average")
def momentum_update__holberton_a(w, g, v, lr, beta):
    def update_variables_momentum(alpha, beta1, var, grad, v):
        v_new = beta1 * v + (1 - beta1) * grad
        var_new = var - alpha * v_new
        return var_new, v_new
    return update_variables_momentum(lr, beta, w, g, v)


@published("momentum_update", "Holberton School 'update_variables_momentum', another student's version "
           "(code-search index id 55589910101)", expect="momentum.exponential_average")
def momentum_update__holberton_b(w, g, v, lr, beta):
    def update_variables_momentum(alpha, beta1, var, grad, v):
        # Calculate the new velocity (first moment)
        v_new = beta1 * v + (1 - beta1) * grad
        # Update the variable
        var_new = var - alpha * v_new
        return var_new, v_new
    return update_variables_momentum(lr, beta, w, g, v)
