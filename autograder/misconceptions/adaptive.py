"""Mistakes in the adaptive chapter (to be written)."""

MISCONCEPTIONS = []
