"""The learning report's section: only what may be published, for the period asked, as plain
values, as an HTML fragment under the report's h2, and as Markdown under its ##."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from equalpartners.core.capabilities import Role
from equalpartners.core.markdown import md as escape
from equalpartners.learning import round_services, services
from equalpartners.learning.report_markdown import report_markdown
from equalpartners.learning.selectors import LearningReportSection, report_section
from equalpartners.testing import factories as f

from .builders import domain, member_of, partner_named, reflection, selection_round, story

LONDON = zoneinfo.ZoneInfo("Europe/London")
SINCE, UNTIL = dt.date(2025, 1, 1), dt.date(2025, 6, 30)


def _at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


@pytest.fixture
def world(partnership):
    """Reflections and stories of every kind, of which only some may be published."""
    lead = member_of(partnership, partner_named(partnership, "Leaders Org"), Role.PARTNER_LEAD)
    staff = member_of(partnership, partner_named(partnership, "Children Org"))
    public_activity = f.ActivityFactory(
        partnership=partnership, title="The summit", visibility="public"
    )
    private_activity = f.ActivityFactory(
        partnership=partnership, title="A closed roundtable", visibility="partners"
    )

    def chosen(title: str, visibility: str = "public", when: dt.datetime | None = None, **kw):
        made = reflection(
            staff, visibility, title=title, at=when or _at(dt.date(2025, 3, 10)), **kw
        )
        if visibility == "public":
            services.reflection_choose_for_report(
                actor=None, reflection=made, membership=lead, for_report=True
            )
        return made

    chosen("Equals at the table", activities=[public_activity, private_activity])
    chosen("Late on the last evening", when=_at(UNTIL, 23, 30))  # 22:30 UTC, still 30 June
    chosen("Shared only", visibility="partnership")
    chosen("Kept within", visibility="partner")
    chosen("Before the period", when=_at(dt.date(2024, 12, 31), 23, 30))
    reflection(staff, "public", title="Public, not chosen", at=_at(dt.date(2025, 3, 1)))

    leading = domain(lead)
    yes = story(staff, leading, title="Consented and chosen")
    no = story(staff, leading, title="Chosen without consent", consent=False)
    unchosen = story(staff, leading, title="Consented, not chosen")
    late = story(staff, leading, title="Told after", told_on=dt.date(2025, 7, 2))
    spring = selection_round(lead, [yes, no, unchosen], selectors=[lead.person, staff.person])
    summer = selection_round(
        lead,
        [yes, late],
        name="Summer stories",
        starts_on=dt.date(2025, 3, 1),
        ends_on=dt.date(2025, 7, 31),
    )
    for selection_round_, picked, reasons in (
        (spring, yes, "Trust grew between sectors."),
        (spring, no, "It changed how we plan."),
        (summer, yes, "Still the clearest change."),
        (summer, late, "A new start."),
    ):
        round_services.round_choose(
            actor=None,
            selection_round=selection_round_,
            membership=lead,
            story=picked,
            reasons=reasons,
            at=_at(dt.date(2025, 8, 1)),
        )
    return {"lead": lead, "staff": staff}


@pytest.mark.django_db
def test_only_chosen_public_reflections_and_consented_chosen_stories_of_the_period(
    partnership, world
):
    section = report_section(partnership, since=SINCE, until=UNTIL)
    assert [r.title for r in section.reflections] == [
        "Equals at the table",
        "Late on the last evening",
    ]
    first = section.reflections[0]
    assert first.activities == ("The summit",)  # the partners-only activity is not named
    assert (first.author, first.organisation) == (world["staff"].person.name, "Children Org")
    assert first.written_on == dt.date(2025, 3, 10)
    assert section.reflections[1].written_on == UNTIL
    assert [s.title for s in section.stories] == ["Consented and chosen"]
    chosen = section.stories[0]
    assert chosen.domain == "How we lead"
    assert chosen.organisation == "Children Org"
    assert [(c.round, c.reasons, c.selector_count) for c in chosen.choices] == [
        ("Spring stories", "Trust grew between sectors.", 2),
        ("Summer stories", "Still the clearest change.", 1),
    ]


@pytest.mark.django_db
def test_withdrawn_consent_takes_a_story_out_at_once(partnership, world):
    from equalpartners.learning import story_services
    from equalpartners.learning.models import Story

    consented = Story.objects.get(title="Consented and chosen")
    story_services.story_update(
        actor=None, record=consented, membership=world["staff"], consent_to_publish=False
    )
    assert report_section(partnership, since=SINCE, until=UNTIL).stories == ()


@pytest.mark.django_db
def test_a_period_that_ends_before_it_starts_is_refused(partnership):
    with pytest.raises(ValueError, match="before it starts"):
        report_section(partnership, since=UNTIL, until=SINCE)


@pytest.mark.django_db
def test_the_html_fragment_uses_h3_and_below(partnership, world):
    html = render_to_string(
        "learning/report_section.html",
        {"section": report_section(partnership, since=SINCE, until=UNTIL)},
    )
    assert not re.search(r"<h[12][ >]", html)
    assert "<h3>Reflections</h3>" in html
    assert "<h4>Consented and chosen</h4>" in html
    assert "Trust grew between sectors." in html
    for unpublished in (
        "Shared only",
        "Kept within",
        "Chosen without consent",
        "closed roundtable",
    ):
        assert unpublished not in html
    empty = render_to_string(
        "learning/report_section.html", {"section": LearningReportSection(SINCE, UNTIL)}
    )
    assert "No reflections or stories of change were chosen for the report" in empty
    assert "<h3" not in empty


@pytest.mark.django_db
def test_the_markdown_uses_level_three_headings_and_below(partnership, world):
    text = report_markdown(report_section(partnership, since=SINCE, until=UNTIL))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[0] == "### Reflections"
    assert all(re.match(r"#{3,6} ", line) for line in headings)
    assert "#### Consented and chosen" in text
    assert "Chosen without consent" not in text
    assert report_markdown(LearningReportSection(SINCE, UNTIL)).startswith("No reflections")


def test_peoples_words_cannot_become_markdown():
    assert escape("# Not a heading") == r"\# Not a heading"
    assert escape("1. not a list") == r"1\. not a list"
    assert escape("- nor this") == r"\- nor this"
    assert escape("[a link](http://x)") == r"\[a link\](http://x)"
    assert escape("<script>") == r"\<script\>"
    assert escape("    indented code") == "indented code"


def _unescape(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))))
def test_escaping_keeps_the_words_and_leaves_no_markup_at_the_start(text):
    line = escape(text)
    assert _unescape(line) == " ".join(text.split())
    assert not re.match(r"(#|>|[-+=*_]|\d+[.)])", line)
