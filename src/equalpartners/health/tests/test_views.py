"""Health check pages over real HTTP: the empty state, setting up a wave, answering (with the
form's errors), the results before and after closing, the CSV and the trend."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.health.models import Wave, WaveAnswered, WaveResponse
from equalpartners.testing.fixtures import MODEL_BACKEND

from .builders import (
    answer,
    close,
    items,
    member_of,
    members_of,
    open_wave,
    partner_named,
    today,
    upcoming_wave,
)

pytestmark = pytest.mark.django_db


def _url(partnership: Any, *parts: Any) -> str:
    return "/".join([f"/p/{partnership.slug}/health", *map(str, parts)]) + "/"


def _client_for(membership: Any) -> Client:
    client = Client()
    client.force_login(membership.person.user, backend=MODEL_BACKEND)
    return client


def _dates(prefix: str, day: dt.date) -> dict[str, Any]:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_the_home_page_says_there_is_nothing_yet(signed_in: Client, partnership: Any) -> None:
    page = signed_in.get(_url(partnership)).content.decode()
    assert "No health check yet" in page
    assert "Set up a wave" in page


def test_a_coordinator_sets_up_a_wave(signed_in: Client, partnership: Any) -> None:
    start = today() + dt.timedelta(days=3)
    data = {"name": "Spring 2026", **_dates("opens_on", start)}
    data.update(_dates("closes_on", start + dt.timedelta(days=14)))
    response = signed_in.post(_url(partnership, "waves", "new"), data)
    wave = Wave.objects.get()
    assert response["Location"] == wave.get_absolute_url()
    page = signed_in.get(wave.get_absolute_url()).content.decode()
    assert "Not open yet" in page
    assert "Add a statement" in page
    assert "I understand who is responsible for what in the partnership." in page


def test_the_wave_form_shows_its_errors(signed_in: Client, partnership: Any) -> None:
    data = {"name": "", **_dates("opens_on", today())}
    data.update(_dates("closes_on", today() - dt.timedelta(days=1)))
    response = signed_in.post(_url(partnership, "waves", "new"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert page.count("Give it a name, such as the season and year") == 2  # summary and field
    assert page.count("The closing day must be on or after the opening day") == 2
    assert not Wave.objects.exists()


def test_staff_may_answer_but_not_set_up(client_as: Any, partnership: Any) -> None:
    staff = client_as(partnership, Role.STAFF)
    assert staff.get(_url(partnership, "waves", "new")).status_code == 403
    wave = open_wave(partnership)
    assert staff.get(wave.url_for("answer")).status_code == 200
    guest = client_as(partnership, Role.GUEST)
    assert guest.get(wave.url_for("answer")).status_code == 403
    assert guest.get(wave.url_for("results")).status_code == 200


def test_another_partnerships_wave_is_404(
    client_as: Any, partnership: Any, other_partnership: Any
) -> None:
    theirs = open_wave(other_partnership)
    ours = client_as(partnership, Role.COORDINATOR)
    assert ours.get(_url(partnership, "waves", theirs.pk)).status_code == 404
    assert ours.post(_url(partnership, "waves", theirs.pk, "answer")).status_code == 404


def test_answering_says_what_is_stored_and_shows_missing_answers(partnership: Any) -> None:
    wave = open_wave(partnership)
    member = member_of(partnership, partner_named(partnership, "Health Org"))
    client = _client_for(member)
    page = client.get(wave.url_for("answer")).content.decode()
    assert "What we store when you send your answers" in page
    assert "Your partner organisation: Health Org, and its sector: Third sector." in page
    assert "Not the time." in page
    # The residual risk is said plainly, and no absolute claim that nothing links the two.
    assert (
        "someone with direct access to the database could match the order answers were stored "
        "in with the order people answered"
    ) in page
    assert "nothing links" not in page
    assert page.count('<fieldset class="fieldset">') >= 7  # a fieldset for each heading
    assert '<legend class="fieldset__legend"><h2 class="heading-m">Synergy</h2>' in page
    statements = items(wave)
    data = {f"item_{item.pk}": "4" for item in statements[1:]}
    response = client.post(wave.url_for("answer"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert page.count("Choose an answer to this statement, or choose Don&#x27;t know") == 2
    assert f'href="#id_item_{statements[0].pk}_0"' in page
    assert not WaveResponse.objects.exists()
    data[f"item_{statements[0].pk}"] = "dont_know"
    response = client.post(wave.url_for("answer"), data)
    assert response["Location"] == wave.get_absolute_url()
    assert WaveAnswered.objects.filter(person=member.person).exists()
    # Once only: the page says so, and a second answer is refused.
    assert "You have answered" in client.get(wave.url_for("answer")).content.decode()
    again = client.post(wave.url_for("answer"), data)
    assert "You have answered" in again.content.decode()
    assert WaveResponse.objects.count() == 1


def test_results_show_only_once_the_wave_closes(signed_in: Client, partnership: Any) -> None:
    wave = open_wave(partnership)
    for member in members_of(partnership, "Leaders Org", 5):
        answer(wave, member, 4)
    for member in members_of(partnership, "Children Org", 4):
        answer(wave, member, 2)
    for member in members_of(partnership, None, 5):
        answer(wave, member, 3)
    page = signed_in.get(wave.url_for("results")).content.decode()
    assert "The results show when the wave closes" in page
    assert "Leaders Org 5" in page  # the coordinator sees how many answered, not what
    assert "strength" not in page
    csv = signed_in.get(wave.url_for("results-csv"))
    assert csv.status_code == 302
    close(wave)
    page = signed_in.get(wave.url_for("results")).content.decode()
    assert "14 people answered" in page
    assert '<strong class="tag tag--green">strength</strong>' in page
    assert "Withheld: fewer than five answers (4 of its people answered)." in page
    csv = signed_in.get(wave.url_for("results-csv"))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert "Leaders Org,Synergy,,5,4.00,strength," in csv.content.decode()


def test_the_trend_page(signed_in: Client, partnership: Any) -> None:
    assert "No wave has closed yet" in signed_in.get(_url(partnership, "trend")).content.decode()
    wave = open_wave(partnership)
    for member in members_of(partnership, None, 5):
        answer(wave, member, 3)
    close(wave)
    page = signed_in.get(_url(partnership, "trend")).content.decode()
    assert "<svg" in page
    assert "Mean for each heading and factor, wave by wave" in page


def test_the_home_page_lists_waves_in_few_queries(
    signed_in: Client, partnership: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(4):
        wave = open_wave(partnership, name=f"Wave {n}")
        for member in members_of(partnership, None, 5):
            answer(wave, member, 4)
        close(wave)
    open_wave(partnership, name="Now")
    with django_assert_max_num_queries(20):
        page = signed_in.get(_url(partnership)).content.decode()
    assert "Latest results: Wave 3" in page
    assert page.count('>Results<span class="visually-hidden"> of Wave') == 4  # closed waves
    assert "Answer now" in page  # the open one


def test_statements_are_added_and_changed_before_the_wave_opens(
    signed_in: Client, partnership: Any
) -> None:
    wave = upcoming_wave(partnership)
    empty = signed_in.post(wave.url_for("item-add"), {"factor": "", "text": ""})
    page = empty.content.decode()
    assert "Choose the factor the statement is about" in page
    assert "Write the statement" in page
    added = signed_in.post(
        wave.url_for("item-add"), {"factor": "learning", "text": "We learn from each other."}
    )
    assert added["Location"] == wave.get_absolute_url()
    item = items(wave)[-1]
    assert (item.factor, item.text) == ("learning", "We learn from each other.")
    edit = f"{_url(partnership, 'waves', wave.pk, 'statements', item.pk, 'edit')}"
    assert "We learn from each other." in signed_in.get(edit).content.decode()
    signed_in.post(edit, {"factor": "learning", "text": "We learn together."})
    item.refresh_from_db()
    assert item.text == "We learn together."
    remove = _url(partnership, "waves", wave.pk, "statements", item.pk, "remove")
    assert "Remove this statement?" in signed_in.get(remove).content.decode()
    signed_in.post(remove)
    assert item.text not in [i.text for i in items(wave)]


def test_an_open_wave_is_closed_after_asking(signed_in: Client, partnership: Any) -> None:
    wave = open_wave(partnership)
    assert "Close this wave now?" in signed_in.get(wave.url_for("wave-close")).content.decode()
    response = signed_in.post(wave.url_for("wave-close"))
    assert response["Location"] == wave.get_absolute_url()
    wave.refresh_from_db()
    assert wave.closed_at is not None
    # Its statements can no longer change: the page says so and the service refuses.
    statement = items(wave)[0]
    edit = _url(partnership, "waves", wave.pk, "statements", statement.pk, "edit")
    assert "its statements stay as they are" in signed_in.get(edit).content.decode()
    refused = signed_in.post(edit, {"factor": "mix", "text": "Changed"})
    assert "it has opened already" in refused.content.decode()
