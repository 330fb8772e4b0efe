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
