"""Signing in and out, and resetting a forgotten password, with Django's own views."""
