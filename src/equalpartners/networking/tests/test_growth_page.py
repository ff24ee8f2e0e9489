"""The growth page over HTTP: hand-computed measures, filters, the period's errors, the CSV and
who may see what."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.programme.selectors import partnership_today
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

from .growth_builders import activity_on, check_in, declare, people

pytestmark = pytest.mark.django_db

WAVE_1 = dt.date(2025, 1, 15)
WAVE_2 = dt.date(2025, 5, 20)
# The worked examples in the research notes: A and B third sector, C and D public sector.
SPEC = {
    "Alex": ("Trust A", "third"),
    "Bea": ("Trust B", "third"),
    "Cal": ("Council C", "public"),
    "Dana": ("Council D", "public"),
}


@pytest.fixture
def four(partnership):
    return people(partnership, SPEC, user_for="Alex")


def _as(person):
    client = Client()
    client.force_login(person.user, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def alex(four):
    return _as(four["Alex"])


def _url(partnership, **query):
    text = "&".join(f"{key}={value}" for key, value in query.items())
    return f"/p/{partnership.slug}/networks/growth/" + (f"?{text}" if text else "")


def _dates(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def _cells(html, label):
    """The figures in the measures table's row for `label`."""
    row = re.search(
        rf"<th scope=\"row\" class=\"table__header\">{re.escape(label)}</th>(.*?)</tr>", html, re.S
    )
    assert row, f"no row {label}"
    return re.findall(r"table__cell--numeric\">([^<]*)<", row.group(1))


def test_the_worked_example_through_the_page(partnership, four, alex):
    """Wave 1: A-B, C-D; wave 2 adds A-C. Hand-computed: density 0.5, E-I -1/3, r +1/3,
    centralization 2/6, and 1 new cross-sector tie in wave 2."""
    p = four
    declare(partnership, p["Alex"], p["Bea"], WAVE_1)
    declare(partnership, p["Cal"], p["Dana"], WAVE_1)
    declare(partnership, p["Alex"], p["Cal"], WAVE_2)
    query = {**_dates("since", WAVE_1 + dt.timedelta(days=1)), **_dates("until", WAVE_2)}
    html = alex.get(_url(partnership, **query)).content.decode()
    # (in the period, every tie by the end)
    assert _cells(html, "People") == ["4", "4"]
    assert _cells(html, "Ties") == ["1", "3"]
    assert _cells(html, "Density") == ["0.17", "0.50"]
    assert _cells(html, "E-I index by sector (Krackhardt and Stern)") == ["1.00", "-0.33"]
    assert _cells(html, "Assortativity by sector (Newman)") == ["-1.00", "0.33"]
    assert _cells(html, "Degree centralization (Freeman)") == ["0.33", "0.33"]
    assert _cells(html, "New cross-sector ties") == ["1", "1"]


def test_example_one_with_no_start(partnership, four, alex):
    """A-B, A-C, A-D, C-D: density 4/6, centralization 4/6, E-I 0, r 0."""
    p = four
    for a, b in [("Alex", "Bea"), ("Alex", "Cal"), ("Alex", "Dana"), ("Cal", "Dana")]:
        declare(partnership, p[a], p[b], WAVE_1)
    html = alex.get(_url(partnership, since_day="", until_day="")).content.decode()
    assert ">Ties in the period</th>" not in html  # no start: one column
    assert _cells(html, "Density") == ["0.67"]
    assert _cells(html, "Degree centralization (Freeman)") == ["0.67"]
    assert _cells(html, "E-I index by sector (Krackhardt and Stern)") == ["0.00"]
    assert _cells(html, "Assortativity by sector (Newman)") == ["0.00"]


MIXED = {
    "Alex": ("Trust A", "third"),
    "Bea": ("Trust A", "third"),
    "Cal": ("Council C", "public"),
    "Dana": ("Council D", "public"),
    "Eli": ("Unit E", "government"),
}


@pytest.fixture
def five(partnership):
    p = people(partnership, MIXED, user_for="Alex")
    declare(partnership, p["Alex"], p["Cal"], WAVE_1)
    declare(partnership, p["Bea"], p["Eli"], WAVE_2)
    declare(partnership, p["Cal"], p["Dana"], WAVE_2)
    declare(partnership, p["Dana"], p["Eli"], WAVE_2)
    return p


@pytest.fixture
def alex_of_five(five):
    return _as(five["Alex"])


