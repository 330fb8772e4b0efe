"""Are the update rules exactly torch.optim's? Each reference is stepped beside its
torch optimizer for 60 steps on the same random gradients, in float64."""
import numpy as np
import pytest
import torch

from autograder.references import adam, adaptive, gradient_descent, momentum

STEPS = 60
LR = 0.05


def gradients(n=5, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(scale=rng.uniform(0.01, 3), size=n) for _ in range(STEPS)]


def torch_trajectory(make_optimizer, w0, grads):
    p = torch.nn.Parameter(torch.tensor(w0, dtype=torch.float64))
    opt = make_optimizer([p])
    path = []
    for g in grads:
        opt.zero_grad()
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        path.append(p.detach().numpy().copy())
    return np.array(path)


def ours(step, w0, grads, state_count):
    w, state, path = np.array(w0), [np.zeros_like(w0) for _ in range(state_count)], []
    for t, g in enumerate(grads, start=1):
        w, *state = step(w, g, state, t)
        path.append(w)
    return np.array(path)


RULES = {
    "sgd": (lambda ps: torch.optim.SGD(ps, lr=LR),
            lambda w, g, s, t: (gradient_descent.gd_update(w, g, LR),), 0),
    "momentum": (lambda ps: torch.optim.SGD(ps, lr=LR, momentum=0.9),
                 lambda w, g, s, t: momentum.momentum_update(w, g, s[0], LR, 0.9), 1),
    "nesterov": (lambda ps: torch.optim.SGD(ps, lr=LR, momentum=0.9, nesterov=True),
                 lambda w, g, s, t: momentum.nesterov_update(w, g, s[0], LR, 0.9), 1),
    "adagrad": (lambda ps: torch.optim.Adagrad(ps, lr=LR, eps=1e-8),
                lambda w, g, s, t: adaptive.adagrad_update(w, g, s[0], LR, 1e-8), 1),
    "rmsprop": (lambda ps: torch.optim.RMSprop(ps, lr=LR, alpha=0.95, eps=1e-8),
                lambda w, g, s, t: adaptive.rmsprop_update(w, g, s[0], LR, 0.95, 1e-8), 1),
    "adam": (lambda ps: torch.optim.Adam(ps, lr=LR, betas=(0.9, 0.999), eps=1e-8),
             lambda w, g, s, t: adam.adam_update(w, g, s[0], s[1], t, LR, 0.9, 0.999, 1e-8), 2),
    "adamw": (lambda ps: torch.optim.AdamW(ps, lr=LR, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
              lambda w, g, s, t: adam.adamw_update(w, g, s[0], s[1], t, LR, 0.8, 0.99, 1e-6, 0.1), 2),
}


@pytest.mark.parametrize("rule", RULES)
def test_update_rule_matches_torch_optim_step_by_step(rule):
    make_optimizer, step, state_count = RULES[rule]
    w0 = np.random.default_rng(1).normal(size=5)
    grads = gradients()
    expected = torch_trajectory(make_optimizer, w0, grads)
    found = ours(step, w0, grads, state_count)
    relative = np.abs(found - expected) / np.maximum(np.abs(expected), 1e-12)
    assert relative.max() < 1e-10, f"{rule}: largest relative error {relative.max():.2e}"


def test_l2_in_sgd_equals_torch_weight_decay():
    """For plain SGD, adding lam*w to the gradient is torch's weight_decay=lam."""
    lam, w0, grads = 0.3, np.ones(5), gradients(seed=3)
    expected = torch_trajectory(lambda ps: torch.optim.SGD(ps, lr=LR, weight_decay=lam), w0, grads)
    w, found = w0.copy(), []
    for g in grads:
        w = gradient_descent.gd_update(w, g + lam * w, LR)
        found.append(w)
    np.testing.assert_allclose(found, expected, rtol=1e-12)


def test_mlp_backward_matches_torch_autograd():
    from autograder.references.network import mlp_backward, mlp_loss

    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(8, 3)), rng.integers(0, 2, size=8).astype(float)
    params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=4), "b2": 0.3}
    tp = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    logits = torch.tanh(torch.tensor(X) @ tp["W1"] + tp["b1"]) @ tp["W2"] + tp["b2"]
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor(y))
    loss.backward()
    assert np.isclose(mlp_loss(X, y, params), loss.item(), rtol=1e-12)
    grads = mlp_backward(X, y, params)
    for key in params:
        np.testing.assert_allclose(grads[key], tp[key].grad.numpy(), rtol=1e-10, atol=1e-14)
