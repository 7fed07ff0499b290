"""The needs survey served by a real Voilà on 127.0.0.1 and filled in a headless Chromium.

The server starts once for the module on its own copy of the demo store. Every request to a host
other than 127.0.0.1 is aborted and recorded, and a test fails on any of them except the Font
Awesome style sheets that Voilà's page template links from a public CDN.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from omt.store import Store
from omt.store.surveys import responses
from omt.tools.server import forms_server_command

pytestmark = pytest.mark.browser

HOST = "127.0.0.1"
PORTS = range(8885, 8890)
READY_TIMEOUT_SECONDS = 90.0
PAGE_TIMEOUT_MS = 60_000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# Voilà 0.5.13's lab template links Font Awesome's style sheets from a public CDN in the page head:
# fontawesome.min.css and v4-shims.min.css. These two, and only these, are tolerated.
TEMPLATE_CDN_PATTERN = re.compile(
    r"^https://cdn\.jsdelivr\.net/npm/@fortawesome/fontawesome-free@[0-9.]+/css/(all|v4-shims)(\.min)?\.css$"
)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) != 0:
                return port
    pytest.fail(f"no free port among {PORTS.start}-{PORTS.stop - 1} on {HOST}")


def wait_until_ready(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Voilà exited with code {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    pytest.fail(f"Voilà not ready at {url} after {READY_TIMEOUT_SECONDS:.0f} s:\n{log_path.read_text()[-3000:]}")


def server_command(port: int) -> list[str]:
    """Return the forms server's command, with pre-heated kernels turned off where it has them.

    Pre-heating starts `pool_size` kernels for every notebook of voila_apps/ before the first page,
    which on a 2-core machine delays the survey's page by more than these tests need.
    """
    try:
        return forms_server_command(HOST, port, pool_size=0)
    except TypeError:  # a forms server without pre-heating
        return forms_server_command(HOST, port)


@pytest.fixture(scope="module")
def served_store(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("served-survey") / "store"
    shutil.copytree(demo_template, root)
    return Store(root)


@pytest.fixture(scope="module")
def server_url(served_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    url = f"http://{HOST}:{port}"
    environment = {**os.environ, "OMT_STORE": str(served_store.root)}
    log_path = tmp_path_factory.mktemp("voila-survey") / "server.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(server_command(port), env=environment,
                                   stdout=log_file, stderr=subprocess.STDOUT)
    try:
        wait_until_ready(url + "/", process, log_path)
        yield url
    finally:
        # Stopped by its PID; Voilà shuts its kernels down on SIGTERM.
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OtherHosts:
    """Aborts every request to a host other than 127.0.0.1 and keeps its URL."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def handle(self, route: Route) -> None:
        if urlparse(route.request.url).hostname == HOST:
            route.continue_()
            return
        self.urls.append(route.request.url)
        route.abort()

    def unexpected(self) -> list[str]:
        return [url for url in self.urls if not TEMPLATE_CDN_PATTERN.match(url)]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    other_hosts = OtherHosts()
    context = browser.new_context()
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.route("**/*", other_hosts.handle)
    page = context.new_page()
    yield page
    context.close()
    assert other_hosts.unexpected() == []


def open_survey(page: Page, server_url: str, version: str, query: str) -> None:
    page.goto(f"{server_url}/voila/render/needs_survey_{version}.ipynb?{query}")
    expect(page.locator(".omt-submit")).to_be_enabled()


def choose(page: Page, field: str, label: str) -> None:
    page.locator(f".omt-field-{field} label").filter(has_text=label).locator("input").check()


def new_responses(store: Store, before: set[str]) -> list:
    return [response for response in responses(store) if response.response_id not in before]


