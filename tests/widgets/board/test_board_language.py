"""The board and the next-steps page in the viewer's language, with the language switch."""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as widgets

from omt.i18n import translation
from omt.store import Store
from omt.store.links import issue_link
from omt.widgets.board import show_board_page
from omt.widgets.board.app import BoardView
from omt.widgets.language import LanguageRequest
from test_board_access import find

# The day the session's demo store is built for, as in tests/conftest.py.
DEMO_DAY = dt.date(2026, 12, 4)


def board_page(store: Store, person_id: str, chosen: str | None = None) -> widgets.Widget:
    key, _ = issue_link(store, person_id)
    return show_board_page(store, key, DEMO_DAY, languages=LanguageRequest(chosen=chosen))


def option_labels(dropdown: widgets.Dropdown) -> list[str]:
    return [label for label, _value in dropdown.options]


def test_board_in_coordinator_language(demo_store: Store) -> None:
    page = board_page(demo_store, "C-FR-LYON")
    board = find(page, "omt-board")
    assert "4 décembre 2026" in board.children[0].value
    assert "Accompagnement régulier" in find(page, "omt-chart").value
    assert "Thaïlande" in option_labels(find(page, "omt-filter-country"))
    assert "Prévue" in option_labels(find(page, "omt-filter-status"))
    overdue = find(page, "omt-card-VN-IT-04").children[0].value
    assert escape("Liste de vérification de l'arrivée et de l'intégration") in overdue
    assert find(page, "omt-language").value == "fr"


def test_board_words_from_catalog(demo_store: Store) -> None:
    french = translation("fr")
    page = board_page(demo_store, "C-FR-LYON")
    count = french.ngettext("{shown} of {total} placement shown", "{shown} of {total} placements shown", 12)
    assert escape(count.format(shown=12, total=12)) in find(page, "omt-count").value
    assert find(page, "omt-filter-country").description == french.gettext("Country")
    assert find(page, "omt-timeline-button").description == french.gettext("Show timeline")


def test_lang_parameter_wins_over_profile(demo_store: Store) -> None:
    page = board_page(demo_store, "C-FR-LYON", chosen="th")
    assert "ไทย" in option_labels(find(page, "omt-filter-country"))
    assert "การเตรียมตัว" in find(page, "omt-chart").value


def test_switch_rebuilds_board(demo_store: Store) -> None:
    page = board_page(demo_store, "C-FR-LYON")
    find(page, "omt-language").value = "it"
    assert "Thailandia" in option_labels(find(page, "omt-filter-country"))
    assert "4 dicembre 2026" in find(page, "omt-board").children[0].value
    assert find(page, "omt-language").description == translation("it").gettext("Language")


def test_switch_keeps_filters(demo_store: Store) -> None:
    page = board_page(demo_store, "C-FR-LYON")
    find(page, "omt-filter-country").value = "TH"
    find(page, "omt-filter-status").value = "planned"
    find(page, "omt-language").value = "vi"
    assert (find(page, "omt-filter-country").value, find(page, "omt-filter-status").value) == ("TH", "planned")
    assert len(find(page, "omt-cards").children) == 2


def test_filter_callback_keeps_language(demo_store: Store) -> None:
    board = BoardView(demo_store, None, DEMO_DAY, "vi")
    board.country.value = "TH"
    count = translation("vi").ngettext("{shown} of {total} placement shown", "{shown} of {total} placements shown",
                                       12).format(shown=4, total=12)
    assert escape(count) in board.count.value


def test_timeline_in_viewer_language(demo_store: Store) -> None:
    board = BoardView(demo_store, None, DEMO_DAY, "fr")
    card = board.cards["TH-US-05"]
    card.button.click()
    assert "Journal des rencontres avec le mentor" in card.timeline.value
    assert "Statut: En cours" in card.timeline.value
    assert "25 nov. 2026" in card.timeline.value
    assert card.button.description == translation("fr").gettext("Hide timeline")


def test_open_incident_category_translated(demo_store: Store) -> None:
    board = BoardView(demo_store, None, DEMO_DAY, "fr")
    incident = find(board.cards["TH-US-05"].widget, "omt-card").children[0].value
    expected = translation("fr").gettext("Open incident: {category} on {date}").format(
        category="Santé", date="25 nov. 2026")
    assert escape(expected) in incident


def test_next_steps_in_volunteer_language(demo_store: Store) -> None:
    page = find(board_page(demo_store, "V-04"), "omt-personal")
    heading = translation("vi").gettext("{name}: your next steps on {date}").format(
        name="Nguyễn Thị Hồng Nhung", date="4 tháng 12, 2026")
    assert escape(heading) in page.value


def test_next_steps_items_translated(demo_store: Store) -> None:
    page = find(board_page(demo_store, "V-01", chosen="it"), "omt-personal")
    assert "dic 2026" in page.value
    assert "Check-in del volontario o della volontaria" in page.value
