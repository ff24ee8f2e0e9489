"""The demo's challenges and actions: what leaders committed to at the January roundtable on
progressive universalism and at the Summit, and how it has gone since.

Recorded through the services at the times they happened (committed at the activity, done
some weeks later), so the timeline and the histories read as they would have. Some actions
are done, some open, one is overdue and one was dropped; both scales of change appear: small
changes in our own organisations, and influencing the large-scale change.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django_scopes import scopes_disabled

from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Person
from equalpartners.programme import selectors as programme_selectors
from equalpartners.programme import services as programme

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


ROUNDTABLE = "Roundtable: progressive universalism"
SUMMIT = "Equal Partners Summit"


def _activity(partnership: Any, kind: str, title: str) -> Any:
    """The story's activity with this title, or else the first of its kind."""
    of_kind = list(programme_selectors.activity_list(user=None, partnership=partnership, kind=kind))
    named = [activity for activity in of_kind if activity.title == title]
    return next(iter(named or of_kind), None)


def _day_of(activity: Any) -> dt.date:
    day: dt.date = activity.starts_at.astimezone(activity.zone).date()
    return day


def add_actions(*, partnership: Any, people: dict[str, Person], actor: Any, today: dt.date) -> None:
    """Add the story's challenges and actions to its roundtable and Summit (once: nothing is
    added if the roundtable already has challenges)."""
    with scopes_disabled():
        roundtable = _activity(partnership, "roundtable", ROUNDTABLE)
        summit = _activity(partnership, "summit", SUMMIT)
        if roundtable is None or summit is None or roundtable.challenges.exists():
            return
        partners = {
            p.organisation.name: p
            for p in partnership_selectors.partners_of(partnership=partnership)
        }
        acosvo = partners["Association of Chief Officers of Scottish Voluntary Organisations"]
        cis = partners["Children in Scotland"]
        vhs = partners["Voluntary Health Scotland"]
        _roundtable(roundtable, people, actor, today, acosvo=acosvo, cis=cis, vhs=vhs)
        _summit(summit, people, actor, today, acosvo=acosvo, cis=cis)
        programme.action_create(
            actor=actor,
            partnership=partnership,
            what="Share the roundtable notes and the actions we committed to with the Scottish "
            "Leaders Forum",
            owner_person=people["Morag Lindsay"],
            owner_partner=acosvo,
            due_on=today + dt.timedelta(days=30),
            scale="large",
            now=_at(today - dt.timedelta(days=7), 10),
        )


def _roundtable(
    roundtable: Any, people: dict[str, Person], actor: Any, today: dt.date, **partners: Any
) -> None:
    day = _day_of(roundtable)
    during = _at(day, 12)
    # Loaded soon after the roundtable, its follow-up still happened before today.
    yesterday = today - dt.timedelta(days=1)
    guest = people["Dr Morven Aitken"]
    small = programme.challenge_create(
        actor=actor,
        activity=roundtable,
        text="What will each of us change in our own organisation, so that our services reach "
        "everyone and do most for those who need them most?",
        posed_by=guest,
        now=_at(day, 11),
    )
    large = programme.challenge_create(
        actor=actor,
        activity=roundtable,
        text="How do we use our voices together to influence the large-scale change that "
        "public service reform needs?",
        posed_by=guest,
        now=_at(day, 11),
    )

    def commit(**values: Any) -> Any:
        return programme.action_create(
            actor=actor,
            partnership=roundtable.partnership,
            activity=roundtable,
            now=during,
            **values,
        )

    fees = commit(
        what="Review our membership fees so that the smallest organisations pay least",
        owner_person=people["Callum Reid"],
        owner_partner=partners["acosvo"],
        due_on=day + dt.timedelta(days=60),
        scale="small",
        challenge=small,
    )
    programme.action_status_change(
        actor=actor,
        action=fees,
        status="done",
        note="The board agreed a sliding scale; it starts with the new membership year.",
        now=_at(min(day + dt.timedelta(days=52), yesterday), 15),
    )
    commit(
        what="Add a question on reaching the people who need us most to our grant application form",
        owner_person=people["Niamh Doherty"],
        owner_partner=partners["vhs"],
        due_on=today - dt.timedelta(days=5),  # overdue
        scale="small",
        challenge=small,
    )
    commit(
        what="Brief the Third Sector Unit on what the roundtable heard about progressive "
        "universalism",
        owner_person=people["Priya Nair"],
        due_on=today + dt.timedelta(days=20),
        scale="large",
        challenge=large,
    )
    statement = commit(
        what="Draft a joint statement with the council on universal children's services",
        owner_person=people["Lorna Watt"],
        owner_partner=partners["cis"],
        due_on=day + dt.timedelta(days=90),
        scale="large",
        challenge=large,
    )
    programme.action_drop(
        actor=actor,
        action=statement,
        reason="Overtaken by the national consultation, which we will answer together instead.",
        now=_at(min(day + dt.timedelta(days=40), yesterday), 11),
    )


def _summit(
    summit: Any, people: dict[str, Person], actor: Any, today: dt.date, **partners: Any
) -> None:
    day = _day_of(summit)
    challenge = programme.challenge_create(
        actor=actor,
        activity=summit,
        text="Take one assets-based idea from today into your own organisation within three "
        "months, and tell us how it went.",
        posed_by=people["Alasdair MacLeod"],
        now=_at(day, 15),
    )

    def commit(**values: Any) -> Any:
        return programme.action_create(
            actor=actor,
            partnership=summit.partnership,
            activity=summit,
            challenge=challenge,
            now=_at(day, 16),
            **values,
        )

    session = commit(
        what="Run an assets-based session for our whole staff team",
        owner_person=people["Kirsty Munro"],
        owner_partner=partners["acosvo"],
        due_on=day + dt.timedelta(days=30),
        scale="small",
    )
    programme.action_status_change(
        actor=actor,
        action=session,
        status="done",
        note="Twenty-two staff took part; three ideas are now in our plan for next year.",
        now=_at(day + dt.timedelta(days=26), 14),
    )
    commit(
        what="Bring young people's voices into our board's next strategy day",
        owner_person=people["Catriona Bell"],
        owner_partner=partners["cis"],
        due_on=today + dt.timedelta(days=10),
        scale="small",
    )
    commit(
        what="Start a network of leaders across sectors who are putting assets-based "
        "approaches into practice",
        owner_person=people["Hannah Scott"],
        due_on=today + dt.timedelta(days=45),
        scale="large",
    )
