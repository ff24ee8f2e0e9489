"""Query counts of the programme pages and exports do not grow with the programme.

Each page is fetched with 10 activities (with partners, themes, people, milestones,
outputs and actions) and its queries counted; then with 50, which must take no more queries than 10
did. A fixed ceiling catches a page that is wasteful even when small.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalpartners.programme.models import Activity, Theme
from equalpartners.programme.tests.builders import build_programme, entries_shown, make_challenge

# The timeline reads each kind of entry once (actions: one union of when committed and when
# done, and one for the years they fall in); every page reads the header's unread count.
CEILING = 22


def _listed(response, body):
    return len(response.context["activities"])


def _on_timeline(response, body):
    return entries_shown(response)


def _csv_rows(response, body):
    return body.count(b"\r\n") - 1


def _events(response, body):
    return body.count(b"BEGIN:VEVENT")


# (page, query, how many entries the response shows)
PAGES = [
    ("activities", "", _listed),
    ("activities", "?kind=roundtable", _listed),
    ("activities", "?theme={theme}", _listed),
    ("timeline", "?year=2026", _on_timeline),
    ("timeline", "?year=all", _on_timeline),
    ("timeline-csv", "", _csv_rows),
    ("timeline-ics", "", _events),
]


def _fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    if response.streaming:
        return response, b"".join(response.streaming_content)
    return response, response.content


def test_queries_do_not_grow_with_the_programme(
    signed_in, partnership, django_assert_max_num_queries
):
    def path(name, query):
        slug = {"partnership_slug": partnership.slug}
        theme = Theme.objects.get(partnership=partnership, name="Health")
        return reverse(f"programme:{name}", kwargs=slug) + query.format(theme=theme.pk)

    build_programme(partnership, 10, with_actions=True)
    small = {}
    for name, query, count in PAGES:
        with CaptureQueriesContext(connection) as captured:
            response, body = _fetch(signed_in, path(name, query))
        small[name, query] = (len(captured), count(response, body))
        assert len(captured) <= CEILING, (name, query, [q["sql"] for q in captured])

    build_programme(partnership, 40, start=10, with_actions=True)
    for name, query, count in PAGES:
        queries, shown = small[name, query]
        with django_assert_max_num_queries(queries):
            response, body = _fetch(signed_in, path(name, query))
        assert count(response, body) >= 5 * shown > 0, (name, query)


def test_the_activity_page_does_not_grow_with_its_partners_outputs_and_actions(
    signed_in, partnership, django_assert_max_num_queries
):
    build_programme(partnership, 3, with_actions=True)
    activity = Activity.objects.order_by("pk")[0]
    make_challenge(activity)
    path = activity.get_absolute_url()
    _fetch(signed_in, path)  # the first request reads what later ones find cached
    with CaptureQueriesContext(connection) as small:
        _fetch(signed_in, path)
    build_programme(partnership, 20, start=3, with_actions=True)
    for other in Activity.objects.exclude(pk=activity.pk)[:10]:
        other.outputs.update(activity=activity)
        other.actions.update(activity=activity)
        make_challenge(activity)
    with django_assert_max_num_queries(len(small)):
        response, _ = _fetch(signed_in, path)
    assert response.context["activity"].outputs.count() > 5
    assert len(response.context["activity_actions"]) > 5
    assert len(response.context["challenges"]) > 5
