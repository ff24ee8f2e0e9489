"""The report sections this app gathers itself, one module each: the timeline, outputs,
actions and their follow-through, and decisions with their outcomes. Each module has the
section's data (a frozen dataclass), ``gather(partnership, *, since, until)`` and ``markdown``."""
