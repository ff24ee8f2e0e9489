"""The demo story: the Equal Partners partnership as ``load_story`` and ``demo_load`` tell it.

Checks the three partners and their aims, each activity of the story (the opening event,
the research and its report, the January roundtable on progressive universalism led by a
guest, the Third Sector Gathering session, the Summit, the planned joint board session with
the government's third sector unit and the staff exchange), the related initiatives and the
fictional people with their roles; that dates fall around the day the story is loaded; that
it was told through the services (so the history has it); and that loading is idempotent.
"""

from __future__ import annotations

import collections
import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Model

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.demo.story import DEMO_PASSWORD, PEOPLE, SIGN_INS, SLUG, load_story
from equalpartners.partnerships.models import (
    Membership,
    Organisation,
    Partner,
    Partnership,
    Person,
    PublicLink,
    RelatedInitiative,
)
from equalpartners.programme.action_models import Action
from equalpartners.programme.models import Activity, Milestone, Output, Theme
from equalpartners.programme.timeline import timeline_entries

TODAY = dt.date(2026, 3, 15)
MODELS: list[type[Model]] = [
    Partnership,
    Organisation,
    Partner,
    Person,
    Membership,
    Activity,
    Milestone,
    Output,
    Theme,
    RelatedInitiative,
    PublicLink,
    AuditEntry,
    get_user_model(),
]


@pytest.fixture
def story(db):
    return load_story(today=TODAY)


def _counts():
    return {model.__name__: model._default_manager.count() for model in MODELS}


def _activity(story, kind, **filters):
    return story.activities.get(kind=kind, **filters)


def test_the_partnership(story):
    assert story.slug == SLUG == "equal-partners"
    assert story.name == "Equal Partners"
    assert story.is_public
    assert "third sector intermediaries" in story.purpose
    assert "Tackling inequalities" in story.commitments
    assert story.contact_email
    assert story.links.get().url == "https://www.linkedin.com/groups/6941914/"


def test_the_three_partners_and_their_aims(story):
    partners = {p.organisation.name: p for p in story.partners.select_related("organisation")}
    assert set(partners) == {
        "Association of Chief Officers of Scottish Voluntary Organisations",
        "Children in Scotland",
        "Voluntary Health Scotland",
    }
    acosvo = partners["Association of Chief Officers of Scottish Voluntary Organisations"]
    assert str(acosvo) == "ACOSVO"
    assert {p.remit for p in partners.values()} == {"Leadership", "Children", "Health"}
    assert "leaders of Scotland's voluntary organisations" in acosvo.aims
    assert "children and young people" in partners["Children in Scotland"].aims
    assert "health inequalities" in partners["Voluntary Health Scotland"].aims
    for partner in partners.values():
        assert partner.policy_context
        assert partner.leadership_style
        assert partner.joined_on < TODAY


def test_the_opening_event_and_the_research(story):
    opening = _activity(story, "event")
    assert opening.title.startswith("Equal Partners: Leading for children and young people")
    assert opening.lead_partners.count() == 3
    assert (opening.status, opening.visibility) == ("done", "public")
    assert opening.starts_at.date() < TODAY

    research = _activity(story, "research")
    report = story.outputs.get(kind="research")
    assert report.activity == research
    assert report.title.startswith("Cross Sector Partnerships from a Leadership Perspective")
    assert report.is_public
    assert report.partners.count() == 3
    assert opening.starts_at < research.starts_at < research.ends_at
    assert research.ends_at.date() < report.published_on < TODAY


def test_the_january_roundtable_on_progressive_universalism(story):
    roundtable = _activity(story, "roundtable")
    local_start = roundtable.starts_at.astimezone(roundtable.zone)
    assert (local_start.date(), local_start.hour) == (dt.date(2026, 1, 22), 10)
    assert "progressive universalism" in roundtable.title.lower()
    assert "Progressive universalism" in {t.name for t in roundtable.themes.all()}
    assert [p.organisation.name for p in roundtable.lead_partners.all()] == ["Children in Scotland"]
    assert roundtable.co_partners.count() == 2
    (guest,) = roundtable.led_by.all()
    assert guest.organisation.name == "Joseph Rowntree Foundation"
    assert guest.memberships.get(partnership=story).role == Role.GUEST
    notes = roundtable.outputs.get()
    assert notes.published_on == dt.date(2026, 2, 5)


