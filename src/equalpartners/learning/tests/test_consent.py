"""Consent to publish a story is the teller's to give: only they turn it on, and the history
says they did; anyone who may change the story may turn it off. In the services and over HTTP."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.learning import story_services
from equalpartners.learning.models import Story

from .builders import TOLD, client_for, domain, member_of, partner_named, selection_round, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(partnership):
    return member_of(partnership, partner_named(partnership, "Leaders Org"), Role.PARTNER_LEAD)


@pytest.fixture
def teller(partnership):
    return member_of(partnership, partner_named(partnership, "Health Org"))


@pytest.fixture
def recorder(partnership):
    return member_of(partnership, partner_named(partnership, "Children Org"))


def _consent(story_: Story, membership, consent: bool) -> Story:
    return story_services.story_update(
        actor=membership.person.user,
        record=story_,
        membership=membership,
        consent_to_publish=consent,
    )


def test_only_the_teller_gives_consent_when_a_story_is_recorded(lead, teller, recorder):
    leading = domain(lead)
    for someone_else in (recorder, lead):
        with pytest.raises(ValidationError) as raised:
            story(someone_else, leading, teller=teller.person, consent=True)
        assert "Only" in raised.value.message_dict["consent_to_publish"][0]
    assert not Story.objects.exists()
    own = story(teller, leading, consent=True)
    entry = AuditEntry.objects.get(action="story.create")
    assert entry.data["consent_given_by"] == {
        "person": teller.person.pk,
        "name": teller.person.name,
    }
    assert own.consent_to_publish is True


def test_only_the_teller_turns_consent_on_and_anyone_who_may_change_it_turns_it_off(
    lead, teller, recorder
):
    told = story(recorder, domain(lead), teller=teller.person, consent=False)
    for someone_else in (recorder, lead):
        with pytest.raises(ValidationError):
            _consent(told, someone_else, True)
    _consent(told, teller, True)
    told.refresh_from_db()
    assert told.consent_to_publish is True
    entry = AuditEntry.objects.filter(action="story.update").latest("id")
    assert entry.data["consent_given_by"]["person"] == teller.person.pk
    assert entry.data["changes"] == {"consent_to_publish": {"from": False, "to": True}}

    _consent(told, recorder, False)
    told.refresh_from_db()
    assert told.consent_to_publish is False
    entry = AuditEntry.objects.filter(action="story.update").latest("id")
    assert "consent_given_by" not in entry.data


def test_a_new_teller_gives_their_own_consent(partnership, lead, teller, recorder):
    told = story(teller, domain(lead), consent=True)
    with pytest.raises(ValidationError) as raised:  # the old teller's consent does not pass on
        story_services.story_update(
            actor=None, record=told, membership=lead, teller=recorder.person
        )
    assert "consent_to_publish" in raised.value.message_dict
    story_services.story_update(
        actor=None, record=told, membership=lead, teller=recorder.person, consent_to_publish=False
    )
    _consent(told, recorder, True)
    told.refresh_from_db()
    assert (told.teller, told.consent_to_publish) == (recorder.person, True)


def test_someone_else_sees_no_consent_box_and_cannot_slip_one_in(partnership, lead, teller):
    told = story(lead, domain(lead), teller=teller.person, consent=False)
    url = f"/p/{partnership.slug}/learning/stories/{told.pk}/edit/"
    page = client_for(lead).get(url).content.decode()
    assert 'name="consent_to_publish"' not in page
    assert f"Only {teller.person.name}, who told it, can agree" in page
    client_for(lead).post(url, {**_story_fields(told), "consent_to_publish": "on"})
    told.refresh_from_db()
    assert told.consent_to_publish is False  # the box was not offered, so it is ignored

    page = client_for(teller).get(url).content.decode()
    assert "I told this story, and I agree to it being shared in a public report" in page
    response = client_for(teller).post(url, {**_story_fields(told), "consent_to_publish": "on"})
    assert response.status_code == 302
    told.refresh_from_db()
    assert told.consent_to_publish is True


def test_someone_else_may_take_consent_back_once_a_round_has_the_story(partnership, lead, teller):
    leading = domain(lead)
    told = story(teller, leading, consent=True)
    selection_round(lead, [told, story(teller, leading, title="Another")])
    url = f"/p/{partnership.slug}/learning/stories/{told.pk}/edit/"
    page = client_for(lead).get(url).content.decode()
    assert f"{teller.person.name} agrees to this story being shared in a public report" in page
    assert client_for(lead).post(url, {}).status_code == 302
    told.refresh_from_db()
    assert told.consent_to_publish is False
    page = client_for(lead).get(url).content.decode()
    assert 'name="consent_to_publish"' not in page
    assert "Back to the story" in page


def test_recording_someone_elses_story_with_their_consent_ticked_says_why_not(
    partnership, lead, teller
):
    leading = domain(lead)
    response = client_for(lead).post(
        f"/p/{partnership.slug}/learning/stories/new/",
        {
            "title": "Trust across sectors",
            "story": "The council now phones us first.",
            "domain": leading.pk,
            "why_it_matters": "We plan together.",
            "teller": teller.person.pk,
            "told_on_day": TOLD.day,
            "told_on_month": TOLD.month,
            "told_on_year": TOLD.year,
            "consent_to_publish": "on",
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert page.count(f"Only {teller.person.name}, who told the story, can agree") == 2
    assert not Story.objects.exists()


def _story_fields(told: Story) -> dict[str, object]:
    return {
        "title": told.title,
        "story": told.story,
        "domain": told.domain_id,
        "why_it_matters": told.why_it_matters,
        "teller": told.teller_id,
        "told_on_day": told.told_on.day,
        "told_on_month": told.told_on.month,
        "told_on_year": told.told_on.year,
    }
