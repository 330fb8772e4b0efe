"""Published logistic-regression code (deeplearning.ai's "Logistic Regression with a
Neural Network mindset" as students posted it). The originals use one example per column
and w of shape (n, 1); the wrappers transpose."""
import numpy as np

from . import published


@published("sigmoid", "github.com/sheviv/mirrors dl_spec/nn_and_dl/first_second_w/propagate.py",
           expect="gd.unstable_sigmoid")
def sigmoid__dls_propagate(z):
    def sigmoid(xc):
        s = 1 / (1 + np.exp(-xc))
        return s
    return sigmoid(z)


@published("sigmoid", "github.com/Asaf-Harel/DL-5 DL-5-11/3130/ex6.py", expect="gd.unstable_sigmoid")
def sigmoid__asaf_harel(z):
    return 1 / (1 + np.exp(-z))


def _propagate_sheviv(w, b, X, Y):
    # github.com/sheviv/mirrors dl_spec/nn_and_dl/first_second_w/propagate.py (as published)
    def sigmoid(xc):
        s = 1 / (1 + np.exp(-xc))
        return s
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1/m * (np.dot(Y, np.log(A).T) + np.dot((1-Y), np.log(1 - A).T))
    dw = 1 / m * (np.dot(X, (A - Y).T))
    db = 1 / m * (np.sum(A - Y))
    cost = np.squeeze(cost)
    grads = {"dw": dw, "db": db}
    return grads, cost


@published("log_loss", "github.com/sheviv/mirrors dl_spec/nn_and_dl/first_second_w/propagate.py",
           expect="gd.log_of_zero")
def log_loss__dls_propagate(X, y, w, b):
    _, cost = _propagate_sheviv(w.reshape(-1, 1), b, X.T, y.reshape(1, -1))
    return float(cost)


@published("log_loss_grad", "github.com/sheviv/mirrors dl_spec/nn_and_dl/first_second_w/propagate.py",
           expect="correct")
def log_loss_grad__dls_propagate(X, y, w, b):
    grads, _ = _propagate_sheviv(w.reshape(-1, 1), b, X.T, y.reshape(1, -1))
    return grads["dw"].ravel(), float(grads["db"])


def _asaf_harel(X, Y, w, b):
    # github.com/Asaf-Harel/DL-5 DL-5-11/3130/ex6.py (as published)
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def forward_propagation(X, Y, w, b):
        m = X.shape[1]
        A = sigmoid(np.dot(w.T, X) + b)
        cost = (-1 / m) * np.sum((Y * np.log(A)) + (1 - Y) * np.log(1 - A))
        return A, cost

    def backward_propagation(X, Y, A):
        m = X.shape[1]
        dz = (1 / m) * (A - Y)
        dw = np.dot(X, dz.T)
        db = np.sum(dz)
        return dw, db

    A, cost = forward_propagation(X, Y, w, b)
    return cost, backward_propagation(X, Y, A)


@published("log_loss", "github.com/Asaf-Harel/DL-5 DL-5-11/3130/ex6.py", expect="gd.log_of_zero")
def log_loss__asaf_harel(X, y, w, b):
    cost, _ = _asaf_harel(X.T, y.reshape(1, -1), w.reshape(-1, 1), b)
    return float(cost)


@published("log_loss_grad", "github.com/Asaf-Harel/DL-5 DL-5-11/3130/ex6.py", expect="correct")
def log_loss_grad__asaf_harel(X, y, w, b):
    _, (dw, db) = _asaf_harel(X.T, y.reshape(1, -1), w.reshape(-1, 1), b)
    return dw.ravel(), float(db)


@published("gd_update", "github.com/FortiLeiZhang/cs231n code/cs231n/assignment3/cs231n/optim.py (sgd)",
           expect="gd.in_place_update")
def gd_update__cs231n_sgd(w, g, lr):
    def sgd(w, dw, config=None):
        if config is None: config = {}
        config.setdefault('learning_rate', 1e-2)
        w -= config['learning_rate'] * dw
        return w, config
    return sgd(w, g, {"learning_rate": lr})[0]


@published("gd_update", "github.com/achyudh/espalier optimizers.py (sgd)", expect="gd.in_place_update")
def gd_update__espalier_sgd(w, g, lr):
    def sgd(w, dw, config=None):
        w -= config['learning_rate'] * dw
        return w, config
    return sgd(w, g, {"learning_rate": lr})[0]


