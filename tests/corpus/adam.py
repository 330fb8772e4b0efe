"""Published Adam code: CS231n's ``optim.adam`` (the epsilon-hat form), d2l's from-scratch
Adam, and optimizer classes from blog-style repositories."""
import numpy as np

from . import published


@published("adam_update", "github.com/FortiLeiZhang/cs231n code/cs231n/assignment3/cs231n/optim.py",
           expect="adam.epsilon_hat")
def adam_update__cs231n_fortileizhang(w, g, m, v, t, lr, beta1, beta2, eps):
    # two differences: the epsilon-hat form, and x -= ... changes the caller's w
    def adam(x, dx, config=None):
        if config is None: config = {}
        beta1, beta2, eps = config['beta1'], config['beta2'], config['epsilon']
        t, m, v = config['t'], config['m'], config['v']
        m = beta1 * m + (1 - beta1) * dx
        v = beta2 * v + (1 - beta2) * (dx * dx)
        t += 1
        alpha = config['learning_rate'] * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        x -= alpha * (m / (np.sqrt(v) + eps))
        config['t'] = t
        config['m'] = m
        config['v'] = v
        next_x = x
        return next_x, config
    config = {"learning_rate": lr, "beta1": beta1, "beta2": beta2, "epsilon": eps, "m": m, "v": v, "t": t - 1}
    next_w, config = adam(w, g, config)
    return next_w, config["m"], config["v"]


@published("adam_update", "github.com/FortiLeiZhang/cs231n code/cs231n/assignment3/cs231n/optim.py "
           "(the update lines, on a copy of w)", expect="adam.epsilon_hat")
def adam_update__cs231n_epsilon_hat_on_a_copy(w, g, m, v, t, lr, beta1, beta2, eps):
    x, dx = w.copy(), g
    m = beta1 * m + (1 - beta1) * dx
    v = beta2 * v + (1 - beta2) * (dx * dx)
    alpha = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    x -= alpha * (m / (np.sqrt(v) + eps))
    return x, m, v


@published("adam_update", "github.com/jparkerholder/ASEBO asebo/optimizers.py", expect="correct")
def adam_update__asebo(w, g, m, v, t, lr, beta1, beta2, eps):
    def Adam(dx, m, v, learning_rate, t, eps=1e-8, beta1=0.9, beta2=0.999):
        m = beta1 * m + (1 - beta1) * dx
        mt = m / (1 - beta1 ** t)
        v = beta2 * v + (1-beta2) * (dx ** 2)
        vt = v / (1 - beta2 ** t)
        update = learning_rate * mt / (np.sqrt(vt) + eps)
        return (update, m, v)
    update, m, v = Adam(g, m, v, lr, t, eps, beta1, beta2)
    return w - update, m, v


@published("adam_update", "github.com/ritviksingh9/ML-Models-Scratch RecurrentNeuralNetwork/optimize.py",
           expect="unnamed")
def adam_update__ritviksingh9(w, g, m, v, t, lr, beta1, beta2, eps):
    # two differences: the second moment is corrected with beta2 ** 2, and no square root
    parameters, grads, vv, s = {"W1": w, "b1": np.zeros(1)}, {"dW1": g, "db1": np.zeros(1)}, \
        {"dW1": m, "db1": np.zeros(1)}, {"dW1": v, "db1": np.zeros(1)}
    v_corrected, s_corrected = {}, {}
    for l in range(1):
        vv["dW" + str(l+1)] = beta1*vv["dW"+str(l+1)] + (1-beta1) * grads["dW"+str(l+1)]
        v_corrected["dW" + str(l+1)] = vv["dW"+str(l+1)] / (1-beta1 ** t)
        s["dW" + str(l+1)] = beta2*s["dW"+str(l+1)] + (1-beta2) * ((grads["dW"+str(l+1)]) ** 2)
        s_corrected["dW" + str(l+1)] = s["dW"+str(l+1)] / (1-beta2 ** 2)
        parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - lr * v_corrected["dW"+str(l+1)] / (s_corrected["dW"+str(l+1)]+eps)
    return parameters["W1"], vv["dW1"], s["dW1"]


@published("adam_update", "public GitHub file 'Interfaces'-based optimizers (class ADAM_Optimization), "
           "found by code search, index id 33018335976", expect="adam.eps_inside_sqrt")
def adam_update__adam_optimization_class(w, g, m, v, t, lr, beta1, beta2, eps):
    class ADAM_Optimization:
        def __init__(self, lr=0.3, mbeta=0.9, vbeta=0.999, eps=1e-8):
            self.mbeta, self.vbeta, self.eps, self.lr = mbeta, vbeta, eps, lr

        def update(self, grad):
            self.t += 1
            self.m = self.mbeta*self.m + (1-self.mbeta)*grad
            self.v = self.vbeta*self.v + (1-self.vbeta)*(grad**2)
            m_hat = self.m/(1-self.mbeta**self.t)
            v_hat = self.v/(1-self.vbeta**self.t)
            update = self.lr * m_hat/(v_hat+self.eps)**.5
            return update
    opt = ADAM_Optimization(lr, beta1, beta2, eps)
    opt.t, opt.m, opt.v = t - 1, m, v
    step = opt.update(g)
    return w - step, opt.m, opt.v


