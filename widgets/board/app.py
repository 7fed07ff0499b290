"""The coordination board as a Voilà app: filters, a chart, one card per placement, each with its timeline.

The board's link is `/voila/render/board.ipynb?key=<access key>`. A coordinator sees the board of
the placements `visible_placements` gives them; anyone else with a valid key sees their own next
steps. The companion notebook `voila_apps/board.ipynb` calls `form_request` and `show_board_page` only.

The page is in the viewer's language, chosen as `omt.widgets.language` describes, and has the
language switch. Its HTML is written in the current language of `omt.i18n`. Widget callbacks run
outside `use_language`, so the filters and the timeline button set the board's language again.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape

import ipywidgets as widgets

from omt.i18n import country_name, format_date, use_language
from omt.store import Person, Store
from omt.store.links import person_for_key
from omt.store.vocabulary import PLACEMENT_STATUSES
from omt.widgets.board.cards import PlacementCard, status_label
from omt.widgets.board.charts import stage_chart
from omt.widgets.board.next_steps import next_steps, next_steps_html
from omt.widgets.board.rows import board_rows, filter_rows, visible_placements
from omt.widgets.forms.app import message_in, send_logs_to_server
from omt.widgets.forms.i18n import N_, _, ngettext
from omt.widgets.language import LanguagePage, LanguageRequest

log = logging.getLogger(__name__)

ANY = "any"
INVALID_LINK_MESSAGE = N_("This link does not open the board: it is incomplete, has expired or was withdrawn. "
                          "Ask your coordinator for a new link.")
LOAD_FAILURE_MESSAGE = N_("The board cannot be opened right now. Try again later, or contact your coordinator.")


def show_board_page(store: Store, key: str | None, as_of: dt.date | None = None,
                    now: dt.datetime | None = None, languages: LanguageRequest | None = None) -> widgets.Widget:
    """Return the page of the link's key: the board for a coordinator, next steps for anyone else.

    `languages` are the request's language hints (`FormRequest.languages`). A missing, unknown,
    expired or revoked key gets a plain message, in the browser's language, that shows no data.
    """
    send_logs_to_server()
    languages = languages or LanguageRequest()
    try:
        viewer = person_for_key(store, key, now)
    except Exception:
        log.exception("reading the access links for the board failed")
        return message_in(languages.language_for(), LOAD_FAILURE_MESSAGE)
    if viewer is None:
        return message_in(languages.language_for(), INVALID_LINK_MESSAGE)
    language = languages.language_for(viewer.language)
    if viewer.role == "coordinator":
        return LanguagePage(language, BoardPage(store, viewer, as_of).build).widget
    return LanguagePage(language, lambda page_language: show_next_steps(store, viewer, as_of, page_language)).widget


def show_board(store: Store, viewer: Person | None = None, as_of: dt.date | None = None,
               language: str = "en") -> widgets.Widget:
    """Return the board of the placements `viewer` may see (None: all), or a plain message on failure."""
    send_logs_to_server()
    return BoardPage(store, viewer, as_of).build(language)


class BoardPage:
    """Builds the board in one language after another; each board starts with the filters of the one before."""

    def __init__(self, store: Store, viewer: Person | None, as_of: dt.date | None = None):
        self.store = store
        self.viewer = viewer
        self.as_of = as_of or dt.date.today()
        self.board: BoardView | None = None

    def build(self, language: str) -> widgets.Widget:
        """Return the board in `language`, or a plain message on failure."""
        try:
            board = BoardView(self.store, self.viewer, self.as_of, language)
        except Exception:
            log.exception("opening the board for viewer %s failed", self.viewer.person_id if self.viewer else None)
            return message_in(language, LOAD_FAILURE_MESSAGE)
        if self.board is not None:
            board.use_filters_of(self.board)
        self.board = board
        return board.widget


def show_next_steps(store: Store, person: Person, as_of: dt.date | None = None,
                    language: str = "en") -> widgets.Widget:
    """Return `person`'s own next steps, or a plain message on failure."""
    as_of = as_of or dt.date.today()
    try:
        with use_language(language):
            page = widgets.HTML(next_steps_html(person, next_steps(store, person, as_of), as_of))
    except Exception:
        log.exception("opening the next steps of person %s failed", person.person_id)
        return message_in(language, LOAD_FAILURE_MESSAGE)
    page.add_class("omt-personal")
    return page


