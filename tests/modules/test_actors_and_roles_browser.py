"""Module 01 served by Voilà on 127.0.0.1 and answered in a headless Chromium, like a trainee would.

Other hosts are unreachable: Chromium goes through a proxy address where nothing listens, except
for 127.0.0.1. The page still works, which shows the exercises need nothing from the internet.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_helpers import (
    CHROMIUM_ARGS,
    HOST,
    free_port,
    launched_chromium,
    running_process,
    wait_for_server,
)
from omt.store import Store

pytestmark = pytest.mark.browser

PORTS = range(8880, 8890)
NOTEBOOK = Path(__file__).parents[2] / "modules" / "01_actors_and_roles.ipynb"
READY_TIMEOUT_SECONDS = 60.0
PAGE_TIMEOUT_MS = 60_000
# Chromium sends every request to a host other than 127.0.0.1 to a proxy port where nothing listens.
OFFLINE_CHROMIUM_ARGS = [*CHROMIUM_ARGS, "--proxy-server=127.0.0.1:9", f"--proxy-bypass-list={HOST}"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(tmp_path_factory.mktemp("module01") / "store")


@pytest.fixture(scope="module")
def server_url(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the notebook with Voilà on a free local port, and stop that server by its PID afterwards."""
    port = free_port(PORTS)
    environment = {key: value for key, value in os.environ.items() if key != "OMT_TRAINEE"}
    environment["OMT_STORE"] = str(store.root)
    log_path = tmp_path_factory.mktemp("voila") / "server.log"
    command = [sys.executable, "-m", "voila", "--no-browser", f"--Voila.ip={HOST}", f"--port={port}", str(NOTEBOOK)]
    with running_process(command, environment, log_path, stop_timeout_seconds=15) as process:
        wait_for_server(f"http://{HOST}:{port}/", process, log_path, server_name="Voilà",
                        timeout_seconds=READY_TIMEOUT_SECONDS)
        yield f"http://{HOST}:{port}/"


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    """Return a headless Chromium that reaches no host but 127.0.0.1."""
    with launched_chromium(chromium_path, OFFLINE_CHROMIUM_ARGS) as browser:
        yield browser


def open_module(browser: Browser, url: str) -> Page:
    page = browser.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(url)
    page.wait_for_selector(".omt-id-next_step .omt-check")
    return page


def test_trainee_answers_then_reopens(browser: Browser, server_url: str, store: Store) -> None:
    page = open_module(browser, server_url)
    page.fill(".omt-trainee-name input", "Nguyễn Văn An")
    page.click(".omt-trainee-save")
    expect(page.locator(".omt-trainee-status")).to_contain_text("Nguyễn Văn An")

    first_contact = page.locator(".omt-id-first_contact")
    first_contact.locator("label", has_text="her task supervisor").click()
    first_contact.locator(".omt-check").click()
    expect(first_contact.locator(".omt-feedback")).to_contain_text("Not quite")
    expect(first_contact.locator(".omt-feedback")).to_contain_text("this is the answer")

    matching = page.locator(".omt-id-who_does_what")
    selects = matching.locator(".omt-match-select select")
    for index in range(selects.count()):
        selects.nth(index).select_option(label="Sending organisation")
    matching.locator(".omt-check").click()
    expect(matching.locator(".omt-feedback")).to_contain_text("2 of 7 matched")
    expect(matching.locator(".omt-row-feedback").nth(1)).to_contain_text("the answer is Hosting organisation")
    page.close()

    attempts = store.attempts("Nguyễn Văn An", "01_actors_and_roles")
    assert [attempt.exercise_id for attempt in attempts] == ["first_contact", "who_does_what"]

    reopened = open_module(browser, server_url)
    expect(reopened.locator(".omt-trainee-status")).to_contain_text("Nguyễn Văn An")
    restored = reopened.locator(".omt-id-first_contact")
    expect(restored.locator(".omt-save-status")).to_contain_text("last saved answer")
    expect(restored.locator("input[type=radio]").nth(1)).to_be_checked()
    reopened.close()
