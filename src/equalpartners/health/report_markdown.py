"""The health checks' section of the learning report as Markdown: headings from ### down, and
tables with the same figures as the HTML."""

from __future__ import annotations

from equalpartners.health.presentation import Figure, HeadingRow, Trend, WaveDisplay
from equalpartners.health.report import HealthReportSection
from equalpartners.health.survey_presentation import SurveyDisplay


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append(
        "| " + " | ".join("---:" if i in numeric else "---" for i in range(len(header))) + " |"
    )
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _figure(figure: Figure) -> list[str]:
    if figure.mean is None:
        return ["", figure.withheld, str(figure.n)]
    return [figure.text, figure.band, str(figure.n)]


def _figures(headings: tuple[HeadingRow, ...]) -> list[str]:
    rows = []
    for heading in headings:
        rows.append([f"**{heading.name}**", *_figure(heading.figure)])
        rows += [[f"{heading.name}: {f.name}", *_figure(f.figure)] for f in heading.factors]
    header = ["Heading and factor", "Mean (1 to 5)", "Band", "People answering"]
    return _table(header, rows, {1, 3})


def _wave(wave: WaveDisplay) -> list[str]:
    lines = [
        f"### {wave.name}",
        "",
        f"Open from {wave.opens_on:%-d %B %Y} to {wave.closed_on:%-d %B %Y}; "
        f"{wave.responses} {'person' if wave.responses == 1 else 'people'} answered.",
        "",
    ]
    if wave.withheld:
        return [*lines, f"{wave.withheld.capitalize()}: no figures are shown for this wave.", ""]
    lines += _figures(wave.headings)
    for partner in wave.partners:
        lines += [f"#### {partner.name}", ""]
        if partner.withheld:
            lines += [
                f"{partner.withheld.capitalize()} ({partner.responses} of its people answered).",
                "",
            ]
        else:
            lines += _figures(partner.headings)
    return lines


def _trend(trend: Trend) -> list[str]:
    rows = []
    for row in trend.rows:
        name = f"**{row.name}**" if row.is_heading else row.name
        figures = [
            f"{f.text} ({f.band})" if f.mean is not None else f.withheld for f in row.figures
        ]
        rows.append([name, *figures])
    return _table(["Heading and factor", *trend.waves], rows, set())


def _survey(survey: SurveyDisplay) -> list[str]:
    lines = [
        f"From the relationship survey {survey.name}, which closed on "
        f"{survey.closed_on:%-d %B %Y}: {survey.respondents} "
        f"{'person' if survey.respondents == 1 else 'people'} answered for their organisations.",
        "",
    ]
    rows = [
        [
            row.name,
            row.trust.text or "Not rated",
            row.trust.percent_text or "–",
            row.value.text or "Not rated",
            row.value.percent_text or "–",
            str(row.rated_by),
        ]
        for row in survey.organisations
    ]
    rows.append(
        [
            "**The whole network**",
            survey.trust.text or "No ratings",
            survey.trust.percent_text or "–",
            survey.value.text or "No ratings",
            survey.value.percent_text or "–",
            "",
        ]
    )
    header = ["Organisation", "Trust (1 to 4)", "Trust %", "Value (1 to 4)", "Value %", "Rated by"]
    lines += _table(header, rows, {1, 2, 3, 4, 5})
    lines += [survey.normalisation, ""]
    coverage = [
        [row.rater, str(row.respondents), *[c.capitalize() for c in row.cells]]
        for row in survey.coverage
    ]
    header = ["Rating organisation", "People who answered", *[f"Rated {n}" for n in survey.roster]]
    lines += ["Who rated whom (organisations only; no ratings are shown):", ""]
    return lines + _table(header, coverage, {1})


def report_markdown(section: HealthReportSection) -> str:
    since, until = f"{section.since:%-d %B %Y}", f"{section.until:%-d %B %Y}"
    if section.is_empty:
        return f"No health check wave or relationship survey closed between {since} and {until}.\n"
    lines: list[str] = []
    if section.waves:
        lines += [f"{section.bands_note} {section.threshold_note}", ""]
        for wave in section.waves:
            lines += _wave(wave)
        lines += ["### The trend across waves", ""]
        if len(section.waves) > 1 and section.trend is not None:
            lines += _trend(section.trend)
        else:
            lines += ["Only one wave closed in this period, so there is no trend to show yet.", ""]
    else:
        lines += ["No health check wave closed in this period.", ""]
    lines += ["### Trust and value between partners", ""]
    if section.relationships is not None:
        lines += _survey(section.relationships)
    else:
        lines += ["No relationship survey closed in this period.", ""]
    return "\n".join(lines).rstrip() + "\n"
