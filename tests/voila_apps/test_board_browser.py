"""The coordination board served by `omt serve`'s command on 127.0.0.1, used in a headless Chromium.

Every request to another host is aborted and fails the test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_helpers import HOST, PHONE_CONTEXT_OPTIONS, OtherHosts, routed_context
from omt.store import Store
from omt.store.links import issue_link
from omt.tools.server import forms_server_command
from voila_server_helpers import free_port, running_server, wait_until_ready

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def store_root(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("board") / "store"
    shutil.copytree(demo_template, root)
    return root


@pytest.fixture(scope="module")
def coordinator_key(store_root: Path) -> str:
    """Return the link key of the coordinating organisation's coordinator, who sees every placement."""
    return issue_link(Store(store_root), "C-FR-LYON")[0]


@pytest.fixture(scope="module")
def server_url(store_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = store_root
    port = free_port()
    log_path = tmp_path_factory.mktemp("voila") / "server.log"
    with running_server(forms_server_command(HOST, port), root, log_path) as process:
        wait_until_ready(f"http://{HOST}:{port}/", process, log_path)
        yield f"http://{HOST}:{port}"


@pytest.fixture
def board(browser: Browser, server_url: str, coordinator_key: str) -> Iterator[Page]:
    other_hosts = OtherHosts()
    context = routed_context(browser, other_hosts, PAGE_TIMEOUT_MS, **PHONE_CONTEXT_OPTIONS)
    page = context.new_page()
    # The coordinator's profile is in French; `lang=en` opens the board in English, as these tests read it.
    page.goto(f"{server_url}/voila/render/board.ipynb?key={coordinator_key}&lang=en")
    expect(page.locator(".omt-card")).to_have_count(12, timeout=PAGE_TIMEOUT_MS)
    yield page
    context.close()
    assert other_hosts.urls == []


def test_board_shows_where_placements_stand(board: Page) -> None:
    expect(board.locator(".omt-count")).to_contain_text("12 of 12 placements shown")
    expect(board.locator(".omt-bar")).to_have_count(7)
    incident_card = board.locator(".omt-card-TH-US-05")
    expect(incident_card.locator(".omt-incident")).to_contain_text("Open incident: Health")
    expect(incident_card).to_contain_text("Dana Whitfield")
    expect(board.locator(".omt-card-VN-IT-04 .omt-overdue")).to_contain_text("Arrival and induction checklist")
    expect(board.locator(".omt-card-FR-TH-02 .omt-last-contact")).to_have_text("no meeting yet")
    expect(board.locator(".omt-card-VN-FR-07 .omt-sparkline.omt-low")).to_contain_text("2/5")


def test_filters_narrow_cards(board: Page) -> None:
    board.locator(".omt-filter-country select").select_option(label="Thailand")
    expect(board.locator(".omt-card")).to_have_count(4)
    expect(board.locator(".omt-count")).to_contain_text("4 of 12")

    board.locator(".omt-filter-status select").select_option(label="Planned")
    expect(board.locator(".omt-card")).to_have_count(2)
    expect(board.locator(".omt-card-FR-TH-02")).to_be_visible()
    expect(board.locator(".omt-card-US-TH-11")).to_be_visible()

    board.locator(".omt-filter-organisation select").select_option(label="Associazione Ponti di Gioventù")
    expect(board.locator(".omt-card")).to_have_count(0)
    expect(board.locator(".omt-count")).to_contain_text("0 of 12")

    for name in ("organisation", "country", "status"):
        board.locator(f".omt-filter-{name} select").select_option(label="All")
    expect(board.locator(".omt-card")).to_have_count(12)


def test_timeline_opens_and_closes(board: Page) -> None:
    card = board.locator(".omt-card-TH-US-05")
    card.locator(".omt-timeline-button").click()
    timeline = card.locator(".omt-timeline li")
    expect(timeline.first).to_be_visible()
    expect(card.locator(".omt-timeline")).to_contain_text("Status: Open")
    expect(card.locator(".omt-timeline")).to_contain_text("Mentor meeting log")
    assert timeline.count() > 10
    expect(card.locator(".omt-timeline-button")).to_have_text("Hide timeline")

    card.locator(".omt-timeline-button").click()
    expect(card.locator(".omt-timeline li")).to_have_count(0)
    expect(card.locator(".omt-timeline-button")).to_have_text("Show timeline")
