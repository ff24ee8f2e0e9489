"""Fixtures for the programme tests: the fixture partnership's partners by name."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def partners(partnership: Any) -> dict[str, Any]:
    """The fixture partnership's three partners, by organisation name."""
    return {p.organisation.name: p for p in partnership.partners.select_related("organisation")}
