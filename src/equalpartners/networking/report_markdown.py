"""Network growth as Markdown for the learning report (### and below; the report gives the ##).

Markdown has no place for an SVG drawing, so the map is left out with a sentence saying so; its
figures are all in the tables."""

from __future__ import annotations

from equalpartners.core.markdown import md_table
from equalpartners.networking.report_section import GrowthReportSection


def _day(value: object) -> str:
    return f"{value:%-d %B %Y}"


def report_markdown(section: GrowthReportSection) -> str:
    until = _day(section.until)
    parts = [
        f"From {_day(section.since)} to {until}, {section.new_cross_sector_ties} new "
        f"tie{'s' if section.new_cross_sector_ties != 1 else ''} across sectors. By {until} the "
        f"{section.people} people of the partnership had {section.ties_by_until} "
        f"tie{'s' if section.ties_by_until != 1 else ''} between them. Ties come from sitting "
        "together, introductions, meeting at an activity of 30 people or fewer, and people "
        "saying they worked together.",
        "### The network map",
        "The network map is a drawing, so it is in the HTML and PDF versions of this report "
        "only; the tables below give the same figures.",
        "### The measures",
        md_table(
            ["Measure", "What it means", "Ties in the period", f"Every tie by {until}"],
            [(row.label, row.explanation, row.period, row.whole) for row in section.measures],
            2,
        ),
        "### By sector",
        md_table(
            ["Sector", "People", "Ties within the sector", "Ties to other sectors", "E-I index"],
            [(r.sector, r.people, r.within, r.across, r.ei_index) for r in section.sectors],
            1,
        ),
    ]
    if section.connectors:
        parts += [
            "### Who connects whom",
            "The people whose ties in the period reach the most other sectors, by "
            "organisation. Pairs they bridge: pairs of their contacts, in different sectors, "
            "who have no tie with each other.",
            md_table(
                [
                    "Organisation",
                    "Sector",
                    "Ties into",
                    "Ties",
                    "Across sectors",
                    "Pairs they bridge",
                ],
                [
                    (c.name, c.sector, c.reaches, c.ties, c.cross_sector_ties, c.bridged_pairs)
                    for c in section.connectors
                ],
                3,
            ),
        ]
    parts += [
        "### Where the ties come from",
        md_table(
            ["Source", "Contacts recorded", "Pairs of people"],
            [(s.label, s.contacts, s.pairs) for s in section.sources],
            1,
        ),
        "### Growth over time",
        md_table(
            ["Date", "Ties", "Across sectors", "Density", "E-I index", "Assortativity"],
            [
                (_day(p.on), p.ties, p.cross_sector_ties, p.density, p.ei_index, p.assortativity)
                for p in section.trend
            ],
            1,
        )
        if section.trend
        else "No ties yet, so nothing to chart.",
    ]
    return "\n\n".join(parts) + "\n"