@published("adam_update", "github.com/kang9kang/DL-learning torch-learning/optimization/adamTest.py (d2l's Adam)",
           expect="adam.betas_hard_coded")
def adam_update__d2l_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    # d2l fixes beta1, beta2 = 0.9, 0.999 and eps = 1e-6 inside the function
    import torch

    def adam(params, states, hyperparams):
        beta1, beta2, eps = 0.9, 0.999, 1e-6
        for p, (v, s) in zip(params, states):
            v[:] = beta1 * v + (1 - beta1) * p.grad.data
            s[:] = beta2 * s + (1 - beta2) * p.grad.data**2
            v_bias_corr = v / (1 - beta1 ** hyperparams['t'])
            s_bias_corr = s / (1 - beta2 ** hyperparams['t'])
            p.data -= hyperparams['lr'] * v_bias_corr / (torch.sqrt(s_bias_corr) + eps)
        hyperparams['t'] += 1
    p = torch.tensor(w, dtype=torch.float64).clone()
    p.grad = torch.tensor(g, dtype=torch.float64)
    mt, vt = torch.tensor(m, dtype=torch.float64).clone(), torch.tensor(v, dtype=torch.float64).clone()
    adam([p], [(mt, vt)], {"lr": lr, "t": t})
    dtype = np.result_type(w, g)
    return p.numpy().astype(dtype), mt.numpy().astype(dtype), vt.numpy().astype(dtype)


@published("adam_update", "github.com/ruziniuuuuu/niukb AI/Others/code/adam.py", expect="adam.state_in_place")
def adam_update__niukb(w, g, m, v, t, lr, beta1, beta2, eps):
    # right values; params -= ... changes the caller's w
    class Adam:
        def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
            self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
            self.m = None
            self.v = None
            self.t = 0

        def update(self, params, grads):
            if self.m is None:
                self.m = np.zeros_like(params)
                self.v = np.zeros_like(params)
            self.t += 1
            self.m = self.beta1 * self.m + (1 - self.beta1) * grads
            self.v = self.beta2 * self.v + (1 - self.beta2) * (grads ** 2)
            m_hat = self.m / (1 - self.beta1 ** self.t)
            v_hat = self.v / (1 - self.beta2 ** self.t)
            params -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
            return params
    opt = Adam(lr, beta1, beta2, eps)
    opt.m, opt.v, opt.t = m, v, t - 1
    new_w = opt.update(w, g)
    return new_w, opt.m, opt.v


@published("adam_update", "github.com/kang9kang/DL-learning cnn/my_optimizer.py", expect="adam.eps_hard_coded")
def adam_update__kang9kang_cnn(w, g, m, v, t, lr, beta1, beta2, eps):
    # two findings: m, v and w are all updated in place, and eps is fixed at 1e-8 (the
    # large-eps probe shows it); the in-place change is reported first, then the eps
    class Adam:
        def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
            self.lr = lr
            self.beta1 = beta1
            self.beta2 = beta2
            self.m = None
            self.v = None
            self.t = 0
            self.eps = 1e-8

        def update(self, params, grads):
            if self.m is None:
                self.m, self.v = {}, {}
                for key, val in params.items():
                    self.m[key] = np.zeros_like(val)
                    self.v[key] = np.zeros_like(val)
            self.t += 1
            for key in params.keys():
                self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
                self.v[key] += (1 - self.beta2) * (grads[key]**2 - self.v[key])
                m_hat = self.m[key] / (1 - self.beta1**self.t)
                v_hat = self.v[key] / (1 - self.beta2**self.t)
                params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
    opt = Adam(lr, beta1, beta2)
    opt.m, opt.v, opt.t = {"W": m}, {"W": v}, t - 1
    params = {"W": w}
    opt.update(params, {"W": g})
    return params["W"], opt.m["W"], opt.v["W"]


@published("adam_update", "Holberton School 'update_variables_Adam' as published on GitHub (code-search index "
           "id 54274619191)", expect="correct")
def adam_update__holberton(w, g, m, v, t, lr, beta1, beta2, eps):
    def update_variables_Adam(alpha, beta1, beta2, epsilon, var, grad, v, s, t):
        v_new = beta1 * v + (1 - beta1) * grad
        s_new = beta2 * s + (1 - beta2) * (grad ** 2)
        v_corrected = v_new / (1 - beta1 ** t)
        s_corrected = s_new / (1 - beta2 ** t)
        var_updated = var - alpha * v_corrected / (np.sqrt(s_corrected) + epsilon)
        return var_updated, v_new, s_new
    return update_variables_Adam(lr, beta1, beta2, eps, w, g, m, v, t)
