"""HTML fragments of a placement report, one function per section.

Every text that comes from the store passes through `html.escape` here, so a note such as
`<img src=x onerror=alert(1)>` shows as text. The template displays these fragments; the CSS that
styles their classes (`omt-...`) is added by `omt.tools.reports.export`, and the charts come from
`omt.tools.reports.charts`.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import Counter
from html import escape

from omt.store.journey import RESPONSIBLE, next_item
from omt.tools.reports.charts import competence_png, timeline_png, wellbeing_png
from omt.tools.reports.content import PlacementReport, topic_labels
from omt.tools.reports.labels import label, stage_label

# How many of the latest meetings' agreed actions the mentoring section lists.
LATEST_ACTIONS = 3
# A wellbeing score at or below this is raised as a point for the next meeting.
LOW_WELLBEING = 2


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


def day_text(day: dt.date | None) -> str:
    """Return a day as ISO text, or a dash when it is unknown."""
    return "\u2013" if day is None else day.isoformat()


def section(report: PlacementReport, key: str, body: str) -> str:
    return f'<h2>{text_html(label(report.language, key))}</h2>\n{body}'


def empty_html(report: PlacementReport, key: str) -> str:
    return f'<p class="omt-empty">{text_html(label(report.language, key))}</p>'


def image_html(png: bytes, alternative: str) -> str:
    """Return an `<img>` carrying `png` as a `data:` URL, with escaped alternative text.

    nbconvert 7.17 gives images displayed as `image/png` output a fixed English alternative text,
    so the charts are shown as HTML instead.
    """
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return f'<img class="omt-chart" src="{source}" alt="{escape(alternative)}">'


def list_html(items: list[str], css_class: str) -> str:
    return f'<ul class="{css_class}">\n' + "\n".join(f"<li>{text_html(item)}</li>" for item in items) + "\n</ul>"


def timeline_html(report: PlacementReport) -> str:
    """Return the journey section: its items on a time line, the report's day marked."""
    png = timeline_png(report)
    if png is None:
        return section(report, "timeline", empty_html(report, "no_journey"))
    counts = Counter(item.status for item in report.journey)
    alternative = (label(report.language, "timeline_title").format(name=report.volunteer) + ": "
                   + ", ".join(f"{counts[status]} {label(report.language, f'item.{status}')}"
                               for status in ("done", "overdue", "due", "upcoming", "cancelled") if counts[status]))
    return section(report, "timeline", image_html(png, alternative))


def mentoring_html(report: PlacementReport) -> str:
    """Return the mentoring section: meetings held against planned, last meeting, topics, actions."""
    language = report.language
    last = report.last_meeting
    if last is None:
        last_text = label(language, "none_yet")
    else:
        last_day = last.meeting_date
        last_text = day_text(last_day)
        if last_day is not None:
            last_text += f" ({label(language, 'days_ago').format(days=(report.as_of - last_day).days)})"
    topics = topic_labels(language)
    counted = Counter(topic for meeting in report.meetings for topic in meeting.topics)
    topics_text = ", ".join(f"{topics.get(topic, topic)} ({count})" for topic, count in counted.most_common())
    rows = [
        ("meetings_held", f"{len(report.meetings)} / {report.meetings_planned}"),
        ("last_contact", last_text),
        ("topics_so_far", topics_text or "\u2013"),
    ]
    table = "\n".join(f'<tr><th scope="row">{text_html(label(language, key))}</th><td>{text_html(value)}</td></tr>'
                      for key, value in rows)
    body = f'<table class="omt-table omt-summary omt-mentoring">\n{table}\n</table>'
    actions = [f"{day_text(meeting.meeting_date)}: {meeting.actions}"
               for meeting in report.meetings if meeting.actions.strip()][-LATEST_ACTIONS:]
    if actions:
        body += f'\n<h3>{text_html(label(language, "latest_actions"))}</h3>\n' + list_html(actions[::-1], "omt-actions")
    return section(report, "mentoring", body)


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
            day_text(meeting.meeting_date),
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
    """Return the wellbeing section: the chart as an embedded PNG, or a line saying there is none."""
    png = wellbeing_png(report)
    if png is None:
        return section(report, "wellbeing", empty_html(report, "no_checkins"))
    first, last = report.checkins[0].day.isoformat(), report.checkins[-1].day.isoformat()
    alternative = f"{label(report.language, 'wellbeing_title').format(name=report.volunteer)}, {first} \u2192 {last}"
    return section(report, "wellbeing", image_html(png, alternative))


def competences_html(report: PlacementReport) -> str:
    """Return the self-assessment section: the eight key competences at start, middle and end."""
    png = competence_png(report)
    if png is None:
        return section(report, "competences", empty_html(report, "no_self_assessment"))
    phases = ", ".join(label(report.language, f"phase.{assessment.phase}") for assessment in report.self_assessments)
    alternative = f"{label(report.language, 'competence_title').format(name=report.volunteer)}: {phases}"
    return section(report, "competences", image_html(png, alternative))


