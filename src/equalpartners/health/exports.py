"""A wave's results as CSV: one row per figure (everyone, then each partner), never anyone's
answers. Means are kept to two decimal places, rounded down like the pages."""

from __future__ import annotations

import csv
import io

from equalpartners.health.presentation import Figure, HeadingRow, WaveDisplay

COLUMNS = ["wave", "group", "heading", "factor", "answers", "mean", "band", "note"]


def safe_cell(value: str) -> str:
    """Stop spreadsheet programs reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _row(wave: str, group: str, heading: str, factor: str, figure: Figure) -> list[str]:
    mean = f"{figure.mean:.2f}" if figure.mean is not None else ""
    cells = [wave, group, heading, factor, str(figure.n), mean, figure.band, figure.withheld]
    return [safe_cell(cell) for cell in cells]


def _rows(wave: str, group: str, headings: tuple[HeadingRow, ...]) -> list[list[str]]:
    rows = []
    for heading in headings:
        rows.append(_row(wave, group, heading.name, "", heading.figure))
        rows += [_row(wave, group, heading.name, f.name, f.figure) for f in heading.factors]
    return rows


def results_csv(display: WaveDisplay) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(_rows(display.name, "Everyone", display.headings))
    for partner in display.partners:
        writer.writerows(_rows(display.name, partner.name, partner.headings))
    return out.getvalue()
