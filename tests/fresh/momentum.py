"""Fresh mistakes in chapter 3."""
from . import fresh


@fresh("momentum_update", "extra factor lr | g = lr * g")
def momentum_update_lr_in_velocity_and_step(w, g, v, lr, beta):
    v = beta * v + lr * g
    return w - lr * v, v


@fresh("momentum_update", "beta times")
def momentum_update_step_scaled_by_beta(w, g, v, lr, beta):
    v = beta * v + g
    return w - lr * beta * v, v


@fresh("momentum_update", "1 - beta")
def momentum_update_beta_swapped(w, g, v, lr, beta):
    v = (1 - beta) * v + g
    return w - lr * v, v


@fresh("momentum_update", "v", "opposite sign")
def momentum_update_velocity_negated(w, g, v, lr, beta):
    new_v = beta * v + g
    return w - lr * new_v, -new_v


@fresh("momentum_update", "2 times")
def momentum_update_double_step(w, g, v, lr, beta):
    v = beta * v + g
    return w - 2 * lr * v, v


@fresh("nesterov_update", "1 - beta")
def nesterov_update_beta_swapped(w, g, v, lr, beta):
    v = (1 - beta) * v + g
    return w - lr * (g + (1 - beta) * v), v


@fresh("nesterov_update", "lr² | lr times")
def nesterov_update_lr_twice(w, g, v, lr, beta):
    v = beta * v + g
    return w - lr * lr * (g + beta * v), v


@fresh("nesterov_update", "extra factor lr | g = lr * g")
def nesterov_update_lr_in_velocity(w, g, v, lr, beta):
    v = beta * v + lr * g
    return w - lr * (lr * g + beta * v), v
