"""Query counts on the list pages: partners, people, related initiatives, history, and one
partner's and one member's page. Each page is measured with few rows and with many; the count
must be the same (no query per row), and within a fixed bound."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalpartners.core.audit import audit_record
from equalpartners.core.capabilities import Role
from equalpartners.partnerships.models import Membership, Partner
from equalpartners.testing import factories as f

# Each page's count as measured (the same on SQLite and PostgreSQL): the session, the user and
# the tenancy middleware's partnership and membership, and the header's count of unread
# notifications (5), then the page's own reads. A query per row would add at least 30.


def _add_partners(partnership, n, start):
    for i in range(start, start + n):
        f.PartnerFactory(
            partnership=partnership, organisation=f.OrganisationFactory(name=f"Partner Org {i:03}")
        )


def _add_people(partnership, n, start):
    partner = Partner.objects.filter(partnership=partnership).earliest("pk")
    for i in range(start, start + n):
        organisation = (
            partner.organisation
            if i % 2
            else f.OrganisationFactory(name=f"People Org {i:03}", sector="public")
        )
        f.MembershipFactory(
            partnership=partnership,
            role=Role.STAFF,
            person=f.PersonFactory(name=f"Person {i:03}", organisation=organisation),
        )
        f.InvitationFactory(partnership=partnership, name=f"Invited {i:03}")


def _add_initiatives(partnership, n, start):
    for i in range(start, start + n):
        f.RelatedInitiativeFactory(
            partnership=partnership,
            name=f"Initiative {i:03}",
            url=f"https://example.org/{i}" if i % 2 else "",
        )


def _add_history(partnership, n, start):
    actors = [f.UserFactory() for _ in range(2)]
    partner = Partner.objects.filter(partnership=partnership).earliest("pk")
    for i in range(start, start + n):
        audit_record(
            actor=actors[i % 2],
            action="partner.update",
            partnership=partnership,
            target=partner,
            data={"changes": {"remit": {"from": i, "to": i + 1}}},
        )


def _add_members_of_partner(partnership, n, start):
    _add_history(partnership, n, start)
    partner = Partner.objects.filter(partnership=partnership).earliest("pk")
    for i in range(start, start + n):
        f.MembershipFactory(
            partnership=partnership,
            role=Role.STAFF,
            person=f.PersonFactory(name=f"Colleague {i:03}", organisation=partner.organisation),
        )


def _add_member_history(partnership, n, start):
    membership = Membership.objects.filter(partnership=partnership).earliest("pk")
    for i in range(start, start + n):
        audit_record(
            actor=f.UserFactory(),
            action="membership.change_role",
            partnership=partnership,
            target=membership,
            data={"changes": {"role": {"from": "staff", "to": f"r{i}"}}},
        )


def _no_kwargs(partnership):
    return {}


def _partner_kwargs(partnership):
    return {"partner_id": Partner.objects.filter(partnership=partnership).earliest("pk").pk}


def _member_kwargs(partnership):
    return {"membership_id": Membership.objects.filter(partnership=partnership).earliest("pk").pk}


PAGES = {
    # partners: + the partners with their organisations
    "partners": (_add_partners, _no_kwargs, 5),
    # people: + partners for the filter, the count, the page of people, pending invitations
    "people": (_add_people, _no_kwargs, 8),
    # initiatives: + the initiatives
    "initiatives": (_add_initiatives, _no_kwargs, 5),
    # history: + the count and the page of entries
    "history": (_add_history, _no_kwargs, 6),
    # partner: + the partner, its people, its history
    "partner": (_add_members_of_partner, _partner_kwargs, 7),
    # member: + the membership (read for the form and for the page), its history, and the
    # offers and needs the viewer may see
    "member": (_add_member_history, _member_kwargs, 8),
}


def _queries(client, page_url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(page_url)
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.mark.parametrize("page_name", PAGES)
def test_a_list_page_makes_the_same_few_queries_for_ten_rows_as_for_forty(
    signed_in, partnership, page_name, django_assert_max_num_queries
):
    build, kwargs, bound = PAGES[page_name]
    page_url = reverse(
        f"partnerships:{page_name}",
        kwargs={"partnership_slug": partnership.slug, **kwargs(partnership)},
    )
    build(partnership, 10, 0)
    few, _ = _queries(signed_in, page_url)
    build(partnership, 30, 10)
    with django_assert_max_num_queries(bound):
        many, response = _queries(signed_in, page_url)
    assert many == few
    # The rows really are on the page, so the count is of a page that shows them all.
    html = response.content.decode()
    expected = {
        "partners": "Partner Org 039",
        "people": "Person 039",
        "initiatives": "Initiative 039",
        "history": "39 → 40",
        "partner": "Colleague 039",
        "member": "r39",
    }[page_name]
    assert expected in html
