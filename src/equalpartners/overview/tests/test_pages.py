"""Every page a member can open renders for the demo story, signed in as the coordinator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from equalpartners.demo.story import SLUG, load_story
from equalpartners.testing.fixtures import MODEL_BACKEND


@pytest.fixture
def story(db):
    return load_story()


@pytest.fixture
def coordinator_client(client, story, django_user_model):
    client.force_login(
        django_user_model.objects.get(username="coordinator@example.org"), backend=MODEL_BACKEND
    )
    return client


def test_the_story_pages_render(coordinator_client, story):
    activity = story.activities.get(kind="roundtable")
    milestone = story.milestones.first()
    output = story.outputs.first()
    partner = story.partners.first()
    membership = story.memberships.first()
    initiative = story.related_initiatives.first()
    s = {"partnership_slug": SLUG}
    urls = [
        reverse("mine"),
        reverse("overview:home", kwargs=s),
        reverse("partnerships:partners", kwargs=s),
        reverse("partnerships:partner", kwargs={**s, "partner_id": partner.pk}),
        reverse("partnerships:partner-edit", kwargs={**s, "partner_id": partner.pk}),
        reverse("partnerships:partner-add", kwargs=s),
        reverse("partnerships:people", kwargs=s),
        reverse("partnerships:people", kwargs=s) + "?role=staff&sector=third",
        reverse("partnerships:member", kwargs={**s, "membership_id": membership.pk}),
        reverse("partnerships:member-remove", kwargs={**s, "membership_id": membership.pk}),
        reverse("partnerships:invite", kwargs=s),
        reverse("partnerships:initiatives", kwargs=s),
        reverse("partnerships:initiative-add", kwargs=s),
        reverse("partnerships:initiative-edit", kwargs={**s, "initiative_id": initiative.pk}),
        reverse("partnerships:initiative-delete", kwargs={**s, "initiative_id": initiative.pk}),
        reverse("partnerships:history", kwargs=s),
        reverse("partnerships:settings", kwargs=s),
        reverse("partnerships:link-add", kwargs=s),
        reverse("programme:activities", kwargs=s),
        reverse("programme:activities", kwargs=s) + "?kind=roundtable",
        reverse("programme:activity", kwargs={**s, "activity_id": activity.pk}),
        reverse("programme:activity-create", kwargs=s),
        reverse("programme:activity-edit", kwargs={**s, "activity_id": activity.pk}),
        reverse("programme:milestone", kwargs={**s, "milestone_id": milestone.pk}),
        reverse("programme:milestone-create", kwargs=s),
        reverse("programme:milestone-edit", kwargs={**s, "milestone_id": milestone.pk}),
        reverse("programme:milestone-delete", kwargs={**s, "milestone_id": milestone.pk}),
        reverse("programme:output", kwargs={**s, "output_id": output.pk}),
        reverse("programme:output-create", kwargs=s),
        reverse("programme:output-edit", kwargs={**s, "output_id": output.pk}),
        reverse("programme:output-delete", kwargs={**s, "output_id": output.pk}),
        reverse("programme:timeline", kwargs=s),
        reverse("programme:timeline", kwargs=s) + "?year=all",
        reverse("public:page", kwargs=s),
    ]
    for url in urls:
        response = coordinator_client.get(url)
        assert response.status_code == 200, url
