"""Theme pages over real HTTP: set up a call, propose, place dots, see the results."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.testing.fixtures import MODEL_BACKEND
from equalpartners.themes import services
from equalpartners.themes.models import Allocation, Call, Proposal

from .builders import closed_call, dots, member_of, partner_named, proposing_call, voting_call

pytestmark = pytest.mark.django_db


def _url(partnership: Any, *parts: Any) -> str:
    return "/".join([f"/p/{partnership.slug}/themes", *map(str, parts)]) + "/"


def _client_for(membership: Any) -> Client:
    client = Client()
    client.force_login(membership.person.user, backend=MODEL_BACKEND)
    return client


def _call_form(**overrides: Any) -> dict[str, Any]:
    soon = timezone.localdate() + dt.timedelta(days=7)
    later = soon + dt.timedelta(days=7)
    data = {
        "title": "Themes for the spring staff exchange",
        "description": "What should our staff teams learn about together?",
        "proposer_roles": ["coordinator", "partner_lead", "staff"],
        "weighting": "partner",
        "dot_budget": "10",
        "max_dots_per_theme": "5",
        "proposals_close_on_day": soon.day,
        "proposals_close_on_month": soon.month,
        "proposals_close_on_year": soon.year,
        "proposals_close_time": "17:00",
        "voting_closes_on_day": later.day,
        "voting_closes_on_month": later.month,
        "voting_closes_on_year": later.year,
        "voting_closes_time": "17:00",
        "time_zone": "Europe/London",
        "draw_tie_break": "on",
    }
    data.update(overrides)
    return data


def test_a_coordinator_starts_a_call(signed_in, partnership):
    response = signed_in.post(_url(partnership, "new"), _call_form())
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == call.get_absolute_url()
    assert (call.weighting, call.dot_budget, call.max_dots_per_theme) == ("partner", 10, 5)
    page = signed_in.get(call.get_absolute_url()).content.decode()
    assert "Taking proposals" in page
    assert "Times in Europe/London" in page
    assert "GMT" in page or "BST" in page


def test_the_call_form_shows_its_errors_in_a_summary_and_beside_each_field(signed_in, partnership):
    response = signed_in.post(
        _url(partnership, "new"),
        _call_form(
            title="",
            dot_budget="5",
            max_dots_per_theme="6",
            voting_closes_time="09:00",
            voting_closes_on_day=timezone.localdate().day,
            voting_closes_on_month=timezone.localdate().month,
            voting_closes_on_year=timezone.localdate().year,
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "<title>Error: " in html
    assert "cannot be more than the 5 dots each voter has" in html
    assert "Voting must close after proposals close" in html
    assert 'id="id_max_dots_per_theme_error"' in html
    assert not Call.objects.exists()


def test_staff_propose_a_theme_and_see_it_with_their_partner(partnership):
    call = proposing_call(partnership)
    staff = member_of(partnership, partner_named(partnership, "Children Org"))
    client = _client_for(staff)
    response = client.post(
        _url(partnership, call.pk, "propose"),
        {"title": "Children's voices", "description": "Hearing from young people."},
    )
    assert response.status_code == 302
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Children&#x27;s voices" in page
    assert "Children Org" in page
    assert "Change<span" in page  # their own theme, while proposals are taken


def test_a_long_description_is_shown_beside_the_field(partnership):
    call = proposing_call(partnership)
    client = _client_for(member_of(partnership, None))
    response = client.post(
        _url(partnership, call.pk, "propose"), {"title": "Data", "description": "y" * 650}
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The description must be 600 characters or fewer: it has 650" in html
    assert not Proposal.objects.exists()


def test_someone_elses_theme_cannot_be_changed(partnership):
    call = proposing_call(partnership)
    owner, other = member_of(partnership, None), member_of(partnership, None)
    proposal = services.proposal_create(
        actor=None, call=call, membership=owner, title="Data", description="Sharing."
    )
    url = _url(partnership, call.pk, "themes", proposal.pk, "edit")
    assert _client_for(other).get(url).status_code == 403
    assert _client_for(owner).get(url).status_code == 200


def test_a_voter_places_dots_and_changes_them(partnership):
    call, p = voting_call(partnership)
    voter = member_of(partnership, None)
    client = _client_for(voter)
    url = _url(partnership, call.pk, "vote")
    form = client.get(url).content.decode()
    assert 'type="number"' in form
    assert "You have 10 dots to place" in form
    data = {f"theme_{p['Wellbeing'].pk}": "7", f"theme_{p['Data'].pk}": "3"}
    data[f"theme_{p['Voice'].pk}"] = "0"
    assert client.post(url, data).status_code == 302
    data = {f"theme_{p['Voice'].pk}": "2", f"theme_{p['Data'].pk}": "0"}
    data[f"theme_{p['Wellbeing'].pk}"] = "0"
    assert client.post(url, data).status_code == 302
    assert Allocation.objects.get().dots == {str(p["Voice"].pk): 2}
    assert 'value="2"' in client.get(url).content.decode()


def test_over_the_budget_and_over_the_most_per_theme_are_explained(partnership):
    call, p = voting_call(partnership, dot_budget=10, max_dots_per_theme=6)
    client = _client_for(member_of(partnership, None))
    data = {
        f"theme_{p['Wellbeing'].pk}": "7",
        f"theme_{p['Data'].pk}": "-1",
        f"theme_{p['Voice'].pk}": "lots",
    }
    html = client.post(_url(partnership, call.pk, "vote"), data).content.decode()
    assert "There is a problem" in html
    assert "You can put at most 6 dots on “Wellbeing”" in html
    assert "Dots on “Data” cannot be fewer than 0" in html
    assert "Enter the dots for “Voice” as a whole number, like 2" in html
    assert f'href="#id_theme_{p["Data"].pk}"' in html
    data = {f"theme_{p['Wellbeing'].pk}": "6", f"theme_{p['Data'].pk}": "5"}
    data[f"theme_{p['Voice'].pk}"] = ""
    html = client.post(_url(partnership, call.pk, "vote"), data).content.decode()
    assert "Enter the dots for “Voice”: 0 if you want none" in html
    data[f"theme_{p['Voice'].pk}"] = "0"
    html = client.post(_url(partnership, call.pk, "vote"), data).content.decode()
    assert "You placed 11 dots, but you have 10: take 1 off" in html
    assert not Allocation.objects.exists()


def test_results_are_shown_once_voting_closes_with_a_chart_and_its_table(partnership, signed_in):
    call, p = voting_call(partnership)
    dots(member_of(partnership, None), call, {p["Data"]: 6, p["Voice"]: 4})
    url = _url(partnership, call.pk, "results")
    assert "shown when voting closes" in signed_in.get(url).content.decode()
    services.call_close(actor=None, call=call)
    html = signed_in.get(url).content.decode()
    assert "<svg" in html
    assert "Bar chart: dots on each theme" in html
    assert "<table" in html
    assert "Dots on each theme, most first" in html
    assert html.index("Data") < html.index("Voice") < html.rindex("Wellbeing")
    assert "How ties were broken" in html
    assert "no tie needed breaking" in html
    assert "Make this a staff exchange session" in html


def test_a_guest_sees_but_cannot_propose_or_vote(partnership, client_as):
    call, _ = voting_call(partnership)
    guest = client_as(partnership, Role.GUEST)
    assert guest.get(call.get_absolute_url()).status_code == 200
    assert guest.get(_url(partnership, call.pk, "results")).status_code == 200
    assert guest.post(_url(partnership, call.pk, "vote"), {}).status_code == 403
    assert guest.post(_url(partnership, call.pk, "propose"), {}).status_code == 403
    assert guest.post(_url(partnership, "new"), _call_form()).status_code == 403
    assert guest.post(_url(partnership, call.pk, "close"), {}).status_code == 403
    assert not Allocation.objects.exists()


def test_staff_cannot_run_a_call(partnership):
    call, _ = voting_call(partnership)
    staff = _client_for(member_of(partnership, None))
    assert staff.post(_url(partnership, call.pk, "close")).status_code == 403
    assert staff.get(_url(partnership, "new")).status_code == 403


def test_another_partnerships_call_is_404(partnership, other_partnership, signed_in):
    call, p = voting_call(other_partnership)
    for path in [(call.pk,), (call.pk, "vote"), (call.pk, "results"), (call.pk, "close")]:
        assert signed_in.get(_url(partnership, *path)).status_code == 404
    for path in [(call.pk, "vote"), (call.pk, "close"), (call.pk, "propose")]:
        assert signed_in.post(_url(partnership, *path)).status_code == 404
    mine, _ = voting_call(partnership, title="Ours")
    url = _url(partnership, mine.pk, "themes", p["Data"].pk, "session")
    assert signed_in.get(url).status_code == 404


def test_moving_the_call_on_by_hand(partnership, signed_in):
    call, _ = voting_call(partnership)
    response = signed_in.post(_url(partnership, call.pk, "close"))
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.closed_at is not None
    again = signed_in.post(_url(partnership, call.pk, "close"), follow=True)
    assert "You cannot close voting: voting has closed." in again.content.decode()


def test_the_list_of_calls_does_not_slow_down(
    partnership, signed_in, django_assert_max_num_queries
):
    for n in range(6):
        proposing_call(partnership, title=f"Call {n}")
    closed_call(partnership, title="Done")
    with django_assert_max_num_queries(12):
        html = signed_in.get(_url(partnership)).content.decode()
    assert "Call 5" in html
    assert "Done" in html
