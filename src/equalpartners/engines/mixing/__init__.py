"""Mixing people on an equal footing: seating rounds that never repeat a pair, and introductions
that match what one person offers to what another needs.

Ours because it is the product (see docs/engines/mixing.md for the methods and their sources).
Pure Python plus numpy and, for exact small plans, OR-Tools CP-SAT; nothing of Django or our apps.
"""
