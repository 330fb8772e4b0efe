"""Reference implementations of every graded function, one module per chapter topic.

These are the single source of truth: the book imports them for figures and computed
numbers, the checks compare students' functions with them, and ``tests/`` verifies them
against ``torch.optim`` and scikit-learn. They follow the notation of COURSE_SPEC.md:
``X`` is ``(m, n)``, ``y`` is ``(m,)`` in {0, 1}, ``w`` is ``(n,)``, ``b`` is a float, and
optimizer state goes in and comes out explicitly (``t`` is 1-based).
"""
