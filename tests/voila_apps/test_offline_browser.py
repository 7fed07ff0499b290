"""The forms server works offline and on phones, and its kernels stay bounded.

`omt serve`'s command runs on 127.0.0.1 with its own copy of the demo store. Every request to
another host is aborted and fails the test: the page template, the forms and the board must load
everything from the server.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_helpers import HOST, PHONE_CONTEXT_OPTIONS, PHONE_VIEWPORT, OtherHosts, routed_context
from omt.store import Store
from omt.store.links import issue_link
from omt.tools.server import PREHEATED_NOTEBOOKS, forms_server_command
from voila_server_helpers import free_port, kernel_processes, running_server, wait_until_ready

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 60_000
# Pixels a page may be wider than the screen before a reader has to scroll sideways.
OVERFLOW_TOLERANCE = 2
# Each page: its path with a `{key}` to fill in, the person whose link opens it, and what shows it is
# ready. Every form, survey and the board is here, so each is checked offline and at phone width.
PAGES = {
    "meeting log": ("meeting_log.ipynb?key={key}&placement=FR-VN-01", "M-VN-HAN", ".omt-submit"),
    "board": ("board.ipynb?key={key}", "C-FR-LYON", ".omt-timeline-button"),
    "registration": ("placement_registration.ipynb?key={key}", "C-FR-LYON", ".omt-submit"),
    "pre-departure": ("pre_departure_checklist.ipynb?key={key}&placement=FR-VN-01", "C-FR-LYON", ".omt-submit"),
    "arrival": ("arrival_checklist.ipynb?key={key}&placement=FR-VN-01", "C-VN-HAN", ".omt-submit"),
    "task supervisor note": ("task_supervisor_note.ipynb?key={key}&placement=FR-VN-01", "S-VN-HAN",
                             ".omt-submit"),
    "check-in": ("volunteer_checkin.ipynb?key={key}&placement=FR-VN-01", "V-01", ".omt-submit"),
    "mid-term review": ("mid_term_review.ipynb?key={key}&placement=FR-VN-01", "C-FR-LYON", ".omt-submit"),
    "incident report": ("incident_report.ipynb?key={key}&placement=FR-VN-01", "M-VN-HAN", ".omt-submit"),
    "self-assessment": ("competence_self_assessment.ipynb?key={key}&placement=FR-VN-01", "V-01", ".omt-submit"),
    "final evaluation": ("final_evaluation.ipynb?key={key}&placement=FR-VN-01", "V-01", ".omt-submit"),
    "return debrief": ("return_debrief.ipynb?key={key}&placement=FR-VN-01", "C-FR-LYON", ".omt-submit"),
    "job shadowing": ("job_shadowing.ipynb?key={key}", "C-IT-BOL", ".omt-submit"),
    "volunteer survey": ("needs_survey_volunteer.ipynb?key={key}&wave=start", "V-01", ".omt-submit"),
    "tutor survey": ("needs_survey_tutor.ipynb?key={key}&wave=start", "M-VN-HAN", ".omt-submit"),
}
# Screenshots at phone width, kept for a person to look at: OMT_SCREENSHOTS or the temporary folder.
SCREENSHOTS = Path(os.environ.get("OMT_SCREENSHOTS", tempfile.gettempdir())) / "omt-screenshots"


@pytest.fixture(scope="module")
def store_root(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("offline") / "store"
    shutil.copytree(demo_template, root)
    return root


@pytest.fixture(scope="module")
def paths(store_root: Path) -> dict[str, str]:
    """Return each page's path with a key issued for its person in the served store."""
    store = Store(store_root)
    return {name: path.format(key=issue_link(store, person_id)[0]) for name, (path, person_id, _) in PAGES.items()}


