"""Pure-Python engines (no Django, no app of ours): ballots to results, and the like."""
