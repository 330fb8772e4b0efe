"""Checks for the minibatch chapter (to be written)."""

CHECKS = {}
