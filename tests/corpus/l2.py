"""Published L2 regularization code."""
import numpy as np

from . import published


@published("l2_penalty", "github.com/Huqicheng/Q-Net deeplearning/reg.py", expect="correct")
def l2_penalty__q_net(w, lam):
    def l2_reg(W, lam=1e-3):
        return .5 * lam * np.sum(W * W)
    return float(l2_reg(w, lam))


@published("l2_penalty_grad", "github.com/Huqicheng/Q-Net deeplearning/reg.py", expect="correct")
def l2_penalty_grad__q_net(w, lam):
    def dl2_reg(W, lam=1e-3):
        return lam * W
    return dl2_reg(w, lam)


@published("l2_penalty", "github.com/PabloFuentes97/multilayer-perceptron nn/regularizers.py",
           expect="l2.penalty_without_lam")
def l2_penalty__pablofuentes97(w, lam):
    class L2:
        def __init__(self, lambda_):
            self.lambda_ = lambda_

        def __call__(self, w):
            return np.sum(w ** 2)
    return float(L2(lam)(w))


@published("l2_penalty", "github.com/eriklindernoren/ML-From-Scratch mlfromscratch/supervised_learning/regression.py "
           "(l2_regularization)", expect="correct")
def l2_penalty__ml_from_scratch(w, lam):
    class l2_regularization():
        def __init__(self, alpha):
            self.alpha = alpha

        def __call__(self, w):
            return self.alpha * 0.5 * w.T.dot(w)
    return float(l2_regularization(lam)(w))


@published("l2_penalty_grad", "github.com/eriklindernoren/ML-From-Scratch mlfromscratch/supervised_learning/regression.py "
           "(l2_regularization.grad)", expect="correct")
def l2_penalty_grad__ml_from_scratch(w, lam):
    def grad(alpha, w):
        return alpha * w
    return grad(lam, w)


@published("regularized_log_loss", "github.com/iftrush/Deep-Learning-Notes Regularization.md "
           "(deeplearning.ai's compute_cost_with_regularization; the cross-entropy part is the reference "
           "log_loss: each function alone)", expect="l2.lam_scaled_by_m")
def regularized_log_loss__dls_notes(X, y, w, b, lam):
    from autograder.references.gradient_descent import log_loss as compute_cost
    m, lambd, W1 = X.shape[0], lam, w
    cross_entropy_cost = compute_cost(X, y, w, b)
    L2_regularization_cost = lambd / 2 / m * (np.sum(np.square(W1)))
    cost = cross_entropy_cost + L2_regularization_cost
    return cost


def _l2_reg_cost_wrapper(l2_reg_cost, X, y, w, b, lam):
    """Holberton's l2_reg_cost(cost, lambtha, weights, L, m) adds the penalty to a given cost:
    the reference log_loss (each function alone), one layer whose weight matrix W1 is w as a
    column, m = the number of rows."""
    from autograder.references.gradient_descent import log_loss
    return float(l2_reg_cost(log_loss(X, y, w, b), lam, {"W1": w.reshape(-1, 1)}, 1, X.shape[0]))


@published("regularized_log_loss", "Holberton School 'l2_reg_cost' as published on GitHub (code-search index "
           "id 28960750450)", expect="l2.lam_scaled_by_m")
def regularized_log_loss__holberton_a(X, y, w, b, lam):
    def l2_reg_cost(cost, lambtha, weights, L, m):
        reg_term = 0
        for layer in range(1, L + 1):
            weight = weights['W' + str(layer)]
            reg_term += np.sum(np.square(weight))
        l2_cost = cost + (lambtha / (2 * m)) * reg_term
        return l2_cost
    return _l2_reg_cost_wrapper(l2_reg_cost, X, y, w, b, lam)


@published("regularized_log_loss", "Holberton School 'l2_reg_cost', Frobenius-norm version (code-search index "
           "id 30735100676)", expect="l2.lam_scaled_by_m")
def regularized_log_loss__holberton_b(X, y, w, b, lam):
    def l2_reg_cost(cost, lambtha, weights, L, m):
        l2_cost = cost + (lambtha / (2 * m)) * sum(np.linalg.norm(
            weights['W' + str(i)], ord='fro') ** 2 for i in range(1, L + 1))
        return l2_cost
    return _l2_reg_cost_wrapper(l2_reg_cost, X, y, w, b, lam)


@published("regularized_log_loss", "Holberton School 'l2_reg_cost', a version with the norm not squared "
           "(code-search index id 35740120512)", expect="unnamed")
def regularized_log_loss__holberton_c(X, y, w, b, lam):
    # two differences: lam / m, and the norm of w where the penalty needs its square
    def l2_reg_cost(cost, lambtha, weights, L, m):
        norm = 0
        for i in range(1, L + 1):
            norm += np.linalg.norm(weights['W' + str(i)])
        l2_cost = cost + (lambtha / (2 * m)) * norm
        return l2_cost
    return _l2_reg_cost_wrapper(l2_reg_cost, X, y, w, b, lam)
