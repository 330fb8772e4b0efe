"""Checks for the adaptive chapter (to be written)."""

CHECKS = {}
