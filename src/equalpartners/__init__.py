"""Equal Partners: one place for organisations that work together as equals."""
