"""What other apps hear when something leaves the learning report.

The learning report is kept as a snapshot by the reports app, which sits above this one (this
app never imports it). When a teller withdraws their consent, or a reflection is made anything
but public, taken out of the report or deleted, what was published must not stay published.
So the reports app registers a callback in its ``AppConfig.ready()``::

    from equalpartners.learning.hooks import on_withdrawn
    on_withdrawn(reports_refresh_learning)

and the learning services call ``withdrawn(partnership=...)`` inside their transaction. Callbacks
run there and then, so what they write (a snapshot marked out of date) commits or rolls back
with the withdrawal itself; slow work (generating again) they start after the commit.
"""

from __future__ import annotations

from typing import Any, Protocol


class WithdrawnCallback(Protocol):
    def __call__(self, *, partnership: Any) -> object: ...


_callbacks: list[WithdrawnCallback] = []


def on_withdrawn(callback: WithdrawnCallback) -> None:
    """Call ``callback(partnership=...)`` whenever something leaves the learning report (once:
    registering the same function again changes nothing)."""
    if callback not in _callbacks:
        _callbacks.append(callback)


def withdrawn(*, partnership: Any) -> None:
    """Something of ``partnership`` left the learning report: tell every callback, inside the
    caller's transaction. A callback that fails fails the withdrawal, rather than leave it
    published."""
    for callback in list(_callbacks):
        callback(partnership=partnership)
