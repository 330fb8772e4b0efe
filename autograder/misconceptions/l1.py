"""Mistakes in the l1 chapter (to be written)."""

MISCONCEPTIONS = []
