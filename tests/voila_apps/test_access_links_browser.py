"""Personal access links in a headless Chromium against a real Voilà on 127.0.0.1.

Each role's link opens its own forms and placements; other forms, other placements and missing,
wrong, expired or revoked keys get a plain message that names no placement. The server runs with
debug logging, so that request URIs reach its log, and the log must not contain any key.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_helpers import HOST, PHONE_CONTEXT_OPTIONS, OtherHosts, routed_context
from omt.i18n import format_date, translation
from omt.store import Store
from omt.store.links import REDACTED, issue_link, revoke_key
from omt.tools.server import forms_server_command
from omt.widgets.forms.app import NOT_YOUR_FORM_MESSAGE, NOT_YOUR_PLACEMENT_MESSAGE
from voila_server_helpers import free_port, running_server, wait_until_ready

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 120_000
PEOPLE = ("V-01", "M-VN-HAN", "C-VN-HAN", "C-FR-LYON")
INVALID_LINK = "This link does not open any form"


@pytest.fixture(scope="module")
def store(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("links") / "store"
    shutil.copytree(demo_template, root)
    return Store(root)


@pytest.fixture(scope="module")
def keys(store: Store) -> dict[str, str]:
    keys = {person_id: issue_link(store, person_id)[0] for person_id in PEOPLE}
    keys["revoked"] = issue_link(store, "V-01")[0]
    revoke_key(store, keys["revoked"])
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=10)
    keys["expired"] = issue_link(store, "V-01", days=1, now=past)[0]
    return keys


@pytest.fixture(scope="module")
def server(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Return the server's URL and its log file; debug logging writes every request URI."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("voila") / "server.log"
    command = [*forms_server_command(HOST, port), "--Voila.log_level=DEBUG"]
    with running_server(command, store.root, log_path) as process:
        wait_until_ready(f"http://{HOST}:{port}/", process, log_path)
        yield f"http://{HOST}:{port}", log_path


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    other_hosts = OtherHosts()
    context = routed_context(browser, other_hosts, PAGE_TIMEOUT_MS, **PHONE_CONTEXT_OPTIONS)
    context.set_default_navigation_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def open_page(page: Page, server: tuple[str, Path], notebook: str, key: str | None,
              placement_id: str | None = None) -> None:
    query = "&".join(part for part in (f"key={key}" if key else "",
                                       f"placement={placement_id}" if placement_id else "") if part)
    page.goto(f"{server[0]}/voila/render/{notebook}.ipynb?{query}")
    expect(page.locator(".omt-message, .omt-submit, .omt-placement-choice, .omt-board, .omt-personal").first
           ).to_be_visible()


def assert_no_placement_named(page: Page, store: Store) -> None:
    text = page.locator("body").inner_text()
    for placement in store.placements():
        assert placement.placement_id not in text
    assert "Traceback" not in page.content()


def test_volunteer_opens_own_checkin(page: Page, server: tuple[str, Path], keys: dict[str, str]) -> None:
    open_page(page, server, "volunteer_checkin", keys["V-01"])
    expect(page.locator(".omt-submit")).to_be_enabled()
    expect(page.locator(".omt-placement")).to_contain_text("FR-VN-01")
    expect(page.locator(".omt-placement")).to_contain_text("Léa Dubois-Mercier")


def test_mentor_chooses_among_placements(page: Page, server: tuple[str, Path], keys: dict[str, str]) -> None:
    open_page(page, server, "meeting_log", keys["M-VN-HAN"])
    expect(page.locator(".omt-choose-placement")).to_have_count(2)
    expect(page.locator(".omt-submit")).to_have_count(0)
    page.locator(".omt-choose-IT-VN-08").click()
    expect(page.locator(".omt-placement")).to_contain_text("Marco Bellandi")
    expect(page.locator(".omt-submit")).to_be_enabled()


def test_hosting_coordinator_placement_preselected(page: Page, server: tuple[str, Path],
                                                   keys: dict[str, str]) -> None:
    open_page(page, server, "arrival_checklist", keys["C-VN-HAN"], "FR-VN-01")
    expect(page.locator(".omt-placement")).to_contain_text("Léa Dubois-Mercier")
    expect(page.locator(".omt-submit")).to_be_enabled()


@pytest.mark.parametrize(("notebook", "person_id", "placement_id", "message"), [
    ("meeting_log", "V-01", None, NOT_YOUR_FORM_MESSAGE),
    ("arrival_checklist", "C-VN-HAN", "FR-TH-02", NOT_YOUR_PLACEMENT_MESSAGE),
    ("mid_term_review", "C-VN-HAN", "FR-VN-01", NOT_YOUR_FORM_MESSAGE),
])
def test_other_form_or_placement_refused(page: Page, server: tuple[str, Path], keys: dict[str, str], store: Store,
                                         notebook: str, person_id: str, placement_id: str | None,
                                         message: str) -> None:
    open_page(page, server, notebook, keys[person_id], placement_id)
    # The refusal is in the person's language: French for V-01, Vietnamese for C-VN-HAN.
    expected = translation(store.person(person_id).language).gettext(message)
    expect(page.locator(".omt-message")).to_contain_text(expected)
    expect(page.locator(".omt-form")).to_have_count(0)
    assert_no_placement_named(page, store)


@pytest.mark.parametrize("kind", ["missing", "wrong", "expired", "revoked"])
def test_bad_key_shows_message_only(page: Page, server: tuple[str, Path], keys: dict[str, str], store: Store,
                                    kind: str) -> None:
    bad_keys = {"missing": None, "wrong": "x" * 43, "expired": keys["expired"], "revoked": keys["revoked"]}
    key = bad_keys[kind]
    open_page(page, server, "volunteer_checkin", key, "FR-VN-01")
    expect(page.locator(".omt-message")).to_contain_text(INVALID_LINK)
    expect(page.locator(".omt-form")).to_have_count(0)
    assert_no_placement_named(page, store)


def test_board_by_role(page: Page, server: tuple[str, Path], keys: dict[str, str]) -> None:
    open_page(page, server, "board", keys["C-VN-HAN"])
    expect(page.locator(".omt-card")).to_have_count(4)
    open_page(page, server, "board", keys["V-01"])
    heading = translation("fr").gettext("{name}: your next steps on {date}").format(
        name="Léa Dubois-Mercier", date=format_date(dt.date.today(), "fr"))
    expect(page.locator(".omt-personal")).to_contain_text(heading)
    expect(page.locator(".omt-card")).to_have_count(0)


def test_server_log_has_no_key(page: Page, server: tuple[str, Path], keys: dict[str, str]) -> None:
    open_page(page, server, "volunteer_checkin", keys["V-01"])
    log_text = server[1].read_text(errors="replace")
    assert "[Voila]" in log_text
    assert f"GET /voila/render/volunteer_checkin.ipynb?key={REDACTED}" in log_text
    for key in keys.values():
        assert key not in log_text