@pytest.fixture(scope="module")
def server_url(store_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("voila") / "server.log"
    with running_server(forms_server_command(HOST, port), store_root, log_path) as process:
        wait_until_ready(f"http://{HOST}:{port}/", process, log_path)
        yield f"http://{HOST}:{port}"


@pytest.fixture
def phone(browser: Browser) -> Iterator[tuple[Page, OtherHosts]]:
    other_hosts = OtherHosts()
    context = routed_context(browser, other_hosts, PAGE_TIMEOUT_MS, **PHONE_CONTEXT_OPTIONS)
    yield context.new_page(), other_hosts
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_offline_at_phone_width(phone: tuple[Page, OtherHosts], server_url: str, paths: dict[str, str],
                                     name: str) -> None:
    """Load each page once at 390 px: nothing from other hosts, no CDN in its HTML, nothing wider."""
    page, other_hosts = phone
    ready = PAGES[name][2]
    response = page.goto(f"{server_url}/voila/render/{paths[name]}")
    expect(page.locator(ready).first).to_be_enabled(timeout=PAGE_TIMEOUT_MS)
    if name == "board":
        page.locator(".omt-card-TH-US-05 .omt-timeline-button").click()
        expect(page.locator(".omt-card-TH-US-05 .omt-timeline li").first).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    assert other_hosts.urls == []

    html = response.text()
    assert "</html>" in html
    assert "cdn.jsdelivr.net" not in html
    assert "cdnjs.cloudflare.com" not in html
    assert "Traceback" not in html

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name.replace(' ', '_')}_390.png"), full_page=True)
    limit = PHONE_VIEWPORT["width"] + OVERFLOW_TOLERANCE
    assert page.evaluate("document.scrollingElement.scrollWidth") <= limit
    assert page.evaluate("document.body.scrollWidth") <= limit
    wider = page.evaluate("""limit => [...document.querySelectorAll('#rendered_cells *')]
        .filter(element => element.getBoundingClientRect().right > limit)
        .map(element => element.tagName + '.' + element.className).slice(0, 5)""", limit)
    assert wider == []


@pytest.mark.slow
def test_kernels_bounded_after_many_visits(browser: Browser, demo_template: Path, tmp_path: Path) -> None:
    """Open and close the meeting log 30 times: the culler keeps the number of kernels bounded."""
    root = tmp_path / "store"
    shutil.copytree(demo_template, root)
    port = free_port()
    # A kernel must outlive the time between its page's HTML and the page's websocket connection,
    # or the page shows widget reprs: 3 s proved too short on a loaded 2-core machine.
    pool_size, cull_idle_seconds = 1, 20
    command = forms_server_command(HOST, port, pool_size=pool_size, cull_idle_seconds=cull_idle_seconds,
                                   cull_interval_seconds=1)
    log_path = tmp_path / "server.log"
    with running_server(command, root, log_path) as server:
        url = f"http://{HOST}:{port}"
        wait_until_ready(url + "/", server, log_path)
        key, _ = issue_link(Store(root), "M-VN-HAN")
        counts = []
        for _ in range(30):
            context = browser.new_context()
            context.set_default_timeout(PAGE_TIMEOUT_MS)
            page = context.new_page()
            page.goto(f"{url}/voila/render/meeting_log.ipynb?key={key}&placement=FR-VN-01")
            expect(page.locator(".omt-submit")).to_be_enabled(timeout=PAGE_TIMEOUT_MS)
            context.close()
            counts.append(len(kernel_processes(server)))
        time.sleep(cull_idle_seconds + 3)
        settled = len(kernel_processes(server))
        log_text = log_path.read_text(errors="replace")

    # Every preheated notebook keeps its pool; the culler never shuts those down, because each runs
    # its notebook's cell, waiting for a request. Kernels of closed pages live until the culler finds
    # them idle, so during the visits a few more run: those of the last few seconds of visits.
    pools = pool_size * len(PREHEATED_NOTEBOOKS)
    assert max(counts) <= pools + 6, f"kernels after each visit: {counts}"
    assert settled <= pools, f"kernels after each visit: {counts}, after the culler: {settled}"
    assert "Culling" in log_text