class BoardView:
    """The board's widgets, in `language`: filters, the stage chart and the placement cards."""

    def __init__(self, store: Store, viewer: Person | None, as_of: dt.date, language: str = "en"):
        self.store = store
        self.language = language
        self.rows = board_rows(store, visible_placements(store, viewer), as_of)
        self.organisation_names = {o.organisation_id: o.name for o in store.organisations()}
        with use_language(language):
            self._build_widgets(as_of)

    def _build_widgets(self, as_of: dt.date) -> None:
        self.cards = {row.placement_id: PlacementCard(row, self.store, self.organisation_names, self.language)
                      for row in self.rows}
        self.organisation = self.filter_dropdown(_("Organisation"), "organisation", self.organisation_options())
        self.country = self.filter_dropdown(_("Country"), "country", self.country_options())
        self.status = self.filter_dropdown(_("Status"), "status", self.status_options())
        self.count = widgets.HTML()
        self.count.add_class("omt-count")
        self.chart = widgets.HTML()
        self.chart.add_class("omt-chart")
        self.card_box = widgets.Box()
        self.card_box.add_class("omt-cards")

        heading = _("Placements on {date}").format(date=format_date(as_of, self.language))
        title = widgets.HTML(f"<h2>{escape(heading)}</h2>")
        filters = widgets.Box([self.organisation, self.country, self.status])
        filters.add_class("omt-filters")
        self.widget = widgets.VBox([title, filters, self.count, self.chart, self.card_box])
        self.widget.add_class("omt-board")
        self.apply_filters()

    def filter_dropdown(self, description: str, name: str, options: list[tuple[str, str]]) -> widgets.Dropdown:
        dropdown = widgets.Dropdown(options=[(_("All"), ANY), *options], value=ANY, description=description)
        dropdown.add_class(f"omt-filter-{name}")
        dropdown.observe(lambda _change: self.apply_filters(), names="value")
        return dropdown

    def organisation_options(self) -> list[tuple[str, str]]:
        used = {organisation_id for row in self.rows for organisation_id in row.organisation_ids}
        return sorted((self.organisation_names[o], o) for o in used)

    def country_options(self) -> list[tuple[str, str]]:
        used = {country for row in self.rows for country in row.countries}
        return sorted((country_name(code, self.language), code) for code in used)

    def status_options(self) -> list[tuple[str, str]]:
        used = {row.status for row in self.rows}
        return [(status_label(status), status) for status in PLACEMENT_STATUSES if status in used]

    def use_filters_of(self, other: BoardView) -> None:
        """Choose the same organisation, country and status as `other`, the same board in another language."""
        for name in ("organisation", "country", "status"):
            getattr(self, name).value = getattr(other, name).value

    def apply_filters(self) -> None:
        """Show the cards and the chart of the rows that match the three filters."""
        shown = filter_rows(self.rows, organisation_id=chosen(self.organisation), country=chosen(self.country),
                            status=chosen(self.status))
        with use_language(self.language):
            count = ngettext("{shown} of {total} placement shown", "{shown} of {total} placements shown",
                             len(self.rows)).format(shown=len(shown), total=len(self.rows))
            self.count.value = f"<p>{escape(count)}</p>"
            self.chart.value = stage_chart(shown)
        self.card_box.children = [self.cards[row.placement_id].widget for row in shown]


def chosen(dropdown: widgets.Dropdown) -> str | None:
    return None if dropdown.value == ANY else dropdown.value
