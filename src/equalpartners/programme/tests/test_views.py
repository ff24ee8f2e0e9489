"""Programme pages through the test client: the activity list and its filters, the activity
page, the activity, milestone and output forms, deleting, and who may do each.

Capabilities follow ``core.capabilities``: every member may read the programme; coordinators,
partner leads and staff (who hold ``manage_programme``) may plan it; board members, public
partners and guests may not (403). Non-members get 404 and anonymous visitors are sent to
sign in. Invalid input shows errors beside each field and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.programme.forms import OutputForm
from equalpartners.programme.models import Activity, Milestone, Output, Theme
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = dt.UTC
PLANNERS = [Role.COORDINATOR, Role.PARTNER_LEAD, Role.STAFF]
READERS = [Role.BOARD_MEMBER, Role.PUBLIC_PARTNER, Role.GUEST]


def url(name, partnership, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership_slug": partnership.slug, **kwargs})


def _counts():
    return (
        Activity.objects.count(),
        Milestone.objects.count(),
        Output.objects.count(),
        Theme.objects.count(),
        AuditEntry.objects.count(),
    )


# The activity list


@pytest.fixture
def listed(partnership, partners):
    leaders, children = partners["Leaders Org"], partners["Children Org"]
    theme = Theme.objects.create(partnership=partnership, name="Progressive universalism")
    roundtable = f.ActivityFactory(
        partnership=partnership,
        title="January roundtable",
        kind="roundtable",
        status="done",
        lead_partners=[children],
    )
    roundtable.themes.set([theme])
    summit = f.ActivityFactory(
        partnership=partnership,
        title="The summit",
        kind="summit",
        status="confirmed",
        lead_partners=[leaders],
    )
    summit.co_partners.set([children])
    exchange = f.ActivityFactory(
        partnership=partnership, title="Staff exchange", kind="staff_exchange", status="planned"
    )
    return {
        "theme": theme,
        "leaders": leaders,
        "children": children,
        "activities": [roundtable, summit, exchange],
    }


def _listed_titles(response):
    return [a.title for a in response.context["activities"]]


def test_the_list_shows_every_activity(signed_in, partnership, listed, other_partnership):
    response = signed_in.get(url("activities", partnership))
    assert response.status_code == 200
    assert _listed_titles(response) == ["January roundtable", "The summit", "Staff exchange"]
    html = response.content.decode()
    assert "3 activities" in html
    assert "Progressive universalism" in html
    assert url("activity", partnership, activity_id=listed["activities"][0].pk) in html
    assert "Add an activity" in html
    assert other_partnership.activities.get().title not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=roundtable", ["January roundtable"]),
        ("status=confirmed", ["The summit"]),
        ("partner={children}", ["January roundtable", "The summit"]),
        ("partner={leaders}", ["The summit"]),
        ("theme={theme}", ["January roundtable"]),
        ("partner={children}&status=done", ["January roundtable"]),
        ("kind=board_session", []),
        # A stale or mistyped value is ignored; the other filters still apply.
        ("kind=roundtable&partner=999999", ["January roundtable"]),
        ("kind=poem&status=confirmed", ["The summit"]),
    ],
)
def test_the_list_filters(signed_in, partnership, listed, query, expected):
    query = query.format(
        children=listed["children"].pk, leaders=listed["leaders"].pk, theme=listed["theme"].pk
    )
    response = signed_in.get(url("activities", partnership) + "?" + query)
    assert response.status_code == 200
    assert _listed_titles(response) == expected
    if not expected:
        assert "No activities match." in response.content.decode()


def test_the_list_pages_fifty_at_a_time(signed_in, partnership):
    for i in range(51):
        f.ActivityFactory(
            partnership=partnership,
            title=f"Session {i:02d}",
            starts_at=dt.datetime(2026, 1, 1, 9, tzinfo=LONDON) + dt.timedelta(days=i),
        )
    first = signed_in.get(url("activities", partnership) + "?kind=event")
    assert len(first.context["activities"]) == 50
    second = signed_in.get(url("activities", partnership) + "?kind=event&page=2")
    assert _listed_titles(second) == ["Session 50"]
    assert second.context["filter_query"] == "kind=event"


@pytest.mark.parametrize("role", READERS)
def test_readers_see_the_list_without_planning_buttons(client_as, partnership, listed, role):
    response = client_as(partnership, role).get(url("activities", partnership))
    assert response.status_code == 200
    assert len(response.context["activities"]) == 3
    assert url("activity-create", partnership) not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, partnership):
    response = client.get(url("activities", partnership))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_member_of_another_partnership_gets_404(client_as, partnership, other_partnership):
    client = client_as(other_partnership, Role.COORDINATOR)
    assert client.get(url("activities", partnership)).status_code == 404
    assert client.get(url("activity-create", partnership)).status_code == 404


# The activity page


def test_the_activity_page_shows_it_in_its_own_zone(signed_in, partnership, partners, coordinator):
    person = coordinator.person
    activity = f.ActivityFactory(
        partnership=partnership,
        title="Summer roundtable",
        summary="What will we each do?",
        starts_at=dt.datetime(2026, 7, 10, 10, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 7, 10, 13, tzinfo=LONDON),
        venue="Glasgow",
        lead_partners=[partners["Children Org"]],
        visibility="invited",
    )
    activity.co_partners.set([partners["Health Org"]])
    activity.led_by.set([person])
    output = f.OutputFactory(partnership=partnership, title="Roundtable notes", activity=activity)
    response = signed_in.get(url("activity", partnership, activity_id=activity.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Friday 10 July 2026, 10:00 to 13:00 (Europe/London, BST)" in html
    for text in (
        "Summer roundtable",
        "What will we each do?",
        "Glasgow",
        "Children Org",
        "Health Org",
        person.name,
        "Invited people",
        "Roundtable notes",
        url("output", partnership, output_id=output.pk),
        url("activity-edit", partnership, activity_id=activity.pk),
    ):
        assert text in html, text


def test_a_guest_sees_the_activity_but_no_change_button(client_as, partnership):
    activity = f.ActivityFactory(partnership=partnership)
    response = client_as(partnership, Role.GUEST).get(
        url("activity", partnership, activity_id=activity.pk)
    )
    assert response.status_code == 200
    assert url("activity-edit", partnership, activity_id=activity.pk) not in (
        response.content.decode()
    )


def test_another_partnerships_activity_is_404(signed_in, partnership, other_partnership):
    theirs = other_partnership.activities.get()
    for name in ("activity", "activity-edit"):
        assert signed_in.get(url(name, partnership, activity_id=theirs.pk)).status_code == 404
    assert signed_in.get(url("activity", partnership, activity_id=99999)).status_code == 404


def test_the_activity_page_shows_its_history(signed_in, partnership, coordinator):
    activity = f.ActivityFactory(partnership=partnership, title="Before")
    signed_in.post(
        url("activity-edit", partnership, activity_id=activity.pk), _activity_form(title="After")
    )
    html = signed_in.get(url("activity", partnership, activity_id=activity.pk)).content.decode()
    assert "changed activity ‘After’" in html
    assert "Before → After" in html


# The activity form


def _activity_form(**overrides):
    data = {
        "title": "Roundtable: progressive universalism",
        "kind": "roundtable",
        "summary": "What action will each of us take?",
        "themes": "Leadership, Inequalities",
        "starts_on_day": "10",
        "starts_on_month": "7",
        "starts_on_year": "2026",
        "starts_time": "10:00",
        "ends_on_day": "10",
        "ends_on_month": "July",
        "ends_on_year": "2026",
        "ends_time": "1:00pm",
        "time_zone": "Europe/London",
        "venue": "Glasgow",
        "online_url": "",
        "status": "planned",
        "visibility": "partners",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("role", PLANNERS)
def test_planners_may_open_the_form(client_as, partnership, role):
    response = client_as(partnership, role).get(url("activity-create", partnership))
    assert response.status_code == 200
    assert response.context["form"]["time_zone"].value() == "Europe/London"
    assert '<option value="Pacific/Auckland">' in response.content.decode()


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_plan(client_as, partnership, role):
    client = client_as(partnership, role)
    activity = f.ActivityFactory(partnership=partnership, title="Unchanged")
    milestone = f.MilestoneFactory(partnership=partnership)
    output = f.OutputFactory(partnership=partnership)
    before = _counts()
    for name, kwargs in [
        ("activity-create", {}),
        ("activity-edit", {"activity_id": activity.pk}),
        ("milestone-create", {}),
        ("output-create", {}),
        ("milestone-delete", {"milestone_id": milestone.pk}),
        ("output-delete", {"output_id": output.pk}),
    ]:
        assert client.get(url(name, partnership, **kwargs)).status_code == 403, name
    assert client.post(url("activity-create", partnership), _activity_form()).status_code == 403
    assert (
        client.post(
            url("activity-edit", partnership, activity_id=activity.pk),
            _activity_form(title="Changed"),
        ).status_code
        == 403
    )
    assert (
        client.post(url("milestone-delete", partnership, milestone_id=milestone.pk)).status_code
        == 403
    )
    assert _counts() == before
    assert Activity.objects.get(pk=activity.pk).title == "Unchanged"


def test_a_valid_activity_is_created_and_the_planner_sent_to_it(client_as, partnership, partners):
    client = client_as(partnership, Role.STAFF)
    data = _activity_form(
        time_zone="America/New_York",
        lead_partners=[partners["Children Org"].pk],
        co_partners=[partners["Leaders Org"].pk, partners["Health Org"].pk],
    )
    response = client.post(url("activity-create", partnership), data)
    activity = Activity.objects.get(title="Roundtable: progressive universalism")
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url()
    assert activity.partnership == partnership
    assert activity.starts_at == dt.datetime(2026, 7, 10, 14, tzinfo=UTC)  # 10:00 in New York
    assert activity.ends_at == dt.datetime(2026, 7, 10, 17, tzinfo=UTC)
    assert activity.time_zone == "America/New_York"
    assert list(activity.lead_partners.all()) == [partners["Children Org"]]
    assert set(activity.co_partners.all()) == {partners["Leaders Org"], partners["Health Org"]}
    assert sorted(t.name for t in activity.themes.all()) == ["Inequalities", "Leadership"]
    assert (
        AuditEntry.objects.filter(action="activity.create", object_id=str(activity.pk)).count() == 1
    )
    page = client.get(response["Location"])
    assert "Activity added to the programme" in page.content.decode()


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"ends_on_day": "9"}, {"ends_on": "The end must be on or after the start"}),
        ({"ends_time": "09:59"}, {"ends_on": "The end must be on or after the start"}),
        ({"time_zone": "Europe/Atlantis"}, {"time_zone": "not a time zone we know"}),
        ({"title": "t" * 201}, {"title": "at most 200 characters"}),
        ({"title": "", "kind": None}, {"title": "required", "kind": "required"}),
        ({"starts_on_month": "13"}, {"starts_on": "must be a real date"}),
        ({"starts_on_year": ""}, {"starts_on": "must include a year"}),
        ({"starts_time": "half ten"}, {"starts_time": "Enter a time like 09:30"}),
        ({"online_url": "not a link at all"}, {"online_url": "valid URL"}),
        ({"visibility": "everyone"}, {"visibility": "Select a valid choice"}),
        (
            {
                "starts_on_day": "29",
                "starts_on_month": "3",
                "starts_time": "01:30",
                "ends_on_day": "29",
                "ends_on_month": "3",
                "ends_time": "04:00",
            },
            {"starts_time": "There is no 01:30 on 29 March 2026 in Europe/London"},
        ),
    ],
)
def test_invalid_activities_show_errors_beside_each_field_and_write_nothing(
    signed_in, partnership, overrides, errors
):
    before = _counts()
    response = signed_in.post(url("activity-create", partnership), _activity_form(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == set(errors)
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<title>Error:" in html
    for field, message in errors.items():
        assert message in " ".join(form.errors[field])
        assert f'id="id_{field}_error"' in html
    assert _counts() == before


def test_a_partner_both_leading_and_co_delivering_is_an_error(signed_in, partnership, partners):
    leaders = partners["Leaders Org"].pk
    response = signed_in.post(
        url("activity-create", partnership),
        _activity_form(lead_partners=[leaders], co_partners=[leaders]),
    )
    assert response.context["form"].errors["co_partners"] == [
        "Leaders Org is already a lead partner"
    ]
    assert not Activity.objects.exists()


def test_another_partnerships_partner_is_not_a_choice(signed_in, partnership, other_partnership):
    outsider = other_partnership.partners.get()
    response = signed_in.post(
        url("activity-create", partnership), _activity_form(lead_partners=[outsider.pk])
    )
    assert "lead_partners" in response.context["form"].errors
    assert not Activity.objects.filter(partnership=partnership).exists()


def test_the_edit_form_shows_local_times_and_saves_changes(signed_in, partnership, partners):
    activity = f.ActivityFactory(
        partnership=partnership,
        title="Summit",
        starts_at=dt.datetime(2026, 7, 10, 9, 30, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 7, 10, 16, 30, tzinfo=LONDON),
        lead_partners=[partners["Leaders Org"]],
    )
    activity.themes.set([Theme.objects.create(partnership=partnership, name="Networks")])
    edit = url("activity-edit", partnership, activity_id=activity.pk)
    form = signed_in.get(edit).context["form"]
    assert form.initial["starts_on"] == dt.date(2026, 7, 10)
    assert form.initial["starts_time"] == dt.time(9, 30)  # London summer time, not UTC
    assert form.initial["ends_time"] == dt.time(16, 30)
    assert form.initial["themes"] == "Networks"
    assert form.initial["lead_partners"] == [partners["Leaders Org"]]

    response = signed_in.post(
        edit,
        _activity_form(
            title="Equal Partners Summit",
            kind="summit",
            status="confirmed",
            starts_on_month="1",
            ends_on_month="1",
            themes="Networks, Leadership",
            lead_partners=[partners["Health Org"].pk],
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url()
    activity.refresh_from_db()
    assert (activity.title, activity.kind, activity.status) == (
        "Equal Partners Summit",
        "summit",
        "confirmed",
    )
    assert activity.starts_at == dt.datetime(2026, 1, 10, 10, tzinfo=UTC)  # winter: GMT
    assert list(activity.lead_partners.all()) == [partners["Health Org"]]
    assert sorted(t.name for t in activity.themes.all()) == ["Leadership", "Networks"]


def test_an_invalid_edit_changes_nothing(signed_in, partnership):
    activity = f.ActivityFactory(partnership=partnership, title="Summit")
    before = _counts()
    response = signed_in.post(
        url("activity-edit", partnership, activity_id=activity.pk),
        _activity_form(title="Renamed", ends_on_year="2025"),
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    assert Activity.objects.get(pk=activity.pk).title == "Summit"
    assert _counts() == before


# Milestones and outputs


def _milestone_form(**overrides):
    data = {
        "title": "One year of Equal Partners",
        "date_day": "1",
        "date_month": "9",
        "date_year": "2026",
        "description": "What we learned.",
    }
    data.update(overrides)
    return data


def test_milestone_create_edit_and_delete(signed_in, partnership, partners):
    response = signed_in.post(
        url("milestone-create", partnership), _milestone_form(partners=[partners["Health Org"].pk])
    )
    milestone = Milestone.objects.get()
    assert response["Location"] == milestone.get_absolute_url()
    assert (milestone.title, milestone.date) == ("One year of Equal Partners", dt.date(2026, 9, 1))
    assert list(milestone.partners.all()) == [partners["Health Org"]]

    edit = url("milestone-edit", partnership, milestone_id=milestone.pk)
    assert signed_in.get(edit).context["form"].initial["date"] == dt.date(2026, 9, 1)
    signed_in.post(edit, _milestone_form(title="A year together", date_month="10"))
    milestone.refresh_from_db()
    assert (milestone.title, milestone.date) == ("A year together", dt.date(2026, 10, 1))
    assert not milestone.partners.exists()

    delete = url("milestone-delete", partnership, milestone_id=milestone.pk)
    assert "Delete the milestone ‘A year together’?" in signed_in.get(delete).content.decode()
    response = signed_in.post(delete)
    assert response["Location"] == url("timeline", partnership)
    assert not Milestone.objects.exists()
    assert [e.action for e in AuditEntry.objects.order_by("id")] == [
        "milestone.create",
        "milestone.update",
        "milestone.delete",
    ]


def test_an_invalid_milestone_writes_nothing(signed_in, partnership):
    response = signed_in.post(
        url("milestone-create", partnership),
        _milestone_form(title="", date_day="31", date_month="2"),
    )
    assert set(response.context["form"].errors) == {"title", "date"}
    assert not Milestone.objects.exists()
    assert not AuditEntry.objects.exists()


def test_another_partnerships_milestone_and_output_are_404(
    signed_in, partnership, other_partnership
):
    milestone = f.MilestoneFactory(partnership=other_partnership)
    output = f.OutputFactory(partnership=other_partnership)
    for name, kwargs in [
        ("milestone", {"milestone_id": milestone.pk}),
        ("milestone-edit", {"milestone_id": milestone.pk}),
        ("milestone-delete", {"milestone_id": milestone.pk}),
        ("output", {"output_id": output.pk}),
        ("output-edit", {"output_id": output.pk}),
        ("output-delete", {"output_id": output.pk}),
    ]:
        assert signed_in.get(url(name, partnership, **kwargs)).status_code == 404, name
    assert signed_in.post(url("output-delete", partnership, output_id=output.pk)).status_code == 404
    assert Output.objects.filter(pk=output.pk).exists()


def _output_form(**overrides):
    data = {
        "title": "Cross sector partnerships: the report",
        "kind": "research",
        "published_on_day": "5",
        "published_on_month": "3",
        "published_on_year": "2026",
        "summary": "",
        "url": "https://example.org/report",
    }
    data.update(overrides)
    return data


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_output_with_a_link_and_a_file(signed_in, partnership, partners, media):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4 the report", "application/pdf")
    response = signed_in.post(
        url("output-create", partnership),
        _output_form(file=upload, is_public="on", partners=[partners["Leaders Org"].pk]),
    )
    output = Output.objects.get()
    assert response["Location"] == output.get_absolute_url()
    assert (output.url, output.is_public, output.published_on) == (
        "https://example.org/report",
        True,
        dt.date(2026, 3, 5),
    )
    assert output.file.read() == b"%PDF-1.4 the report"
    output.file.close()
    page = signed_in.get(output.get_absolute_url()).content.decode()
    assert "https://example.org/report" in page
    assert "Download report" in page
    assert "/media/" not in page  # uploads are served to members only, by the file page
    download = signed_in.get(output.get_file_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="report')
    assert b"".join(download.streaming_content) == b"%PDF-1.4 the report"

    # Saving again without choosing a file keeps the one there is.
    name = output.file.name
    signed_in.post(
        url("output-edit", partnership, output_id=output.pk),
        _output_form(title="The report, revised"),
    )
    output.refresh_from_db()
    assert (output.title, output.file.name, output.is_public) == (
        "The report, revised",
        name,
        False,
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"url": "not a link"}, "url"),
        ({"kind": "poem"}, "kind"),
        ({"published_on_day": ""}, "published_on"),
    ],
)
def test_an_invalid_output_writes_nothing(signed_in, partnership, overrides, field):
    response = signed_in.post(url("output-create", partnership), _output_form(**overrides))
    assert set(response.context["form"].errors) == {field}
    assert not Output.objects.exists()


def test_an_output_file_over_twenty_megabytes_is_refused(partnership):
    big = SimpleUploadedFile("huge.pdf", b"x" * (OutputForm.MAX_FILE_BYTES + 1))
    form = OutputForm(_output_form(), {"file": big}, partnership=partnership)
    assert not form.is_valid()
    assert form.errors["file"] == ["The file must be 20 MB or smaller"]
    just_fits = SimpleUploadedFile("fits.pdf", b"x" * 1024)
    assert OutputForm(_output_form(), {"file": just_fits}, partnership=partnership).is_valid()


def test_output_delete(signed_in, partnership):
    output = f.OutputFactory(partnership=partnership, title="Old notes")
    response = signed_in.post(url("output-delete", partnership, output_id=output.pk))
    assert response.status_code == 302
    assert not Output.objects.exists()
    page = signed_in.get(response["Location"]).content.decode()
    assert "Output ‘Old notes’ deleted" in page
