"""Who reads which reflection: each visibility, from each kind of viewer, and the list's filters."""

from __future__ import annotations

import pytest

from equalpartners.core.capabilities import Role
from equalpartners.learning import selectors
from equalpartners.testing import factories as f
from equalpartners.themes.tests.builders import closed_call

from .builders import member_of, partner_named, reflection

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(partnership, other_partnership):
    children = partner_named(partnership, "Children Org")
    health = partner_named(partnership, "Health Org")
    return {
        "author": member_of(partnership, children),
        "same partner": member_of(partnership, children, Role.BOARD_MEMBER),
        "other partner": member_of(partnership, health, Role.COORDINATOR),
        "not a partner": member_of(partnership, None, Role.PUBLIC_PARTNER),
        "guest": member_of(partnership, None, Role.GUEST),
        "another partnership": member_of(other_partnership, None, Role.COORDINATOR),
        "the public": None,
    }


# Who reads a reflection of each visibility written by "author".
READERS = {
    "partner": {"author", "same partner"},
    "partnership": {"author", "same partner", "other partner", "not a partner", "guest"},
    "public": {
        "author",
        "same partner",
        "other partner",
        "not a partner",
        "guest",
        "another partnership",
        "the public",
    },
}


@pytest.mark.parametrize("visibility", sorted(READERS))
def test_each_viewer_reads_what_the_visibility_allows(partnership, people, visibility):
    made = reflection(people["author"], visibility)
    for who, viewer in people.items():
        visible = selectors.reflections_visible_to(viewer=viewer, partnership=partnership)
        found = selectors.reflection_in(
            viewer=viewer, partnership=partnership, reflection_id=made.pk
        )
        expected = who in READERS[visibility]
        assert visible.filter(pk=made.pk).exists() is expected, (visibility, who)
        assert (found is not None) is expected, (visibility, who)


def test_an_author_whose_organisation_is_no_longer_a_partner_still_reads_their_own(
    partnership, people
):
    made = reflection(people["author"], "partner")
    made.partner = None
    made.save(update_fields=["partner"])
    for who in ("author", "same partner"):
        found = selectors.reflections_visible_to(viewer=people[who], partnership=partnership)
        assert found.filter(pk=made.pk).exists() is (who == "author")


def test_the_list_filters_by_link_visibility_partner_and_activity(partnership, people):
    author = people["author"]
    activity = f.ActivityFactory(partnership=partnership)
    decision = f.DecisionFactory(partnership=partnership)
    _, proposals = closed_call(partnership)
    on_activity = reflection(author, "public", title="On the activity", activities=[activity])
    on_theme = reflection(author, title="On a theme", themes=[proposals["Data"]])
    on_decision = reflection(author, title="On a decision", decisions=[decision])
    unlinked = reflection(author, "partner", title="On nothing")
    by_health = reflection(people["other partner"], title="From health")

    def titles(**filters):
        rows = selectors.reflection_list(viewer=author, partnership=partnership, **filters)
        return {r.title for r in rows}

    assert titles(link_kind="activity") == {on_activity.title}
    assert titles(link_kind="theme") == {on_theme.title}
    assert titles(link_kind="decision") == {on_decision.title}
    assert titles(link_kind="none") == {unlinked.title, by_health.title}
    assert titles(activity_id=activity.pk) == {on_activity.title}
    assert titles(visibility="partner") == {unlinked.title}
    health = partner_named(partnership, "Health Org")
    assert titles(partner_id=health.pk) == {by_health.title}
    assert len(titles()) == 5


def test_a_reflection_linked_twice_is_listed_once(partnership, people):
    first = f.ActivityFactory(partnership=partnership)
    second = f.ActivityFactory(partnership=partnership)
    reflection(people["author"], activities=[first, second])
    rows = selectors.reflection_list(
        viewer=people["author"], partnership=partnership, link_kind="activity"
    )
    assert len(list(rows)) == 1


def test_counts_are_of_what_the_viewer_reads(partnership, people):
    reflection(people["author"], "partner")
    reflection(people["author"], "public")
    assert selectors.reflection_counts(viewer=people["guest"], partnership=partnership) == {
        "readable": 1,
        "for_report": 0,
    }
    assert (
        selectors.reflection_counts(viewer=people["author"], partnership=partnership)["readable"]
        == 2
    )
