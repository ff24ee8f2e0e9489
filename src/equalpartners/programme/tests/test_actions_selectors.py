"""Action selectors: overdue in the partnership's time zone, the list filters and counts, the
selectors other apps use, and who may change an action.

Overdue is open and due before today, where today is the date in the *partnership's* time
zone (not the activity's, nor the server's): at 23:30 UTC on 1 June it is already 2 June in
Auckland, so an action due on 1 June is overdue there and not in London.
"""

from __future__ import annotations

import datetime as dt

import pytest

from equalpartners.core.capabilities import Role, capabilities_of
from equalpartners.programme import action_selectors as selectors
from equalpartners.programme import selectors as programme_selectors
from equalpartners.programme.tests.builders import make_action
from equalpartners.testing import factories as f

JUNE_1 = dt.date(2026, 6, 1)
LATE_ON_JUNE_1 = dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC)


def test_today_is_the_partnerships_date(partnership):
    assert selectors.partnership_today(partnership, LATE_ON_JUNE_1) == dt.date(2026, 6, 2)
    partnership.time_zone = "Pacific/Auckland"
    assert selectors.partnership_today(partnership, LATE_ON_JUNE_1) == dt.date(2026, 6, 2)
    partnership.time_zone = "America/New_York"
    assert selectors.partnership_today(partnership, LATE_ON_JUNE_1) == JUNE_1


@pytest.mark.parametrize(
    ("zone", "overdue"),
    [("America/New_York", False), ("Europe/London", True), ("Pacific/Auckland", True)],
)
def test_overdue_counts_in_the_partnerships_zone(partnership, zone, overdue):
    partnership.time_zone = zone
    partnership.save()
    action = make_action(partnership, due_on=JUNE_1)
    today = selectors.partnership_today(partnership, LATE_ON_JUNE_1)
    assert action.is_overdue_on(today) is overdue
    listed = selectors.actions_of(partnership=partnership, today=today, status="overdue")
    assert list(listed) == ([action] if overdue else [])


def test_only_open_actions_are_overdue(partnership):
    today = dt.date(2026, 6, 2)
    for status in ("open", "done", "dropped"):
        make_action(partnership, due_on=JUNE_1, status=status, what=status)
    make_action(partnership, due_on=today, what="due today")
    listed = selectors.actions_of(partnership=partnership, today=today, status="overdue")
    assert [a.what for a in listed] == ["open"]
    counts = selectors.counts_of(partnership=partnership, today=today)
    assert (counts.open, counts.overdue, counts.done, counts.dropped, counts.total) == (
        2,
        1,
        1,
        1,
        4,
    )


@pytest.fixture
def owned(partnership, partners, make_member, other_partnership):
    """Actions owned by a partner, by a person who works for a partner, and by both."""
    health, leaders = partners["Health Org"], partners["Leaders Org"]
    nurse = make_member(partnership).person
    nurse.organisation = health.organisation
    nurse.save()
    other = make_member(partnership).person
    make_action(other_partnership, what="theirs", owner_partner=other_partnership.partners.get())
    return {
        "people": {"nurse": nurse, "other": other},
        "health": make_action(partnership, what="health", owner_partner=health),
        "nurse": make_action(partnership, what="nurse", owner_person=nurse, scale="large"),
        "both": make_action(partnership, what="both", owner_person=other, owner_partner=leaders),
        "done": make_action(partnership, what="done", owner_person=other, status="done"),
    }


def _whats(actions):
    return sorted(a.what for a in actions)


def test_filter_by_partner_includes_its_people(partnership, partners, owned):
    today = JUNE_1

    def by(name, **kwargs):
        return _whats(
            selectors.actions_of(
                partnership=partnership, today=today, partner_id=partners[name].pk, **kwargs
            )
        )

    assert by("Health Org") == ["health", "nurse"]
    assert by("Leaders Org") == ["both"]
    assert by("Children Org") == []
    other = owned["people"]["other"]
    assert _whats(
        selectors.actions_of(partnership=partnership, today=today, person_id=other.pk)
    ) == ["both", "done"]
    assert _whats(
        selectors.actions_of(
            partnership=partnership, today=today, person_id=other.pk, status="open"
        )
    ) == ["both"]
    assert _whats(selectors.actions_of(partnership=partnership, today=today, scale="large")) == [
        "nurse"
    ]
    # A partner of another partnership matches nothing here.
    assert (
        _whats(
            selectors.actions_of(
                partnership=partnership,
                today=today,
                partner_id=f.PartnerFactory().pk,
            )
        )
        == []
    )


def test_actions_for_person_only_in_partnerships_of_the_viewer(
    partnership, other_partnership, make_member, coordinator
):
    person = make_member(partnership).person
    f.MembershipFactory(partnership=other_partnership, person=person)
    ours = make_action(partnership, owner_person=person)
    make_action(other_partnership, owner_person=person)
    assert list(programme_selectors.actions_for_person(user=coordinator, person=person)) == [ours]
    assert list(programme_selectors.actions_for_person(user=None, person=person)) == []


def test_actions_and_challenges_for_an_activity(partnership, coordinator, make_member):
    activity = f.ActivityFactory(partnership=partnership)
    at_it = make_action(partnership, activity=activity)
    make_action(partnership)  # on its own
    assert list(programme_selectors.actions_for_activity(user=coordinator, activity=activity)) == [
        at_it
    ]
    outsider = make_member(f.PartnershipFactory())
    assert not programme_selectors.actions_for_activity(user=outsider, activity=activity).exists()
    assert not programme_selectors.challenges_for_activity(
        user=outsider, activity=activity
    ).exists()


def test_a_person_who_left_can_still_be_listed_by_their_actions(partnership, other_partnership):
    left = f.PersonFactory()
    make_action(partnership, owner_person=left)
    stranger = f.MembershipFactory(partnership=other_partnership).person
    assert selectors.person_in(partnership=partnership, person_id=left.pk) == left
    assert selectors.person_in(partnership=partnership, person_id=stranger.pk) is None


@pytest.mark.parametrize(
    ("who", "role", "may"),
    [
        ("owner", Role.BOARD_MEMBER, True),
        ("creator", Role.PUBLIC_PARTNER, True),
        ("someone", Role.BOARD_MEMBER, False),
        ("someone", Role.STAFF, True),  # staff manage the programme
        ("owner", Role.GUEST, False),  # guests only look
    ],
)
def test_who_may_change_an_action(partnership, make_member, who, role, may):
    user = make_member(partnership, role)
    owner = user.person if who == "owner" else make_member(partnership).person
    action = make_action(
        partnership, owner_person=owner, created_by=user if who == "creator" else None
    )
    assert (
        selectors.may_change_action(user=user, action=action, capabilities=capabilities_of(role))
        is may
    )
