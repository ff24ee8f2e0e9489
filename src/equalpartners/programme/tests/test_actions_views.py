"""Actions pages through the test client: the activity page's section and its forms, the
partnership's actions with filters and counts, "your actions", a person's actions, an action's
page with its history and status form, editing, dropping, and the CSV and XLSX downloads.

Every member may read actions; members who may contribute may record them; only an action's
owner, whoever recorded it, or someone who manages the programme may change it (403 for
others). Guests get 403 on every write; another partnership's actions are 404.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from equalpartners.core.capabilities import Role
from equalpartners.programme.action_exports import HEADER
from equalpartners.programme.models import Action, ActionUpdate, Challenge
from equalpartners.programme.tests.builders import make_action, make_challenge
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

LONDON = zoneinfo.ZoneInfo("Europe/London")


def url(name, partnership, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership_slug": partnership.slug, **kwargs})


def _date(prefix, day):
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


@pytest.fixture
def today(partnership):
    return timezone.now().astimezone(zoneinfo.ZoneInfo(partnership.time_zone)).date()


@pytest.fixture
def activity(partnership):
    start = dt.datetime(2026, 1, 22, 10, tzinfo=LONDON)
    return f.ActivityFactory(
        partnership=partnership,
        title="Roundtable",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
    )


@pytest.fixture
def member(partnership, make_member):
    """A board member: may contribute, does not manage the programme."""
    return make_member(partnership, Role.BOARD_MEMBER)


def _client(client, user):
    client.force_login(user, backend=MODEL_BACKEND)
    return client


# The activity page


def test_the_activity_page_lists_challenges_and_actions_with_forms(
    signed_in, partnership, activity, partners
):
    make_challenge(activity, text="How do we reach everyone?")
    make_action(
        partnership, activity=activity, what="Ask our board", owner_partner=partners["Health Org"]
    )
    body = signed_in.get(activity.get_absolute_url()).content.decode()
    assert "Challenges and actions" in body
    assert "How do we reach everyone?" in body
    assert "Ask our board" in body
    assert url("challenge-create", partnership, activity_id=activity.pk) in body
    assert url("activity-action-create", partnership, activity_id=activity.pk) in body


def test_a_guest_sees_the_section_without_forms(client_as, partnership, activity):
    body = client_as(partnership, Role.GUEST).get(activity.get_absolute_url()).content.decode()
    assert "No challenges recorded yet." in body
    assert "No actions recorded yet." in body
    assert "Record an action" not in body


def test_recording_a_challenge_and_an_action_at_an_activity(
    client, member, partnership, activity, partners
):
    client = _client(client, member)
    response = client.post(
        url("challenge-create", partnership, activity_id=activity.pk),
        {"challenge-text": "What will each of us do?", "challenge-posed_by": member.person.pk},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(activity.get_absolute_url() + "#challenges-and-actions")
    challenge = Challenge.objects.get()
    assert (challenge.posed_by, challenge.created_by) == (member.person, member)

    response = client.post(
        url("activity-action-create", partnership, activity_id=activity.pk),
        {
            "action-what": "Change our induction",
            "action-owner_person": member.person.pk,
            "action-owner_partner": partners["Leaders Org"].pk,
            **_date("action-due_on", dt.date(2026, 4, 30)),
            "action-scale": "small",
            "action-challenge": challenge.pk,
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.activity, action.challenge, action.owner_person, action.due_on) == (
        activity,
        challenge,
        member.person,
        dt.date(2026, 4, 30),
    )
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Action recorded" in page
    assert "Change our induction" in page


def test_an_action_without_an_owner_or_too_early_shows_errors(signed_in, partnership, activity):
    response = signed_in.post(
        url("activity-action-create", partnership, activity_id=activity.pk),
        {"action-what": "Something", **_date("action-due_on", dt.date(2026, 1, 1))},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Choose who will do this: a person, a partner organisation, or both" in body
    assert "Select a valid choice" not in body
    assert 'href="#id_action-owner_person"' in body
    assert not Action.objects.exists()

    # The form is fine; the service refuses a due date before the activity, beside the field.
    response = signed_in.post(
        url("activity-action-create", partnership, activity_id=activity.pk),
        {
            "action-what": "Something",
            "action-owner_partner": partnership.partners.first().pk,
            "action-scale": "large",
            **_date("action-due_on", dt.date(2026, 1, 1)),
        },
    )
    body = response.content.decode()
    assert "The due date must be on or after the activity it came from (22 January 2026)" in body
    assert not Action.objects.exists()


# Lists


@pytest.fixture
def listed(partnership, partners, member, make_member, today):
    other = make_member(partnership, Role.STAFF).person
    return {
        "late": make_action(
            partnership,
            what="Late action",
            owner_person=member.person,
            due_on=today - dt.timedelta(days=3),
        ),
        "soon": make_action(
            partnership,
            what="Soon action",
            owner_partner=partners["Health Org"],
            due_on=today + dt.timedelta(days=3),
            scale="large",
        ),
        "done": make_action(partnership, what="Done action", owner_person=other, status="done"),
        "dropped": make_action(
            partnership, what="Dropped action", owner_person=other, status="dropped"
        ),
    }


def _shown(response):
    return sorted(a.what for a in response.context["actions"])


def test_the_actions_page_shows_open_actions_with_counts(signed_in, partnership, listed):
    response = signed_in.get(url("actions", partnership))
    assert response.status_code == 200
    assert _shown(response) == ["Late action", "Soon action"]
    counts = response.context["counts"]
    assert (counts.open, counts.overdue, counts.done, counts.dropped) == (2, 1, 1, 1)
    body = response.content.decode()
    assert "Overdue" in body
    assert "Europe/London, the partnership's time zone" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=overdue", ["Late action"]),
        ("?status=done", ["Done action"]),
        ("?status=dropped", ["Dropped action"]),
        ("?status=all", ["Done action", "Dropped action", "Late action", "Soon action"]),
        ("?status=all&scale=large", ["Soon action"]),
        ("?status=nonsense", ["Late action", "Soon action"]),  # a stale filter is ignored
    ],
)
def test_the_actions_page_filters(signed_in, partnership, listed, query, expected):
    assert _shown(signed_in.get(url("actions", partnership) + query)) == expected


def test_filter_by_partner_and_person(signed_in, partnership, partners, listed, member):
    health = partners["Health Org"].pk
    assert _shown(signed_in.get(url("actions", partnership) + f"?partner={health}")) == [
        "Soon action"
    ]
    by_person = signed_in.get(url("actions", partnership) + f"?person={member.person.pk}")
    assert _shown(by_person) == ["Late action"]
    assert by_person.context["counts"].done == 0


def test_empty_states(signed_in, partnership, listed):
    none_match = signed_in.get(url("actions", partnership) + "?status=done&scale=large")
    assert "No done actions match these filters." in none_match.content.decode()
    Action.objects.all().delete()
    empty = signed_in.get(url("actions", partnership)).content.decode()
    assert "No actions have been recorded yet." in empty
    mine = signed_in.get(url("my-actions", partnership)).content.decode()
    assert "You have no actions yet." in mine


def test_your_actions_and_a_persons_actions(client, partnership, listed, member):
    client = _client(client, member)
    response = client.get(url("my-actions", partnership) + "?status=all")
    assert response.status_code == 200
    assert _shown(response) == ["Late action"]
    assert "person" not in response.context["filters"].fields

    other = listed["done"].owner_person
    response = client.get(url("person-actions", partnership, person_id=other.pk) + "?status=all")
    assert _shown(response) == ["Done action", "Dropped action"]
    assert f"Actions for {other.name}" in response.content.decode()


def test_a_persons_actions_elsewhere_are_404(signed_in, partnership, other_partnership):
    stranger = f.MembershipFactory(partnership=other_partnership).person
    response = signed_in.get(url("person-actions", partnership, person_id=stranger.pk))
    assert response.status_code == 404


def test_the_list_does_not_grow_in_queries(
    signed_in, partnership, partners, make_member, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            activity = f.ActivityFactory(partnership=partnership)
            person = make_member(partnership).person
            make_action(
                partnership,
                activity=activity,
                challenge=make_challenge(activity),
                owner_person=person,
                owner_partner=partners["Health Org"],
                what=f"Action {i}",
            )

    add(3)
    with CaptureQueriesContext(connection) as small:
        signed_in.get(url("actions", partnership) + "?status=all")
    add(20)
    with django_assert_max_num_queries(len(small)):
        response = signed_in.get(url("actions", partnership) + "?status=all")
    assert len(response.context["actions"]) == 23


# One action


def test_the_action_page_shows_its_history(signed_in, coordinator, partnership, listed):
    from equalpartners.programme import services

    action = listed["late"]
    services.action_status_change(
        actor=coordinator, action=action, status="open", note="Spoke to the chair"
    )
    body = signed_in.get(action.get_absolute_url()).content.decode()
    assert "Late action" in body
    assert "Overdue" in body
    assert "Spoke to the chair" in body
    assert url("action-status", partnership, action_id=action.pk) in body
    assert "Drop this action" in body


@pytest.mark.parametrize("who", ["owner", "creator", "manager"])
def test_who_may_update_the_status(client, partnership, make_member, member, who):
    creator = make_member(partnership, Role.PUBLIC_PARTNER)
    manager = make_member(partnership, Role.STAFF)
    action = make_action(partnership, owner_person=member.person, created_by=creator)
    user = {"owner": member, "creator": creator, "manager": manager}[who]
    response = _client(client, user).post(
        url("action-status", partnership, action_id=action.pk),
        {"status": "done", "note": "Done at the March board"},
    )
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.status == "done"
    assert action.completed_at is not None
    assert ActionUpdate.objects.get().note == "Done at the March board"


def test_someone_else_may_not_change_an_action(client, partnership, make_member, member):
    action = make_action(partnership, owner_person=member.person)
    other = _client(client, make_member(partnership, Role.BOARD_MEMBER))
    page = other.get(action.get_absolute_url())
    assert page.status_code == 200
    assert "Update the status" not in page.content.decode()
    for name in ("action-status", "action-edit", "action-drop"):
        assert (
            other.post(url(name, partnership, action_id=action.pk), {"status": "done"}).status_code
            == 403
        )
        assert other.get(url(name, partnership, action_id=action.pk)).status_code == 403
    action.refresh_from_db()
    assert action.status == "open"


def test_a_guest_may_not_write(client_as, partnership, activity):
    guest = client_as(partnership, Role.GUEST)
    action = make_action(partnership)
    posts = [
        url("challenge-create", partnership, activity_id=activity.pk),
        url("activity-action-create", partnership, activity_id=activity.pk),
        url("action-create", partnership),
        url("action-status", partnership, action_id=action.pk),
        url("action-edit", partnership, action_id=action.pk),
        url("action-drop", partnership, action_id=action.pk),
    ]
    for address in posts:
        assert guest.post(address, {"status": "done"}).status_code == 403, address
    assert guest.get(url("actions", partnership)).status_code == 200
    assert guest.get(action.get_absolute_url()).status_code == 200
    assert Action.objects.get().status == "open"
    assert not Challenge.objects.exists()


def test_another_partnerships_action_is_404(signed_in, partnership, other_partnership):
    theirs = make_action(other_partnership, owner_partner=other_partnership.partners.get())
    for name in ("action", "action-status", "action-edit", "action-drop"):
        address = url(name, partnership, action_id=theirs.pk)
        assert signed_in.get(address).status_code == 404
        # The action's own page has no form of its own: POST there is not allowed at all.
        expected = {404, 405} if name == "action" else {404}
        assert signed_in.post(address, {"status": "done"}).status_code in expected


def test_a_note_without_a_status_change_needs_words(signed_in, partnership):
    action = make_action(partnership)
    response = signed_in.post(
        url("action-status", partnership, action_id=action.pk), {"status": "open", "note": ""}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Write a note on progress, or choose a different status" in body
    assert not ActionUpdate.objects.exists()


def test_editing_an_action(signed_in, partnership, partners, activity):
    action = make_action(partnership, activity=activity, owner_partner=partners["Health Org"])
    edit = url("action-edit", partnership, action_id=action.pk)
    form = signed_in.get(edit).context["form"]
    assert form["what"].value() == action.what
    response = signed_in.post(
        edit,
        {
            "action-what": "A clearer action",
            "action-owner_partner": partners["Children Org"].pk,
            **_date("action-due_on", dt.date(2026, 5, 5)),
            "action-scale": "large",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.what, action.owner_partner, action.due_on, action.scale) == (
        "A clearer action",
        partners["Children Org"],
        dt.date(2026, 5, 5),
        "large",
    )


def test_dropping_asks_first(signed_in, partnership):
    action = make_action(partnership)
    drop = url("action-drop", partnership, action_id=action.pk)
    page = signed_in.get(drop).content.decode()
    assert "Drop the action" in page
    assert Action.objects.get().status == "open"
    response = signed_in.post(drop, {"reason": "The funding ended"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "dropped"
    assert action.updates.get().note == "The funding ended"


def test_recording_an_action_on_its_own(signed_in, partnership, activity, coordinator):
    response = signed_in.post(
        url("action-create", partnership),
        {
            "action-what": "Write to the minister",
            "action-owner_person": coordinator.person.pk,
            **_date("action-due_on", dt.date(2026, 9, 1)),
            "action-scale": "large",
            "action-activity": activity.pk,
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert response["Location"] == action.get_absolute_url()
    assert (action.activity, action.created_by) == (activity, coordinator)


# Downloads


def _read(response):
    """A streamed body, read as after the view returns: tenant guard on, no partnership."""
    with scope():
        return b"".join(response.streaming_content)


def test_the_csv_parses_back(signed_in, partnership, listed, today):
    listed["late"].what = '=HYPERLINK("http://evil.example")'
    listed["late"].save()
    response = signed_in.get(url("actions-csv", partnership))
    assert response["Content-Disposition"] == 'attachment; filename="ept-actions.csv"'
    rows = list(csv.reader(io.StringIO(_read(response).decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER
    records = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    assert len(records) == 4  # a download has every status unless narrowed
    late = records['\'=HYPERLINK("http://evil.example")']
    assert (late["status"], late["overdue"], late["due by"], late["time zone"]) == (
        "Open",
        "yes",
        (today - dt.timedelta(days=3)).isoformat(),
        "Europe/London",
    )
    assert late["link"] == "http://testserver" + listed["late"].get_absolute_url()
    assert records["Soon action"]["partner"] == "Health Org"
    assert records["Soon action"]["scale"] == "Influencing large-scale change"

    overdue = signed_in.get(url("actions-csv", partnership) + "?status=overdue")
    assert len(list(csv.reader(io.StringIO(_read(overdue).decode("utf-8-sig"))))) == 2


def test_the_xlsx_parses_back(signed_in, partnership, listed, today):
    listed["soon"].what = "=1+1"
    listed["soon"].save()
    response = signed_in.get(url("actions-xlsx", partnership) + "?status=open")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ept-actions.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Actions"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    records = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    assert set(records) == {"Late action", "=1+1"}
    soon = workbook["Actions"].cell(row=3, column=1)
    assert (soon.value, soon.data_type) == ("=1+1", "s")  # text, not a formula
    late = records["Late action"]
    assert late["due by"] == dt.datetime.combine(today - dt.timedelta(days=3), dt.time())
    assert isinstance(late["recorded"], dt.datetime)
    assert late["overdue"] == "yes"


def test_downloads_of_another_partnership_are_404(signed_in, other_partnership):
    assert signed_in.get(url("actions-csv", other_partnership)).status_code == 404
    assert signed_in.get(url("actions-xlsx", other_partnership)).status_code == 404
