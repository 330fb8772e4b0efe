"""Mistakes in chapter 5: Adam and AdamW."""
import numpy as np

from . import Misconception


def adam_update_without_bias_correction(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    return w - lr * m / (np.sqrt(v) + eps), m, v


def adamw_update_without_bias_correction(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    w = w * (1 - lr * weight_decay)
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    return w - lr * m / (np.sqrt(v) + eps), m, v


def adam_update_t_from_zero(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** (t - 1)), v / (1 - beta2 ** (t - 1))
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_update_t_stuck_at_one(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1), v / (1 - beta2)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_update_eps_inside_sqrt(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / np.sqrt(v_hat + eps), m, v


def adam_update_corrected_moments_stored(w, g, m, v, t, lr, beta1, beta2, eps):
    m = (beta1 * m + (1 - beta1) * g) / (1 - beta1 ** t)
    v = (beta2 * v + (1 - beta2) * g ** 2) / (1 - beta2 ** t)
    return w - lr * m / (np.sqrt(v) + eps), m, v


def adam_update_in_place(w, g, m, v, t, lr, beta1, beta2, eps):
    m *= beta1
    m += (1 - beta1) * g
    v *= beta2
    v += (1 - beta2) * g ** 2
    w -= lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return w, m, v


def adamw_update_l2_in_gradient(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    g = g + weight_decay * w
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adamw_update_decay_without_lr(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    w = w * (1 - weight_decay)
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adamw_update_decay_ignored(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


MISCONCEPTIONS = [
    Misconception(
        id="adam.no_bias_correction",
        title="There is no bias correction (or m_hat and v_hat are computed but the step still "
              "uses m and v): m and v start at 0, so early on they are too "
              "small, and the first step is about (1-beta1)/sqrt(1-beta2) = "
              f"{(1 - 0.9) / (1 - 0.999) ** 0.5:.2f} times lr "
              "with the default betas instead of about lr.",
        symptom="A jump in the loss in the first steps (too large a first step), then training "
                "that behaves differently from torch.optim.Adam.",
        hint="Divide by 1 - beta**t before the step: m_hat = m / (1 - beta1**t), "
             "v_hat = v / (1 - beta2**t), with t counting from 1.",
        chapter="05-adam",
        variants={"adam_update": adam_update_without_bias_correction,
                  "adamw_update": adamw_update_without_bias_correction},
    ),
    Misconception(
        id="adam.t_from_zero",
        title="The bias correction uses t - 1 (a step counter that starts at 0): at the first "
              "step 1 - beta**0 = 0 and the correction divides by zero.",
        symptom="nan or inf weights right at the first update.",
        hint="t is the number of the update being made: 1 for the first call; use beta**t.",
        chapter="05-adam",
        variants={"adam_update": adam_update_t_from_zero},
    ),
    Misconception(
        id="adam.t_not_increasing",
        title="The bias correction always uses the first step's factors (a fixed exponent, "
              "beta**1, or t stuck at 1), so later steps are divided by 1 - beta as if training "
              "had just started.",
        symptom="With a steady gradient and the default betas, the first step is right, then the "
                "steps grow to about twice the correct size by step 10 and, in long runs, shrink "
                "to about a third of it.",
        hint="Use the t you are given, beta1**t and beta2**t, and increase it by one per update.",
        chapter="05-adam",
        variants={"adam_update": adam_update_t_stuck_at_one},
    ),
    Misconception(
        id="adam.eps_inside_sqrt",
        title="eps is added inside the square root, sqrt(v_hat + eps), but Adam (and PyTorch) "
              "adds it outside, sqrt(v_hat) + eps.",
        symptom="Much smaller steps where gradients are small; results that disagree with torch.optim.Adam.",
        hint="Divide by np.sqrt(v_hat) + eps.",
        chapter="05-adam",
        variants={"adam_update": adam_update_eps_inside_sqrt},
    ),
    Misconception(
        id="adam.corrected_moments_stored",
        title="You return the bias-corrected m_hat and v_hat as the new state, so the "
              "correction is applied again, on top, at every later step.",
        symptom="Moments that drift upward; steps larger than torch.optim.Adam's after the first.",
        hint="Keep m and v uncorrected in the state; compute m_hat and v_hat only for the step.",
        chapter="05-adam",
        variants={"adam_update": adam_update_corrected_moments_stored},
    ),
    Misconception(
        id="adam.state_in_place",
        title="You update w, m or v in place (m *= beta1, w -= ...), changing the caller's arrays.",
        symptom="Saved copies of the weights or moments change afterwards.",
        hint="Compute new arrays and return them: return w_new, m_new, v_new.",
        chapter="05-adam",
        variants={"adam_update": adam_update_in_place},
    ),
    Misconception(
        id="adam.l2_in_adamw",
        title="Your AdamW adds weight_decay*w to the gradient: that is L2 regularization inside "
              "Adam, which the adaptive denominator rescales; AdamW decays the weights directly.",
        symptom="The weights end where Adam with L2 regularization ends, not where AdamW does: "
                "the decay is rescaled with the gradient instead of shrinking every weight by "
                "the factor (1 - lr*weight_decay); results differ from torch.optim.AdamW.",
        hint="Multiply the weights by (1 - lr*weight_decay), then take the Adam step with the "
             "unchanged gradient g.",
        chapter="05-adam",
        variants={"adamw_update": adamw_update_l2_in_gradient},
    ),
    Misconception(
        id="adam.decay_without_lr",
        title="The weights are multiplied by (1 - weight_decay) instead of (1 - lr*weight_decay).",
        symptom="Weights shrink far too fast; with weight_decay = 0.01 every step removes 1 %.",
        hint="PyTorch's AdamW decays by lr * weight_decay per step.",
        chapter="05-adam",
        variants={"adamw_update": adamw_update_decay_without_lr},
    ),
    Misconception(
        id="adam.decay_ignored",
        title="weight_decay is never applied: your AdamW is plain Adam.",
        symptom="No regularization effect at all, whatever weight_decay is.",
        hint="Start with w = w * (1 - lr * weight_decay).",
        chapter="05-adam",
        variants={"adamw_update": adamw_update_decay_ignored},
    ),
]


# --- grown from published code (tests/corpus/adam.py) ------------------------------------

def adam_update_epsilon_hat(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    lr_t = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    return w - lr_t * m / (np.sqrt(v) + eps), m, v


def adam_update_correction_without_sqrt(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    lr_t = lr * (1 - beta2 ** t) / (1 - beta1 ** t)
    return w - lr_t * m / (np.sqrt(v) + eps), m, v


def adam_update_without_sqrt(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (v_hat + eps), m, v


def adam_update_without_eps(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / np.sqrt(v_hat), m, v


def adam_update_eps_hard_coded(w, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + 1e-8), m, v


def adamw_update_decay_after_step(w, g, m, v, t, lr, beta1, beta2, eps, weight_decay):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w * (1 - lr * weight_decay), m, v


def _adam_with_eps(constant):
    def adam_update(w, g, m, v, t, lr, beta1, beta2, eps):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
        return w - lr * m_hat / (np.sqrt(v_hat) + constant), m, v
    return adam_update


HARD_CODED_EPS = (1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-10)
"""Other values people write for eps (d2l uses 1e-6, 'Deep Learning from Scratch' 1e-7)."""

MISCONCEPTIONS += [
    Misconception(
        id="adam.epsilon_hat",
        title="You folded the bias correction into the step size, lr_t = lr*sqrt(1-beta2**t)/(1-beta1**t), "
              "then w -= lr_t*m/(sqrt(v)+eps): that is the 'epsilon-hat' convention of TensorFlow's and "
              "scikit-learn's Adam, a known convention but not this course's (torch.optim.Adam's). "
              "It is the same step except that eps is effectively scaled by sqrt(1-beta2**t).",
        symptom="Training almost identical to torch.optim.Adam, differing only where eps matters "
                "(tiny gradients, a large eps, the first steps).",
        hint="Correct the moments themselves: m_hat = m/(1-beta1**t), v_hat = v/(1-beta2**t), and "
             "w - lr*m_hat/(np.sqrt(v_hat) + eps).",
        chapter="05-adam",
        variants={"adam_update": adam_update_epsilon_hat},
    ),
    Misconception(
        id="adam.correction_without_sqrt",
        title="The bias correction folded into the step size lacks its square root: "
              "lr*(1-beta2**t)/(1-beta1**t) instead of lr*sqrt(1-beta2**t)/(1-beta1**t).",
        symptom="First steps about sqrt(1-beta2) times too small (30 times with beta2 = 0.999), "
                "so Adam seems to start very slowly.",
        hint="v is divided by (1-beta2**t) inside a square root, so the factor on lr is "
             "sqrt(1-beta2**t); simplest: compute m_hat and v_hat and use the formula as written.",
        chapter="05-adam",
        variants={"adam_update": adam_update_correction_without_sqrt},
    ),
    Misconception(
        id="adam.missing_sqrt",
        title="The step divides by v_hat + eps instead of sqrt(v_hat) + eps: v is an average of "
              "squared gradients, so without the square root the step has the wrong units.",
        symptom="Huge steps where gradients are small and tiny steps where they are large.",
        hint="w - lr * m_hat / (np.sqrt(v_hat) + eps).",
        chapter="05-adam",
        variants={"adam_update": adam_update_without_sqrt},
    ),
    Misconception(
        id="adam.eps_missing",
        title="eps is left out: the step divides by sqrt(v_hat) alone, which is 0/0 = nan "
              "where a gradient entry and its moments are exactly 0.",
        symptom="nan weights as soon as a parameter gets a zero gradient from zero state "
                "(an unused feature, a dead unit).",
        hint="Divide by np.sqrt(v_hat) + eps, with the eps you are given.",
        chapter="05-adam",
        variants={"adam_update": adam_update_without_eps},
    ),
    Misconception(
        id="adam.eps_hard_coded",
        title="eps is written as a constant (1e-8, or another fixed value such as d2l's 1e-6) "
              "instead of the eps argument, so changing eps changes nothing.",
        symptom="Results that ignore the eps you pass; right only with the default eps.",
        hint="Use the eps parameter in sqrt(v_hat) + eps.",
        chapter="05-adam",
        variants={"adam_update": adam_update_eps_hard_coded},
        also={"adam_update": tuple(_adam_with_eps(c) for c in HARD_CODED_EPS)},
    ),
    Misconception(
        id="adam.decay_after_step",
        title="The weight decay is applied after the Adam step, (w - step)*(1 - lr*weight_decay), "
              "instead of before it, w*(1 - lr*weight_decay) - step as in torch.optim.AdamW "
              "(a known variant; the two differ by lr*weight_decay times the step).",
        symptom="Training that agrees with torch.optim.AdamW to a few digits but not exactly.",
        hint="Decay the incoming weights first: w = w*(1 - lr*weight_decay), then take the "
             "Adam step.",
        chapter="05-adam",
        variants={"adamw_update": adamw_update_decay_after_step},
    ),
]


def adam_update_epsilon_hat_fixed_eps(w, g, m, v, t, lr, beta1, beta2, eps):
    lr_t = lr * np.sqrt(1.0 - beta2 ** t) / (1.0 - beta1 ** t)
    m = m + (1 - beta1) * (g - m)
    v = v + (1 - beta2) * (g ** 2 - v)
    return w - lr_t * m / (np.sqrt(v) + 1e-7), m, v


MISCONCEPTIONS += [
    Misconception(
        id="adam.epsilon_hat_fixed_eps",
        title="Your Adam is the one in 'Deep Learning from Scratch' (common/optimizer.py): the "
              "epsilon-hat form, lr_t = lr*sqrt(1-beta2**t)/(1-beta1**t) and w -= lr_t*m/(sqrt(v)+1e-7), "
              "with eps fixed at 1e-7 instead of the eps argument. Both are known simplifications; "
              "this course follows torch.optim.Adam.",
        symptom="Training close to torch.optim.Adam's, differing where eps matters, whatever eps you pass.",
        hint="Correct the moments (m_hat = m/(1-beta1**t), v_hat = v/(1-beta2**t)) and use the eps "
             "parameter: w - lr*m_hat/(np.sqrt(v_hat) + eps).",
        chapter="05-adam",
        variants={"adam_update": adam_update_epsilon_hat_fixed_eps},
    ),
]


def adam_update_betas_hard_coded(w, g, m, v, t, lr, beta1, beta2, eps):
    m = 0.9 * m + (1 - 0.9) * g
    v = 0.999 * v + (1 - 0.999) * g ** 2
    m_hat, v_hat = m / (1 - 0.9 ** t), v / (1 - 0.999 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def _adam_fixed(eps_constant):
    def adam_update(w, g, m, v, t, lr, beta1, beta2, eps):
        m = 0.9 * m + (1 - 0.9) * g
        v = 0.999 * v + (1 - 0.999) * g ** 2
        m_hat, v_hat = m / (1 - 0.9 ** t), v / (1 - 0.999 ** t)
        return w - lr * m_hat / (np.sqrt(v_hat) + eps_constant), m, v
    return adam_update


MISCONCEPTIONS += [
    Misconception(
        id="adam.betas_hard_coded",
        title="beta1 and beta2 are written as constants (0.9 and 0.999, and in some code eps too, "
              "as in d2l's from-scratch Adam) instead of the arguments, so other betas change nothing.",
        symptom="Right with the default betas; other values of beta1 or beta2 have no effect.",
        hint="Use the beta1, beta2 and eps parameters everywhere they appear.",
        chapter="05-adam",
        variants={"adam_update": adam_update_betas_hard_coded},
        also={"adam_update": tuple(_adam_fixed(c) for c in (1e-8, 1e-7, 1e-6))},
    ),
]
