"""The meeting log served by a real Voilà on 127.0.0.1 and filled in a headless Chromium.

The server starts once for the module on its own copy of the demo store. Every request to a host
other than 127.0.0.1 is aborted and recorded. A test fails on any such request, except those to the
CDN that Voilà's page template links (`TEMPLATE_CDN_PREFIXES`): those are reported as a warning on
every run, and the tests show that the form works without them.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
import os
import re
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

import browser_helpers
from browser_helpers import HOST, routed_context, running_process, wait_for_server
from omt.i18n import format_date
from omt.store import Store
from omt.store.links import issue_link
from omt.tools.server import forms_server_command

pytestmark = pytest.mark.browser

PORTS = range(8890, 8900)
PLACEMENT = "FR-VN-01"
# The people who fill the forms of FR-VN-01 in, in the demo store; each gets an access link.
LINK_PEOPLE = ("V-01", "M-VN-HAN", "S-VN-HAN", "C-FR-LYON", "C-VN-HAN")
READY_TIMEOUT_SECONDS = 60.0
PAGE_TIMEOUT_MS = 30_000
# Voilà runs the notebook, kernel start included, before it sends the page. On a 2-core machine
# shared with other test runs (load average near 30) that took over 30 s; a quiet machine takes about 2 s.
NAVIGATION_TIMEOUT_MS = 120_000
# Voilà 0.5.13's lab template links Font Awesome's style sheets from a public CDN in the page head.
TEMPLATE_CDN_PREFIXES = ("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@",)


# -- the server and the browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def served_store(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Return the module's copy of the demo store, the one the server writes to."""
    root = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(demo_template, root)
    store = Store(root)
    # The assertions read English messages, so every author reads the forms in English here; the
    # translated pages have their own test, which switches one person's language for its page.
    for person in store.people():
        if person.language != "en":
            store.save_person(dataclasses.replace(person, language="en"))
    return store


@pytest.fixture(scope="module")
def keys(served_store: Store) -> dict[str, str]:
    """Return an access key per person of LINK_PEOPLE, issued in the served store."""
    return {person_id: issue_link(served_store, person_id)[0] for person_id in LINK_PEOPLE}


