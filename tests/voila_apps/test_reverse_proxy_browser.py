"""The forms behind nginx with TLS, configured as in docs/deployment.md, filled in Chromium.

`omt serve --base-url /forms/` runs on 127.0.0.1, and a real nginx (Debian's package) terminates
TLS on another 127.0.0.1 port with the server block copied from the deployment guide, a
self-signed certificate in place of the real one. The browser reaches the forms only through
nginx: the page, its static files and the widgets' websocket all pass the proxy.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from browser_helpers import CHROMIUM_ARGS, HOST, PHONE_VIEWPORT, OtherHosts
from omt.store import Store
from omt.store.links import issue_link
from omt.tools.server import forms_server_command
from voila_server_helpers import free_port, running_server, wait_until_ready

pytestmark = pytest.mark.browser

GUIDE = Path(__file__).parents[2] / "docs" / "deployment.md"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PREFIX = "/forms/"
PAGE_TIMEOUT_MS = 120_000
READY_TIMEOUT_SECONDS = 30.0


def guide_server_block(nginx_port: int, forms_port: int, certificate: Path, private_key: Path) -> str:
    """Return the guide's nginx configuration, set to listen on 127.0.0.1 with the test's certificate."""
    found = re.search(r"```nginx\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    assert found, f"no nginx configuration block in {GUIDE.name}"
    block = found.group(1)
    replacements = {
        "listen 443 ssl;": f"listen {HOST}:{nginx_port} ssl;",
        "server_name forms.example.org;": f"server_name {HOST};",
        "/etc/letsencrypt/live/forms.example.org/fullchain.pem": str(certificate),
        "/etc/letsencrypt/live/forms.example.org/privkey.pem": str(private_key),
        "proxy_pass http://127.0.0.1:8866;": f"proxy_pass http://{HOST}:{forms_port};",
    }
    for old, new in replacements.items():
        assert old in block, f"the guide's nginx block no longer contains {old!r}; update this test with it"
        block = block.replace(old, new)
    return block


def nginx_configuration(folder: Path, server_block: str) -> Path:
    """Write a complete nginx.conf around `server_block` whose files all stay in `folder`."""
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir()
    path = folder / "nginx.conf"
    path.write_text(f"""
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 64; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{server_block}
}}
""", encoding="utf-8")
    return path


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """Create a certificate for 127.0.0.1 and its private key with openssl."""
    certificate, private_key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=IP:{HOST}",
                    "-keyout", str(private_key), "-out", str(certificate)],
                   check=True, capture_output=True)
    return certificate, private_key


@pytest.fixture(scope="module")
def store(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("proxy") / "store"
    shutil.copytree(demo_template, root)
    store = Store(root)
    # The checks below read the English labels, and Léa's profile language is French.
    store.save_person(dataclasses.replace(store.person("V-01"), language="en"))
    return store


@pytest.fixture(scope="module")
def forms_port(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("voila") / "server.log"
    command = forms_server_command(HOST, port, base_url=PREFIX)
    with running_server(command, store.root, log_path) as process:
        wait_until_ready(f"http://{HOST}:{port}{PREFIX}", process, log_path)
        yield port


@pytest.fixture(scope="module")
def proxy_url(forms_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Run nginx with the guide's configuration in front of the forms server; return its https URL."""
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: install Debian's package with `sudo apt-get install nginx` "
                    "(scripts/system-packages.sh does it as root)")
    folder = tmp_path_factory.mktemp("nginx")
    certificate, private_key = self_signed_certificate(folder)
    nginx_port = free_port()
    configuration = nginx_configuration(folder, guide_server_block(nginx_port, forms_port, certificate, private_key))
    process = subprocess.Popen([NGINX, "-c", str(configuration), "-p", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(nginx_port, process, folder / "error.log")
        yield f"https://{HOST}:{nginx_port}{PREFIX}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_port(port: int, process: subprocess.Popen, error_log: Path) -> None:
    """Wait until nginx answers on `port`, failing with its error log when it exits first."""
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            errors = error_log.read_text() if error_log.exists() else process.stderr.read().decode()
            pytest.fail(f"nginx exited with code {process.returncode}:\n{errors[-2000:]}")
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=1)
        except urllib.error.URLError:
            return  # nginx answers, but only TLS: the plain request fails once the port is open
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"nginx not listening on {HOST}:{port} after {READY_TIMEOUT_SECONDS:.0f} s")


@pytest.fixture
def page(chromium_path: str) -> Iterator[tuple[Page, OtherHosts]]:
    other_hosts = OtherHosts()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE_VIEWPORT, ignore_https_errors=True, locale="en-GB")
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        context.route("**/*", other_hosts.handle)
        yield context.new_page(), other_hosts
        browser.close()


def test_checkin_saved_through_proxy(page: tuple[Page, OtherHosts], proxy_url: str, store: Store) -> None:
    browser_page, other_hosts = page
    key, _link = issue_link(store, "V-01")
    before = len(store.submissions("FR-VN-01", "volunteer_checkin"))

    browser_page.goto(f"{proxy_url}voila/render/volunteer_checkin.ipynb?key={key}&placement=FR-VN-01")
    expect(browser_page.locator(".omt-submit")).to_be_enabled(timeout=PAGE_TIMEOUT_MS)
    browser_page.locator(".omt-field-wellbeing button", has_text=re.compile("^4$")).click()
    browser_page.locator(".omt-field-wants_to_talk").get_by_label("No", exact=True).check()
    browser_page.locator(".omt-submit").click()

    expect(browser_page.locator(".omt-confirmation")).to_contain_text("Reference:", timeout=PAGE_TIMEOUT_MS)
    submissions = store.submissions("FR-VN-01", "volunteer_checkin")
    assert len(submissions) == before + 1
    assert submissions[-1].answers["wellbeing"] == 4
    assert submissions[-1].author_id == "V-01"
    assert other_hosts.urls == []
