"""Checks for the momentum chapter (to be written)."""

CHECKS = {}
