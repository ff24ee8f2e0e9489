"""A public partnership's public reflections, read signed out beside its public page: only
public ones, only public activities named, and nothing for a partnership that is not public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.testing import factories as f

from .builders import client_for, member_of, partner_named, reflection

pytestmark = pytest.mark.django_db

WRITTEN = dt.datetime(2025, 3, 12, 14, 5, tzinfo=dt.UTC)


def _list(partnership) -> str:
    return f"/public/{partnership.slug}/learning/reflections/"


def test_anyone_reads_the_public_reflections_and_only_those(partnership):
    staff = member_of(partnership, partner_named(partnership, "Health Org"))
    summit = f.ActivityFactory(partnership=partnership, title="The summit", visibility="public")
    dinner = f.ActivityFactory(
        partnership=partnership, title="A private dinner", visibility="partners"
    )
    public = reflection(
        staff, "public", title="Sharing the chair", activities=[summit, dinner], at=WRITTEN
    )
    shared = reflection(staff, "partnership", title="Shared with the partnership only")
    kept = reflection(staff, "partner", title="Kept within Health Org")

    anyone = Client()
    page = anyone.get(_list(partnership)).content.decode()
    assert "Sharing the chair" in page
    assert "Shared with the partnership only" not in page
    assert "Kept within" not in page
    assert "The summit" in page
    assert "private dinner" not in page
    assert f"Written by {staff.person.name}, Health Org, 12 March 2025, 14:05 GMT" in page

    detail = anyone.get(f"{_list(partnership)}{public.pk}/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "<h1>Sharing the chair</h1>" in text
    assert "Meeting in each other&#x27;s offices." in text
    assert "private dinner" not in text
    for hidden in (shared, kept):
        assert anyone.get(f"{_list(partnership)}{hidden.pk}/").status_code == 404
    # A member sees here what the public sees.
    assert client_for(staff).get(f"{_list(partnership)}{shared.pk}/").status_code == 404


def test_an_empty_list_says_so(partnership):
    page = Client().get(_list(partnership)).content.decode()
    assert "No reflections have been made public yet." in page


def test_a_partnership_that_is_not_public_has_no_public_reflections(other_partnership):
    author = member_of(other_partnership, None, Role.STAFF)
    public = reflection(author, "public", title="Public, but nowhere to show it")
    anyone = Client()
    assert anyone.get(_list(other_partnership)).status_code == 404
    assert anyone.get(f"{_list(other_partnership)}{public.pk}/").status_code == 404


def test_another_partnerships_reflection_is_not_found_here(partnership, other_partnership):
    elsewhere = reflection(member_of(other_partnership, None), "public", title="Elsewhere")
    assert Client().get(f"{_list(partnership)}{elsewhere.pk}/").status_code == 404


def test_the_form_says_where_public_reflections_are_read(partnership, other_partnership):
    staff = member_of(partnership, partner_named(partnership, "Health Org"))
    page = client_for(staff).get(f"/p/{partnership.slug}/learning/reflections/new/")
    text = page.content.decode()
    assert "anyone may read it on the partnership&#x27;s public pages" in text
    assert "has no public pages at the moment" not in text
    outsider = member_of(other_partnership, None)
    text = (
        client_for(outsider)
        .get(f"/p/{other_partnership.slug}/learning/reflections/new/")
        .content.decode()
    )
    assert "has no public pages at the moment" in text
