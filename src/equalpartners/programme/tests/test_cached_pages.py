"""The timeline and the programme list are cached under the partnership's content version,
and are never stale.

Every change to a partnership's records raises its version (``partnerships.versioning``), so
what is cached is read again after any change, made in any worker.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from equalpartners.partnerships import services as partnership_services
from equalpartners.partnerships.models import Partnership
from equalpartners.programme import services
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _version(partnership) -> int:
    return Partnership.objects.get(pk=partnership.pk).content_version


def _timeline(client, partnership):
    url = reverse("programme:timeline", kwargs={"partnership_slug": partnership.slug})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url + "?year=all")
    return response.content.decode(), len(queries)


def _add(coordinator, partnership, title: str):
    start = dt.datetime.combine(timezone.localdate(), dt.time(10), tzinfo=LONDON)
    return services.activity_create(
        actor=coordinator,
        partnership=partnership,
        kind="roundtable",
        title=title,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        time_zone="Europe/London",
    )


def test_every_kind_of_change_raises_the_version(coordinator, partnership, other_partnership):
    seen = [_version(partnership)]
    theirs = _version(other_partnership)

    def raised() -> bool:
        seen.append(_version(partnership))
        return seen[-1] > seen[-2]

    activity = _add(coordinator, partnership, "Roundtable")
    assert raised()
    services.activity_update(actor=coordinator, activity=activity, title="Roundtable, moved")
    assert raised()
    activity.co_partners.set(list(partnership.partners.all()[:1]))  # many-to-many
    assert raised()
    partner = partnership.partners.select_related("organisation").first()
    partnership_services.organisation_find_or_create(
        actor=coordinator, name="A new organisation", sector="third"
    )
    assert not raised()  # an organisation in no partnership of ours
    partner.organisation.name = "Renamed organisation"
    partner.organisation.save()  # shared: shown in every partnership it belongs to
    assert raised()
    f.MilestoneFactory(partnership=partnership)  # not through a service: still counted
    assert raised()
    activity.delete()
    assert raised()
    assert _version(other_partnership) == theirs  # nothing of theirs changed


def test_saving_a_stale_copy_of_the_partnership_never_lowers_the_version(coordinator, partnership):
    stale = Partnership.objects.get(pk=partnership.pk)
    _add(coordinator, partnership, "Roundtable")
    raised_to = _version(partnership)
    assert raised_to > stale.content_version
    partnership_services.partnership_update(
        actor=coordinator, partnership=stale, purpose="A clearer purpose"
    )
    assert _version(partnership) == raised_to
    assert Partnership.objects.get(pk=partnership.pk).purpose == "A clearer purpose"


def test_the_timeline_is_served_from_the_cache_until_something_changes(
    signed_in, coordinator, partnership
):
    _add(coordinator, partnership, "The first roundtable")
    first, cold_queries = _timeline(signed_in, partnership)
    again, warm_queries = _timeline(signed_in, partnership)
    assert again.count("The first roundtable") == first.count("The first roundtable") == 1
    assert warm_queries < cold_queries  # the entries were not read again

    _add(coordinator, partnership, "The second roundtable")
    after, queries = _timeline(signed_in, partnership)
    assert "The first roundtable" in after
    assert "The second roundtable" in after
    assert queries == cold_queries


def _programme(client, partnership, query=""):
    url = reverse("programme:activities", kwargs={"partnership_slug": partnership.slug})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url + query)
    return response.content.decode(), len(queries)


def test_the_programme_list_is_cached_per_filter_and_page_until_something_changes(
    signed_in, coordinator, partnership, client_as
):
    _add(coordinator, partnership, "The first roundtable")
    _, cold_queries = _programme(signed_in, partnership)
    again, warm_queries = _programme(signed_in, partnership)
    assert "The first roundtable" in again
    assert warm_queries < cold_queries
    # Another filter is another table, not the cached one.
    filtered, _ = _programme(signed_in, partnership, "?kind=summit")
    assert "The first roundtable" not in filtered
    assert "No activities match." in filtered
    # What the visitor may do is part of the key: a guest is not offered "Add an activity".
    guest_page, _ = _programme(client_as(partnership, "guest"), partnership, "?kind=summit")
    assert "No activities match." in guest_page
    assert "Add an activity" not in guest_page

    services.activity_update(
        actor=coordinator,
        activity=_add(coordinator, partnership, "The second roundtable"),
        kind="summit",
    )
    after, _ = _programme(signed_in, partnership)
    assert "The second roundtable" in after
    filtered, _ = _programme(signed_in, partnership, "?kind=summit")
    assert "The second roundtable" in filtered
