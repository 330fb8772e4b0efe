"""Mistakes in the momentum chapter (to be written)."""

MISCONCEPTIONS = []
