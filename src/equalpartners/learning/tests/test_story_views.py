"""Stories of change, domains and selection rounds over real HTTP."""

from __future__ import annotations

import datetime as dt

import pytest

from equalpartners.core.capabilities import Role
from equalpartners.learning.models import Domain, Selection, SelectionRound, Story

from .builders import TOLD, client_for, domain, member_of, partner_named, selection_round, story

pytestmark = pytest.mark.django_db


def _url(partnership, *parts):
    return "/".join([f"/p/{partnership.slug}/learning", *map(str, parts)]) + "/"


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def lead(partnership):
    return member_of(partnership, partner_named(partnership, "Leaders Org"), Role.PARTNER_LEAD)


@pytest.fixture
def staff(partnership):
    return member_of(partnership, partner_named(partnership, "Health Org"))


def test_stories_wait_for_domains_and_the_coordinator_adds_the_suggested_ones(
    partnership, lead, staff
):
    page = client_for(staff).get(_url(partnership, "stories", "new")).content.decode()
    assert "there are none yet" in page
    client = client_for(lead)
    form = client.get(_url(partnership, "domains", "suggested")).content.decode()
    assert "Relationships between sectors" in form
    response = client.post(
        _url(partnership, "domains", "suggested"),
        {"names": ["How we lead", "Policy and practice"]},
    )
    assert response["Location"] == _url(partnership, "domains")
    assert [d.name for d in Domain.objects.all()] == ["How we lead", "Policy and practice"]
    assert client_for(staff).get(_url(partnership, "domains", "new")).status_code == 403


def test_a_member_records_a_story_and_the_form_shows_its_errors(partnership, lead, staff):
    leading = domain(lead)
    client = client_for(staff)
    response = client.post(_url(partnership, "stories", "new"), {"title": "", "told_on_day": "31"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert page.count("Write the story") == 2
    assert page.count("Choose the domain of change the story is about") == 2
    assert "must include a month and year" in page
    assert not Story.objects.exists()
    response = client.post(
        _url(partnership, "stories", "new"),
        {
            "title": "Trust across sectors",
            "story": "The council now phones us first.",
            "domain": leading.pk,
            "why_it_matters": "We plan together.",
            "teller": staff.person.pk,
            **_date("told_on", TOLD),
        },
    )
    made = Story.objects.get()
    assert response["Location"] == made.get_absolute_url()
    assert made.consent_to_publish is False
    page = client.get(made.get_absolute_url()).content.decode()
    assert "has not agreed to this story being shared in a public report" in page


def test_a_guest_may_not_record_a_story(partnership, lead, client_as):
    domain(lead)
    guest = client_as(partnership, Role.GUEST)
    assert guest.get(_url(partnership, "stories", "new")).status_code == 403
    assert guest.post(_url(partnership, "stories", "new"), {}).status_code == 403


def test_a_story_in_a_round_offers_only_its_consent(partnership, lead, staff):
    leading = domain(lead)
    first, second = story(staff, leading), story(staff, leading, title="Second")
    selection_round(lead, [first, second])
    client = client_for(staff)
    page = client.get(_url(partnership, "stories", first.pk, "edit")).content.decode()
    assert "Only the teller's consent to publish can change" in page
    assert 'name="title"' not in page
    client.post(_url(partnership, "stories", first.pk, "edit"), {})
    first.refresh_from_db()
    assert first.consent_to_publish is False
    other = client_for(member_of(partnership, partner_named(partnership, "Children Org")))
    assert other.get(_url(partnership, "stories", first.pk, "edit")).status_code == 403


def test_a_round_is_set_up_chosen_from_and_closed(partnership, lead, staff):
    leading = domain(lead)
    consented = story(staff, leading, title="Consented")
    private = story(staff, leading, title="Not consented", consent=False)
    client = client_for(lead)
    response = client.post(
        _url(partnership, "rounds", "new"),
        {
            "name": "Spring stories",
            "domain": "",
            **_date("starts_on", dt.date(2025, 1, 1)),
            **_date("ends_on", dt.date(2025, 6, 30)),
            "stories": [consented.pk, private.pk],
            "selectors": [lead.person.pk, staff.person.pk],
        },
    )
    made = SelectionRound.objects.get()
    assert response["Location"] == made.get_absolute_url()
    response = client.post(_url(partnership, "rounds", made.pk, "choose"), {"story": private.pk})
    assert "Write down why the group chose this story" in response.content.decode()
    response = client.post(
        _url(partnership, "rounds", made.pk, "choose"),
        {"story": private.pk, "reasons": "It changed how we plan."},
        follow=True,
    )
    assert "It is not marked for the report" in response.content.decode()
    response = client.post(
        _url(partnership, "rounds", made.pk, "choose"),
        {"story": consented.pk, "reasons": "Trust grew."},
        follow=True,
    )
    assert "and marked for the report" in response.content.decode()
    assert Selection.objects.count() == 2
    assert (
        "Close the round?"
        in client.get(_url(partnership, "rounds", made.pk, "close")).content.decode()
    )
    client.post(_url(partnership, "rounds", made.pk, "close"))
    made.refresh_from_db()
    assert made.is_closed
    history = client_for(staff).get(made.get_absolute_url()).content.decode()
    assert "Trust grew." in history
    assert "It changed how we plan." in history
    assert "Record the group's choice" not in history


def test_the_round_form_says_which_stories_do_not_fit(partnership, lead, staff):
    leading = domain(lead)
    policy = domain(lead, "Policy")
    first = story(staff, leading)
    other = story(staff, policy, title="About policy")
    response = client_for(lead).post(
        _url(partnership, "rounds", "new"),
        {
            "name": "Leading",
            "domain": leading.pk,
            **_date("starts_on", dt.date(2025, 1, 1)),
            **_date("ends_on", dt.date(2025, 6, 30)),
            "stories": [first.pk, other.pk],
            "selectors": [lead.person.pk],
        },
    )
    page = response.content.decode()
    assert "These are not: About policy" in page
    assert 'href="#id_stories_0"' in page
    assert not SelectionRound.objects.exists()


def test_only_learning_managers_run_rounds_and_members_read_them(partnership, lead, staff):
    leading = domain(lead)
    made = selection_round(lead, [story(staff, leading), story(staff, leading, title="Two")])
    client = client_for(staff)
    for page in ("choose", "close", "edit"):
        assert client.get(_url(partnership, "rounds", made.pk, page)).status_code == 403
    assert client.get(_url(partnership, "rounds")).status_code == 200
    assert "Spring stories" in client.get(_url(partnership, "rounds")).content.decode()


def test_another_partnerships_round_and_story_are_not_found(
    partnership, lead, staff, other_partnership
):
    leading = domain(lead)
    made = selection_round(lead, [story(staff, leading), story(staff, leading, title="Two")])
    stranger = client_for(member_of(other_partnership, None, Role.COORDINATOR))
    assert stranger.get(made.get_absolute_url()).status_code == 404
    other_url = f"/p/{other_partnership.slug}/learning/rounds/{made.pk}/"
    assert stranger.get(other_url).status_code == 404
    first = made.stories.all()[0]
    story_url = f"/p/{other_partnership.slug}/learning/stories/{first.pk}/"
    assert stranger.get(story_url).status_code == 404
