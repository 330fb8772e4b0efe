"""Mistakes in the network chapter (to be written)."""

MISCONCEPTIONS = []
