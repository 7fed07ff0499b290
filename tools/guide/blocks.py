"""Generated blocks of the guide: the funding tables and the demo exchange's figure.

A chapter places a block with a line `::: name`. Every text taken from data (the funding map, the
demo store) passes through `html.escape` here.
"""

from __future__ import annotations

from html import escape

from omt.store.journey import STAGE_LABELS
from omt.store.vocabulary import COUNTRIES
from omt.tools.guide.chapters import Anchors
from omt.tools.guide.figures import DemoOverview, long_date, png_data_uri, stage_chart_png
from omt.tools.guide.funding import COST_KINDS, FundingEntry


def guide_blocks(entries: list[FundingEntry], overview: DemoOverview, anchors: Anchors) -> dict[str, str]:
    """Return every block a chapter can place, by name."""
    entry_anchors = {entry.entry_id: anchors.new(entry.name) for entry in entries}
    return {
        "funding-at-a-glance": funding_at_a_glance(entries, entry_anchors),
        "funding-by-country": funding_by_country(entries, entry_anchors),
        "funding-by-cost": funding_by_cost(entries, entry_anchors),
        "funding-entries": funding_entries(entries, entry_anchors),
        "placements-by-stage": placements_by_stage(overview),
    }


def entry_link(entry: FundingEntry, entry_anchors: dict[str, str]) -> str:
    return f'<a href="#{entry_anchors[entry.entry_id]}">{escape(entry.name)}</a>'


def funding_at_a_glance(entries: list[FundingEntry], entry_anchors: dict[str, str]) -> str:
    """Return a matrix of programmes and actions by partner country, with a short status in each cell."""
    header = "".join(f'<th scope="col">{escape(name)}</th>' for name in COUNTRIES.values())
    rows = []
    for entry in entries:
        cells = "".join(
            f'<td class="status-{escape(entry.eligibility[code].status)}">'
            f"{escape(entry.eligibility[code].status_label)}</td>"
            for code in COUNTRIES
        )
        rows.append(f'<tr><th scope="row">{entry_link(entry, entry_anchors)}</th>{cells}</tr>')
    return (
        '<table class="funding funding-glance">\n'
        "<caption>Funding map at a glance: can organisations of each partner country take part?</caption>\n"
        f'<thead><tr><th scope="col">Programme or action</th>{header}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>\n"
    )


def funding_by_country(entries: list[FundingEntry], entry_anchors: dict[str, str]) -> str:
    """Return one group of rows per partner country: each action, its status and its conditions."""
    groups = []
    for code, country in COUNTRIES.items():
        rows = []
        for index, entry in enumerate(entries):
            eligibility = entry.eligibility[code]
            country_cell = (f'<th scope="rowgroup" rowspan="{len(entries)}">{escape(country)} '
                            f"({escape(code)})</th>" if index == 0 else "")
            rows.append(
                f"<tr>{country_cell}<td>{entry_link(entry, entry_anchors)}</td>"
                f'<td class="status-{escape(eligibility.status)}">{escape(eligibility.status_label)}</td>'
                f"<td>{escape(eligibility.conditions)}</td></tr>"
            )
        groups.append(f"<tbody>\n{chr(10).join(rows)}\n</tbody>")
    return (
        '<table class="funding funding-by-country">\n'
        "<caption>Funding map by country</caption>\n"
        '<thead><tr><th scope="col">Country</th><th scope="col">Programme or action</th>'
        '<th scope="col">Can organisations take part?</th><th scope="col">Conditions</th></tr></thead>\n'
        f"{chr(10).join(groups)}\n</table>\n"
    )


def funding_by_cost(entries: list[FundingEntry], entry_anchors: dict[str, str]) -> str:
    """Return one group of rows per kind of cost: the actions that pay for it and their sources."""
    groups = []
    for kind, label in COST_KINDS.items():
        funders = [entry for entry in entries if kind in entry.cost_kinds]
        rows = []
        for index, entry in enumerate(funders):
            kind_cell = (f'<th scope="rowgroup" rowspan="{len(funders)}">{escape(label)}</th>'
                         if index == 0 else "")
            rows.append(
                f"<tr>{kind_cell}<td>{entry_link(entry, entry_anchors)}</td><td>{escape(entry.funder)}</td>"
                f"<td>{escape(entry.source_line)}</td></tr>"
            )
        if rows:
            groups.append(f"<tbody>\n{chr(10).join(rows)}\n</tbody>")
    return (
        '<table class="funding funding-by-cost">\n'
        "<caption>Funding map by kind of cost</caption>\n"
        '<thead><tr><th scope="col">Kind of cost</th><th scope="col">Programme or action</th>'
        '<th scope="col">Funder</th><th scope="col">Source</th></tr></thead>\n'
        f"{chr(10).join(groups)}\n</table>\n"
    )


def funding_entries(entries: list[FundingEntry], entry_anchors: dict[str, str]) -> str:
    """Return one description per programme or action, with its source, year and check note."""
    parts = []
    for entry in entries:
        kinds = ", ".join(COST_KINDS[kind] for kind in entry.cost_kinds)
        parts.append(
            '<div class="funding-entry">\n'
            f'<h3 id="{entry_anchors[entry.entry_id]}">{escape(entry.name)}</h3>\n'
            "<dl>\n"
            f"<dt>Funder</dt><dd>{escape(entry.funder)}</dd>\n"
            f"<dt>What it funds for tutoring</dt><dd>{escape(entry.funds)}</dd>\n"
            f"<dt>Kinds of cost</dt><dd>{escape(kinds)}</dd>\n"
            f"<dt>Source</dt><dd>{escape(entry.source)}</dd>\n"
            f"<dt>Year read</dt><dd>{entry.year}</dd>\n"
            "</dl>\n"
            f'<p class="check">{escape(entry.check)}</p>\n'
            "</div>\n"
        )
    return "".join(parts)


def placements_by_stage(overview: DemoOverview) -> str:
    """Return the demo exchange's stage chart and the table of its placements."""
    day = long_date(overview.day)
    rows = "\n".join(
        f"<tr><td>{escape(row.placement_id)}</td><td>{escape(row.sending)}</td>"
        f"<td>{escape(row.hosting)}</td><td>{escape(STAGE_LABELS[row.stage])}</td></tr>"
        for row in overview.rows
    )
    return (
        '<figure class="chart">\n'
        f'<img src="{png_data_uri(stage_chart_png(overview))}" '
        f'alt="Bar chart: placements of the demo exchange at each stage on {escape(day)}">\n'
        f"<figcaption>Placements of the demo exchange at each stage on {escape(day)}. The demo exchange "
        "and its organisations are invented; create it yourself with <code>omt demo</code>.</figcaption>\n"
        "</figure>\n"
        '<table class="placements">\n'
        f"<caption>The demo exchange's placements on {escape(day)}</caption>\n"
        '<thead><tr><th scope="col">Placement</th><th scope="col">Sending organisation</th>'
        '<th scope="col">Hosting organisation</th><th scope="col">Stage</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
    )
