"""A placement's card on the board: its summary, and its timeline shown on request.

The HTML is written in the current language of `omt.i18n`; the card sets its language again for
the timeline button, whose callback runs outside `use_language`.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape

import ipywidgets as widgets

from omt.i18n import current_language, format_date, use_language
from omt.store import Store, Submission
from omt.store.vocabulary import PLACEMENT_STATUSES
from omt.tools.reports.labels import label, stage_label
from omt.widgets.board.charts import sparkline
from omt.widgets.board.rows import BoardRow
from omt.widgets.board.timeline import TimelineEntry, choice_label, definition_of, placement_timeline
from omt.widgets.forms.i18n import N_, _

log = logging.getLogger(__name__)

TIMELINE_FAILURE_MESSAGE = N_("The timeline cannot be read right now. Try again later.")
INCIDENT_FORM = "incident_report"
# Dates on the cards and in the timeline: the month abbreviated, such as "4 déc. 2026", so that
# a card stays short on a phone.
DATE_LENGTH = "medium"


class PlacementCard:
    """One placement's summary, with a button that shows or hides its timeline below it."""

    def __init__(self, row: BoardRow, store: Store, organisation_names: dict[str, str], language: str = "en"):
        self.row = row
        self.store = store
        self.language = language
        with use_language(language):
            summary = widgets.HTML(card_html(row, organisation_names))
            self.button = widgets.Button(description=_("Show timeline"))
        self.button.add_class("omt-timeline-button")
        self.button.on_click(self.toggle_timeline)
        self.timeline = widgets.HTML()
        self.timeline.add_class("omt-timeline")
        self.widget = widgets.VBox([summary, self.button, self.timeline])
        self.widget.add_class("omt-card")
        self.widget.add_class(f"omt-card-{row.placement_id}")

    def toggle_timeline(self, _button: widgets.Button) -> None:
        with use_language(self.language):
            self._toggle_timeline()

    def _toggle_timeline(self) -> None:
        if self.timeline.value:
            self.timeline.value = ""
            self.button.description = _("Show timeline")
            return
        try:
            self.timeline.value = timeline_html(self.store, self.row.placement_id)
        except Exception:
            log.exception("reading the timeline of placement %s failed", self.row.placement_id)
            self.timeline.value = f"<p>{escape(_(TIMELINE_FAILURE_MESSAGE))}</p>"
        self.button.description = _("Hide timeline")


def status_label(status: str) -> str:
    """Return a placement status such as `on_site` in the current language, as the reports write it."""
    return label(current_language(), f"status.{status}") if status in PLACEMENT_STATUSES else status


def day_text(day: dt.date) -> str:
    """Return a date of a card or timeline in the current language."""
    return format_date(day, current_language(), DATE_LENGTH)


def html_text(template: str, **values: str) -> str:
    """Return the escaped text `template` with `values`, which are HTML already, in its placeholders."""
    return escape(template).format(**values)


def card_html(row: BoardRow, organisation_names: dict[str, str]) -> str:
    """Return the card's summary: who, where, stage, what is next and what needs attention."""
    language = current_language()
    route = (f"{escape(organisation_names[row.sending_organisation_id])} → "
             f"{escape(organisation_names[row.hosting_organisation_id])}")
    lines = [
        f'<div class="omt-card-title"><b>{escape(row.placement_id)}</b> {escape(row.volunteer)}</div>',
        f'<div class="omt-muted">{route}</div>',
        f'<div><span class="omt-stage">{escape(stage_label(language, row.stage))}</span> '
        f'<span class="omt-muted">{escape(status_label(row.status))}</span></div>',
        f"<div>{next_item_html(row)}</div>",
    ]
    if row.overdue:
        items = ", ".join(f"{item.label_in(language)} ({day_text(item.due)})" for item in row.overdue)
        overdue = _("Overdue ({count}): {items}").format(count=len(row.overdue), items=items)
        lines.append(f'<div class="omt-overdue">{escape(overdue)}</div>')
    lines.extend(f'<div class="omt-incident">{escape(incident_text(incident))}</div>'
                 for incident in row.open_incidents)
    contact = day_text(row.last_contact) if row.last_contact else _("no meeting yet")
    lines.append("<div>" + html_text(_("Last contact: {date}"),
                                     date=f'<span class="omt-last-contact">{escape(contact)}</span>') + "</div>")
    lines.append("<div>" + html_text(_("Wellbeing: {trend}"), trend=sparkline(row.wellbeing)) + "</div>")
    return "".join(lines)


def incident_text(incident: Submission) -> str:
    """Return an open incident's line: its category, as the incident form names it, and its day."""
    category_field = next((field for field in definition_of(INCIDENT_FORM).fields if field.name == "category"), None)
    category = choice_label(incident.answers.get("category", ""), category_field, current_language())
    day = incident.answers.get("incident_date")
    day = day if isinstance(day, dt.date) else incident.submitted_at.date()
    return _("Open incident: {category} on {date}").format(category=category, date=day_text(day))


def next_item_html(row: BoardRow) -> str:
    """Return what is next on the placement's journey: the item, its due day and who does it."""
    if row.next_item is None:
        return '<span class="omt-muted">' + escape(_("nothing left to do")) + "</span>"
    item = row.next_item
    return html_text(_("Next: {item}, due {date}, by {owner}"),
                     item=f'<span class="omt-next">{escape(item.label_in(current_language()))}</span>',
                     date=escape(day_text(item.due)), owner=escape(row.next_owner))


def timeline_html(store: Store, placement_id: str) -> str:
    """Return the placement's timeline as a list, oldest submission first."""
    entries = placement_timeline(store, placement_id, current_language())
    if not entries:
        return "<p>" + escape(_("No submission yet.")) + "</p>"
    items = "".join(
        f'<li><span class="omt-when">{escape(day_text(entry.day))}</span> <b>{escape(entry.form_title)}</b> '
        f'<span class="omt-muted">{escape(author_text(entry))}</span>'
        f'<div class="omt-summary-text">{escape(entry.summary)}</div></li>'
        for entry in entries
    )
    return f'<ol class="omt-timeline-list">{items}</ol>'


def author_text(entry: TimelineEntry) -> str:
    """Return who made a timeline entry, in what role, and its revision after the first."""
    if entry.revision > 1:
        return _("by {author} ({role}), revision {revision}").format(author=entry.author, role=entry.role,
                                                                    revision=entry.revision)
    return _("by {author} ({role})").format(author=entry.author, role=entry.role)
