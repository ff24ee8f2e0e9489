"""What is taken back from the learning section leaves reports already generated: a teller's
consent, a reflection made private, taken out or deleted, a choice taken back. The report is
hidden everywhere in the same commit, and shown again once it is generated without it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.learning import round_services, services, story_services
from equalpartners.learning.models import Selection
from equalpartners.learning.tests.builders import (
    client_for,
    domain,
    member_of,
    partner_named,
    reflection,
    selection_round,
    story,
)
from equalpartners.reports import generation
from equalpartners.reports import services as report_services
from equalpartners.reports.models import Report, Run

from .builders import generated, published

pytestmark = pytest.mark.django_db

SINCE, UNTIL = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
WRITTEN = dt.datetime(2025, 3, 12, 12, 0, tzinfo=dt.UTC)
STORY = "A council that calls us first"
REFLECTION = "Sharing the chair"
UPDATING = "This report is being updated"


@pytest.fixture
def world(partnership: Any) -> dict[str, Any]:
    """A story its teller agreed to share, chosen in a round, and a public reflection chosen
    for the report, both in 2025."""
    lead = member_of(partnership, partner_named(partnership, "Leaders Org"), Role.PARTNER_LEAD)
    teller = member_of(partnership, partner_named(partnership, "Health Org"))
    told = story(teller, domain(lead), title=STORY)
    spring = selection_round(lead, [told, story(teller, told.domain, title="Another")])
    round_services.round_choose(
        actor=None, selection_round=spring, membership=lead, story=told, reasons="Trust grew."
    )
    written = reflection(teller, "public", title=REFLECTION, at=WRITTEN)
    services.reflection_choose_for_report(
        actor=None, reflection=written, membership=lead, for_report=True
    )
    return {"lead": lead, "teller": teller, "story": told, "reflection": written}


def _published(partnership: Any, **values: Any) -> Report:
    values.setdefault("sections", ["timeline", "learning"])
    return published(partnership, since=SINCE, until=UNTIL, **values)


def test_a_teller_withdraws_consent_and_the_public_page_no_longer_shows_the_story(
    partnership, world, django_capture_on_commit_callbacks
):
    made = _published(partnership)
    anyone = Client()
    assert STORY in anyone.get(made.public_url_for()).content.decode()

    teller = client_for(world["teller"])
    edit = f"/p/{partnership.slug}/learning/stories/{world['story'].pk}/edit/"
    with django_capture_on_commit_callbacks() as waiting:  # generating again waits for these
        response = teller.post(edit, {})  # the consent box, unticked
    assert response.status_code == 302
    world["story"].refresh_from_db()
    assert world["story"].consent_to_publish is False

    # Hidden at once, everywhere, until it is generated again.
    page = anyone.get(made.public_url_for()).content.decode()
    assert UPDATING in page
    assert STORY not in page
    for download in ("pdf", "markdown"):
        response = anyone.get(made.public_url_for(download))
        assert response["Location"] == made.public_url_for()
    lead = client_for(world["lead"])
    member_page = lead.get(made.get_absolute_url()).content.decode()
    assert "Something in this report was taken back" in member_page
    assert STORY not in member_page
    assert lead.get(made.url_for("pdf"))["Location"] == made.get_absolute_url()

    for callback in waiting:
        callback()
    page = anyone.get(made.public_url_for()).content.decode()
    assert UPDATING not in page
    assert STORY not in page
    assert REFLECTION in page  # what was not taken back stays
    assert "A council" not in anyone.get(made.public_url_for("markdown")).content.decode()
    made.refresh_from_db()
    assert made.stale_since is None
    assert made.is_published
    entry = AuditEntry.objects.filter(action="report.generate").latest("id")
    assert entry.actor_id is None
    assert "taken back" in entry.data["reason"]


def _make_private(world: dict[str, Any]) -> None:
    written = world["reflection"]
    services.reflection_update(
        actor=None,
        reflection=written,
        membership=world["teller"],
        title=written.title,
        what_worked=written.what_worked,
        what_was_hard="",
        do_differently="",
        visibility="partnership",
    )


def _take_out(world: dict[str, Any]) -> None:
    services.reflection_choose_for_report(
        actor=None, reflection=world["reflection"], membership=world["lead"], for_report=False
    )


def _delete(world: dict[str, Any]) -> None:
    services.reflection_delete(
        actor=None, reflection=world["reflection"], membership=world["teller"]
    )


def _take_back_the_choice(world: dict[str, Any]) -> None:
    round_services.round_unchoose(
        actor=None, selection=Selection.objects.get(), membership=world["lead"]
    )


@pytest.mark.parametrize(
    ("take_back", "gone"),
    [
        (_make_private, REFLECTION),
        (_take_out, REFLECTION),
        (_delete, REFLECTION),
        (_take_back_the_choice, STORY),
    ],
    ids=["made-private", "taken-out", "deleted", "choice-taken-back"],
)
def test_whatever_leaves_the_learning_section_leaves_the_published_report(
    partnership, world, take_back, gone, django_capture_on_commit_callbacks
):
    made = _published(partnership)
    anyone = Client()
    assert gone in anyone.get(made.public_url_for()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        take_back(world)
    page = anyone.get(made.public_url_for()).content.decode()
    assert gone not in page
    assert UPDATING not in page


def test_a_report_without_the_learning_section_is_left_as_it_is(
    partnership, world, django_capture_on_commit_callbacks
):
    made = _published(partnership, sections=["timeline"])
    with django_capture_on_commit_callbacks(execute=True):
        _take_out(world)
    made.refresh_from_db()
    assert made.stale_since is None
    assert Run.objects.filter(report=made).count() == 1


def test_an_unpublished_report_is_made_again_too_so_publishing_it_later_is_safe(
    partnership, world, django_capture_on_commit_callbacks
):
    made = generated(partnership, since=SINCE, until=UNTIL, sections=["learning"])
    with django_capture_on_commit_callbacks(execute=True):
        _take_out(world)
    report_services.report_publish(actor=None, report=made)
    page = Client().get(made.public_url_for()).content.decode()
    assert REFLECTION not in page
    assert STORY in page


def test_a_run_started_before_the_withdrawal_does_not_bring_the_report_back(
    partnership, world, django_capture_on_commit_callbacks
):
    made = _published(partnership)
    with django_capture_on_commit_callbacks():
        before = report_services.report_generate(actor=None, report=made)
    with django_capture_on_commit_callbacks():
        story_services.story_update(
            actor=None, record=world["story"], membership=world["lead"], consent_to_publish=False
        )
    after = Run.objects.filter(report=made).latest("id")
    assert after.pk != before.pk
    assert after.title == before.title

    generation.generate(run_id=before.pk)  # it may have read the story before it left
    made.refresh_from_db()
    assert made.is_being_updated
    assert UPDATING in Client().get(made.public_url_for()).content.decode()

    generation.generate(run_id=after.pk)
    made.refresh_from_db()
    assert not made.is_being_updated
    assert made.snapshot_id == after.pk
    assert STORY not in Client().get(made.public_url_for()).content.decode()


def test_it_is_made_again_as_it_was_generated_not_as_it_was_changed_since(
    partnership, world, django_capture_on_commit_callbacks
):
    made = _published(partnership, title="As published")
    report_services.report_update(
        actor=None,
        report=made,
        title="A draft title nobody has reviewed",
        since=SINCE,
        until=UNTIL,
        sections=["learning"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        _take_out(world)
    made.refresh_from_db()
    assert made.snapshot_id is not None
    snapshot = Run.objects.get(pk=made.snapshot_id)
    assert (snapshot.title, snapshot.sections) == ("As published", ["timeline", "learning"])
