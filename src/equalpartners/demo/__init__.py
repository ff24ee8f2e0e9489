"""Demonstration data: the Equal Partners story, and a large generated partnership to measure."""
