"""The learning log over real HTTP: the hub, writing a reflection, the list and its download,
a reflection's page, changing and deleting it, and choosing it for the report."""

from __future__ import annotations

import csv
import io

import pytest

from equalpartners.core.capabilities import Role
from equalpartners.learning import services
from equalpartners.learning.links import OTHER_PAGES, optional_url
from equalpartners.learning.models import Reflection
from equalpartners.testing import factories as f

from .builders import client_for, member_of, partner_named, reflection

pytestmark = pytest.mark.django_db


def _read(response):
    """A streamed body, whole."""
    return b"".join(response.streaming_content)


def _url(partnership, *parts):
    return "/".join([f"/p/{partnership.slug}/learning", *map(str, parts)]) + "/"


@pytest.fixture
def staff(partnership):
    return member_of(partnership, partner_named(partnership, "Children Org"))


def test_the_hub_links_to_every_part_of_learning_and_to_pages_that_exist(partnership, client_as):
    page = client_as(partnership, Role.GUEST).get(_url(partnership)).content.decode()
    for part in ("reflections", "stories", "rounds", "domains"):
        assert f'href="{_url(partnership, part)}"' in page
    assert "Add a reflection" not in page  # a guest only reads
    for name, label, _ in OTHER_PAGES:
        url = optional_url(name, partnership_slug=partnership.slug)
        assert (label in page) is (url is not None)
        if url is not None:
            assert f'href="{url}"' in page


def test_a_page_name_not_registered_is_skipped_not_an_error():
    assert optional_url("nowhere:at-all", partnership_slug="ept") is None
    assert optional_url("learning:home", partnership_slug="ept") == "/p/ept/learning/"


def test_a_member_adds_a_reflection_linked_to_an_activity(partnership, staff):
    activity = f.ActivityFactory(partnership=partnership, title="The roundtable")
    client = client_for(staff)
    form = client.get(_url(partnership, "reflections", "new") + f"?activity={activity.pk}")
    assert "checked" in form.content.decode()
    response = client.post(
        _url(partnership, "reflections", "new"),
        {
            "title": "Sharing the chair",
            "what_worked": "Each partner chaired one session.",
            "visibility": "partner",
            "activities": [activity.pk],
        },
    )
    made = Reflection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == made.get_absolute_url()
    assert list(made.activities.all()) == [activity]
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Each partner chaired one session." in page
    assert "Children Org only" in page
    assert "cannot be chosen for the learning report" in page


