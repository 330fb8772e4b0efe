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


def _random_grads(rng, scale):
    n, h = rng.integers(1, 5), rng.integers(1, 9)
    return {"W1": rng.normal(scale=scale, size=(n, h)), "b1": rng.normal(scale=scale, size=h),
            "W2": rng.normal(scale=scale, size=h), "b2": float(rng.normal(scale=scale))}


@pytest.mark.parametrize("scale", [1e-5, 1e-2, 1.0, 30.0, 1e4])
def test_clip_grad_norm_matches_torch_clip_grad_norm_(scale):
    """Random dicts at several scales, max_norm above and below the norm: the clipped
    gradients and the returned norm (before clipping) are torch's, and nothing else changes."""
    from autograder.references.schedules import clip_grad_norm

    rng = np.random.default_rng(int(np.log10(scale) + 10))
    worst = 0.0
    for _ in range(20):
        grads = _random_grads(rng, scale)
        before = {k: np.copy(v) for k, v in grads.items()}
        max_norm = float(rng.choice([0.1, 1.0, 5.0])) * scale
        params = [torch.nn.Parameter(torch.zeros(np.shape(v), dtype=torch.float64)) for v in grads.values()]
        for p, g in zip(params, grads.values()):
            p.grad = torch.tensor(g, dtype=torch.float64)
        expected_norm = torch.nn.utils.clip_grad_norm_(params, max_norm).item()
        clipped, total_norm = clip_grad_norm(grads, max_norm)
        assert isinstance(total_norm, float) and isinstance(clipped["b2"], float)
        worst = max(worst, abs(total_norm - expected_norm) / expected_norm)
        for (key, value), p in zip(clipped.items(), params):
            assert np.shape(value) == np.shape(grads[key])
            expected = p.grad.numpy()
            worst = max(worst, float(np.max(np.abs(value - expected) / np.maximum(np.abs(expected), 1e-300))))
        for key in grads:
            np.testing.assert_array_equal(grads[key], before[key])
    print(f"clip_grad_norm at scale {scale:g}: largest relative error {worst:.1e}")
    assert worst < 1e-12, f"largest relative error {worst:.2e}"


@pytest.mark.parametrize("warmup,total,lr_min", [(5, 40, 0.0), (10, 100, 1e-3), (1, 7, 0.02)])
def test_warmup_cosine_lr_is_cosine_annealing_after_a_linear_warmup(warmup, total, lr_min):
    """Warmup: lr_max*t/warmup. After it, torch's CosineAnnealingLR with
    T_max = total - warmup and eta_min = lr_min, every step up to total_steps; after
    total_steps torch's cosine climbs back up, while ours stays at lr_min."""
    from autograder.references.schedules import warmup_cosine_lr

    lr_max = 0.3
    p = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([p], lr=lr_max)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total - warmup, eta_min=lr_min)
    torch_rates = {}
    for t in range(warmup, 2 * total):   # the scheduler's first rate is update warmup's, lr_max
        torch_rates[t] = opt.param_groups[0]["lr"]
        opt.step()
        sched.step()
    ours = {t: warmup_cosine_lr(t, lr_max, warmup, total, lr_min) for t in range(1, 2 * total)}
    for t in range(1, warmup + 1):
        assert ours[t] == pytest.approx(lr_max * t / warmup, rel=1e-15)
    relative = max(abs(ours[t] - torch_rates[t]) / max(torch_rates[t], 1e-12 * lr_max)  # lr_min = 0 at the end
                   for t in range(warmup, total + 1))
    print(f"warmup_cosine_lr ({warmup}, {total}, {lr_min}): largest relative error {relative:.1e}")
    assert relative < 1e-12, f"largest relative error {relative:.2e}"
    assert all(ours[t] == lr_min for t in range(total, 2 * total))
    assert torch_rates[2 * total - 1] > lr_min + 0.1 * (lr_max - lr_min), "torch's cosine no longer climbs back"