def incidents_html(report: PlacementReport) -> str:
    """Return the incidents as a table with their status and follow-up, oldest first."""
    if not report.incidents:
        return section(report, "incidents", empty_html(report, "no_incidents"))
    columns = ("incident_date", "severity", "category", "what_happened", "actions_taken", "incident_status",
               "follow_up")
    head = "".join(f'<th scope="col">{text_html(label(report.language, column))}</th>' for column in columns)
    rows = []
    for incident in report.incidents:
        cells = (day_text(incident.incident_date), incident.severity,
                 incident.category, incident.what_happened, incident.actions_taken, incident.status,
                 incident.follow_up)
        css = ' class="omt-open"' if incident.status == "open" else ""
        rows.append(f"<tr{css}>" + "".join(f"<td>{text_html(cell)}</td>" for cell in cells) + "</tr>")
    body = "\n".join(rows)
    return section(report, "incidents", f'<table class="omt-table omt-incidents">\n<thead><tr>{head}</tr></thead>\n'
                                         f"<tbody>\n{body}\n</tbody>\n</table>")


def responsible_name(report: PlacementReport, responsible: str) -> str:
    """Return who an item's responsible party is in this placement: the role and the name."""
    names = {
        "volunteer": report.volunteer,
        "mentor": report.mentor,
        "task_supervisor": report.task_supervisor,
        "sending": report.sending_organisation,
        "hosting": report.hosting_organisation,
        "coordinating": report.coordinating_organisation,
    }
    return f"{label(report.language, f'responsible.{responsible}')}: {names[responsible]}"


def open_actions_html(report: PlacementReport) -> str:
    """Return the overdue and due journey items grouped by the party responsible for them."""
    language = report.language
    open_items = report.open_items()
    if not open_items:
        return section(report, "open_actions", empty_html(report, "no_open_actions"))
    head = "".join(f'<th scope="col">{text_html(label(language, column))}</th>'
                   for column in ("journey_item", "due_day", "status"))
    parts = []
    for responsible in RESPONSIBLE:
        items = [item for item in open_items if item.responsible == responsible]
        if not items:
            continue
        rows = "\n".join(
            f'<tr class="omt-{item.status}"><td>{text_html(item.label_in(language))}</td>'
            f'<td>{item.due.isoformat()}</td>'
            f"<td>{text_html(label(language, f'item.{item.status}'))}</td></tr>" for item in items)
        parts.append(f"<h3>{text_html(responsible_name(report, responsible))}</h3>\n"
                     f'<table class="omt-table omt-open-actions">\n<thead><tr>{head}</tr></thead>\n'
                     f"<tbody>\n{rows}\n</tbody>\n</table>")
    return section(report, "open_actions", "\n".join(parts))


def next_meeting_points(report: PlacementReport) -> list[str]:
    """Return the points the records raise for the next mentor meeting, most urgent first."""
    language = report.language
    points = []
    for incident in report.incidents:
        if incident.status == "open":
            day = day_text(incident.incident_date)
            points.append(label(language, "point.incident").format(
                date=day, category=incident.category or "\u2013", follow_up=incident.follow_up or "\u2013"))
    if report.checkins:
        latest = report.checkins[-1]
        if latest.wants_to_talk:
            points.append(label(language, "point.wants_to_talk").format(date=latest.day.isoformat()))
        if latest.wellbeing <= LOW_WELLBEING:
            points.append(label(language, "point.low_wellbeing").format(score=latest.wellbeing,
                                                                      date=latest.day.isoformat()))
    last = report.last_meeting
    if last is not None and last.actions.strip():
        points.append(label(language, "point.actions").format(date=day_text(last.meeting_date), actions=last.actions))
    for item in report.open_items():
        if item.status == "overdue" and item.responsible in ("volunteer", "mentor", "task_supervisor"):
            responsible = label(language, f"responsible.{item.responsible}")
            points.append(label(language, "point.overdue").format(
                date=item.due.isoformat(), item=item.label_in(language), responsible=responsible))
    upcoming = next_item([item for item in report.journey if item.status in ("due", "upcoming")])
    if upcoming is not None:
        points.append(label(language, "point.next_item").format(item=upcoming.label_in(language),
                                                                date=upcoming.due.isoformat()))
    return points


def next_meeting_html(report: PlacementReport) -> str:
    """Return the points for the next meeting as a list."""
    points = next_meeting_points(report)
    if not points:
        return section(report, "next_meeting", empty_html(report, "no_points"))
    return section(report, "next_meeting", list_html(points, "omt-points"))
