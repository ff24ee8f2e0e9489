"""Network growth: density, centralization, mixing across sectors, brokerage and new ties.

Pure (no Django, nothing of ours): people and dated ties in, figures out, so the web pages, the
command line and the benchmark measure exactly the same way. The definitions, with references,
are in docs/engines/networks.md.
"""

from .measure import measure
from .model import ROLES, Measures, Member, NetworkInputError, PersonFigures, Tie

__all__ = [
    "ROLES",
    "Measures",
    "Member",
    "NetworkInputError",
    "PersonFigures",
    "Tie",
    "measure",
]