def test_the_form_shows_its_errors_in_a_summary_and_beside_each_field(partnership, staff):
    response = client_for(staff).post(
        _url(partnership, "reflections", "new"), {"title": "", "visibility": "partnership"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert page.count("Give the reflection a title") == 2  # in the summary and beside the field
    assert page.count("at least one") >= 2
    assert 'href="#id_what_worked"' in page
    assert not Reflection.objects.exists()


def test_someone_whose_organisation_is_not_a_partner_is_not_offered_keeping_it_within(
    partnership,
):
    public_servant = member_of(partnership, None, Role.PUBLIC_PARTNER)
    page = client_for(public_servant).get(_url(partnership, "reflections", "new"))
    html = page.content.decode()
    assert 'value="partner"' not in html
    assert "not a partner here" in html


def test_a_guest_may_not_add_a_reflection(partnership, client_as):
    guest = client_as(partnership, Role.GUEST)
    assert guest.get(_url(partnership, "reflections", "new")).status_code == 403
    response = guest.post(
        _url(partnership, "reflections", "new"),
        {"title": "x", "what_worked": "y", "visibility": "partnership"},
    )
    assert response.status_code == 403
    assert not Reflection.objects.exists()


def test_the_list_has_an_empty_state_then_filters(partnership, staff):
    client = client_for(staff)
    assert "No reflections yet" in client.get(_url(partnership, "reflections")).content.decode()
    reflection(staff, "public", title="Public one")
    reflection(staff, "partner", title="Our own worries")
    page = client.get(_url(partnership, "reflections") + "?visibility=public").content.decode()
    assert "Public one" in page
    assert "Our own worries" not in page
    page = client.get(_url(partnership, "reflections") + "?link=theme").content.decode()
    assert "No reflections match these filters" in page
    lead = member_of(partnership, None, Role.COORDINATOR)
    services.reflection_choose_for_report(
        actor=None,
        reflection=Reflection.objects.get(title="Public one"),
        membership=lead,
        for_report=True,
    )
    page = client.get(_url(partnership, "reflections") + "?report=no").content.decode()
    assert "Our own worries" in page
    assert "Public one" not in page


def test_the_list_costs_the_same_few_queries_however_many_rows(
    partnership, staff, django_assert_max_num_queries
):
    activity = f.ActivityFactory(partnership=partnership)
    for n in range(12):
        reflection(staff, title=f"Reflection {n}", activities=[activity])
    client = client_for(staff)
    with django_assert_max_num_queries(12):
        response = client.get(_url(partnership, "reflections"))
    assert response.content.decode().count("Reflection ") >= 12


def test_another_partners_private_reflection_is_not_found(partnership, staff):
    made = reflection(staff, "partner", title="Our own worries")
    health = member_of(partnership, partner_named(partnership, "Health Org"), Role.COORDINATOR)
    client = client_for(health)
    assert client.get(made.get_absolute_url()).status_code == 404
    assert "Our own worries" not in client.get(_url(partnership, "reflections")).content.decode()


def test_a_member_of_another_partnership_gets_404(partnership, staff, other_partnership):
    made = reflection(staff, "public")
    stranger = client_for(member_of(other_partnership, None, Role.COORDINATOR))
    for url in (made.get_absolute_url(), _url(partnership, "reflections")):
        assert stranger.get(url).status_code == 404
    url = f"/p/{other_partnership.slug}/learning/reflections/{made.pk}/"
    assert stranger.get(url).status_code == 404


def test_the_download_streams_what_the_viewer_reads_as_csv(partnership, staff):
    reflection(staff, "partner", title="=HYPERLINK(1)", what_worked="Kept within.")
    reflection(staff, "public", title="Public one")
    health = member_of(partnership, partner_named(partnership, "Health Org"))
    for member, expected in ((staff, 2), (health, 1)):
        response = client_for(member).get(_url(partnership, "reflections") + "reflections.csv")
        assert response.streaming
        text = _read(response).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == expected
        assert rows[-1]["time zone"] == "Europe/London"
    titles = {row["title"] for row in rows}
    assert titles == {"Public one"}
    response = client_for(staff).get(_url(partnership, "reflections") + "reflections.csv")
    text = _read(response).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text  # never a formula


def test_only_the_author_changes_or_deletes_and_deleting_asks_first(partnership, staff):
    made = reflection(staff)
    colleague = client_for(member_of(partnership, partner_named(partnership, "Children Org")))
    for action in ("edit", "delete"):
        assert colleague.get(_url(partnership, "reflections", made.pk, action)).status_code == 403
    client = client_for(staff)
    response = client.post(
        _url(partnership, "reflections", made.pk, "edit"),
        {"title": "Renamed", "do_differently": "Start sooner.", "visibility": "public"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.title, made.what_worked, made.visibility) == ("Renamed", "", "public")
    question = client.get(_url(partnership, "reflections", made.pk, "delete"))
    assert "Delete “Renamed”?" in question.content.decode()
    assert Reflection.objects.exists()
    response = client.post(_url(partnership, "reflections", made.pk, "delete"))
    assert response["Location"] == _url(partnership, "reflections")
    assert not Reflection.objects.exists()


def test_someone_who_manages_learning_chooses_a_public_reflection_for_the_report(
    partnership, staff
):
    public = reflection(staff, "public")
    shared = reflection(staff, "partnership")
    lead = client_for(member_of(partnership, None, Role.PARTNER_LEAD))
    page = lead.get(shared.get_absolute_url()).content.decode()
    assert "only public reflections go in it" in page
    assert "Choose it for the report" not in page
    response = lead.post(
        _url(partnership, "reflections", shared.pk, "report"), {"for_report": "yes"}
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.for_report is False
    assert "Only public reflections" in lead.get(response["Location"]).content.decode()
    assert "Choose it for the report" in lead.get(public.get_absolute_url()).content.decode()
    lead.post(_url(partnership, "reflections", public.pk, "report"), {"for_report": "yes"})
    public.refresh_from_db()
    assert public.for_report is True
    staff_client = client_for(staff)
    url = _url(partnership, "reflections", public.pk, "report")
    assert staff_client.post(url, {"for_report": "no"}).status_code == 403
