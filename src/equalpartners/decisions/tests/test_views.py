"""Decision pages over real HTTP: set up, vote, close, record the outcome, see the timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.decisions.models import Ballot, Decision, VoteRecord
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

pytestmark = pytest.mark.django_db


def _url(partnership: Any, *parts: Any) -> str:
    return "/".join([f"/p/{partnership.slug}/decisions", *map(str, parts)]) + "/"


def _voter(partnership: Any, partner: Any, role: str = Role.STAFF) -> tuple[Client, Any]:
    """A signed-in member of ``partner``, and their membership."""
    user = f.UserFactory()
    person = f.PersonFactory(user=user, organisation=partner.organisation, email=user.email)
    membership = f.MembershipFactory(partnership=partnership, person=person, role=role)
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client, membership


def _form(**overrides: Any) -> dict[str, Any]:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    later = tomorrow + dt.timedelta(days=7)
    data = {
        "question": "Where should our shared stand go?",
        "context": "One stand for all of us.",
        "method": "ranked_pairs",
        "options": "By the entrance\nBy the café\nIn the health zone",
        "weighting": "partner",
        "opens_on_day": tomorrow.day,
        "opens_on_month": tomorrow.month,
        "opens_on_year": tomorrow.year,
        "opens_time": "09:00",
        "closes_on_day": later.day,
        "closes_on_month": later.month,
        "closes_on_year": later.year,
        "closes_time": "17:00",
        "time_zone": "Europe/London",
        "votes_changeable": "on",
        "scale_high": "5",
    }
    data.update(overrides)
    return data


def test_the_list_shows_each_decision_under_its_status(signed_in, partnership):
    now = timezone.now()
    f.DecisionFactory(partnership=partnership, question="Open one?")
    f.DecisionFactory(
        partnership=partnership,
        question="Later one?",
        opens_at=now + dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=2),
    )
    f.DecisionFactory(
        partnership=partnership,
        question="Past one?",
        opens_at=now - dt.timedelta(days=9),
        closes_at=now - dt.timedelta(days=2),
    )
    html = signed_in.get(_url(partnership)).content.decode()
    open_at, upcoming_at, closed_at = (
        html.index("Open for votes"),
        html.index("Not open yet"),
        html.index('<h2 class="heading-m">Closed'),
    )
    assert open_at < html.index("Open one?") < upcoming_at
    assert upcoming_at < html.index("Later one?") < closed_at
    assert closed_at < html.index("Past one?")


def test_the_list_page_reads_a_bounded_number_of_rows(
    signed_in, partnership, django_assert_max_num_queries
):
    for _ in range(30):
        f.DecisionFactory(partnership=partnership)
    with django_assert_max_num_queries(8):
        assert signed_in.get(_url(partnership)).status_code == 200


def test_a_coordinator_sets_up_a_decision_with_its_options(signed_in, partnership):
    response = signed_in.post(_url(partnership, "new"), _form())
    decision = Decision.objects.get(partnership=partnership)
    assert response.status_code == 302
    assert response.url == decision.get_absolute_url()
    assert [o.label for o in decision.options.all()] == [
        "By the entrance",
        "By the café",
        "In the health zone",
    ]
    assert decision.opens_at.astimezone(decision.zone).hour == 9


def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(signed_in, partnership):
    response = signed_in.post(
        _url(partnership, "new"),
        _form(options="Only one", closes_on_day="", closes_on_month="", closes_on_year=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html
    assert "Give at least two options" in html
    assert "Enter the date voting closes" in html
    assert not Decision.objects.exists()


def test_a_time_poll_line_that_is_not_a_time_names_the_line(signed_in, partnership):
    response = signed_in.post(
        _url(partnership, "new"),
        _form(
            method="time_poll", options="2027-01-20 10:00-12:00\nnext Tuesday", weighting="person"
        ),
    )
    assert "Line 2: write a time" in response.content.decode()
    assert not Decision.objects.exists()


def test_staff_may_vote_but_not_set_up_a_decision(partnership, client_as):
    staff = client_as(partnership, Role.STAFF)
    assert staff.get(_url(partnership, "new")).status_code == 403


def test_a_member_ranks_the_options_and_can_change_their_vote(partnership):
    partner = partnership.partners.first()
    decision = f.DecisionFactory(partnership=partnership, options=["North", "South", "East"])
    north, south, east = decision.options.all()
    client, _ = _voter(partnership, partner)

    page = client.get(_url(partnership, decision.pk, "vote"))
    assert "1st choice" in page.content.decode()
    response = client.post(
        _url(partnership, decision.pk, "vote"), {"rank_1": south.pk, "rank_2": north.pk}
    )
    assert response.status_code == 302
    assert Ballot.objects.get(decision=decision).content == {"ranking": [[south.pk], [north.pk]]}

    client.post(_url(partnership, decision.pk, "vote"), {"rank_1": east.pk})
    assert Ballot.objects.get(decision=decision).content == {"ranking": [[east.pk]]}
    assert VoteRecord.objects.filter(decision=decision).count() == 1


def test_an_option_chosen_twice_is_refused_with_its_name(partnership):
    decision = f.DecisionFactory(partnership=partnership, options=["North", "South"])
    north = decision.options.get(label="North")
    client, _ = _voter(partnership, partnership.partners.first())
    response = client.post(
        _url(partnership, decision.pk, "vote"), {"rank_1": north.pk, "rank_2": north.pk}
    )
    assert "North is already your 1st choice" in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_guest_cannot_vote(partnership, client_as):
    decision = f.DecisionFactory(partnership=partnership)
    guest = client_as(partnership, Role.GUEST)
    assert guest.get(_url(partnership, decision.pk)).status_code == 200
    assert guest.post(_url(partnership, decision.pk, "vote"), {}).status_code == 403


def test_results_stay_hidden_until_close_unless_shown_live(partnership, signed_in):
    decision = f.DecisionFactory(partnership=partnership, options=["North", "South"])
    north = decision.options.get(label="North")
    client, _ = _voter(partnership, partnership.partners.first())
    client.post(_url(partnership, decision.pk, "vote"), {"rank_1": north.pk})
    results = _url(partnership, decision.pk, "results")
    assert "The results are shown when voting closes" in signed_in.get(results).content.decode()
    Decision.objects.filter(pk=decision.pk).update(results_live=True)
    assert "North" in signed_in.get(results).content.decode()
    assert "Winner" in signed_in.get(results).content.decode()


def test_close_then_record_the_outcome_and_find_it_on_the_timeline(partnership, signed_in):
    decision = f.DecisionFactory(
        partnership=partnership, question="Which site?", options=["North", "South"]
    )
    north = decision.options.get(label="North")
    client, _ = _voter(partnership, partnership.partners.first())
    client.post(_url(partnership, decision.pk, "vote"), {"rank_1": north.pk})

    confirm = signed_in.get(_url(partnership, decision.pk, "close"))
    assert "Close voting now?" in confirm.content.decode()
    signed_in.post(_url(partnership, decision.pk, "close"))
    decision.refresh_from_db()
    assert decision.closed_at is not None

    outcome_page = signed_in.get(_url(partnership, decision.pk, "outcome"))
    # The count's winner is offered as the chosen option.
    assert f'<option value="{north.pk}" selected>' in outcome_page.content.decode()
    signed_in.post(
        _url(partnership, decision.pk, "outcome"),
        {"outcome": "We go north, together.", "chosen_option": north.pk},
    )
    decision.refresh_from_db()
    assert decision.outcome == "We go north, together."
    assert decision.chosen_option == north

    timeline = signed_in.get(
        f"/p/{partnership.slug}/timeline/?year={timezone.localdate().year}"
    ).content.decode()
    assert "Which site?" in timeline
    assert "Decided: North" in timeline


def test_the_timeline_filters_to_decisions(partnership, signed_in):
    f.DecisionFactory(partnership=partnership, question="Filtered question?")
    f.ActivityFactory(partnership=partnership, title="An event", starts_at=timezone.now())
    html = signed_in.get(
        f"/p/{partnership.slug}/timeline/?kind=decision&year={timezone.localdate().year}"
    ).content.decode()
    assert "Filtered question?" in html
    assert "An event" not in html


def test_reminders_reach_only_those_who_have_not_voted(
    partnership, signed_in, mailoutbox, django_capture_on_commit_callbacks
):
    partner = partnership.partners.first()
    decision = f.DecisionFactory(partnership=partnership, options=["North", "South"])
    voted_client, voted = _voter(partnership, partner)
    _, waiting = _voter(partnership, partner)
    north = decision.options.get(label="North")
    voted_client.post(_url(partnership, decision.pk, "vote"), {"rank_1": north.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(_url(partnership, decision.pk, "remind"))
    assert response.status_code == 302
    recipients = {address for message in mailoutbox for address in message.to}
    assert waiting.person.email in recipients
    assert voted.person.email not in recipients


def test_history_shows_votes_without_their_content(partnership, signed_in):
    decision = f.DecisionFactory(
        partnership=partnership, options=["North", "South"], anonymous=True
    )
    north = decision.options.get(label="North")
    client, _ = _voter(partnership, partnership.partners.first())
    response = client.post(
        _url(partnership, decision.pk, "vote"), {"rank_1": north.pk}, follow=True
    )
    assert "Your receipt code is" in response.content.decode()
    page = signed_in.get(_url(partnership, decision.pk)).content.decode()
    assert "voted in the decision" in page
    history = page[page.index('id="history-heading"') :]
    assert "North" not in history


def _form_values(page: Any) -> dict[str, Any]:
    """What a browser would send back from a form page unchanged."""
    form = page.context["form"]
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if hasattr(field.widget, "widgets"):  # the three-part date
            for suffix, part in zip(
                field.widget.widgets_names, field.widget.decompress(value), strict=True
            ):
                data[f"{name}{suffix}"] = "" if part is None else part
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = [str(v.pk) if hasattr(v, "pk") else str(v) for v in value]
        elif value is not None:
            data[name] = str(value.pk) if hasattr(value, "pk") else value
    return data


def test_a_decision_sent_back_unchanged_from_its_edit_page_is_saved(signed_in, partnership):
    signed_in.post(_url(partnership, "new"), _form())
    decision = Decision.objects.get(partnership=partnership)
    page = signed_in.get(_url(partnership, decision.pk, "edit"))
    assert 'value="09:00"' in page.content.decode()
    response = signed_in.post(_url(partnership, decision.pk, "edit"), _form_values(page))
    assert response.status_code == 302, response.context["form"].errors
    decision.refresh_from_db()
    assert decision.opens_at.astimezone(decision.zone).hour == 9


def test_once_open_only_a_later_closing_time_can_be_saved(signed_in, partnership):
    decision = f.DecisionFactory(partnership=partnership)
    page = signed_in.get(_url(partnership, decision.pk, "edit"))
    html = page.content.decode()
    assert "Close voting later" in html
    assert 'name="question"' not in html
    closes = decision.closes_at.astimezone(decision.zone)
    earlier = closes - dt.timedelta(days=1)
    response = signed_in.post(
        _url(partnership, decision.pk, "edit"),
        {
            "closes_on_day": earlier.day,
            "closes_on_month": earlier.month,
            "closes_on_year": earlier.year,
            "closes_time": f"{earlier:%H:%M}",
        },
    )
    assert "Voting can only close later than it does now" in response.content.decode()
    later = closes + dt.timedelta(days=3)
    response = signed_in.post(
        _url(partnership, decision.pk, "edit"),
        {
            "closes_on_day": later.day,
            "closes_on_month": later.month,
            "closes_on_year": later.year,
            "closes_time": "17:00",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.closes_at.astimezone(decision.zone).date() == later.date()


def test_changing_an_outcome_keeps_none_of_them_chosen(partnership, signed_in):
    decision = f.DecisionFactory(partnership=partnership, options=["North", "South"])
    north = decision.options.get(label="North")
    client, _ = _voter(partnership, partnership.partners.first())
    client.post(_url(partnership, decision.pk, "vote"), {"rank_1": north.pk})
    signed_in.post(_url(partnership, decision.pk, "close"))
    page = signed_in.get(_url(partnership, decision.pk, "outcome")).content.decode()
    assert f'<option value="{north.pk}" selected>' in page  # the count's winner, offered first
    signed_in.post(
        _url(partnership, decision.pk, "outcome"),
        {"outcome": "Neither: we keep looking.", "chosen_option": ""},
    )
    page = signed_in.get(_url(partnership, decision.pk, "outcome")).content.decode()
    assert f'<option value="{north.pk}" selected>' not in page
    assert '<option value="" selected>None of them</option>' in page


def test_a_decision_closing_next_year_has_its_year_on_the_timeline(partnership, signed_in):
    next_year = timezone.localdate().year + 1
    f.ActivityFactory(partnership=partnership, title="This year's event", starts_at=timezone.now())
    f.DecisionFactory(
        partnership=partnership,
        question="Next year's question?",
        closes_at=dt.datetime(next_year, 3, 1, 12, tzinfo=dt.UTC),
    )
    html = signed_in.get(f"/p/{partnership.slug}/timeline/").content.decode()
    assert f"?year={next_year}" in html
    html = signed_in.get(f"/p/{partnership.slug}/timeline/?year={next_year}").content.decode()
    assert "Next year&#x27;s question?" in html
