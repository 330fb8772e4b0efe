"""Mistakes in chapter 4: AdaGrad and RMSProp."""
import numpy as np

from . import Misconception


def adagrad_update_eps_inside_sqrt(w, g, s, lr, eps):
    s = s + g ** 2
    return w - lr * g / np.sqrt(s + eps), s


def rmsprop_update_eps_inside_sqrt(w, g, s, lr, rho, eps):
    s = rho * s + (1 - rho) * g ** 2
    return w - lr * g / np.sqrt(s + eps), s


def _inside_sqrt_with_constant(constant, rule):
    """eps inside the square root, written as a constant (as in optimizers-over-rosenbrock)."""
    if rule == "adagrad":
        def adagrad_update(w, g, s, lr, eps):
            s = s + g ** 2
            return w - lr * g / np.sqrt(s + constant), s
        return adagrad_update

    def rmsprop_update(w, g, s, lr, rho, eps):
        s = rho * s + (1 - rho) * g ** 2
        return w - lr * g / np.sqrt(s + constant), s
    return rmsprop_update


_CONSTANTS = (1e-8, 1e-7, 1e-6, 1e-10)


def rmsprop_update_without_one_minus_rho(w, g, s, lr, rho, eps):
    s = rho * s + g ** 2
    return w - lr * g / (np.sqrt(s) + eps), s


def rmsprop_update_rho_swapped(w, g, s, lr, rho, eps):
    s = (1 - rho) * s + rho * g ** 2
    return w - lr * g / (np.sqrt(s) + eps), s


def adagrad_update_not_accumulated(w, g, s, lr, eps):
    s = g ** 2
    return w - lr * g / (np.sqrt(s) + eps), s


def adagrad_update_old_state_returned(w, g, s, lr, eps):
    new_s = s + g ** 2
    return w - lr * g / (np.sqrt(new_s) + eps), s


def rmsprop_update_old_state_returned(w, g, s, lr, rho, eps):
    new_s = rho * s + (1 - rho) * g ** 2
    return w - lr * g / (np.sqrt(new_s) + eps), s


def adagrad_update_in_place(w, g, s, lr, eps):
    s += g ** 2
    w -= lr * g / (np.sqrt(s) + eps)
    return w, s


def rmsprop_update_in_place(w, g, s, lr, rho, eps):
    s *= rho
    s += (1 - rho) * g ** 2
    w -= lr * g / (np.sqrt(s) + eps)
    return w, s


def adagrad_update_without_sqrt(w, g, s, lr, eps):
    s = s + g ** 2
    return w - lr * g / (s + eps), s


def rmsprop_update_without_sqrt(w, g, s, lr, rho, eps):
    s = rho * s + (1 - rho) * g ** 2
    return w - lr * g / (s + eps), s


