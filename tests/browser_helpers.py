"""Scaffolding for the browser tests: local ports, server processes, Chromium and requests to other hosts.

Every server runs on 127.0.0.1. Callers pass the port range of their folder: 8880-8889 for the
course notebooks, 8890-8899 for the Voilà forms. `free_port` skips a port in use, so modules that
share a range can still run side by side.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Route, sync_playwright

HOST = "127.0.0.1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE_VIEWPORT = {"width": 390, "height": 844}
# Options of `Browser.new_context` for a phone-sized, touch-screen page.
PHONE_CONTEXT_OPTIONS = {"viewport": PHONE_VIEWPORT, "is_mobile": True, "has_touch": True}
# Characters of a server log shown in a failure message: the end, where the error usually is.
LOG_TAIL_CHARACTERS = 3000


def free_port(ports: range) -> int:
    """Return the first port in `ports` where nothing listens on 127.0.0.1, or fail the test."""
    for port in ports:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) != 0:
                return port
    pytest.fail(f"no free port among {ports.start}-{ports.stop - 1} on {HOST}")


@contextmanager
def running_process(command: list[str], environment: dict[str, str], log_path: Path,
                    stop_timeout_seconds: float = 20) -> Iterator[subprocess.Popen]:
    """Run `command` with its output in `log_path` until the block ends, then stop it by its PID.

    The process gets SIGTERM first (Voilà and JupyterLab shut their kernels down on it), and SIGKILL
    when it has not ended after `stop_timeout_seconds`.
    """
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(command, env=environment, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=stop_timeout_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def log_tail(log_path: Path) -> str:
    return log_path.read_text(errors="replace")[-LOG_TAIL_CHARACTERS:]


def wait_for_server(url: str, process: subprocess.Popen, log_path: Path, *, server_name: str,
                    timeout_seconds: float, ready: Callable[[], bool] | None = None) -> None:
    """Wait until `url` responds and `ready()`, when given, returns true.

    Fails the test with the end of the server's log when the process exits or `timeout_seconds` pass.
    """
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{server_name} exited with code {process.returncode}:\n{log_tail(log_path)}")
        if responds(url) and (ready is None or ready()):
            return
        time.sleep(0.3)
    pytest.fail(f"{server_name} not ready at {url} after {timeout_seconds:.0f} s:\n{log_tail(log_path)}")


def responds(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def launched_chromium(chromium_path: str, args: list[str] = CHROMIUM_ARGS) -> Iterator[Browser]:
    """Launch a headless Chromium from `chromium_path` with `args` until the block ends."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=args)
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


def routed_context(browser: Browser, other_hosts: OtherHosts, timeout_ms: float,
                   **options: object) -> BrowserContext:
    """Open a browser context with `options` whose requests go through `other_hosts`.

    Every action and navigation in the context waits at most `timeout_ms`.
    """
    context = browser.new_context(**options)
    context.set_default_timeout(timeout_ms)
    context.route("**/*", other_hosts.handle)
    return context
