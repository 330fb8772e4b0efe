"""Checks for the l2 chapter (to be written)."""

CHECKS = {}