def test_tutor_survey_reaches_store(page: Page, server_url: str, served_store: Store) -> None:
    before = {response.response_id for response in responses(served_store)}
    open_survey(page, server_url, "tutor", "wave=start&person=M-VN-HAN")
    expect(page.locator(".omt-field-name input")).to_have_value("Phạm Thu Trang")

    choose(page, "role", "Mentor")
    page.locator(".omt-field-problems_preparation .omt-choice-weak_handover input").check()
    page.locator(".omt-field-problems_regular_support .omt-choice-mentor_time input").check()
    page.locator(".omt-field-problems_regular_support .omt-choice-late_problems input").check()
    page.locator(".omt-field-other_problems textarea").fill("Không đủ thời gian; เวลาไม่พอ; pas le temps.")
    page.locator(".omt-submit").click()

    confirmation = page.locator(".omt-confirmation")
    expect(confirmation).to_contain_text("Thank you")
    response_id = re.search(r"Reference: ([0-9a-f]{32})", confirmation.inner_text()).group(1)
    expect(page.locator(".omt-submit")).to_be_disabled()

    saved = new_responses(served_store, before)
    assert [response.response_id for response in saved] == [response_id]
    response = saved[0]
    assert response.survey_id == "needs_survey"
    assert response.wave == "start"
    assert response.role == "mentor"
    assert response.country == "VN"
    assert response.anonymous is False
    assert response.respondent_id == "M-VN-HAN"
    assert response.respondent_name == "Phạm Thu Trang"
    assert response.answers["problems_preparation"] == ["weak_handover"]
    assert response.answers["problems_regular_support"] == ["late_problems", "mentor_time"]
    assert response.answers["problems_mid_term"] == []
    assert response.answers["other_problems"] == "Không đủ thời gian; เวลาไม่พอ; pas le temps."


def test_anonymous_volunteer_stores_no_respondent(page: Page, server_url: str, served_store: Store) -> None:
    before = {response.response_id for response in responses(served_store)}
    open_survey(page, server_url, "volunteer", "wave=end&person=V-01")
    expect(page.locator(".omt-field-name input")).to_have_value("Léa Dubois-Mercier")

    page.locator(".omt-anonymous input").check()
    expect(page.locator(".omt-field-name")).to_be_hidden()
    page.locator(".omt-field-problems_final_evaluation .omt-choice-rushed_learning_outcomes input").check()
    page.locator(".omt-submit").click()

    expect(page.locator(".omt-confirmation")).to_contain_text("no name is stored")
    saved = new_responses(served_store, before)
    assert len(saved) == 1
    response = saved[0]
    assert response.anonymous is True
    assert response.respondent_id is None
    assert response.respondent_name == ""
    assert response.wave == "end"
    assert response.role == "volunteer"
    assert response.country == "FR"
    assert response.answers["problems_final_evaluation"] == ["rushed_learning_outcomes"]
    stored = json.loads((served_store.root / "surveys.json").read_text(encoding="utf-8"))
    document = next(d for d in stored["responses"].values() if d["response_id"] == response.response_id)
    assert "V-01" not in json.dumps(document, ensure_ascii=False)
    assert "Léa" not in json.dumps(document, ensure_ascii=False)


def test_missing_country_shows_message_stores_nothing(page: Page, server_url: str, served_store: Store) -> None:
    before = {response.response_id for response in responses(served_store)}
    open_survey(page, server_url, "volunteer", "wave=start")
    page.locator(".omt-submit").click()

    expect(page.locator(".omt-summary")).to_contain_text("Nothing was sent: 1 answer needs a correction.")
    expect(page.locator(".omt-field-country .omt-error")).to_have_text("Choose one answer.")
    expect(page.locator(".omt-submit")).to_be_enabled()
    assert new_responses(served_store, before) == []


def test_unknown_wave_shows_plain_message(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/voila/render/needs_survey_tutor.ipynb?wave=middle")
    expect(page.locator(".omt-message")).to_contain_text("unknown survey round (middle)")
    assert page.locator(".omt-form").count() == 0
    assert "Traceback" not in page.content()
