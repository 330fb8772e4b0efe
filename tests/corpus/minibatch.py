"""Published minibatch code. Most follow deeplearning.ai's ``random_mini_batches``, which
seeds numpy's global generator itself; the wrappers call them with their own defaults."""
import math

import numpy as np

from . import published


@published("make_minibatches",
           "github.com/YouYueHuang/SelfDrivingCarProjects P2-Traffic-Sign-Classifier/test/Shuffling_and_Partition.py",
           expect="minibatch.own_seed")
def make_minibatches__shuffling_and_partition(X, y, batch_size, rng):
    def Shuffling_and_Partition(X, Y, mini_batch_size=64, seed=0):
        np.random.seed(seed)
        m = X.shape[0]
        mini_batches = []
        permutation = list(np.random.permutation(m))
        shuffled_X = X[permutation]
        shuffled_Y = Y[permutation]
        num_complete_minibatches = math.ceil(m/mini_batch_size)
        for k in range(0, num_complete_minibatches):
            mini_batch_X = shuffled_X[k * mini_batch_size:(k + 1) * mini_batch_size]
            mini_batch_Y = shuffled_Y[k * mini_batch_size:(k + 1) * mini_batch_size]
            mini_batch = [mini_batch_X, mini_batch_Y]
            mini_batches.append(mini_batch)
        return mini_batches
    return [tuple(b) for b in Shuffling_and_Partition(X, y, batch_size)]


@published("make_minibatches", "github.com/OH-Seoyoung/ML_Optimization_Methods Without_DL_framework/opti_mini.py",
           expect="minibatch.own_seed")
def make_minibatches__dls_columns(X, y, batch_size, rng):
    def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
        np.random.seed(seed)
        m = X.shape[1]
        mini_batches = []
        permutation = list(np.random.permutation(m))
        shuffled_X = X[:, permutation]
        shuffled_Y = Y[:, permutation].reshape((Y.shape[0], m))
        num_complete_minibatches = math.floor(m/mini_batch_size)
        for k in range(0, num_complete_minibatches):
            mini_batch_X = shuffled_X[:, k*mini_batch_size: (k+1)*mini_batch_size]
            mini_batch_Y = shuffled_Y[:, k*mini_batch_size: (k+1)*mini_batch_size]
            mini_batch = (mini_batch_X, mini_batch_Y)
            mini_batches.append(mini_batch)
        if m % mini_batch_size != 0:
            mini_batch_X = shuffled_X[:, int(m/mini_batch_size)*mini_batch_size:]
            mini_batch_Y = shuffled_Y[:, int(m/mini_batch_size)*mini_batch_size:]
            mini_batch = (mini_batch_X, mini_batch_Y)
            mini_batches.append(mini_batch)
        return mini_batches
    return [(Xb.T, Yb.ravel()) for Xb, Yb in random_mini_batches(X.T, y.reshape(1, -1), batch_size)]


@published("make_minibatches", "github.com/thuml/Transferable-Adversarial-Training pytorch/data.py",
           expect="minibatch.ignores_rng")
def make_minibatches__thuml(X, y, batch_size, rng):
    def shuffle(X, Y):
        m = X.shape[0]
        permutation = list(np.random.permutation(m))
        return {"X_shuffle": X[permutation], "Y_shuffle": Y[permutation]}

    def get_mini_batches(X, Y, mini_batch_size):
        shuffles = shuffle(X, Y)
        num_examples = shuffles["X_shuffle"].shape[0]
        num_complete = num_examples // mini_batch_size
        mini_batches = []
        for i in range(num_complete):
            mini_batches.append([shuffles["X_shuffle"][i * mini_batch_size:(i + 1) * mini_batch_size],
                                 shuffles["Y_shuffle"][i * mini_batch_size:(i + 1) * mini_batch_size]])
        if 0 == num_examples % mini_batch_size:
            pass
        else:
            mini_batches.append([shuffles["X_shuffle"][num_complete * mini_batch_size:],
                                 shuffles["Y_shuffle"][num_complete * mini_batch_size:]])
        return mini_batches
    return [tuple(b) for b in get_mini_batches(X, y, batch_size)]
