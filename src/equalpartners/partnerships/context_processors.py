"""Puts the current partnership and what the visitor may do in it into every template."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def partnership(request: HttpRequest) -> dict[str, Any]:
    return {
        "partnership": getattr(request, "partnership", None),
        "membership": getattr(request, "membership", None),
        "capabilities": getattr(request, "capabilities", frozenset()),
    }
