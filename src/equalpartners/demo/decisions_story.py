"""The demo's joint decisions: where the shared stand went, the staff teams' themes, and when the
three boards can meet.

The stand-siting decision is the story's one near-disagreement: each partner wanted the stand
beside its own people, and the compromise (by the café, where everyone passes) was every
partner's second choice, so it beats each favourite head to head. Votes are cast through the
services at the times they were cast, as a person would have cast them then.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from equalpartners.decisions import selectors as decision_selectors
from equalpartners.decisions import services as decisions
from equalpartners.decisions.services import OptionSpec
from equalpartners.partnerships import selectors as partnership_selectors

LONDON = zoneinfo.ZoneInfo("Europe/London")

ENTRANCE = "At the entrance to the main hall"
GOVERNMENT = "Beside the Scottish Government's stand"
HEALTH = "In the health and wellbeing zone"
CAFE = "Next to the café and seating area"

# Each partner's people put their own favourite first and the café second.
STAND_BALLOTS = {
    "ACOSVO": [
        [GOVERNMENT, CAFE, ENTRANCE, HEALTH],
        [GOVERNMENT, CAFE, HEALTH, ENTRANCE],
        [CAFE, GOVERNMENT, ENTRANCE, HEALTH],
        [GOVERNMENT, CAFE, ENTRANCE],
        [GOVERNMENT, ENTRANCE, CAFE, HEALTH],
    ],
    "CiS": [
        [ENTRANCE, CAFE, HEALTH, GOVERNMENT],
        [ENTRANCE, CAFE, GOVERNMENT, HEALTH],
        [ENTRANCE, CAFE],
        [CAFE, ENTRANCE, HEALTH, GOVERNMENT],
        [ENTRANCE, HEALTH, CAFE, GOVERNMENT],
        [ENTRANCE, CAFE, HEALTH],
        [HEALTH, CAFE, ENTRANCE, GOVERNMENT],
    ],
    "VHS": [
        [HEALTH, CAFE, GOVERNMENT, ENTRANCE],
        [HEALTH, CAFE, ENTRANCE, GOVERNMENT],
        [HEALTH, GOVERNMENT, CAFE, ENTRANCE],
        [CAFE, HEALTH, ENTRANCE, GOVERNMENT],
    ],
}

THEMES = [
    "Leading through cost-of-living pressures",
    "Children's voices in health services",
    "Wellbeing of the third sector workforce",
    "Sharing data across sectors",
]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def _ranking_by_id(labels: list[str], ids: dict[str, int]) -> dict[str, Any]:
    return {"ranking": [[ids[label]] for label in labels]}


def add_decisions(
    *,
    partnership: Any,
    partners: dict[str, Any],
    people: dict[str, Any],
    actor: Any,
    today: dt.date,
) -> None:
    _stand_siting(partnership, partners, actor, today)
    _staff_themes(partnership, partners, people, actor, today)
    _board_meeting_time(partnership, partners, people, actor, today)


def _members_of(partnership: Any, partner: Any, roles: set[str]) -> list[Any]:
    return [
        m
        for m in partnership_selectors.people_of(partnership=partnership, partner_id=partner.pk)
        if m.role in roles
    ]


def _stand_siting(partnership: Any, partners: dict[str, Any], actor: Any, today: dt.date) -> None:
    gathering_day = today - dt.timedelta(days=250)
    opens = _at(gathering_day - dt.timedelta(days=42), 9)
    closes = _at(gathering_day - dt.timedelta(days=28), 17)
    decision = decisions.decision_create(
        actor=actor,
        partnership=partnership,
        question="Where should our shared stand at the Third Sector Gathering go?",
        context="We have one stand for the three of us. Each of us would like it near our own "
        "people; rank the sites so that we find the place we can all live with.",
        method="ranked_pairs",
        weighting="partner",
        opens_at=opens,
        closes_at=closes,
        time_zone="Europe/London",
        options=[
            OptionSpec(ENTRANCE, "Where children's sector delegates arrive"),
            OptionSpec(GOVERNMENT, "Where civil servants and policy people gather"),
            OptionSpec(HEALTH, "Among the health charities' stands"),
            OptionSpec(CAFE, "Where everyone passes at least once a day"),
        ],
        draw_tie_break=True,
    )
    ids = {o.label: o.pk for o in decision_selectors.options_of(decision=decision)}
    voters = ["partner_lead", "staff", "board_member"]
    moment = opens + dt.timedelta(hours=2)
    for key, ballots in STAND_BALLOTS.items():
        members = _members_of(partnership, partners[key], set(voters))
        # Not everyone voted: the first people listed did, one ballot each.
        assert len(ballots) <= len(members), f"{key} has more ballots than voters"
        for membership, ranking in zip(members, ballots, strict=False):
            moment += dt.timedelta(hours=7)
            _vote(decision, membership, _ranking_by_id(ranking, ids), at=moment)
    cafe = decision_selectors.option_in(decision=decision, option_id=ids[CAFE])
    decisions.decision_record_outcome(
        actor=actor,
        decision=decision,
        outcome="The stand goes next to the café and seating area. It was no partner's first "
        "choice but every partner's second, and it beats each favourite head to head: a "
        "compromise we could all agree on, and the busiest spot in the hall.",
        chosen_option=cafe,
        at=closes + dt.timedelta(days=1),
    )


def _staff_themes(
    partnership: Any, partners: dict[str, Any], people: dict[str, Any], actor: Any, today: dt.date
) -> None:
    """Open now: staff teams place dots on the themes they want their networks to take up."""
    now = dt.datetime.now(LONDON).replace(second=0, microsecond=0)
    decision = decisions.decision_create(
        actor=actor,
        partnership=partnership,
        question="Which themes should the staff teams' networks take up first?",
        context="Staff teams proposed these themes. Place your dots on the ones you want to "
        "work on with colleagues from the other partners.",
        method="dot",
        dot_budget=5,
        weighting="partner",
        voter_roles=["staff", "partner_lead"],
        opens_at=now - dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=11),
        time_zone="Europe/London",
        results_live=True,
        proposals_allowed=True,
        options=[OptionSpec(theme) for theme in THEMES],
    )
    ids = [o.pk for o in decision_selectors.options_of(decision=decision)]
    plans = {
        "Kirsty Munro": {ids[0]: 3, ids[2]: 2},
        "Ishbel Grant": {ids[1]: 4, ids[2]: 1},
        "Niamh Doherty": {ids[1]: 2, ids[2]: 2, ids[3]: 1},
        "Euan Stewart": {ids[2]: 3, ids[3]: 2},
    }
    for name, dots in plans.items():
        _vote(
            decision,
            _membership_of(partnership, people[name]),
            {"dots": {str(k): v for k, v in dots.items()}},
            at=now - dt.timedelta(days=2),
        )


def _board_meeting_time(
    partnership: Any, partners: dict[str, Any], people: dict[str, Any], actor: Any, today: dt.date
) -> None:
    """Open now: when can the three boards meet the government's third sector unit?"""
    now = dt.datetime.now(LONDON).replace(second=0, microsecond=0)
    weekdays = [
        day
        for day in (today + dt.timedelta(days=40 + n) for n in range(21))
        if day.weekday() < 5  # boards meet on working days
    ]
    slots = weekdays[0:9:4][:3]
    decision = decisions.decision_create(
        actor=actor,
        partnership=partnership,
        question="When can the three boards meet with the government's third sector unit?",
        context="A joint learning session of the three boards. A time counts only if each "
        "partner can bring at least two board members.",
        method="time_poll",
        weighting="person",
        voter_roles=["board_member", "partner_lead"],
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=9),
        time_zone="Europe/London",
        quorum_per_partner=2,
        options=[OptionSpec.time_slot(_at(day, 14), _at(day, 16)) for day in slots],
    )
    ids = [o.pk for o in decision_selectors.options_of(decision=decision)]
    answers = {
        "Shona Paterson": [2, 1, 0],
        "Alasdair MacLeod": [2, 2, 1],
        "Catriona Bell": [1, 2, 2],
        "Rhona Campbell": [2, 0, 2],
        "Douglas Kerr": [0, 2, 2],
        "Marek Nowak": [2, 2, 0],
        "Fiona Barr": [1, 2, 2],
    }
    for name, grades in answers.items():
        _vote(
            decision,
            _membership_of(partnership, people[name]),
            {"grades": {str(i): g for i, g in zip(ids, grades, strict=True)}},
            at=now - dt.timedelta(hours=5),
        )


def _membership_of(partnership: Any, person: Any) -> Any:
    return next(
        m for m in partnership_selectors.people_of(partnership=partnership) if m.person == person
    )


def _vote(decision: Any, membership: Any, content: dict[str, Any], *, at: dt.datetime) -> None:
    """A member's vote, cast as they would have cast it at that moment."""
    decisions.ballot_cast(
        actor=membership.person.user,
        decision=decision,
        membership=membership,
        content=content,
        at=at,
    )
