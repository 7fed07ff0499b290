"""Module 01 in a real JupyterLab on 127.0.0.1, run with "Run All Cells" and answered in Chromium.

The server's root is the repository, as for a course author. Autosave is switched off in a
temporary settings folder so that running the notebook never rewrites the committed file, and the
test checks that the file is unchanged. Requests to any host other than 127.0.0.1 are aborted.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser_helpers import HOST, OtherHosts, free_port, running_process, wait_for_server
from omt.store import Store

pytestmark = pytest.mark.browser

PORTS = range(8880, 8885)
REPOSITORY = Path(__file__).parents[2]
NOTEBOOK = REPOSITORY / "modules" / "01_actors_and_roles.ipynb"
TRAINEE = "Lê Thị Hoa"
READY_TIMEOUT_SECONDS = 90.0
PAGE_TIMEOUT_MS = 60_000
# JupyterLab user settings: no autosave, and every cell rendered so that the widgets are in the page.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


def write_settings(folder: Path) -> None:
    for relative, values in LAB_SETTINGS.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(tmp_path_factory.mktemp("lab-store") / "store")


@pytest.fixture(scope="module")
def lab_url(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start JupyterLab on a free local port with a token; stop it by its PID afterwards."""
    port, token = free_port(PORTS), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("lab-home")
    write_settings(home / "settings")
    environment = {**os.environ, "OMT_STORE": str(store.root), "OMT_TRAINEE": TRAINEE,
                   "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
                   "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
                   "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    log_path = home / "server.log"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--ServerApp.ip={HOST}",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={REPOSITORY}", "--LabApp.extension_manager=readonly",
               f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}"]
    if os.geteuid() == 0:
        # Containers often run tests as root, which JupyterLab refuses unless told otherwise.
        command.append("--allow-root")
    with running_process(command, environment, log_path) as process:
        wait_for_server(f"http://{HOST}:{port}/api/status?token={token}", process, log_path,
                        server_name="JupyterLab", timeout_seconds=READY_TIMEOUT_SECONDS)
        yield f"http://{HOST}:{port}/lab/tree/modules/{NOTEBOOK.name}?token={token}"


def test_run_all_then_answer(browser: Browser, lab_url: str, store: Store) -> None:
    committed = hashlib.sha256(NOTEBOOK.read_bytes()).hexdigest()
    other_hosts = OtherHosts()
    context = browser.new_context()
    context.route("**/*", other_hosts.handle)
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(lab_url)
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    select_kernel = page.get_by_role("button", name="Select Kernel")
    try:
        # JupyterLab asks for a kernel when it cannot start the notebook's own one by itself.
        select_kernel.wait_for(timeout=15_000)
        select_kernel.click()
    except PlaywrightTimeoutError:
        pass

    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    status = page.locator(".omt-trainee-status")
    expect(status).to_contain_text(TRAINEE)
    first_contact = page.locator(".omt-id-first_contact")
    first_contact.locator("label", has_text="her mentor").click()
    first_contact.locator(".omt-check").click()
    expect(first_contact.locator(".omt-feedback")).to_contain_text("✓ Right.")
    expect(first_contact.locator(".omt-save-status")).to_contain_text("Your answer is saved.")
    context.close()

    [attempt] = store.attempts(TRAINEE, "01_actors_and_roles")
    assert (attempt.exercise_id, attempt.answer, attempt.correct) == ("first_contact", "mentor", True)
    assert hashlib.sha256(NOTEBOOK.read_bytes()).hexdigest() == committed
    assert all(HOST not in url.split("/")[2] for url in other_hosts.urls)
