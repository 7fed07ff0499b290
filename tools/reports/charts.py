"""The charts of a placement report, drawn as PNG images: journey timeline, wellbeing, competences.

Each chart is drawn on a bare `Figure`, not through pyplot, so no figure stays open in the kernel
and none is displayed twice. Every function returns None when there is nothing to draw.
"""

from __future__ import annotations

import datetime as dt
import io

import matplotlib
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from omt.store.vocabulary import KEY_COMPETENCES
from omt.tools.reports.content import COMPETENCE_SCALE, PlacementReport
from omt.tools.reports.labels import label

# DejaVu Sans covers Latin with Vietnamese diacritics but has no Thai glyphs. matplotlib 3.6 and
# later take each missing glyph from the next family of `font.family` that has it. A generic family
# such as "sans-serif" stands for one font only there, so the list names the fonts.
CHART_FONTS = ["DejaVu Sans", "Noto Sans Thai", "Loma", "Garuda", "Noto Sans"]
CHART_SIZE_INCHES = (7.5, 3.2)
CHART_DPI = 110
# NOTE: the 1-to-5 scale is the demo data's; no check-in form definition fixes it yet, and a score
# outside it falls outside the chart's axis.
WELLBEING_SCALE = (1, 5)

# Colours of the journey items' statuses; red and green also differ in marker shape for readers
# who cannot tell them apart.
STATUS_STYLES = {
    "done": ("#2e7d32", "o"),
    "due": ("#ef8a00", "D"),
    "overdue": ("#c62828", "X"),
    "upcoming": ("#9e9e9e", "o"),
    "cancelled": ("#d0d0d0", "x"),
}
PHASE_COLOURS = {"start": "#9ecae1", "middle": "#4292c6", "end": "#08519c"}
TODAY_COLOUR = "#1f6f8b"


def png_bytes(figure: Figure) -> bytes:
    """Return the figure as PNG bytes, laid out once.

    `savefig` draws a figure twice, once to lay it out and once to render it, and constrained
    layout runs on each draw. Running the layout here and then fixing the positions makes the
    figure about a third faster to save. The image stays the same, pixel for pixel, as
    tests/tools/reports/test_report_parts.py checks on the demo data.
    """
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
        figure.set_layout_engine("none")
    buffer = io.BytesIO()
    # No "Software" entry: the image's bytes then do not change with matplotlib's version.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def date_axis(axes: matplotlib.axes.Axes) -> None:
    # ISO dates, as in the tables: month names would come out in English whatever the language.
    axes.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=7))
    axes.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))


def timeline_png(report: PlacementReport) -> bytes | None:
    """Return the journey items on a time line, one row per kind of item, the report's day marked."""
    if not report.journey:
        return None
    rows: list[str] = []
    for item in report.journey:
        if item.item_id not in rows:
            rows.append(item.item_id)
    language = report.language
    labels_by_row = {item.item_id: item.label_in(language) for item in report.journey}
    with matplotlib.rc_context({"font.family": CHART_FONTS}):
        height = 1.2 + 0.32 * len(rows)
        figure = Figure(figsize=(CHART_SIZE_INCHES[0], height), dpi=CHART_DPI, layout="constrained")
        axes = figure.add_subplot()
        for status, (colour, marker) in STATUS_STYLES.items():
            items = [item for item in report.journey if item.status == status]
            if items:
                axes.scatter([item.due for item in items], [rows.index(item.item_id) for item in items],
                             color=colour, marker=marker, s=28, zorder=3)
        axes.axvline(report.as_of, color=TODAY_COLOUR, linewidth=1.2, linestyle="--", zorder=2)
        axes.set_yticks(range(len(rows)), [labels_by_row[row] for row in rows], fontsize=7.5)
        axes.set_ylim(len(rows) - 0.5, -0.5)
        date_axis(axes)
        axes.tick_params(axis="x", labelsize=8)
        axes.grid(axis="y", alpha=0.25)
        present = [status for status in STATUS_STYLES if any(item.status == status for item in report.journey)]
        handles = [Line2D([], [], color=STATUS_STYLES[status][0], marker=STATUS_STYLES[status][1],
                          linestyle="", label=label(language, f"item.{status}")) for status in present]
        handles.append(Line2D([], [], color=TODAY_COLOUR, linestyle="--",
                              label=f"{label(language, 'today')} {report.as_of.isoformat()}"))
        figure.legend(handles=handles, fontsize=7, loc="outside lower center", ncol=len(handles), frameon=False)
        axes.set_title(label(language, "timeline_title").format(name=report.volunteer), fontsize=10)
        return png_bytes(figure)


def wellbeing_png(report: PlacementReport) -> bytes | None:
    """Return the wellbeing scores over time as a PNG image, or None when there is no check-in."""
    if not report.checkins:
        return None
    style = {"font.family": CHART_FONTS}
    with matplotlib.rc_context(style):
        figure = Figure(figsize=CHART_SIZE_INCHES, dpi=CHART_DPI, layout="constrained")
        axes = figure.add_subplot()
        days = [checkin.day for checkin in report.checkins]
        scores = [checkin.wellbeing for checkin in report.checkins]
        axes.plot(days, scores, marker="o", color="#1f6f8b", linewidth=1.8)
        low, high = WELLBEING_SCALE
        axes.set_ylim(low - 0.3, high + 0.3)
        axes.set_yticks(range(low, high + 1))
        date_axis(axes)
        axes.set_ylabel(label(report.language, "wellbeing_axis"), fontsize=8)
        axes.set_title(label(report.language, "wellbeing_title").format(name=report.volunteer))
        axes.grid(axis="y", alpha=0.3)
        return png_bytes(figure)


def competence_png(report: PlacementReport) -> bytes | None:
    """Return the self-assessed level of the eight key competences, one bar per phase."""
    if not report.self_assessments:
        return None
    language = report.language
    competences = [competence for competence, _ in KEY_COMPETENCES]
    phases = report.self_assessments
    bar_height = 0.8 / len(phases)
    with matplotlib.rc_context({"font.family": CHART_FONTS}):
        figure = Figure(figsize=(CHART_SIZE_INCHES[0], 4.2), dpi=CHART_DPI, layout="constrained")
        axes = figure.add_subplot()
        for number, assessment in enumerate(phases):
            offsets = [row - 0.4 + bar_height * (number + 0.5) for row in range(len(competences))]
            values = [assessment.scores.get(competence, 0) for competence in competences]
            axes.barh(offsets, values, height=bar_height * 0.92, color=PHASE_COLOURS[assessment.phase],
                      label=f"{label(language, f'phase.{assessment.phase}')} ({assessment.day.isoformat()})")
        axes.set_yticks(range(len(competences)),
                        [label(language, f"competence.{competence}") for competence in competences], fontsize=8)
        axes.invert_yaxis()
        low, high = COMPETENCE_SCALE
        axes.set_xlim(0, high + 0.2)
        axes.set_xticks(range(low, high + 1))
        axes.set_xlabel(label(language, "competence_axis"), fontsize=8)
        axes.grid(axis="x", alpha=0.3)
        figure.legend(fontsize=7.5, loc="outside lower center", ncol=len(phases), frameon=False)
        axes.set_title(label(language, "competence_title").format(name=report.volunteer), fontsize=10)
        return png_bytes(figure)
