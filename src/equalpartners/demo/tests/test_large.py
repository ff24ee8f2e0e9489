"""The large generated partnership: counts, date span, idempotence, and the pages render."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from equalpartners.demo.large import PASSWORD, coordinator_email, load_large
from equalpartners.partnerships.models import Membership, Partnership
from equalpartners.programme.models import Activity, Milestone, Output
from equalpartners.programme.tests.builders import entries_shown
from equalpartners.testing.fixtures import MODEL_BACKEND

TODAY = dt.date(2025, 6, 15)
SLUG = "large-test"


@pytest.fixture
def large(db):
    return load_large(slug=SLUG, people=50, activities=20, years=2, seed=7, today=TODAY)


def test_counts_and_date_span(large):
    partnership = large.partnership
    assert large.created
    assert large.counts["people"] == 50
    assert Membership.objects.filter(partnership=partnership).count() == 50
    assert Membership.objects.filter(partnership=partnership, role="coordinator").count() == 2
    assert large.counts["partners"] == 12
    activities = Activity.objects.filter(partnership=partnership)
    assert activities.count() == 20
    years = {a.starts_at.astimezone(a.zone).year for a in activities}
    assert years == {2025, 2026}
    assert activities.filter(starts_at__date__lt=TODAY).exists()
    assert activities.filter(starts_at__date__gt=TODAY).exists()
    assert not activities.filter(starts_at__date__gt=TODAY, status="done").exists()
    assert all(a.lead_partners.exists() and a.themes.exists() for a in activities)
    assert Milestone.objects.filter(partnership=partnership).count() == 24
    outputs = Output.objects.filter(partnership=partnership)
    assert outputs.count() == 4
    assert not outputs.filter(published_on__gt=TODAY).exists()
    assert partnership.related_initiatives.count() == 8


def test_loading_twice_leaves_it_alone(large):
    again = load_large(slug=SLUG, people=80, activities=30, years=2, seed=7, today=TODAY)
    assert not again.created
    assert again.partnership.pk == large.partnership.pk
    assert again.counts == large.counts


def test_the_same_seed_gives_the_same_programme(large):
    other = load_large(slug="large-other", people=50, activities=20, years=2, seed=7, today=TODAY)
    titles = [
        list(
            Activity.objects.filter(partnership=r.partnership).values_list(
                "title", "starts_at", "status"
            )
        )
        for r in (large, other)
    ]
    assert titles[0] == titles[1]


def test_the_command(db, capsys):
    call_command(
        "demo_large", "--slug", "cmd", "--people", "30", "--activities", "10", "--years", "1"
    )
    out = capsys.readouterr().out
    assert "Generated the partnership 'cmd'" in out
    assert PASSWORD in out
    assert Partnership.objects.filter(slug="cmd").exists()
    call_command("demo_large", "--slug", "cmd")
    assert "already exists" in capsys.readouterr().out


def test_the_pages_render_for_the_coordinator(large, client, django_user_model):
    coordinator = django_user_model.objects.get(username=coordinator_email(SLUG))
    assert coordinator.check_password(PASSWORD)
    client.force_login(coordinator, backend=MODEL_BACKEND)
    s = {"partnership_slug": SLUG}
    for url in [
        reverse("overview:home", kwargs=s),
        reverse("programme:timeline", kwargs=s),
        reverse("programme:timeline", kwargs=s) + "?year=2025",
        reverse("programme:activities", kwargs=s),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    timeline = client.get(reverse("programme:timeline", kwargs=s) + "?year=2025")
    assert entries_shown(timeline) > 0
    programme = client.get(reverse("programme:activities", kwargs=s))
    assert programme.context["page"].paginator.count == 20
