"""The coordination board as a Voilà app: filters, a chart, one card per placement, each with its timeline.

The board's link is `/voila/render/board.ipynb?key=<access key>`. A coordinator sees the board of
the placements `visible_placements` gives them; anyone else with a valid key sees their own next
steps. The companion notebook `voila_apps/board.ipynb` calls `form_request` and `show_board_page` only.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape

import ipywidgets as widgets

from omt.store import Person, Store
from omt.store.links import person_for_key
from omt.store.vocabulary import COUNTRIES, PLACEMENT_STATUSES
from omt.widgets.board.charts import sparkline, stage_chart
from omt.widgets.board.rows import BoardRow, board_rows, filter_rows, visible_placements
from omt.widgets.board.next_steps import next_steps, next_steps_html
from omt.widgets.board.timeline import placement_timeline
from omt.widgets.forms.app import plain_message, send_logs_to_server

log = logging.getLogger(__name__)

ANY = "any"
INVALID_LINK_MESSAGE = ("This link does not open the board: it is incomplete, has expired or was withdrawn. "
                        "Ask your coordinator for a new link.")
LOAD_FAILURE_MESSAGE = "The board cannot be opened right now. Try again later, or contact your coordinator."
STATUS_LABELS = {"planned": "Planned", "on_site": "On site", "returned": "Returned", "interrupted": "Interrupted"}


def show_board_page(store: Store, key: str | None, as_of: dt.date | None = None,
                    now: dt.datetime | None = None) -> widgets.Widget:
    """Return the page of the link's key: the board for a coordinator, next steps for anyone else.

    A missing, unknown, expired or revoked key gets a plain message that shows no data.
    """
    send_logs_to_server()
    try:
        viewer = person_for_key(store, key, now)
    except Exception:
        log.exception("reading the access links for the board failed")
        return plain_message(LOAD_FAILURE_MESSAGE)
    if viewer is None:
        return plain_message(INVALID_LINK_MESSAGE)
    if viewer.role == "coordinator":
        return show_board(store, viewer, as_of)
    return show_next_steps(store, viewer, as_of)


def show_board(store: Store, viewer: Person | None = None, as_of: dt.date | None = None) -> widgets.Widget:
    """Return the board of the placements `viewer` may see (None: all), or a plain message on failure."""
    send_logs_to_server()
    viewer_id = viewer.person_id if viewer else None
    try:
        return BoardView(store, viewer, as_of or dt.date.today()).widget
    except Exception:
        log.exception("opening the board for viewer %s failed", viewer_id)
        return plain_message(LOAD_FAILURE_MESSAGE)


def show_next_steps(store: Store, person: Person, as_of: dt.date | None = None) -> widgets.Widget:
    """Return `person`'s own next steps, or a plain message on failure."""
    as_of = as_of or dt.date.today()
    try:
        page = widgets.HTML(next_steps_html(person, next_steps(store, person, as_of), as_of))
    except Exception:
        log.exception("opening the next steps of person %s failed", person.person_id)
        return plain_message(LOAD_FAILURE_MESSAGE)
    page.add_class("omt-personal")
    return page


class BoardView:
    """The board's widgets: filters, the stage chart and the placement cards."""

    def __init__(self, store: Store, viewer: Person | None, as_of: dt.date):
        self.store = store
        self.rows = board_rows(store, visible_placements(store, viewer), as_of)
        self.organisation_names = {o.organisation_id: o.name for o in store.organisations()}
        self.cards = {row.placement_id: PlacementCard(row, store, self.organisation_names) for row in self.rows}

        self.organisation = self.filter_dropdown("Organisation", "organisation", self.organisation_options())
        self.country = self.filter_dropdown("Country", "country", self.country_options())
        self.status = self.filter_dropdown("Status", "status", self.status_options())
        self.count = widgets.HTML()
        self.count.add_class("omt-count")
        self.chart = widgets.HTML()
        self.card_box = widgets.Box()
        self.card_box.add_class("omt-cards")

        title = widgets.HTML(f"<h2>Placements on {as_of.isoformat()}</h2>")
        filters = widgets.Box([self.organisation, self.country, self.status])
        filters.add_class("omt-filters")
        self.widget = widgets.VBox([title, filters, self.count, self.chart, self.card_box])
        self.widget.add_class("omt-board")
        self.apply_filters()

    def filter_dropdown(self, description: str, name: str, options: list[tuple[str, str]]) -> widgets.Dropdown:
        dropdown = widgets.Dropdown(options=[("All", ANY), *options], value=ANY, description=description)
        dropdown.add_class(f"omt-filter-{name}")
        dropdown.observe(lambda _change: self.apply_filters(), names="value")
        return dropdown

    def organisation_options(self) -> list[tuple[str, str]]:
        used = {organisation_id for row in self.rows for organisation_id in row.organisation_ids}
        return sorted((self.organisation_names[o], o) for o in used)

    def country_options(self) -> list[tuple[str, str]]:
        used = {country for row in self.rows for country in row.countries}
        return sorted((COUNTRIES.get(code, code), code) for code in used)

    def status_options(self) -> list[tuple[str, str]]:
        used = {row.status for row in self.rows}
        return [(STATUS_LABELS.get(status, status), status) for status in PLACEMENT_STATUSES if status in used]

    def apply_filters(self) -> None:
        """Show the cards and the chart of the rows that match the three filters."""
        shown = filter_rows(self.rows, organisation_id=chosen(self.organisation), country=chosen(self.country),
                            status=chosen(self.status))
        self.count.value = f"<p>{len(shown)} of {len(self.rows)} placements shown</p>"
        self.chart.value = stage_chart(shown)
        self.card_box.children = [self.cards[row.placement_id].widget for row in shown]


