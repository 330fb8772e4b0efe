"""Mistakes in chapter 3: heavy-ball and Nesterov momentum (PyTorch's convention)."""
from . import Misconception


def momentum_update_exponential_average(w, g, v, lr, beta):
    v = beta * v + (1 - beta) * g
    return w - lr * v, v


def nesterov_update_exponential_average(w, g, v, lr, beta):
    v = beta * v + (1 - beta) * g
    return w - lr * (g + beta * v), v


def momentum_update_velocity_reset(w, g, v, lr, beta):
    v = g
    return w - lr * v, v


def nesterov_update_velocity_reset(w, g, v, lr, beta):
    v = g
    return w - lr * (g + beta * v), v


def momentum_update_old_velocity_returned(w, g, v, lr, beta):
    new_v = beta * v + g
    return w - lr * new_v, v


def nesterov_update_old_velocity_returned(w, g, v, lr, beta):
    new_v = beta * v + g
    return w - lr * (g + beta * new_v), v


def momentum_update_in_place(w, g, v, lr, beta):
    v *= beta
    v += g
    w -= lr * v
    return w, v


def nesterov_update_in_place(w, g, v, lr, beta):
    v *= beta
    v += g
    w -= lr * (g + beta * v)
    return w, v


def momentum_update_step_with_old_velocity(w, g, v, lr, beta):
    return w - lr * v, beta * v + g


def nesterov_update_as_heavy_ball(w, g, v, lr, beta):
    v = beta * v + g
    return w - lr * v, v


MISCONCEPTIONS = [
    Misconception(
        id="momentum.exponential_average",
        title="Your velocity is an exponential average, v = beta*v + (1-beta)*g (a known "
              "convention: deeplearning.ai's momentum, or torch.optim.SGD with dampening = beta), "
              "but this course (like PyTorch's default) uses the heavy-ball sum v = beta*v + g: "
              "your steps are (1-beta) times smaller, 10 times smaller for beta = 0.9.",
        symptom="Momentum brings no speed-up: training is no faster than plain gradient descent "
                "at the same learning rate (a little slower at first) and far slower than heavy "
                "ball, unless the learning rate is made 1/(1-beta) times larger.",
        hint="Drop the (1 - beta) factor: v = beta * v + g.",
        chapter="03-momentum",
        variants={"momentum_update": momentum_update_exponential_average,
                  "nesterov_update": nesterov_update_exponential_average},
    ),
    Misconception(
        id="momentum.velocity_reset",
        title="The velocity you were given is ignored (v = g), so every step starts from "
              "zero momentum and the update is plain gradient descent.",
        symptom="Momentum makes no difference at all: the loss curve equals plain gradient descent's.",
        hint="Build the new velocity from the old one: v = beta * v + g.",
        chapter="03-momentum",
        variants={"momentum_update": momentum_update_velocity_reset,
                  "nesterov_update": nesterov_update_velocity_reset},
    ),
    Misconception(
        id="momentum.state_not_returned",
        title="You return the old velocity instead of the new one (or keep the new one in a "
              "local variable that is lost when the function returns), so the caller never sees "
              "the velocity grow and the next step starts from stale state.",
        symptom="Momentum seems to do nothing after the first step.",
        hint="Return the updated velocity together with the new weights: return w_new, v_new.",
        chapter="03-momentum",
        variants={"momentum_update": momentum_update_old_velocity_returned,
                  "nesterov_update": nesterov_update_old_velocity_returned},
    ),
    Misconception(
        id="momentum.state_in_place",
        title="You update w or v in place (v *= beta, w -= ...), so the caller's arrays change "
              "behind its back.",
        symptom="Saved copies of the weights or velocity change after the fact; two optimizers "
                "sharing an array interfere.",
        hint="Compute new arrays (v_new = beta * v + g) and return them.",
        chapter="03-momentum",
        variants={"momentum_update": momentum_update_in_place, "nesterov_update": nesterov_update_in_place},
    ),
    Misconception(
        id="momentum.step_with_old_velocity",
        title="The step uses the velocity from before this gradient was added, so each "
              "gradient acts one step late.",
        symptom="The first step does not move at all (v starts at 0) and oscillations are worse.",
        hint="Update the velocity first, then step with the new velocity.",
        chapter="03-momentum",
        variants={"momentum_update": momentum_update_step_with_old_velocity},
    ),
    Misconception(
        id="momentum.nesterov_as_heavy_ball",
        title="Your Nesterov step is the heavy-ball step w - lr*v; Nesterov looks ahead with "
              "w - lr*(g + beta*v).",
        symptom="Nesterov behaves exactly like plain momentum.",
        hint="In PyTorch's form the step is lr * (g + beta * v_new). (Looking ahead with the "
             "old velocity, g + beta * v_old, is this same mistake: it equals v_new.)",
        chapter="03-momentum",
        variants={"nesterov_update": nesterov_update_as_heavy_ball},
    ),
]


# --- grown from published code (tests/corpus/momentum.py) --------------------------------

def momentum_update_velocity_with_lr(w, g, v, lr, beta):
    v = beta * v - lr * g
    return w + v, v


MISCONCEPTIONS += [
    Misconception(
        id="momentum.velocity_with_lr",
        title="Your velocity carries the learning rate, v = beta*v - lr*g and w = w + v (CS231n's "
              "and Sutskever et al.'s form, a known convention): the steps are the same while lr "
              "is constant, but the state is -lr times this course's (torch.optim.SGD's) "
              "v = beta*v + g, so the v you receive and return means something else.",
        symptom="Training identical to heavy ball at a constant learning rate, but a different "
                "velocity, and a jump whenever the learning rate changes.",
        hint="Keep the learning rate out of the velocity: v = beta*v + g, then w = w - lr*v.",
        chapter="03-momentum",
        variants={"momentum_update": momentum_update_velocity_with_lr},
    ),
]


def nesterov_update_dlfs_form(w, g, v, lr, beta):
    v = beta * v - lr * g
    return w + beta * beta * v - (1 + beta) * lr * g, v


MISCONCEPTIONS += [
    Misconception(
        id="momentum.nesterov_dlfs_form",
        title="Your Nesterov step is the one in 'Deep Learning from Scratch' (common/optimizer.py): "
              "v = beta*v - lr*g, then w += beta**2 * v - (1+beta)*lr*g with the *new* v. The "
              "reformulation it comes from (Bengio et al.) uses the old velocity there, and it keeps "
              "the learning rate inside v (CS231n's convention), not this course's v = beta*v + g.",
        symptom="A Nesterov run that disagrees with torch.optim.SGD(nesterov=True), with steps "
                "that grow too fast when the gradient keeps its direction.",
        hint="v = beta*v + g; w = w - lr*(g + beta*v).",
        chapter="03-momentum",
        variants={"nesterov_update": nesterov_update_dlfs_form},
    ),
]
