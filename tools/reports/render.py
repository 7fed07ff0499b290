"""HTML fragments and the wellbeing chart of a placement report.

Every text that comes from the store passes through `html.escape` here, so a note such as
`<img src=x onerror=alert(1)>` shows as text. The template displays these fragments; the CSS that
styles their classes (`omt-...`) is added by `omt.tools.reports.export`.
"""

from __future__ import annotations

import base64
import io
from html import escape

import matplotlib
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure

from omt.tools.reports.content import PlacementReport, topic_labels
from omt.tools.reports.labels import label, stage_label

# DejaVu Sans covers Latin with Vietnamese diacritics but has no Thai glyphs. matplotlib 3.6 and
# later take each missing glyph from the next family of `font.family` that has it. A generic family
# such as "sans-serif" stands for one font only there, so the list names the fonts.
CHART_FONTS = ["DejaVu Sans", "Noto Sans Thai", "Loma", "Garuda", "Noto Sans"]
CHART_SIZE_INCHES = (7.5, 3.2)
CHART_DPI = 110
# NOTE: the 1-to-5 scale is the demo data's; no check-in form definition fixes it yet, and a score
# outside it falls outside the chart's axis.
WELLBEING_SCALE = (1, 5)


def text_html(value: object) -> str:
    """Return `value` as escaped HTML text, with line breaks kept."""
    return escape(str(value)).replace("\n", "<br>")


def heading_html(report: PlacementReport) -> str:
    """Return the report's title: placement id, volunteer and the report's day."""
    language = report.language
    return (
        f'<h1 class="omt-title">{text_html(label(language, "title"))}: '
        f"{text_html(report.placement.placement_id)} \u2013 {text_html(report.volunteer)}</h1>\n"
        f'<p class="omt-as-of">{text_html(label(language, "as_of"))} {report.as_of.isoformat()}</p>'
    )


def summary_html(report: PlacementReport) -> str:
    """Return the placement summary as a two-column table."""
    language = report.language
    placement = report.placement
    rows = [
        ("volunteer", report.volunteer),
        ("sending_organisation", report.sending_organisation),
        ("hosting_organisation", report.hosting_organisation),
        ("coordinating_organisation", report.coordinating_organisation),
        ("mentor", report.mentor),
        ("task_supervisor", report.task_supervisor),
        ("activity", placement.activity or "\u2013"),
        ("dates", f"{placement.start_date.isoformat()} \u2192 {placement.end_date.isoformat()}"),
        ("status", label(language, f"status.{placement.status}")),
    ]
    if placement.interrupted_on is not None:
        rows.append(("interrupted_on", placement.interrupted_on.isoformat()))
    rows.append(("stage", stage_label(language, report.stage)))
    body = "\n".join(f"<tr><th scope=\"row\">{text_html(label(language, key))}</th><td>{text_html(value)}</td></tr>"
                     for key, value in rows)
    return (f'<h2>{text_html(label(language, "summary"))}</h2>\n'
            f'<table class="omt-table omt-summary">\n{body}\n</table>')


def meetings_html(report: PlacementReport) -> str:
    """Return the meeting log as a table, one row per meeting, oldest first."""
    language = report.language
    heading = f'<h2>{text_html(label(language, "meetings"))}</h2>'
    if not report.meetings:
        return f'{heading}\n<p class="omt-empty">{text_html(label(language, "no_meetings"))}</p>'
    topics = topic_labels(language)
    columns = ("meeting_date", "duration", "topics", "notes", "actions")
    head = "".join(f'<th scope="col">{text_html(label(language, column))}</th>' for column in columns)
    rows = []
    for meeting in report.meetings:
        cells = (
            meeting.meeting_date.isoformat() if meeting.meeting_date else "\u2013",
            "\u2013" if meeting.duration_minutes is None else str(meeting.duration_minutes),
            ", ".join(topics.get(topic, topic) for topic in meeting.topics),
            meeting.notes,
            meeting.actions,
        )
        rows.append("<tr>" + "".join(f"<td>{text_html(cell)}</td>" for cell in cells) + "</tr>")
    body = "\n".join(rows)
    return (f'{heading}\n<table class="omt-table omt-meetings">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>")


def wellbeing_html(report: PlacementReport) -> str:
    """Return the wellbeing section: the chart as an embedded PNG, or a line saying there is none.

    The image is an `<img>` with a `data:` URL and alternative text, because nbconvert 7.17 gives
    images displayed as `image/png` output a fixed English alternative text.
    """
    language = report.language
    heading = f'<h2>{text_html(label(language, "wellbeing"))}</h2>'
    png = wellbeing_png(report)
    if png is None:
        return f'{heading}\n<p class="omt-empty">{text_html(label(language, "no_checkins"))}</p>'
    first, last = report.checkins[0].day.isoformat(), report.checkins[-1].day.isoformat()
    alternative = f"{label(language, 'wellbeing_title').format(name=report.volunteer)}, {first} \u2192 {last}"
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return f'{heading}\n<img class="omt-chart" src="{source}" alt="{escape(alternative)}">'


def wellbeing_png(report: PlacementReport) -> bytes | None:
    """Return the wellbeing scores over time as a PNG image, or None when there is no check-in.

    The chart is drawn on a bare `Figure`, not through pyplot, so no figure stays open in the
    kernel and none is displayed twice.
    """
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
        # ISO dates, as in the tables: month names would come out in English whatever the language.
        axes.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=7))
        axes.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
        axes.set_ylabel(label(report.language, "wellbeing_axis"), fontsize=8)
        axes.set_title(label(report.language, "wellbeing_title").format(name=report.volunteer))
        axes.grid(axis="y", alpha=0.3)
        buffer = io.BytesIO()
        # No "Software" entry: the image's bytes then do not change with matplotlib's version.
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
