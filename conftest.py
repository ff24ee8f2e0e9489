"""Shared fixtures for every test, from ``equalpartners.testing``."""

pytest_plugins = ["equalpartners.testing.fixtures"]