@pytest.fixture(scope="module")
def server_url(served_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = browser_helpers.free_port(PORTS)
    url = f"http://{HOST}:{port}"
    environment = {**os.environ, "OMT_STORE": str(served_store.root)}
    log_path = tmp_path_factory.mktemp("voila") / "server.log"
    with running_process(forms_server_command(HOST, port), environment, log_path,
                         stop_timeout_seconds=15) as process:
        wait_for_server(url + "/", process, log_path, server_name="Voilà",
                        timeout_seconds=READY_TIMEOUT_SECONDS)
        yield url


class OtherHosts(browser_helpers.OtherHosts):
    """Aborts and keeps every request to another host, and lists those to the page template's CDN apart."""

    def unexpected(self) -> list[str]:
        return [url for url in self.urls if not url.startswith(TEMPLATE_CDN_PREFIXES)]

    def from_template(self) -> list[str]:
        return [url for url in self.urls if url.startswith(TEMPLATE_CDN_PREFIXES)]


@pytest.fixture
def other_hosts() -> OtherHosts:
    return OtherHosts()


@pytest.fixture
def page(browser: Browser, other_hosts: OtherHosts) -> Iterator[Page]:
    context = routed_context(browser, other_hosts, PAGE_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
    assert other_hosts.unexpected() == []
    if other_hosts.from_template():
        aborted = ", ".join(sorted(set(other_hosts.from_template())))
        warnings.warn(f"Voilà's page template requested files from a public CDN (aborted): {aborted}",
                      stacklevel=1)


def open_form(page: Page, server_url: str, key: str, placement_id: str = PLACEMENT) -> None:
    page.goto(f"{server_url}/voila/render/meeting_log.ipynb?key={key}&placement={placement_id}")
    expect(page.locator(".omt-submit")).to_be_enabled(timeout=NAVIGATION_TIMEOUT_MS)


# -- the tests --------------------------------------------------------------------------------


def test_valid_log_saved_once(page: Page, server_url: str, served_store: Store, keys: dict[str, str]) -> None:
    before = served_store.submissions(PLACEMENT, "meeting_log")
    meeting_day = dt.date.today() - dt.timedelta(days=2)
    open_form(page, server_url, keys["M-VN-HAN"])
    expect(page.locator(".omt-placement")).to_contain_text("Léa Dubois-Mercier")
    expect(page.locator(".omt-placement")).to_contain_text("Phạm Thu Trang")

    page.locator(".omt-field-meeting_date input[type=date]").fill(meeting_day.isoformat())
    page.locator(".omt-field-duration_minutes input").fill("45")
    page.locator(".omt-field-topics .omt-choice-tasks input").check()
    page.locator(".omt-field-topics .omt-choice-intercultural input").check()
    page.locator(".omt-field-notes textarea").fill("Léa runs the English club alone now; Đức ไทย.")
    page.locator(".omt-submit").click()

    confirmation = page.locator(".omt-confirmation")
    expect(confirmation).to_contain_text("Reference:")
    expect(confirmation).to_contain_text(format_date(meeting_day, "en"))
    expect(confirmation).to_contain_text("Tasks and daily work, Intercultural adaptation")
    submission_id = re.search(r"Reference: ([0-9a-f]{32})", confirmation.inner_text()).group(1)

    after = served_store.submissions(PLACEMENT, "meeting_log")
    new = [s for s in after if s.submission_id not in {b.submission_id for b in before}]
    assert len(after) == len(before) + 1
    assert [s.submission_id for s in new] == [submission_id]
    assert new[0].answers == {"meeting_date": meeting_day, "duration_minutes": 45,
                              "topics": ["tasks", "intercultural"],
                              "notes": "Léa runs the English club alone now; Đức ไทย.", "action_items": [],
                              "next_meeting_date": None}
    assert new[0].author_id == "M-VN-HAN"
    assert new[0].role == "mentor"


def test_invalid_log_shows_messages_writes_nothing(page: Page, server_url: str, served_store: Store,
                                                   keys: dict[str, str]) -> None:
    placement_file = served_store.root / "placements" / f"{PLACEMENT}.json"
    before = placement_file.read_bytes()
    open_form(page, server_url, keys["M-VN-HAN"])

    future_day = dt.date.today() + dt.timedelta(days=30)
    page.locator(".omt-field-meeting_date input[type=date]").fill(future_day.isoformat())
    page.locator(".omt-field-duration_minutes input").fill("1")
    page.locator(".omt-submit").click()

    expect(page.locator(".omt-summary")).to_contain_text("Nothing was saved: 3 answers need a correction.")
    expect(page.locator(".omt-field-meeting_date .omt-error")).to_have_text(
        "This date is in the future. Enter the day the meeting took place.")
    expect(page.locator(".omt-field-duration_minutes .omt-error")).to_have_text(
        "Enter a duration between 5 and 480 minutes.")
    expect(page.locator(".omt-field-topics .omt-error")).to_have_text("Choose at least one answer.")
    expect(page.locator(".omt-submit")).to_be_enabled()
    expect(page.locator(".omt-submit")).to_have_text("Save")
    assert placement_file.read_bytes() == before


def test_incomplete_date_not_saved_as_earlier_one(page: Page, server_url: str, served_store: Store,
                                                  keys: dict[str, str]) -> None:
    placement_file = served_store.root / "placements" / f"{PLACEMENT}.json"
    before = placement_file.read_bytes()
    open_form(page, server_url, keys["M-VN-HAN"])
    date_input = page.locator(".omt-field-meeting_date input[type=date]")
    date_input.fill((dt.date.today() - dt.timedelta(days=1)).isoformat())
    page.locator(".omt-field-duration_minutes input").fill("30")
    page.locator(".omt-field-topics .omt-choice-tasks input").check()

    # Clearing one part of the date leaves an incomplete date, which the date input cannot report.
    date_input.click()
    date_input.press("Backspace")
    assert date_input.evaluate("input => input.validity.badInput") is True
    page.locator(".omt-submit").click()

    expect(page.locator(".omt-field-meeting_date .omt-error")).to_have_text(
        "Enter the full date: day, month and year.")
    expect(page.locator(".omt-summary")).to_contain_text("1 answer needs a correction")
    assert page.locator(".omt-confirmation").inner_text() == ""
    assert placement_file.read_bytes() == before


def test_unknown_placement_shows_plain_message(page: Page, server_url: str, keys: dict[str, str]) -> None:
    page.goto(f"{server_url}/voila/render/meeting_log.ipynb?key={keys['M-VN-HAN']}&placement=XX-YY-99")
    expect(page.locator(".omt-message")).to_contain_text("Your link does not open this placement.")
    assert page.locator(".omt-form").count() == 0
    assert "Traceback" not in page.content()