@published("gd_update", "github.com/VladimirSlavic/anfis optimization/optimization.py (sgd)",
           expect="gd.in_place_update")
def gd_update__anfis_sgd(w, g, lr):
    def sgd(w, dw, config=None):
        if config is None: config = {}
        config.setdefault('learning_rate', 1e-2)
        w -= config['learning_rate'] * dw
        return w, config
    return sgd(w, g, {"learning_rate": lr})[0]


@published("gd_update", "github.com/selekzioner/dlcourse assignment2/optim.py (SGD)", expect="correct")
def gd_update__dlcourse_sgd(w, g, lr):
    class SGD:
        def update(self, w, d_w, learning_rate):
            return w - d_w * learning_rate
    return SGD().update(w, g, lr)


def _p(X, w, b):
    """Predicted probabilities for the loss functions that take them: the reference sigmoid
    (each function alone)."""
    from autograder.references.gradient_descent import sigmoid
    return sigmoid(X @ w + b)


@published("log_loss", "github.com/sayush2807/Neural_Networks_from_scratch losses/bce.py", expect="gd.y_and_p_swapped")
def log_loss__sayush2807(X, y, w, b):
    def bce_loss(y_hat, y):
        return np.mean(-y*np.log(y)-(1-y_hat)*np.log(1-y_hat))
    return float(bce_loss(_p(X, w, b), y))


@published("log_loss", "github.com/amassrywork-collab/cnn-from-scratch-mnist-01 losses/binary_cross_entropy.py",
           expect="gd.clipped_probabilities")
def log_loss__amassrywork(X, y, w, b):
    class BinaryCrossEntropy:
        def loss(self, y_true, y_pred):
            epsilon = 1e-15
            y_pred = np.clip(y_pred, epsilon, 1 - epsilon)
            return -np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred))
    return float(BinaryCrossEntropy().loss(y, _p(X, w, b)))


@published("log_loss", "github.com/clueless-skywatcher/neuroboa neuroboa/losses/cross_entropy.py "
           "(its arrays are (outputs, examples): the wrapper adds the leading axis)", expect="gd.clipped_probabilities")
def log_loss__neuroboa(X, y, w, b):
    class BinaryCrossEntropy:
        def loss(self, x, y):
            y = np.clip(y, 1e-15, 1 - 1e-15)
            return -np.mean(x * np.log(y) + (1 - x) * np.log(1 - y), axis=1)
    return float(BinaryCrossEntropy().loss(y[None, :], _p(X, w, b)[None, :])[0])


@published("log_loss", "github.com/Kard9876/AProf_TP1 Code/RNN/functions/bce.py", expect="unnamed")
def log_loss__kard9876(X, y, w, b):
    # two differences: probabilities clipped, and a sum over the examples instead of the mean
    def function(y_true, y_pred):
        p = np.clip(y_pred, 1e-15, 1 - 1e-15)
        return -np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
    return float(function(y, _p(X, w, b)))


@published("log_loss", "github.com/felixsimard/comp551-p2 GradientGiven.py (cost_fn; no bias in the original, "
           "so the wrapper folds b into the logits)", expect="gd.log_of_zero")
def log_loss__felixsimard(X, y, w, b):
    def cost_fn(x, y, w):
        N, D = x.shape
        z = np.dot(x, w)
        J = np.mean(y * np.log1p(np.exp(-z)) + (1-y) * np.log1p(np.exp(z)))
        return J
    Xb = np.hstack([X, np.ones((X.shape[0], 1), dtype=X.dtype)])
    return float(cost_fn(Xb, y, np.append(w, b)))


@published("sigmoid", "github.com/felixsimard/comp551-p2 GradientGiven.py (logistic)", expect="gd.unstable_sigmoid")
def sigmoid__felixsimard(z):
    logistic = lambda z: 1./ (1 + np.exp(-z))  # noqa: E731 - as published
    return logistic(z)


@published("sigmoid", "github.com/duncanchiu409/myMLlib myMLlib/LogisticRegression.py (__sigmoid_function)",
           expect="gd.unstable_sigmoid")
def sigmoid__mymllib(z):
    def sigmoid_function(z):
        return 1 / (1 + np.exp(-z))
    return sigmoid_function(z)
