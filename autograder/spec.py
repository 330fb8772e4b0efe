"""The course's graded items as COURSE_SPEC.md lists them, in chapter order.

Topic names are the module names of ``references``, ``misconceptions`` and ``checks``;
assignment names are the folders of ``solutions/``, ``exercises/`` and ``book/``.
"""

ASSIGNMENTS = {
    "01-gradient-descent": "gradient_descent",
    "02-minibatch-sgd": "minibatch",
    "03-momentum": "momentum",
    "04-adagrad-rmsprop": "adaptive",
    "05-adam": "adam",
    "06-l2": "l2",
    "07-l1": "l1",
    "08-two-layer-network": "network",
    "09-schedules-and-clipping": "schedules",
}

GRADED = {
    "01-gradient-descent": ("sigmoid", "log_loss", "log_loss_grad", "gd_update"),
    "02-minibatch-sgd": ("make_minibatches",),
    "03-momentum": ("momentum_update", "nesterov_update"),
    "04-adagrad-rmsprop": ("adagrad_update", "rmsprop_update"),
    "05-adam": ("adam_update", "adamw_update"),
    "06-l2": ("l2_penalty", "l2_penalty_grad", "regularized_log_loss", "regularized_log_loss_grad"),
    "07-l1": ("l1_penalty", "l1_subgradient", "soft_threshold", "proximal_gd_update"),
    "08-two-layer-network": ("numerical_gradient", "relative_error", "mlp_forward", "mlp_loss", "mlp_backward"),
    "09-schedules-and-clipping": ("clip_grad_norm", "warmup_cosine_lr"),
}
"""Assignment -> the spec's graded functions (chapters may grade more, see ``checks``)."""

TOPICS = tuple(ASSIGNMENTS.values())
LABELS = {a: "ch-" + topic.replace("_", "-") for a, topic in ASSIGNMENTS.items()}
"""Assignment -> the MyST label its page starts with, ``(ch-<topic with dashes>)=``; the
checklist and the mistakes tables link chapters through it."""
ALL_FUNCTIONS = tuple(f for names in GRADED.values() for f in names)
TOPIC_OF = {f: ASSIGNMENTS[a] for a, names in GRADED.items() for f in names}


def function_of_test(grade_id: str, names: list[str]) -> str | None:
    """The graded item a test cell tests: the longest name with ``test_<name>_`` as prefix
    (the spec's rule for grade ids)."""
    matches = [n for n in names if grade_id.startswith(f"test_{n}_") or grade_id == f"test_{n}"]
    return max(matches, key=len, default=None)


HIDDEN_TESTS_MARKER = "### BEGIN HIDDEN TESTS"
"""nbgrader's marker of the hidden part of a test cell."""
