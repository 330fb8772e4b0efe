"""Mistakes in the minibatch chapter (to be written)."""

MISCONCEPTIONS = []
