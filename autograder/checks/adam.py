"""Checks for the adam chapter (to be written)."""

CHECKS = {}
