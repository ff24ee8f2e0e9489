"""Saying who you worked with, over HTTP: the form's errors, removing your own declaration
(after asking), and nobody else's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.networking import services
from equalpartners.networking.models import Tie
from equalpartners.programme.selectors import partnership_today
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

from .growth_builders import declare, people

pytestmark = pytest.mark.django_db

SPEC = {
    "Ana": ("Leaders Trust", "third"),
    "Ben": ("City Council", "public"),
    "Cy": ("Policy Unit", "government"),
}


@pytest.fixture
def three(partnership):
    return people(partnership, SPEC, user_for="Ana")


@pytest.fixture
def ana(three):
    client = Client()
    client.force_login(three["Ana"].user, backend=MODEL_BACKEND)
    return client


def _url(partnership, tail=""):
    return f"/p/{partnership.slug}/networks/worked-with/{tail}"


def _post(client, partnership, other, day, note=""):
    return client.post(
        _url(partnership),
        {
            "other": other,
            "on_day": day.day,
            "on_month": day.month,
            "on_year": day.year,
            "note": note,
        },
    )


def test_a_declared_tie_is_saved_with_who_declared_it_and_audited(partnership, three, ana):
    day = dt.date(2025, 4, 2)
    response = _post(ana, partnership, three["Ben"].pk, day, note="A  joint\nbid")
    assert response.status_code == 302
    tie = Tie.objects.get()
    assert (tie.source, tie.on, tie.declared_by, tie.note) == (
        "declared",
        day,
        three["Ana"],
        "A joint bid",
    )
    assert {tie.person_a_id, tie.person_b_id} == {three["Ana"].pk, three["Ben"].pk}
    assert tie.person_a_id < tie.person_b_id
    assert AuditEntry.objects.filter(action="tie.declare").count() == 1
    page = ana.get(_url(partnership)).content.decode()
    assert "Ben" in page
    assert "2 April 2025" in page
    assert "A joint bid" in page


@pytest.mark.parametrize(
    ("who", "day", "message"),
    [
        ("self", dt.date(2025, 1, 1), "Choose someone in the partnership"),
        ("unknown", dt.date(2025, 1, 1), "Choose someone in the partnership"),
        ("elsewhere", dt.date(2025, 1, 1), "Choose someone in the partnership"),
        ("Ben", "tomorrow", "The date must be today or in the past"),
        ("", dt.date(2025, 1, 1), "Choose who you worked with"),
    ],
)
def test_the_form_refuses_what_cannot_be_a_tie(
    partnership, other_partnership, three, ana, who, day, message
):
    stranger = f.PersonFactory()
    f.MembershipFactory(partnership=other_partnership, person=stranger, role=Role.STAFF)
    other = {
        "self": three["Ana"].pk,
        "unknown": 999_999,
        "elsewhere": stranger.pk,
        "Ben": three["Ben"].pk,
        "": "",
    }[who]
    if day == "tomorrow":
        day = partnership_today(partnership) + dt.timedelta(days=1)
    response = _post(ana, partnership, other, day)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert not Tie.objects.exists()


def test_a_missing_date_is_an_error_beside_the_field(partnership, three, ana):
    response = ana.post(_url(partnership), {"other": three["Ben"].pk})
    assert "Enter the date you worked together" in response.content.decode()
    assert not Tie.objects.exists()


def test_the_service_refuses_yourself_strangers_the_future_and_twice(
    partnership, other_partnership, three
):
    a, b = three["Ana"], three["Ben"]
    stranger = f.PersonFactory()
    day = dt.date(2025, 1, 1)
    with pytest.raises(ValidationError, match="other than yourself"):
        declare(partnership, a, a, day)
    with pytest.raises(ValidationError, match="is not in"):
        declare(partnership, a, stranger, day)
    with pytest.raises(ValidationError, match="today or in the past"):
        declare(partnership, a, b, partnership_today(partnership) + dt.timedelta(days=1))
    declare(partnership, a, b, day)
    with pytest.raises(ValidationError, match="already said you worked with Ben"):
        declare(partnership, a, b, day + dt.timedelta(days=3))
    declare(partnership, b, a, day)  # Ben may say so too: the pair then has two declarations
    assert Tie.objects.count() == 2


def test_you_remove_your_own_declaration_after_confirming(partnership, three, ana):
    tie = declare(partnership, three["Ana"], three["Cy"], dt.date(2025, 2, 3))
    question = ana.get(_url(partnership, f"{tie.pk}/remove/"))
    assert question.status_code == 200
    assert "Remove this tie?" in question.content.decode()
    assert Tie.objects.exists()
    response = ana.post(_url(partnership, f"{tie.pk}/remove/"))
    assert response.status_code == 302
    assert not Tie.objects.exists()
    assert AuditEntry.objects.filter(action="tie.withdraw").count() == 1


def test_someone_elses_declaration_is_404(partnership, three, ana):
    theirs = declare(partnership, three["Ben"], three["Ana"], dt.date(2025, 2, 3))
    assert ana.get(_url(partnership, f"{theirs.pk}/remove/")).status_code == 404
    assert ana.post(_url(partnership, f"{theirs.pk}/remove/")).status_code == 404
    with pytest.raises(ValidationError, match="Only the person who said"):
        services.tie_withdraw(actor=None, tie=theirs, person=three["Ana"])
    assert Tie.objects.count() == 1


def test_another_partnerships_declaration_is_404(partnership, other_partnership, three, ana):
    people_there = people(
        other_partnership, {"Xi": ("Far Trust", "third"), "Yo": ("Far Council", "public")}
    )
    elsewhere = declare(
        other_partnership, people_there["Xi"], people_there["Yo"], dt.date(2025, 1, 1)
    )
    assert ana.get(_url(partnership, f"{elsewhere.pk}/remove/")).status_code == 404
    assert ana.post(_url(partnership, f"{elsewhere.pk}/remove/")).status_code == 404
    assert Tie.objects.filter(pk=elsewhere.pk).exists()


def test_a_guest_may_look_but_not_declare(partnership, client_as):
    guest = client_as(partnership, Role.GUEST)
    assert guest.get(f"/p/{partnership.slug}/networks/growth/").status_code == 200
    assert guest.get(_url(partnership)).status_code == 403
    assert guest.post(_url(partnership), {}).status_code == 403
