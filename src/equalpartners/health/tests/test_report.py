"""The learning report's section: plain values for the period, an HTML fragment from h3 down,
and Markdown from ### down, each with its empty states."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
from django.template.loader import render_to_string

from equalpartners.health import selectors, survey_services
from equalpartners.health.report_markdown import report_markdown

from .builders import (
    answer,
    close,
    member_of,
    members_of,
    open_survey,
    open_wave,
    partner_named,
    today,
)

pytestmark = pytest.mark.django_db


def _period() -> dict[str, dt.date]:
    return {"since": today() - dt.timedelta(days=30), "until": today()}


def _story(partnership: Any) -> None:
    for name, value in (("Spring", 2), ("Autumn", 4)):
        wave = open_wave(partnership, name=name)
        for member in members_of(partnership, "Leaders Org", 5):
            answer(wave, member, value)
        for member in members_of(partnership, "Children Org", 2):
            answer(wave, member, 3)
        close(wave)
    survey = open_survey(partnership)
    health = partner_named(partnership, "Health Org")
    survey_services.survey_answer(
        actor=None,
        survey=survey,
        membership=member_of(partnership, partner_named(partnership, "Leaders Org")),
        ratings={health.pk: {"reliable": 4, "mission": 3, "open": 4, "influence": 2}},
    )
    survey_services.survey_close(actor=None, survey=survey)


def test_an_empty_period(partnership: Any) -> None:
    section = selectors.report_section(partnership, **_period())
    assert section.is_empty
    html = render_to_string("health/report_section.html", {"section": section})
    assert "No health check wave or relationship survey closed between" in html
    assert report_markdown(section).startswith("No health check wave or relationship survey")


def test_the_section_for_a_period(partnership: Any) -> None:
    _story(partnership)
    section = selectors.report_section(partnership, **_period())
    with pytest.raises(dataclasses.FrozenInstanceError):
        section.waves = ()  # type: ignore[misc]
    assert [wave.name for wave in section.waves] == ["Spring", "Autumn"]
    autumn = section.waves[1]
    synergy = next(row for row in autumn.headings if row.key == "synergy")
    assert (synergy.figure.mean, synergy.figure.band, synergy.figure.n) == (
        3.71,
        "worth discussing",
        7,
    )
    assert [p.name for p in autumn.partners] == ["Children Org", "Leaders Org"]
    assert autumn.partners[0].withheld == "withheld: fewer than five answers"
    assert section.trend is not None
    assert section.trend.waves == ("Spring", "Autumn")
    assert section.relationships is not None
    health = next(o for o in section.relationships.organisations if o.name == "Health Org")
    # Only Leaders Org rated Health Org, so its scores would be Leaders Org's ratings: withheld.
    assert (health.trust.text, health.value.text, health.value.percent_text) == ("", "", "")
    assert health.trust.withheld == "withheld: rated by fewer than three partner organisations"
    assert section.relationships.trust.mean is None

    html = render_to_string("health/report_section.html", {"section": section})
    levels = set(re.findall(r"<h(\d)", html))
    assert levels <= {"3", "4"}
    assert "<svg" in html
    assert "Mean for each heading and factor, wave by wave" in html
    assert "Withheld: fewer than five answers (2 of its people answered)." in html

    text = report_markdown(section)
    assert not re.search(r"^#{1,2} ", text, re.MULTILINE)
    assert "### Autumn" in text
    assert "#### Leaders Org" in text
    assert "| **Synergy** | 3.7 | worth discussing | 7 |" in text
    assert (
        "| Health Org | withheld: rated by fewer than three partner organisations |  "
        "| withheld: rated by fewer than three partner organisations |  |"
    ) in text
    assert "| Health Org | 0 | 1 |" in text  # how many rated it, never which
    assert "3.67" not in text
    assert "Rated Health Org" not in text
    assert "### The trend across waves" in text


def test_waves_outside_the_period_are_left_out(partnership: Any) -> None:
    _story(partnership)
    later = {"since": today() + dt.timedelta(days=1), "until": today() + dt.timedelta(days=9)}
    assert selectors.report_section(partnership, **later).is_empty
    with pytest.raises(ValueError, match="on or after"):
        selectors.report_section(partnership, since=today(), until=today() - dt.timedelta(1))
