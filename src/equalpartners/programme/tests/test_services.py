"""Programme services: creating, changing and deleting activities, milestones and outputs.

Covers validation (each error names its field and nothing is written), the audit entries
every write leaves, partners and people from another partnership, themes, and how times are
stored: in UTC, converted from the activity's own time zone, across the clocks changing.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from equalpartners.core.models import AuditEntry
from equalpartners.programme import services
from equalpartners.programme.models import Activity, Milestone, Output, Theme
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC = dt.UTC


def _create(coordinator, partnership, **overrides):
    values = {
        "actor": coordinator,
        "partnership": partnership,
        "kind": "roundtable",
        "title": "Roundtable: progressive universalism",
        "starts_at": dt.datetime(2026, 7, 10, 10, tzinfo=LONDON),
        "ends_at": dt.datetime(2026, 7, 10, 13, tzinfo=LONDON),
        "time_zone": "Europe/London",
    }
    return services.activity_create(**{**values, **overrides})


def _counts():
    return (
        Activity.objects.count(),
        Theme.objects.count(),
        AuditEntry.objects.count(),
        Activity.lead_partners.through.objects.count(),
    )


def _stored(activity):
    """The activity as the database returns it."""
    return Activity.objects.get(pk=activity.pk)


# Activities: creating


def test_a_summary_over_five_thousand_characters_is_refused_and_nothing_is_written(
    coordinator, partnership
):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        _create(coordinator, partnership, summary="x" * 5001)
    assert "summary" in refused.value.message_dict
    assert _counts() == before


def test_create_writes_the_activity_its_relations_themes_and_an_audit_entry(
    coordinator, partnership, partners
):
    leaders = partners["Leaders Org"]
    person = coordinator.person
    activity = _create(
        coordinator,
        partnership,
        summary="What action will each of us take?",
        themes=["Tackling inequalities", " Public service reform ", "", "tackling inequalities"],
        lead_partners=[leaders],
        co_partners=[partners["Health Org"]],
        led_by=[person],
        venue="Glasgow",
        online_url="https://meet.example.org/r",
        status="confirmed",
        visibility="public",
    )
    stored = _stored(activity)
    assert stored.title == "Roundtable: progressive universalism"
    assert stored.partnership == partnership
    assert (stored.venue, stored.status, stored.visibility) == ("Glasgow", "confirmed", "public")
    assert list(stored.lead_partners.all()) == [leaders]
    assert list(stored.co_partners.all()) == [partners["Health Org"]]
    assert list(stored.led_by.all()) == [person]
    # Blank names are dropped, spaces trimmed, and the same name in another case is one theme.
    assert sorted(t.name for t in stored.themes.all()) == [
        "Public service reform",
        "Tackling inequalities",
    ]
    entry = AuditEntry.objects.get(action="activity.create")
    assert entry.object_id == str(activity.pk)
    assert entry.partnership == partnership
    assert entry.actor == coordinator
    assert entry.data == {"title": activity.title, "kind": "roundtable", "status": "confirmed"}


def test_themes_are_reused_across_activities_whatever_their_case(coordinator, partnership):
    first = _create(coordinator, partnership, themes=["Leadership"])
    second = _create(coordinator, partnership, title="Another", themes=["LEADERSHIP", "Health"])
    assert Theme.objects.filter(partnership=partnership).count() == 2
    assert set(first.themes.all()) < set(second.themes.all())


def test_a_theme_name_longer_than_allowed_is_shortened_and_then_reused(coordinator, partnership):
    long_name = "Leadership " * 12  # 132 characters; a theme name holds 100
    first = _create(coordinator, partnership, themes=[long_name])
    second = _create(coordinator, partnership, title="Again", themes=[long_name])
    assert Theme.objects.filter(partnership=partnership).count() == 1
    assert list(first.themes.all()) == list(second.themes.all())
    assert len(first.themes.get().name) == 100


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": dt.datetime(2026, 7, 10, 9, 59, tzinfo=LONDON)}, "ends_at"),
        ({"time_zone": "Europe/Atlantis"}, "time_zone"),
        ({"title": "x" * 201}, "title"),
        ({"title": ""}, "title"),
        ({"kind": "party"}, "kind"),
        ({"status": "someday"}, "status"),
        ({"visibility": "everyone"}, "visibility"),
        ({"online_url": "not a link"}, "online_url"),
    ],
)
def test_invalid_values_name_their_field_and_write_nothing(
    coordinator, partnership, overrides, field
):
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        _create(coordinator, partnership, themes=["A new theme"], **overrides)
    assert field in caught.value.message_dict
    assert _counts() == before


def test_an_activity_may_end_when_it_starts(coordinator, partnership):
    moment = dt.datetime(2026, 7, 10, 10, tzinfo=LONDON)
    activity = _create(coordinator, partnership, starts_at=moment, ends_at=moment)
    assert _stored(activity).ends_at == _stored(activity).starts_at


@pytest.mark.parametrize("field", ["lead_partners", "co_partners"])
def test_a_partner_from_another_partnership_is_rejected(
    coordinator, partnership, other_partnership, field
):
    outsider = other_partnership.partners.get()
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        _create(coordinator, partnership, **{field: [outsider]})
    assert field in caught.value.message_dict
    assert _counts() == before


def test_a_person_who_is_not_a_member_cannot_lead_an_activity(coordinator, partnership):
    stranger = f.PersonFactory()
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        _create(coordinator, partnership, led_by=[stranger])
    assert "led_by" in caught.value.message_dict
    assert _counts() == before


# Activities: times


def test_a_summer_time_in_london_is_stored_an_hour_earlier_in_utc(coordinator, partnership):
    activity = _create(coordinator, partnership)  # 10:00 to 13:00 on 10 July, London
    stored = _stored(activity)
    assert stored.starts_at == dt.datetime(2026, 7, 10, 9, tzinfo=UTC)
    assert stored.starts_at.utcoffset() == dt.timedelta(0)
    assert (stored.starts_at.hour, stored.ends_at.hour) == (9, 12)
    assert stored.starts_at.astimezone(stored.zone).hour == 10


def test_a_winter_time_in_london_is_the_same_in_utc(coordinator, partnership):
    activity = _create(
        coordinator,
        partnership,
        starts_at=dt.datetime(2026, 1, 22, 10, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 1, 22, 13, tzinfo=LONDON),
    )
    stored = _stored(activity)
    assert (stored.starts_at.hour, stored.ends_at.hour) == (10, 13)
    assert stored.starts_at.utcoffset() == dt.timedelta(0)


def test_a_time_in_another_zone_is_converted_from_that_zone(coordinator, partnership):
    activity = _create(
        coordinator,
        partnership,
        time_zone="America/New_York",
        starts_at=dt.datetime(2026, 7, 10, 10, tzinfo=NEW_YORK),
        ends_at=dt.datetime(2026, 7, 10, 11, tzinfo=NEW_YORK),
    )
    stored = _stored(activity)
    assert stored.starts_at == dt.datetime(2026, 7, 10, 14, tzinfo=UTC)
    assert stored.time_zone == "America/New_York"
    assert stored.starts_at.astimezone(stored.zone).hour == 10


def test_the_day_the_clocks_go_forward(coordinator, partnership):
    """Sunday 29 March 2026: 01:00 GMT becomes 02:00 BST."""
    before = _create(
        coordinator,
        partnership,
        title="Saturday",
        starts_at=dt.datetime(2026, 3, 28, 10, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 3, 28, 11, tzinfo=LONDON),
    )
    overnight = _create(
        coordinator,
        partnership,
        title="Overnight",
        starts_at=dt.datetime(2026, 3, 28, 22, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 3, 29, 3, tzinfo=LONDON),
    )
    after = _create(
        coordinator,
        partnership,
        title="Sunday",
        starts_at=dt.datetime(2026, 3, 29, 10, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 3, 29, 11, tzinfo=LONDON),
    )
    assert _stored(before).starts_at.hour == 10
    assert _stored(after).starts_at.hour == 9
    stored = _stored(overnight)
    assert (stored.starts_at.hour, stored.ends_at.hour) == (22, 2)
    assert stored.ends_at - stored.starts_at == dt.timedelta(hours=4)  # an hour went missing


def test_the_day_the_clocks_go_back(coordinator, partnership):
    """Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice."""
    first = _create(
        coordinator,
        partnership,
        title="First 01:30",
        starts_at=dt.datetime(2026, 10, 25, 1, 30, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 10, 25, 1, 45, tzinfo=LONDON),
    )
    second = _create(
        coordinator,
        partnership,
        title="Second 01:30",
        starts_at=dt.datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 10, 25, 1, 45, fold=1, tzinfo=LONDON),
    )
    assert _stored(first).starts_at == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert _stored(second).starts_at == dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


# Activities: changing


def test_update_changes_fields_and_records_what_changed(coordinator, partnership):
    activity = _create(coordinator, partnership)
    services.activity_update(
        actor=coordinator, activity=activity, title="Renamed", status="done", venue="Perth"
    )
    stored = _stored(activity)
    assert (stored.title, stored.status, stored.venue) == ("Renamed", "done", "Perth")
    entry = AuditEntry.objects.filter(action="activity.update").get()
    assert entry.object_id == str(activity.pk)
    assert entry.actor == coordinator
    assert entry.data["changes"] == {
        "title": {"from": "Roundtable: progressive universalism", "to": "Renamed"},
        "status": {"from": "planned", "to": "done"},
        "venue": {"from": "", "to": "Perth"},
    }


def test_update_records_changed_partners_and_themes(coordinator, partnership, partners):
    activity = _create(
        coordinator, partnership, themes=["Leadership"], lead_partners=[partners["Leaders Org"]]
    )
    services.activity_update(
        actor=coordinator,
        activity=activity,
        lead_partners=[partners["Health Org"]],
        themes=["Health"],
    )
    stored = _stored(activity)
    assert list(stored.lead_partners.all()) == [partners["Health Org"]]
    assert [t.name for t in stored.themes.all()] == ["Health"]
    changes = AuditEntry.objects.get(action="activity.update").data["changes"]
    assert changes == {
        "lead_partners": {"from": ["Leaders Org"], "to": ["Health Org"]},
        "themes": {"from": ["Leadership"], "to": ["Health"]},
    }


def test_one_edit_of_fields_and_partners_is_one_history_entry(coordinator, partnership, partners):
    activity = _create(coordinator, partnership, lead_partners=[partners["Leaders Org"]])
    services.activity_update(
        actor=coordinator,
        activity=activity,
        title="Roundtable, moved",
        lead_partners=[partners["Health Org"]],
    )
    (entry,) = AuditEntry.objects.filter(action="activity.update")
    assert entry.data["changes"]["lead_partners"] == {"from": ["Leaders Org"], "to": ["Health Org"]}
    assert entry.data["changes"]["title"]["to"] == "Roundtable, moved"


def test_an_update_that_changes_nothing_records_nothing(coordinator, partnership, partners):
    activity = _create(
        coordinator, partnership, themes=["Leadership"], lead_partners=[partners["Leaders Org"]]
    )
    before = AuditEntry.objects.count()
    services.activity_update(
        actor=coordinator,
        activity=activity,
        title=activity.title,
        lead_partners=[partners["Leaders Org"]],
        themes=["leadership"],
    )
    assert AuditEntry.objects.count() == before


def test_update_times_keeps_utc_and_zone_consistent(coordinator, partnership):
    activity = _create(coordinator, partnership)
    services.activity_update(
        actor=coordinator,
        activity=activity,
        time_zone="America/New_York",
        starts_at=dt.datetime(2026, 12, 1, 9, tzinfo=NEW_YORK),
        ends_at=dt.datetime(2026, 12, 1, 10, tzinfo=NEW_YORK),
    )
    stored = _stored(activity)
    assert stored.starts_at == dt.datetime(2026, 12, 1, 14, tzinfo=UTC)
    assert stored.time_zone == "America/New_York"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"ends_at": dt.datetime(2026, 7, 9, tzinfo=LONDON)}, "ends_at"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"title": "y" * 201}, "title"),
    ],
)
def test_an_invalid_update_changes_nothing(coordinator, partnership, partners, values, field):
    activity = _create(coordinator, partnership, lead_partners=[partners["Leaders Org"]])
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.activity_update(
            actor=coordinator,
            activity=activity,
            lead_partners=[partners["Children Org"]],
            themes=["New"],
            **values,
        )
    assert field in caught.value.message_dict
    stored = _stored(activity)
    assert stored.title == "Roundtable: progressive universalism"
    assert stored.time_zone == "Europe/London"
    assert list(stored.lead_partners.all()) == [partners["Leaders Org"]]
    assert _counts() == before


def test_update_rejects_a_partner_from_another_partnership(
    coordinator, partnership, other_partnership
):
    activity = _create(coordinator, partnership)
    with pytest.raises(ValidationError) as caught:
        services.activity_update(
            actor=coordinator,
            activity=activity,
            title="Changed",
            co_partners=[other_partnership.partners.get()],
        )
    assert "co_partners" in caught.value.message_dict
    assert _stored(activity).title == "Roundtable: progressive universalism"
    assert not _stored(activity).co_partners.exists()


# Milestones


def test_milestone_create_update_delete_with_audit(coordinator, partnership, partners):
    everyone = list(partners.values())
    milestone = services.milestone_create(
        actor=coordinator,
        partnership=partnership,
        title="Programme agreed",
        date=dt.date(2026, 2, 1),
        description="We agree to work as equals.",
        partners=everyone,
    )
    stored = Milestone.objects.get(pk=milestone.pk)
    assert (stored.title, stored.date) == ("Programme agreed", dt.date(2026, 2, 1))
    assert set(stored.partners.all()) == set(everyone)

    services.milestone_update(
        actor=coordinator, milestone=milestone, title="Programme signed", partners=everyone[:1]
    )
    stored = Milestone.objects.get(pk=milestone.pk)
    assert stored.title == "Programme signed"
    assert list(stored.partners.all()) == everyone[:1]

    pk = milestone.pk
    services.milestone_delete(actor=coordinator, milestone=milestone)
    assert not Milestone.objects.filter(pk=pk).exists()
    actions = list(
        AuditEntry.objects.filter(object_id=str(pk), action__startswith="milestone.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["milestone.create", "milestone.update", "milestone.delete"]
    deleted = AuditEntry.objects.get(action="milestone.delete")
    assert deleted.data == {"deleted": "Programme signed"}
    assert deleted.partnership == partnership


@pytest.mark.parametrize(
    ("values", "field"),
    [({"title": "m" * 201}, "title"), ({"title": ""}, "title"), ({"date": None}, "date")],
)
def test_an_invalid_milestone_is_not_written(coordinator, partnership, values, field):
    before = (Milestone.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.milestone_create(
            actor=coordinator,
            partnership=partnership,
            **{"title": "Fine", "date": dt.date(2026, 2, 1), **values},
        )
    assert field in caught.value.message_dict
    assert (Milestone.objects.count(), AuditEntry.objects.count()) == before


def test_a_milestone_cannot_name_another_partnerships_partner(
    coordinator, partnership, other_partnership
):
    with pytest.raises(ValidationError) as caught:
        services.milestone_create(
            actor=coordinator,
            partnership=partnership,
            title="Agreed",
            date=dt.date(2026, 2, 1),
            partners=[other_partnership.partners.get()],
        )
    assert "partners" in caught.value.message_dict
    assert not Milestone.objects.filter(partnership=partnership).exists()


def test_a_failed_milestone_update_keeps_its_partners(coordinator, partnership, partners):
    milestone = f.MilestoneFactory(partnership=partnership, title="Agreed")
    milestone.partners.set([partners["Leaders Org"]])
    with pytest.raises(ValidationError):
        services.milestone_update(
            actor=coordinator,
            milestone=milestone,
            title="z" * 201,
            partners=[partners["Health Org"]],
        )
    stored = Milestone.objects.get(pk=milestone.pk)
    assert stored.title == "Agreed"
    assert list(stored.partners.all()) == [partners["Leaders Org"]]
    assert not AuditEntry.objects.filter(action="milestone.update").exists()


# Outputs


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_output_with_a_link_is_created_and_audited(coordinator, partnership, partners):
    activity = f.ActivityFactory(partnership=partnership)
    output = services.output_create(
        actor=coordinator,
        partnership=partnership,
        kind="research",
        title="The report",
        published_on=dt.date(2026, 3, 1),
        partners=[partners["Leaders Org"]],
        activity=activity,
        url="https://example.org/report.pdf",
        is_public=True,
    )
    stored = Output.objects.get(pk=output.pk)
    assert (stored.url, stored.activity, stored.is_public) == (
        "https://example.org/report.pdf",
        activity,
        True,
    )
    assert list(stored.partners.all()) == [partners["Leaders Org"]]
    assert not stored.file
    assert AuditEntry.objects.filter(action="output.create", object_id=str(output.pk)).exists()


def test_output_with_a_file_stores_the_file(coordinator, partnership, media):
    upload = SimpleUploadedFile(
        "notes.pdf", b"%PDF-1.4 roundtable notes", content_type="application/pdf"
    )
    output = services.output_create(
        actor=coordinator,
        partnership=partnership,
        kind="resource",
        title="Notes",
        published_on=dt.date(2026, 3, 1),
        file=upload,
    )
    stored = Output.objects.get(pk=output.pk)
    assert stored.file.name.startswith("outputs/2026/notes")
    with stored.file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 roundtable notes"
    assert (media / stored.file.name).exists()


def test_updating_an_output_without_a_new_file_keeps_the_old_one(coordinator, partnership, media):
    output = services.output_create(
        actor=coordinator,
        partnership=partnership,
        kind="resource",
        title="Notes",
        published_on=dt.date(2026, 3, 1),
        file=SimpleUploadedFile("notes.txt", b"first"),
    )
    name = Output.objects.get(pk=output.pk).file.name
    services.output_update(actor=coordinator, output=output, title="Notes, revised", file=None)
    stored = Output.objects.get(pk=output.pk)
    assert (stored.title, stored.file.name) == ("Notes, revised", name)

    services.output_update(
        actor=coordinator, output=output, file=SimpleUploadedFile("notes2.txt", b"second")
    )
    stored = Output.objects.get(pk=output.pk)
    assert stored.file.name != name
    with stored.file.open("rb") as handle:
        assert handle.read() == b"second"


def test_a_replaced_or_deleted_outputs_file_is_removed_after_commit(
    coordinator, partnership, media, django_capture_on_commit_callbacks
):
    output = services.output_create(
        actor=coordinator,
        partnership=partnership,
        kind="resource",
        title="Notes",
        published_on=dt.date(2026, 3, 1),
        file=SimpleUploadedFile("first.txt", b"first"),
    )
    first = media / Output.objects.get(pk=output.pk).file.name
    with django_capture_on_commit_callbacks(execute=False) as pending:
        services.output_update(
            actor=coordinator, output=output, file=SimpleUploadedFile("second.txt", b"second")
        )
    assert first.exists()  # nothing is removed until the change has committed
    for callback in pending:
        callback()
    assert not first.exists()
    second = media / Output.objects.get(pk=output.pk).file.name
    assert second.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.output_delete(actor=coordinator, output=Output.objects.get(pk=output.pk))
    assert not second.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"url": "not a link"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"title": "o" * 201}, "title"),
        ({"kind": "poem"}, "kind"),
    ],
)
def test_an_invalid_output_is_not_written(coordinator, partnership, values, field):
    before = (Output.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.output_create(
            actor=coordinator,
            partnership=partnership,
            **{"kind": "report", "title": "Fine", "published_on": dt.date(2026, 3, 1), **values},
        )
    assert field in caught.value.message_dict
    assert (Output.objects.count(), AuditEntry.objects.count()) == before


def test_an_output_cannot_belong_to_another_partnerships_activity(
    coordinator, partnership, other_partnership
):
    with pytest.raises(ValidationError) as caught:
        services.output_create(
            actor=coordinator,
            partnership=partnership,
            kind="report",
            title="Borrowed",
            published_on=dt.date(2026, 3, 1),
            activity=other_partnership.activities.get(),
        )
    assert "activity" in caught.value.message_dict
    assert not Output.objects.filter(partnership=partnership).exists()


def test_a_failed_output_update_keeps_its_partners(coordinator, partnership, partners):
    output = f.OutputFactory(partnership=partnership, title="Report")
    output.partners.set([partners["Leaders Org"]])
    with pytest.raises(ValidationError):
        services.output_update(
            actor=coordinator, output=output, url="nope", partners=[partners["Children Org"]]
        )
    stored = Output.objects.get(pk=output.pk)
    assert stored.url == ""
    assert list(stored.partners.all()) == [partners["Leaders Org"]]


def test_output_delete_leaves_a_record(coordinator, partnership):
    output = f.OutputFactory(partnership=partnership, title="Old report")
    pk = output.pk
    services.output_delete(actor=coordinator, output=output)
    assert not Output.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="output.delete")
    assert (entry.object_id, entry.data) == (str(pk), {"deleted": "Old report"})
