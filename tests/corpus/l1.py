"""Published L1 and proximal code."""
import numpy as np

from . import published


@published("l1_penalty", "github.com/Huqicheng/Q-Net deeplearning/reg.py", expect="correct")
def l1_penalty__q_net(w, lam):
    def l1_reg(W, lam=1e-3):
        return lam * np.sum(np.abs(W))
    return float(l1_reg(w, lam))


@published("l1_subgradient", "github.com/Huqicheng/Q-Net deeplearning/reg.py", expect="correct")
def l1_subgradient__q_net(w, lam):
    # W / (|W| + machine eps): 0 at 0, and sign(w) to 1e-16 elsewhere
    def dl1_reg(W, lam=1e-3):
        return lam * W / (np.abs(W) + np.finfo(float).eps)
    return dl1_reg(w, lam)


@published("l1_penalty", "github.com/ajayrfhp/mlp l1.py", expect="correct")
def l1_penalty__ajayrfhp(w, lam):
    def calc(b, parameter):
        return b * np.sum(np.abs(parameter))
    return float(calc(lam, w))


@published("l1_subgradient", "github.com/ajayrfhp/mlp l1.py", expect="l1.subgradient_in_place")
def l1_subgradient__ajayrfhp(w, lam):
    def grad(b, parameter):
        parameter[parameter > 0] = 1
        parameter[parameter < 0] = -1
        return b * parameter
    return grad(lam, w)


@published("l1_penalty", "github.com/PabloFuentes97/multilayer-perceptron nn/regularizers.py",
           expect="l1.penalty_without_lam")
def l1_penalty__pablofuentes97(w, lam):
    class L1:
        def __init__(self, lambda_):
            self.lambda_ = lambda_

        def __call__(self, w):
            return np.sum(np.abs(w))
    return float(L1(lam)(w))


@published("soft_threshold", "github.com/copenhagen2/Homework-of-Convex-Optimization hw8/hw8/code/ista.py",
           expect="unnamed")
def soft_threshold__copenhagen2(w, threshold):
    # written for the homework's 2-D problem: range(2) keeps only two entries
    def soft_th(w, th):
        return np.array([np.sign(w[i]) * max(0, np.abs(w[i])-th) for i in range(2)])
    return soft_th(w, threshold)


@published("proximal_gd_update", "github.com/copenhagen2/Homework-of-Convex-Optimization hw8/hw8/code/ista.py "
           "(the ISTA step, with the reference soft_threshold: each function alone)", expect="correct")
def proximal_gd_update__ista_step(w, g, lr, lam):
    from autograder.references.l1 import soft_threshold as soft_th
    stepsize, lambd = lr, lam
    return soft_th(w - stepsize*g, lambd * stepsize)


@published("l1_penalty", "github.com/eriklindernoren/ML-From-Scratch mlfromscratch/supervised_learning/regression.py "
           "(l1_regularization)", expect="l1.l2_norm_penalty")
def l1_penalty__ml_from_scratch(w, lam):
    class l1_regularization():
        def __init__(self, alpha):
            self.alpha = alpha

        def __call__(self, w):
            return self.alpha * np.linalg.norm(w)

        def grad(self, w):
            return self.alpha * np.sign(w)
    return float(l1_regularization(lam)(w))


@published("l1_subgradient", "github.com/eriklindernoren/ML-From-Scratch mlfromscratch/supervised_learning/regression.py "
           "(l1_regularization.grad)", expect="correct")
def l1_subgradient__ml_from_scratch(w, lam):
    def grad(alpha, w):
        return alpha * np.sign(w)
    return grad(lam, w)
