"""Checks for the network chapter (to be written)."""

CHECKS = {}