def test_a_roundtable_loaded_in_january_is_the_previous_january(db):
    story = load_story(today=dt.date(2027, 1, 10))
    roundtable = _activity(story, "roundtable")
    assert roundtable.starts_at.astimezone(roundtable.zone).date() == dt.date(2026, 1, 22)


def test_the_gathering_the_summit_and_what_is_planned(story):
    sessions = story.activities.filter(kind="gathering_session")
    session = sessions.get(title__contains="active session")
    assert "Third Sector Gathering" in session.title + session.venue
    assert session.visibility == "public"
    assert sessions.count() == 2  # and the shared stand

    summit = _activity(story, "summit")
    assert summit.title == "Equal Partners Summit"
    assert summit.status == "done"
    assert summit.starts_at.date() < TODAY

    boards = _activity(story, "board_session")
    assert "Third Sector Unit" in boards.title
    assert (boards.status, boards.visibility) == ("planned", "invited")
    assert boards.starts_at.date() > TODAY
    government = {p.organisation.name for p in boards.led_by.all()}
    assert "Scottish Government Third Sector Unit" in government

    exchange = _activity(story, "staff_exchange", title__startswith="Staff teams exchange")
    assert exchange.starts_at.date() > boards.starts_at.date()
    assert exchange.status == "confirmed"
    assert exchange.online_url


def test_the_related_initiatives(story):
    assert {i.name for i in story.related_initiatives.all()} == {
        "Scottish Leaders Forum",
        "Workforce Scotland",
    }
    assert all(i.how_it_fits for i in story.related_initiatives.all())


def test_a_few_dozen_fictional_people_with_roles(story):
    memberships = story.memberships.select_related("person")
    assert 24 <= memberships.count() == len(PEOPLE) <= 60
    roles = collections.Counter(m.role for m in memberships)
    assert set(roles) == set(Role.values)
    assert roles[Role.COORDINATOR] == 1
    assert all(m.person.email.endswith("@example.org") for m in memberships)
    accounts = {s.email: s for s in SIGN_INS}
    signed = [m for m in memberships if m.person.user_id is not None]
    assert {m.person.user.username for m in signed} == set(accounts)
    for membership in signed:
        assert membership.role == accounts[membership.person.user.username].role
        assert membership.person.user.check_password(DEMO_PASSWORD)


def test_the_story_spans_a_past_and_a_future(story):
    entries = list(timeline_entries(user=None, partnership=story))
    assert (
        len(entries)
        == story.activities.count()
        + story.milestones.count()
        + story.outputs.count()
        + story.decisions.count()
        # each action when committed, and again when done
        + Action.objects.filter(partnership=story).count()
        + Action.objects.filter(partnership=story, status="done").count()
    )
    assert [e.on for e in entries] == sorted(e.on for e in entries)
    assert any(e.on < TODAY for e in entries)
    assert any(e.on > TODAY for e in entries)
    public = [e.title for e in timeline_entries(user=None, partnership=story, public_only=True)]
    assert "Equal Partners Summit" in public
    assert not any("Roundtable" in title for title in public)


def test_the_story_is_told_through_the_services(story):
    actions = collections.Counter(
        AuditEntry.objects.filter(partnership=story).values_list("action", flat=True)
    )
    # Eight planned in the programme, and one staff exchange made from the chosen theme.
    assert actions["activity.create"] == story.activities.count() == 9
    assert actions["milestone.create"] == story.milestones.count() == 3
    assert actions["output.create"] == story.outputs.count() == 2


def test_the_command_loads_once_and_then_leaves_it_alone(db):
    out = io.StringIO()
    call_command("demo_load", stdout=out)
    assert "Loaded the demo partnership." in out.getvalue()
    assert "coordinator@example.org" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    loaded = _counts()
    assert loaded["Partnership"] == 1
    assert loaded["Activity"] == 9

    again = io.StringIO()
    call_command("demo_load", stdout=again)
    assert "already loaded" in again.getvalue()
    assert _counts() == loaded


def test_loading_the_story_twice_changes_nothing(story):
    loaded = _counts()
    load_story(today=TODAY)
    assert _counts() == loaded