def chosen(dropdown: widgets.Dropdown) -> str | None:
    return None if dropdown.value == ANY else dropdown.value


class PlacementCard:
    """One placement's summary, with a button that shows or hides its timeline below it."""

    def __init__(self, row: BoardRow, store: Store, organisation_names: dict[str, str]):
        self.row = row
        self.store = store
        summary = widgets.HTML(card_html(row, organisation_names))
        self.button = widgets.Button(description="Show timeline")
        self.button.add_class("omt-timeline-button")
        self.button.on_click(self.toggle_timeline)
        self.timeline = widgets.HTML()
        self.timeline.add_class("omt-timeline")
        self.widget = widgets.VBox([summary, self.button, self.timeline])
        self.widget.add_class("omt-card")
        self.widget.add_class(f"omt-card-{row.placement_id}")

    def toggle_timeline(self, _button: widgets.Button) -> None:
        if self.timeline.value:
            self.timeline.value = ""
            self.button.description = "Show timeline"
            return
        try:
            self.timeline.value = timeline_html(self.store, self.row.placement_id)
        except Exception:
            log.exception("reading the timeline of placement %s failed", self.row.placement_id)
            self.timeline.value = "<p>The timeline cannot be read right now. Try again later.</p>"
        self.button.description = "Hide timeline"


def card_html(row: BoardRow, organisation_names: dict[str, str]) -> str:
    """Return the card's summary: who, where, stage, what is next and what needs attention."""
    route = (f"{escape(organisation_names[row.sending_organisation_id])} → "
             f"{escape(organisation_names[row.hosting_organisation_id])}")
    lines = [
        f'<div class="omt-card-title"><b>{escape(row.placement_id)}</b> {escape(row.volunteer)}</div>',
        f'<div class="omt-muted">{route}</div>',
        f'<div><span class="omt-stage">{escape(row.stage_label)}</span> '
        f'<span class="omt-muted">{escape(STATUS_LABELS.get(row.status, row.status))}</span></div>',
        f"<div>Next: {next_item_text(row)}</div>",
    ]
    if row.overdue:
        labels = ", ".join(f"{item.label} ({item.due.isoformat()})" for item in row.overdue)
        lines.append(f'<div class="omt-overdue">Overdue ({len(row.overdue)}): {escape(labels)}</div>')
    for incident in row.open_incidents:
        category = str(incident.answers.get("category", "")).replace("_", " ")
        day = incident.answers.get("incident_date") or incident.submitted_at.date()
        lines.append(f'<div class="omt-incident">Open incident: {escape(category)} on {escape(str(day))}</div>')
    contact = row.last_contact.isoformat() if row.last_contact else "no meeting yet"
    lines.append(f'<div>Last contact: <span class="omt-last-contact">{contact}</span></div>')
    lines.append(f"<div>Wellbeing: {sparkline(row.wellbeing)}</div>")
    return "".join(lines)


def next_item_text(row: BoardRow) -> str:
    if row.next_item is None:
        return '<span class="omt-muted">nothing left to do</span>'
    item = row.next_item
    return (f'<span class="omt-next">{escape(item.label)}</span>, due {item.due.isoformat()}, '
            f"by {escape(row.next_owner)}")


def timeline_html(store: Store, placement_id: str) -> str:
    """Return the placement's timeline as a list, oldest submission first."""
    entries = placement_timeline(store, placement_id)
    if not entries:
        return "<p>No submission yet.</p>"
    items = "".join(
        f'<li><span class="omt-when">{entry.day.isoformat()}</span> <b>{escape(entry.form_title)}</b> '
        f'<span class="omt-muted">by {escape(entry.author)} ({escape(entry.role)})'
        f'{f", revision {entry.revision}" if entry.revision > 1 else ""}</span>'
        f'<div class="omt-summary-text">{escape(entry.summary)}</div></li>'
        for entry in entries
    )
    return f'<ol class="omt-timeline-list">{items}</ol>'
