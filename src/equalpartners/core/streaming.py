"""Streamed responses are read after the view returns, outside the request's tenant scope;
``within_scope`` re-enters it for as long as the stream is being read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from django_scopes import scope

T = TypeVar("T")


def within_scope(items: Iterable[T], **dimensions: Any) -> Iterator[T]:
    with scope(**dimensions):
        yield from items
