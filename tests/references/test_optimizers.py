"""Do the steppers the pages train with apply the reference rules, state carried along?"""
import numpy as np

from autograder import optimizers
from autograder.references.adam import adam_update


def test_adam_stepper_equals_calling_adam_update_with_the_state_and_count():
    rng = np.random.default_rng(0)
    grads = rng.normal(size=(5, 3))
    step, w, state = optimizers.adam_(0.1), np.ones(3), None
    w_ref, m, v = np.ones(3), np.zeros(3), np.zeros(3)
    for t, g in enumerate(grads, start=1):
        w, state = step(w, g, state, t)
        w_ref, m, v = adam_update(w_ref, g, m, v, t, 0.1, 0.9, 0.999, 1e-8)
    np.testing.assert_array_equal(w, w_ref)
    np.testing.assert_array_equal(state[0], m)


def test_decayed_stepper_shrinks_the_rate():
    step = optimizers.decayed(optimizers.sgd, 1.0, 1.0)
    assert step(np.zeros(1), np.ones(1), None, 1)[0][0] == -1.0
    assert step(np.zeros(1), np.ones(1), None, 3)[0][0] == -1 / 3
