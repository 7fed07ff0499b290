"""The board's charts as plain HTML and inline SVG: no image files, no script, no other host.

Their words are in the current language of `omt.i18n` (see `use_language`).
"""

from __future__ import annotations

from collections import Counter
from html import escape

from omt.i18n import current_language
from omt.store.journey import STAGE_LABELS
from omt.tools.reports.labels import stage_label
from omt.widgets.board.rows import WELLBEING_MAX, BoardRow
from omt.widgets.forms.i18n import _, ngettext

SPARKLINE_WIDTH = 72
SPARKLINE_HEIGHT = 20


def stage_chart(rows: list[BoardRow]) -> str:
    """Return a horizontal bar chart of the number of placements at each stage, in journey order."""
    counts = Counter(row.stage for row in rows)
    largest = max(counts.values(), default=1)
    bars = []
    for stage in STAGE_LABELS:
        if not counts[stage]:
            continue
        label = stage_label(current_language(), stage)
        width = round(100 * counts[stage] / largest)
        bars.append(
            f'<div class="omt-bar omt-stage-{stage}" role="listitem">'
            f'<span class="omt-bar-label">{escape(label)}</span>'
            f'<span class="omt-bar-track"><span class="omt-bar-fill" style="width:{width}%"></span></span>'
            f'<span class="omt-bar-count">{counts[stage]}</span></div>'
        )
    title = escape(_("Placements by stage"))
    return f'<div class="omt-stage-chart" role="list" aria-label="{title}">{"".join(bars)}</div>'


def sparkline(scores: tuple[int, ...]) -> str:
    """Return the wellbeing scores (1 to 5) as a small line, with the latest score written beside it."""
    if not scores:
        return '<span class="omt-muted">' + escape(_("no check-in")) + "</span>"
    step = SPARKLINE_WIDTH / max(len(scores) - 1, 1)
    points = " ".join(
        f"{index * step:.1f},{SPARKLINE_HEIGHT - 2 - (score - 1) * (SPARKLINE_HEIGHT - 4) / (WELLBEING_MAX - 1):.1f}"
        for index, score in enumerate(scores)
    )
    low = " omt-low" if scores[-1] <= 2 else ""
    label = ngettext("Wellbeing of the last {count} check-in: {scores} out of {max}",
                     "Wellbeing of the last {count} check-ins: {scores} out of {max}", len(scores)).format(
        count=len(scores), scores=", ".join(map(str, scores)), max=WELLBEING_MAX)
    return (
        f'<span class="omt-sparkline{low}" title="{escape(label)}">'
        f'<svg width="{SPARKLINE_WIDTH}" height="{SPARKLINE_HEIGHT}" role="img" aria-label="{escape(label)}">'
        f'<polyline points="{points}" fill="none" stroke="currentColor" stroke-width="2"/></svg>'
        f' {scores[-1]}/{WELLBEING_MAX}</span>'
    )
