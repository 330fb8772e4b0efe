"""Checks for the l1 chapter (to be written)."""

CHECKS = {}
