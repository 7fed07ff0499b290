"""The board by access key: coordinators see their placements, anyone else their own next steps."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets
import pytest

from omt.store import Store
from omt.store.links import issue_link, revoke_person
from omt.widgets.board import show_board_page, visible_placements
from omt.widgets.board.next_steps import next_steps
from omt.widgets.language import LanguageRequest
from page_helpers import find

# The day the session's demo store is built for, as in tests/conftest.py.
DEMO_DAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize(("person_id", "count"), [("C-FR-LYON", 12), ("C-VN-HAN", 4), ("M-VN-HAN", 2),
                                                  ("V-01", 1), ("S-IT-BOL", 3)])
def test_visible_placements_by_viewer(demo_store: Store, person_id: str, count: int) -> None:
    assert len(visible_placements(demo_store, demo_store.person(person_id))) == count


def test_hosting_coordinator_sees_own_placements(demo_store: Store) -> None:
    placements = visible_placements(demo_store, demo_store.person("C-VN-HAN"))
    assert [p.placement_id for p in placements] == ["FR-VN-01", "IT-VN-08", "VN-FR-07", "VN-IT-04"]


def test_volunteer_next_steps_are_theirs(demo_store: Store) -> None:
    steps = next_steps(demo_store, demo_store.person("V-01"), DEMO_DAY)
    assert steps
    assert {step.placement_id for step in steps} == {"FR-VN-01"}
    assert {step.item.responsible for step in steps} == {"volunteer"}


def test_board_page_for_coordinator(demo_store: Store) -> None:
    key, _ = issue_link(demo_store, "C-VN-HAN")
    page = show_board_page(demo_store, key, DEMO_DAY)
    assert find(page, "omt-language") is not None
    cards = find(page, "omt-cards").children
    assert len(cards) == 4


def test_board_page_for_volunteer(demo_store: Store) -> None:
    key, _ = issue_link(demo_store, "V-01")
    page = find(show_board_page(demo_store, key, DEMO_DAY, languages=LanguageRequest(chosen="en")), "omt-personal")
    assert "Léa Dubois-Mercier: your next steps on December 4, 2026" in page.value
    assert "IT-FR-03" not in page.value


@pytest.mark.parametrize("key", [None, "wrong", "revoked"])
def test_board_page_bad_key(demo_store: Store, key: str | None) -> None:
    if key == "revoked":
        key, _ = issue_link(demo_store, "C-FR-LYON")
        revoke_person(demo_store, "C-FR-LYON")
    page = show_board_page(demo_store, key, DEMO_DAY)
    assert isinstance(page, widgets.HTML)
    assert "This link does not open the board" in page.value
    assert all(p.placement_id not in page.value for p in demo_store.placements())
