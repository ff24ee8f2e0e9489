"""The shared form pieces and how forms render: the three-field date input, times and time
zones, each error beside its field, the error summary (``Error:`` in the page title, links to
each field's id), and people's text escaped wherever it is shown."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from equalpartners.core.capabilities import Role
from equalpartners.core.forms import DateField, TimeField, TimeZoneField, combine
from equalpartners.partnerships.models import Partner, Partnership
from equalpartners.testing import factories as f


class DateForm(forms.Form):
    when = DateField(label="Date joined")
    maybe = DateField(label="Date left", required=False)


def _date(day, month, year, **extra):
    form = DateForm({"when_day": day, "when_month": month, "when_year": year, **extra})
    return form, form.is_valid()


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("27", "3", "2026", dt.date(2026, 3, 27)),
        (" 7 ", "03", " 2026", dt.date(2026, 3, 7)),
        ("27", "March", "2026", dt.date(2026, 3, 27)),
        ("27", "mar", "2026", dt.date(2026, 3, 27)),
        ("29", "2", "2024", dt.date(2024, 2, 29)),
    ],
)
def test_a_date_is_read_from_day_month_and_year(day, month, year, expected):
    form, valid = _date(day, month, year)
    assert valid, form.errors
    assert form.cleaned_data["when"] == expected
    assert form.cleaned_data["maybe"] is None


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "2", "2026"),
        ("29", "2", "2025"),
        ("31", "4", "2026"),
        ("0", "1", "2026"),
        ("27", "13", "2026"),
        ("27", "Smarch", "2026"),
        ("x", "3", "2026"),
        ("27", "3", "26"),
        ("27", "3", "20266"),
    ],
)
def test_an_impossible_date_is_refused_with_a_clear_message(day, month, year):
    form, valid = _date(day, month, year)
    assert not valid
    assert form.errors["when"] == ["Date joined must be a real date, like 27 3 2026"]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("27", "", "2026", "Date joined must include a month"),
        ("", "3", "", "Date joined must include a day and year"),
        ("27", "3", "", "Date joined must include a year"),
    ],
)
def test_a_date_with_parts_missing_says_which(day, month, year, message):
    form, valid = _date(day, month, year)
    assert not valid
    assert form.errors["when"] == [message]


def test_a_required_date_left_empty_is_required_and_an_optional_one_is_not():
    form, valid = _date("", "", "")
    assert not valid
    assert form.errors["when"] == ["This field is required."]
    form, valid = _date("1", "2", "2026", maybe_day="", maybe_month="", maybe_year="")
    assert valid
    assert form.cleaned_data["maybe"] is None


def test_an_optional_date_partly_filled_in_is_not_quietly_dropped():
    form, valid = _date("1", "2", "2026", maybe_day="3", maybe_month="", maybe_year="")
    assert not valid
    assert form.errors["maybe"] == ["Date left must include a month and year"]


def test_the_date_input_shows_three_labelled_boxes_with_the_value():
    html = str(DateForm(initial={"when": dt.date(2026, 3, 27)})["when"])
    for index, label, value in [(0, "Day", "27"), (1, "Month", "3"), (2, "Year", "2026")]:
        assert f'<label class="date-input__label" for="id_when_{index}">{label}</label>' in html
        assert re.search(rf'id="id_when_{index}"', html)
        assert f'value="{value}"' in html


class TimeForm(forms.Form):
    at = TimeField()
    zone = TimeZoneField()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", dt.time(14, 30)),
        ("14.30", dt.time(14, 30)),
        ("2:30pm", dt.time(14, 30)),
        ("2:30 PM", dt.time(14, 30)),
        ("9am", dt.time(9, 0)),
        ("9", dt.time(9, 0)),
    ],
)
def test_times_are_understood_as_people_type_them(typed, expected):
    form = TimeForm({"at": typed, "zone": "Europe/London"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == expected


@pytest.mark.parametrize("typed", ["25:00", "half past two", "14:75"])
def test_a_time_that_is_not_a_time_is_refused_with_an_example(typed):
    form = TimeForm({"at": typed, "zone": "Europe/London"})
    assert not form.is_valid()
    assert form.errors["at"] == ["Enter a time like 09:30 or 14:00"]


def test_a_known_time_zone_is_accepted():
    form = TimeForm({"at": "10:00", "zone": "America/New_York"})
    assert form.is_valid()
    assert form.cleaned_data["zone"] == "America/New_York"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "europe/london", "GMT+25"])
def test_an_unknown_time_zone_is_refused_with_a_clear_message(zone):
    form = TimeForm({"at": "10:00", "zone": zone})
    assert not form.is_valid()
    assert form.errors["zone"] == [
        f"'{zone}' is not a time zone we know. Enter one like Europe/London"
    ]


def test_combine_makes_an_aware_moment_in_the_named_zone():
    moment = combine(dt.date(2026, 7, 1), dt.time(9, 30), "Europe/London")
    assert moment.utcoffset() == dt.timedelta(hours=1)  # British Summer Time
    assert moment.astimezone(dt.UTC) == dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)


# Forms as pages render them


def _title(html):
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match is not None
    return match.group(1)


def _partner_add_url(partnership):
    return reverse("partnerships:partner-add", kwargs={"partnership_slug": partnership.slug})


def test_an_impossible_date_on_a_page_is_reported_beside_the_field(signed_in, partnership):
    response = signed_in.post(
        _partner_add_url(partnership),
        {
            "organisation_name": "New Org",
            "sector": "third",
            "remit": "Housing",
            "aims": "Homes",
            "joined_on_day": "31",
            "joined_on_month": "2",
            "joined_on_year": "2026",
        },
    )
    assert response.status_code == 200
    assertContains(
        response,
        '<p class="error-message" id="id_joined_on_error"><span class="visually-hidden">'
        "Error:</span> Date joined must be a real date, like 27 3 2026</p>",
        html=True,
    )
    # What was typed is shown again, so it can be corrected.
    assertContains(response, 'name="joined_on_day" value="31"')
    assert not Partner.objects.filter(organisation__name="New Org").exists()


def test_an_unknown_time_zone_on_a_page_is_reported_beside_the_field(signed_in, partnership):
    url = reverse("partnerships:settings", kwargs={"partnership_slug": partnership.slug})
    response = signed_in.post(
        url, {"name": "Renamed", "purpose": "Purpose", "time_zone": "Mars/Base"}
    )
    assertContains(
        response,
        '<p class="error-message" id="id_time_zone_error"><span class="visually-hidden">'
        "Error:</span> &#x27;Mars/Base&#x27; is not a time zone we know. Enter one like "
        "Europe/London</p>",
        html=True,
    )
    partnership.refresh_from_db()
    assert (partnership.name, partnership.time_zone) == ("Equal Partners Test", "Europe/London")


def test_a_page_with_errors_says_so_in_its_title_and_links_each_error_to_its_field(
    signed_in, partnership
):
    response = signed_in.post(
        _partner_add_url(partnership),
        {
            "organisation_name": "",
            "remit": "r" * 121,
            "aims": "",
            "joined_on_day": "31",
            "joined_on_month": "2",
            "joined_on_year": "2026",
        },
    )
    html = response.content.decode()
    title = _title(html)
    assert title.startswith("Error: Add a partner")
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    links = dict(re.findall(r'<a href="#([^"]*)">([^<]*)</a>', summary))
    # One link per field in error, each to an element that is on the page.
    assert set(links) == {
        "id_organisation_name",
        "id_sector_0",
        "id_remit",
        "id_aims",
        "id_joined_on_0",
    }
    for target in links:
        assert f'id="{target}"' in html
    assert links["id_remit"] == "Ensure this value has at most 120 characters (it has 121)."
    assert links["id_joined_on_0"] == "Date joined must be a real date, like 27 3 2026"


def test_a_page_without_errors_has_no_error_in_its_title_or_summary(signed_in, partnership):
    response = signed_in.get(_partner_add_url(partnership))
    title = _title(response.content.decode())
    assert not title.startswith("Error:")
    assertNotContains(response, "error-summary")


# People's text is escaped on every page that shows it

SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


@pytest.fixture
def hostile(partnership):
    partner = Partner.objects.get(organisation__name="Leaders Org")
    partner.aims = f"Lead well\n{SCRIPT}"
    partner.save()
    f.MembershipFactory(
        partnership=partnership,
        role=Role.STAFF,
        person=f.PersonFactory(name=SCRIPT, job_title=SCRIPT),
    )
    f.RelatedInitiativeFactory(partnership=partnership, name=SCRIPT, how_it_fits=SCRIPT)
    Partnership.objects.filter(pk=partnership.pk).update(name=f"EP {SCRIPT}")
    return partner


@pytest.mark.parametrize("page_name", ["partners", "partner", "people", "initiatives"])
def test_html_in_peoples_text_is_shown_escaped(client_as, partnership, hostile, page_name):
    kwargs = {"partnership_slug": partnership.slug}
    if page_name == "partner":
        kwargs["partner_id"] = hostile.pk
    client = client_as(partnership, Role.GUEST)
    response = client.get(reverse(f"partnerships:{page_name}", kwargs=kwargs))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert ESCAPED in html
