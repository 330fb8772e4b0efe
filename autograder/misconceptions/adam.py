"""Mistakes in the adam chapter (to be written)."""

MISCONCEPTIONS = []