MISCONCEPTIONS = [
    Misconception(
        id="adaptive.eps_inside_sqrt",
        title="eps is added inside the square root, sqrt(s + eps) (the eps argument, or a constant "
              "such as 1e-8 written there), but the convention (and PyTorch) adds the eps argument "
              "outside, sqrt(s) + eps; for small gradients the steps differ a lot.",
        symptom="Steps much smaller than expected where gradients are small; results that "
                "disagree with torch.optim.",
        hint="Divide by np.sqrt(s) + eps.",
        chapter="04-adagrad-rmsprop",
        variants={"adagrad_update": adagrad_update_eps_inside_sqrt,
                  "rmsprop_update": rmsprop_update_eps_inside_sqrt},
        also={"adagrad_update": tuple(_inside_sqrt_with_constant(c, "adagrad") for c in _CONSTANTS),
              "rmsprop_update": tuple(_inside_sqrt_with_constant(c, "rmsprop") for c in _CONSTANTS)},
    ),
    Misconception(
        id="adaptive.missing_one_minus_rho",
        title="Your RMSProp average is s = rho*s + g**2, without the (1 - rho) factor, so s "
              "grows to about g**2/(1-rho) and the steps shrink by sqrt(1-rho).",
        symptom="RMSProp steps about 3 times (rho = 0.9) or 30 times (rho = 0.999) too small: "
                "training crawls.",
        hint="A moving average weights the new value by (1 - rho): s = rho*s + (1 - rho)*g**2.",
        chapter="04-adagrad-rmsprop",
        variants={"rmsprop_update": rmsprop_update_without_one_minus_rho},
    ),
    Misconception(
        id="adaptive.rho_swapped",
        title="rho and 1 - rho are swapped: the average keeps (1 - rho) of the past and takes "
              "rho of the new squared gradient, so it forgets almost at once.",
        symptom="RMSProp behaves like normalized gradient descent, jumpy and noisy.",
        hint="s = rho * s + (1 - rho) * g**2 with rho close to 1 (e.g. 0.9).",
        chapter="04-adagrad-rmsprop",
        variants={"rmsprop_update": rmsprop_update_rho_swapped},
    ),
    Misconception(
        id="adaptive.not_accumulated",
        title="AdaGrad's s is replaced by g**2 each step instead of accumulating the sum of "
              "all squared gradients.",
        symptom="Steps of size about lr in every coordinate, never shrinking: no AdaGrad decay.",
        hint="Add to the running sum: s = s + g**2.",
        chapter="04-adagrad-rmsprop",
        variants={"adagrad_update": adagrad_update_not_accumulated},
    ),
    Misconception(
        id="adaptive.state_not_returned",
        title="You return the old s instead of the updated one, so the running average never "
              "moves past its first value.",
        symptom="Steps that do not adapt: the state stays at its initial zeros.",
        hint="Return the updated state with the new weights: return w_new, s_new.",
        chapter="04-adagrad-rmsprop",
        variants={"adagrad_update": adagrad_update_old_state_returned,
                  "rmsprop_update": rmsprop_update_old_state_returned},
    ),
    Misconception(
        id="adaptive.state_in_place",
        title="You update s or w in place (s += g**2, w -= ...), changing the caller's arrays.",
        symptom="Saved copies of weights or state change afterwards; optimizers interfere.",
        hint="Compute new arrays and return them.",
        chapter="04-adagrad-rmsprop",
        variants={"adagrad_update": adagrad_update_in_place, "rmsprop_update": rmsprop_update_in_place},
    ),
    Misconception(
        id="adaptive.missing_sqrt",
        title="You divide by s + eps instead of sqrt(s) + eps, so the step scales like 1/g "
              "instead of being about lr in size.",
        symptom="Huge steps where gradients are small and tiny ones where they are large.",
        hint="The denominator is the root mean square of the gradient: np.sqrt(s) + eps.",
        chapter="04-adagrad-rmsprop",
        variants={"adagrad_update": adagrad_update_without_sqrt, "rmsprop_update": rmsprop_update_without_sqrt},
    ),
]


# --- grown from published code (tests/corpus/adaptive.py) --------------------------------

def adagrad_update_without_eps(w, g, s, lr, eps):
    s = s + g ** 2
    return w - lr * g / np.sqrt(s), s


def rmsprop_update_without_eps(w, g, s, lr, rho, eps):
    s = rho * s + (1 - rho) * g ** 2
    return w - lr * g / np.sqrt(s), s


def adagrad_update_eps_hard_coded(w, g, s, lr, eps):
    s = s + g ** 2
    return w - lr * g / (np.sqrt(s) + 1e-8), s


def rmsprop_update_eps_hard_coded(w, g, s, lr, rho, eps):
    s = rho * s + (1 - rho) * g ** 2
    return w - lr * g / (np.sqrt(s) + 1e-8), s


def _with_eps(constant, rule):
    if rule == "adagrad":
        def adagrad_update(w, g, s, lr, eps):
            s = s + g ** 2
            return w - lr * g / (np.sqrt(s) + constant), s
        return adagrad_update

    def rmsprop_update(w, g, s, lr, rho, eps):
        s = rho * s + (1 - rho) * g ** 2
        return w - lr * g / (np.sqrt(s) + constant), s
    return rmsprop_update


HARD_CODED_EPS = (1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-10)

MISCONCEPTIONS += [
    Misconception(
        id="adaptive.eps_missing",
        title="eps is left out: the step divides by sqrt(s) alone, which is 0/0 = nan where a "
              "gradient entry and its accumulated square are exactly 0.",
        symptom="nan weights as soon as a parameter gets a zero gradient from zero state.",
        hint="Divide by np.sqrt(s) + eps, with the eps you are given.",
        chapter="04-adagrad-rmsprop",
        variants={"adagrad_update": adagrad_update_without_eps, "rmsprop_update": rmsprop_update_without_eps},
    ),
    Misconception(
        id="adaptive.eps_hard_coded",
        title="eps is written as a constant (1e-8, 1e-7, 1e-3, ...) instead of the eps argument, "
              "so changing eps changes nothing.",
        symptom="Right only with the default eps; a larger eps has no damping effect.",
        hint="Use the eps parameter in np.sqrt(s) + eps.",
        chapter="04-adagrad-rmsprop",
        variants={"adagrad_update": adagrad_update_eps_hard_coded, "rmsprop_update": rmsprop_update_eps_hard_coded},
        also={"adagrad_update": tuple(_with_eps(c, "adagrad") for c in HARD_CODED_EPS),
              "rmsprop_update": tuple(_with_eps(c, "rmsprop") for c in HARD_CODED_EPS)},
    ),
]
