"""Creating, changing, generating, publishing, withdrawing and deleting learning reports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from equalpartners.core.models import AuditEntry
from equalpartners.programme.selectors import partnership_today
from equalpartners.reports import selectors, services
from equalpartners.reports.models import Report, Run, RunSection, RunStatus
from equalpartners.reports.registry import SECTION_KEYS
from equalpartners.testing import factories as f

from .builders import OWN_SECTIONS, SINCE, UNTIL, generated, report

pytestmark = pytest.mark.django_db


def test_a_report_covers_every_section_by_default_in_report_order(partnership):
    made = services.report_create(
        actor=None, partnership=partnership, title="  Our year  ", since=SINCE, until=UNTIL
    )
    assert made.title == "Our year"
    assert made.sections == list(SECTION_KEYS)
    assert AuditEntry.objects.filter(action="report.create", object_id=str(made.pk)).exists()


def test_sections_are_kept_in_report_order_whatever_order_they_are_chosen_in(partnership):
    made = report(partnership, sections=["decisions", "timeline"])
    assert made.sections == ["timeline", "decisions"]


def test_a_period_out_of_order_is_refused_with_a_clear_error(partnership):
    with pytest.raises(ValidationError) as error:
        report(partnership, since=dt.date(2026, 6, 1), until=dt.date(2026, 5, 31))
    assert error.value.message_dict["until"] == [
        "The period must end on or after the day it starts (1 June 2026)"
    ]
    assert not Report.objects.exists()


def test_a_period_of_one_day_is_fine(partnership):
    assert report(partnership, since=SINCE, until=SINCE).until == SINCE


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ([], "Choose at least one section for the report"),
        (["timeline", "gossip"], "There is no section called gossip"),
    ],
)
def test_sections_must_be_chosen_from_the_list(partnership, sections, message):
    with pytest.raises(ValidationError) as error:
        report(partnership, sections=sections)
    assert error.value.message_dict["sections"] == [message]


def test_a_title_is_needed(partnership):
    with pytest.raises(ValidationError) as error:
        report(partnership, title="   ")
    assert "title" in error.value.message_dict


def test_the_introduction_is_kept_as_plain_text_and_has_a_limit(partnership):
    with pytest.raises(ValidationError) as error:
        report(partnership, introduction="x" * 5001)
    assert "introduction" in error.value.message_dict


def test_generating_snapshots_each_chosen_section_and_the_pdf_is_made_when_first_asked(
    partnership,
):
    made = generated(partnership, sections=["outputs", "timeline"])
    assert made.snapshot_id is not None
    run = Run.objects.get(pk=made.snapshot_id)
    assert run.status == RunStatus.DONE
    assert run.done_sections == 2
    assert run.pdf is None  # nobody has asked for it yet
    made_pdf = services.snapshot_pdf(report=made)
    assert made_pdf is not None
    assert made_pdf[1].startswith(b"%PDF")
    run.refresh_from_db()
    assert run.pdf is not None
    assert bytes(run.pdf) == made_pdf[1]  # kept for the next download
    parts = list(RunSection.objects.filter(run=run))
    assert [(part.key, part.title) for part in parts] == [
        ("timeline", "Timeline"),
        ("outputs", "Outputs"),
    ]
    assert all(part.html.strip() and part.markdown.strip() for part in parts)
    assert AuditEntry.objects.filter(action="report.generate", object_id=str(made.pk)).exists()


def test_regenerating_replaces_the_snapshot_and_keeps_only_the_new_run(partnership):
    made = generated(partnership)
    first = made.snapshot_id
    services.report_generate(actor=None, report=made, wait=True)
    made.refresh_from_db()
    assert made.snapshot_id != first
    assert list(Run.objects.filter(report=made).values_list("pk", flat=True)) == [made.snapshot_id]


def test_the_snapshot_keeps_the_choices_it_was_made_with_until_generated_again(partnership):
    made = generated(partnership)
    services.report_update(
        actor=None,
        report=made,
        title="A new title",
        since=SINCE,
        until=UNTIL,
        sections=["timeline"],
    )
    document = selectors.document_for(report=Report.objects.get(pk=made.pk))
    assert document is not None
    assert document.title == "What we learned working together"
    assert [part.key for part in document.parts] == list(OWN_SECTIONS)


def test_a_second_run_cannot_start_while_one_is_going(partnership):
    made = report(partnership)
    services.report_generate(actor=None, report=made)  # not started: no commit in the test
    with pytest.raises(ValidationError, match="being generated now"):
        services.report_generate(actor=None, report=made)


def test_a_run_that_stopped_beating_shows_as_failed_and_may_be_started_again(partnership):
    made = report(partnership)
    run = services.report_generate(actor=None, report=made)
    long_ago = run.started_at - dt.timedelta(minutes=10)
    Run.objects.filter(pk=run.pk).update(started_at=long_ago, heartbeat_at=long_ago)
    run.refresh_from_db()
    assert run.state_at(dt.datetime.now(dt.UTC)) == RunStatus.FAILED
    again = services.report_generate(actor=None, report=made, wait=True)
    assert again.status == RunStatus.DONE


def test_a_report_is_published_only_once_generated(partnership):
    made = report(partnership)
    with pytest.raises(ValidationError, match="Generate the report before"):
        services.report_publish(actor=None, report=made)


def test_publish_withdraw_and_publish_again_at_the_same_address(partnership):
    made = generated(partnership)
    token = made.public_token
    services.report_publish(actor=None, report=made)
    assert selectors.published_report(token=token) == made
    services.report_withdraw(actor=None, report=made)
    assert selectors.published_report(token=token) is None
    with pytest.raises(ValidationError, match="not published"):
        services.report_withdraw(actor=None, report=made)
    services.report_publish(actor=None, report=made)
    assert selectors.published_report(token=token) == made
    actions = AuditEntry.objects.filter(object_id=str(made.pk)).values_list("action", flat=True)
    assert list(actions).count("report.publish") == 2
    assert "report.withdraw" in actions


def test_public_addresses_differ_and_are_long(partnership):
    first, second = report(partnership), report(partnership)
    assert first.public_token != second.public_token
    assert len(first.public_token) >= 32


def test_deleting_a_report_deletes_its_runs(partnership):
    made = generated(partnership)
    services.report_delete(actor=None, report=made)
    assert not Report.objects.exists()
    assert not Run.objects.exists()
    assert not RunSection.objects.exists()
    assert AuditEntry.objects.filter(action="report.delete").exists()


def test_the_whole_life_runs_from_the_first_record_to_today(partnership):
    # The partners joined on 1 January 2025 (the factory's day).
    today = partnership_today(partnership)
    assert selectors.whole_life(partnership=partnership) == (dt.date(2025, 1, 1), today)
    f.ActivityFactory(partnership=partnership, starts_at=dt.datetime(2020, 2, 2, tzinfo=dt.UTC))
    f.MilestoneFactory(partnership=partnership, date=dt.date(2019, 5, 4))
    assert selectors.whole_life(partnership=partnership) == (dt.date(2019, 5, 4), today)
