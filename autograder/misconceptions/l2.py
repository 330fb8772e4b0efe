"""Mistakes in the l2 chapter (to be written)."""

MISCONCEPTIONS = []
