"""The health checks' section of the learning report as Markdown: headings from ### down, and
tables with the same figures as the HTML. Names people typed (waves, surveys, organisations,
headings) are escaped where they enter; the table only lays out cells."""

from __future__ import annotations

from equalpartners.core.markdown import md, md_cell
from equalpartners.health.presentation import Figure, HeadingRow, Trend, WaveDisplay
from equalpartners.health.report import HealthReportSection
from equalpartners.health.survey_presentation import Score, SurveyDisplay


def _table(header: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |"]
    lines.append(
        "| " + " | ".join("---:" if i in numeric else "---" for i in range(len(header))) + " |"
    )
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _figure(figure: Figure) -> list[str]:
    if figure.mean is None:
        return ["", md_cell(figure.withheld), str(figure.n)]
    return [figure.text, md_cell(figure.band), str(figure.n)]


def _figures(headings: tuple[HeadingRow, ...]) -> list[str]:
    rows = []
    for heading in headings:
        rows.append([f"**{md_cell(heading.name)}**", *_figure(heading.figure)])
        rows += [
            [md_cell(f"{heading.name}: {f.name}"), *_figure(f.figure)] for f in heading.factors
        ]
    header = ["Heading and factor", "Mean (1 to 5)", "Band", "People answering"]
    return _table(header, rows, {1, 3})


def _wave(wave: WaveDisplay) -> list[str]:
    lines = [
        f"### {md(wave.name)}",
        "",
        f"Open from {wave.opens_on:%-d %B %Y} to {wave.closed_on:%-d %B %Y}; "
        f"{wave.responses} {'person' if wave.responses == 1 else 'people'} answered.",
        "",
    ]
    if wave.withheld:
        return [*lines, f"{wave.withheld.capitalize()}: no figures are shown for this wave.", ""]
    lines += _figures(wave.headings)
    for partner in wave.partners:
        lines += [f"#### {md(partner.name)}", ""]
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
        name = f"**{md_cell(row.name)}**" if row.is_heading else md_cell(row.name)
        figures = [
            md_cell(f"{f.text} ({f.band})" if f.mean is not None else f.withheld)
            for f in row.figures
        ]
        rows.append([name, *figures])
    return _table(["Heading and factor", *trend.waves], rows, set())


def _score(score: Score, empty: str) -> list[str]:
    """A trust or value score as two cells: the mean and the percentage, or why it is withheld."""
    if score.mean is not None:
        return [score.text, score.percent_text]
    return [md_cell(score.withheld), ""] if score.withheld else [empty, "–"]


def _survey(survey: SurveyDisplay) -> list[str]:
    lines = [
        f"From the relationship survey {md(survey.name)}, which closed on "
        f"{survey.closed_on:%-d %B %Y}: {survey.respondents} "
        f"{'person' if survey.respondents == 1 else 'people'} answered for their organisations.",
        "",
    ]
    rows = [
        [md_cell(row.name), *_score(row.trust, "Not rated"), *_score(row.value, "Not rated")]
        for row in survey.organisations
    ]
    network = [*_score(survey.trust, "No ratings"), *_score(survey.value, "No ratings")]
    rows.append(["**The whole network**", *network])
    header = ["Organisation", "Trust (1 to 4)", "Trust %", "Value (1 to 4)", "Value %"]
    lines += _table(header, rows, {1, 2, 3, 4})
    organisations = "organisation" if survey.answered == 1 else "organisations"
    lines += [
        f"{survey.answered} partner {organisations} gave ratings. {survey.withheld_note}",
        "",
        survey.normalisation,
        "",
    ]
    coverage = [
        [md_cell(row.name), str(row.respondents), str(row.rated_by)] for row in survey.organisations
    ]
    header = ["Organisation", "Its people who answered", "Other organisations that rated it"]
    lines += [
        "How many answered, and how many organisations rated each (not which; no ratings are "
        "shown):",
        "",
    ]
    return lines + _table(header, coverage, {1, 2})


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