def _everything(**extra):
    return {**_dates("since", WAVE_1), **_dates("until", WAVE_2), **extra}


def test_the_partner_filter_keeps_ties_with_one_end_in_the_partner(partnership, five, alex_of_five):
    trust = f.PartnerFactory(partnership=partnership, organisation=five["Alex"].organisation)
    html = alex_of_five.get(_url(partnership, **_everything(partner=trust.pk))).content.decode()
    assert "Showing the ties of the people of Trust A" in html
    # Alex-Cal and Bea-Eli; Cal and Eli are at the other ends; Cal-Dana and Dana-Eli are not theirs.
    assert _cells(html, "People") == ["4", "4"]
    assert _cells(html, "Ties") == ["2", "2"]


def test_the_sector_filter_keeps_ties_with_one_end_in_the_sector(partnership, five, alex_of_five):
    html = alex_of_five.get(_url(partnership, **_everything(sector="government"))).content.decode()
    assert "whose sector is Government" in html
    assert _cells(html, "Ties") == ["2", "2"]  # Bea-Eli, Dana-Eli
    assert _cells(html, "People") == ["3", "3"]


def test_the_period_with_its_ends_out_of_order_is_an_error(partnership, five, alex_of_five):
    query = {**_dates("since", WAVE_2), **_dates("until", WAVE_1)}
    response = alex_of_five.get(_url(partnership, **query))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "‘From’ must be on or before ‘To’" in html
    assert "Network map" not in html


def test_a_period_ending_in_the_future_is_an_error(partnership, five, alex_of_five):
    later = partnership_today(partnership) + dt.timedelta(days=40)
    html = alex_of_five.get(_url(partnership, **_dates("until", later))).content.decode()
    assert "‘To’ must be today" in html


def test_with_no_choices_the_page_shows_the_last_twelve_months(partnership, five, alex_of_five):
    html = alex_of_five.get(_url(partnership)).content.decode()
    assert "Ties first made from" in html
    assert "the map shows every tie by" in html
    assert 'name="since_year" value="' in html  # the default period is in the form


def test_the_csv_has_every_tie_in_the_period_with_source_and_date(partnership, five, alex_of_five):
    response = alex_of_five.get(
        f"/p/{partnership.slug}/networks/growth/ties.csv?"
        + "&".join(
            f"{k}={v}" for k, v in {**_dates("since", WAVE_2), **_dates("until", WAVE_2)}.items()
        )
    )
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "person_a", "organisation_a", "sector_a", "person_b", "organisation_b", "sector_b",
        "source", "date",
    ]  # fmt: skip
    assert len(rows) == 4  # the three ties of wave 2, not Alex-Cal of wave 1
    assert {row[6] for row in rows[1:]} == {"Worked together (declared)"}
    assert {row[7] for row in rows[1:]} == {WAVE_2.isoformat()}
    assert ["Bea", "Trust A", "Third sector", "Eli", "Unit E", "Government"] in [
        r[:6] for r in rows
    ]


def test_the_csv_with_dates_out_of_order_goes_back_to_the_page(partnership, five, alex_of_five):
    query = "&".join(
        f"{k}={v}" for k, v in {**_dates("since", WAVE_2), **_dates("until", WAVE_1)}.items()
    )
    response = alex_of_five.get(f"/p/{partnership.slug}/networks/growth/ties.csv?{query}")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/p/{partnership.slug}/networks/growth/?")


def test_strangers_get_404_and_the_signed_out_sign_in(
    partnership, other_partnership, five, client, client_as
):
    outsider = client_as(other_partnership, Role.COORDINATOR)
    assert outsider.get(_url(partnership)).status_code == 404
    assert outsider.get(f"/p/{partnership.slug}/networks/growth/ties.csv").status_code == 404
    assert client.get(_url(partnership)).status_code == 302
    assert _as(five["Alex"]).post(_url(partnership)).status_code == 405


def test_the_page_asks_the_database_a_fixed_number_of_times(
    partnership, five, alex_of_five, django_assert_max_num_queries
):
    for offset in range(30):
        activity = activity_on(partnership, WAVE_1 + dt.timedelta(days=offset))
        check_in(activity, [five["Alex"], five["Bea"]])
    with django_assert_max_num_queries(16):
        response = alex_of_five.get(_url(partnership, **_everything()))
    assert response.status_code == 200
    assert _cells(response.content.decode(), "Ties")[1] == "5"  # Alex-Bea met at the activities
