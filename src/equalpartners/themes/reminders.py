"""The themes app's part in the regular notifications run: a reminder to place dots, once per
person and call, when voting closes within two days. Nobody who has voted is reminded, and a
reminder is withdrawn as soon as its person votes (``services.dots_save``)."""

from __future__ import annotations

import datetime as dt

from django_scopes import scopes_disabled

from equalpartners.core.templatetags.core_tags import when
from equalpartners.notifications import services as notifications
from equalpartners.themes import selectors
from equalpartners.themes.models import Call

REMIND_WITHIN = dt.timedelta(days=2)
TOPIC = "themes"


def vote_key(call: Call) -> str:
    return f"theme-vote:{call.pk}"


def make_vote_reminders(now: dt.datetime) -> int:
    """Notify each member who may vote in a call closing within two days and has not voted;
    returns how many notifications were made (none twice: the key names the call)."""
    made = 0
    # Across every partnership: the run belongs to none of them.
    with scopes_disabled():
        for call in selectors.calls_closing_soon(now=now, within=REMIND_WITHIN):
            closes = f"{when(call.voting_closed_at, call.time_zone)} ({call.time_zone})"
            for membership in selectors.turnout_of(call=call).not_voted:
                notification = notifications.notify(
                    person=membership.person,
                    partnership=call.partnership,
                    topic=TOPIC,
                    subject=f"Place your dots: {call.title}",
                    body=(
                        f"Voting on the themes for “{call.title}” closes {closes}. You have "
                        f"{call.dot_budget} dots to place on the themes you want most; you can "
                        "change them until voting closes."
                    ),
                    url=call.url_for("vote"),
                    key=vote_key(call),
                )
                made += notification is not None
    return made
