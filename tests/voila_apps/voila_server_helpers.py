"""Start `omt serve`'s Voilà on 127.0.0.1 for browser tests, and watch what the browser requests.

Shared by the board, offline and kernel tests of this folder. Ports 8890-8899 are theirs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import psutil
import pytest
from playwright.sync_api import Route

from omt.tools.server import PREHEATED_NOTEBOOKS

HOST = "127.0.0.1"
PORTS = range(8890, 8900)
# Seconds for the server to answer and fill the pool of every preheated notebook. The pool
# kernels start at once, so on a loaded 2-core machine this can take minutes.
READY_TIMEOUT_SECONDS = 300.0
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE_VIEWPORT = {"width": 390, "height": 844}


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) != 0:
                return port
    pytest.fail(f"no free port among {PORTS.start}-{PORTS.stop - 1} on {HOST}")


@contextmanager
def running_server(command: list[str], store_root: Path, log_path: Path) -> Iterator[subprocess.Popen]:
    """Run `command` with OMT_STORE set to `store_root` until the block ends, then stop it by its PID."""
    environment = {**os.environ, "OMT_STORE": str(store_root)}
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(command, env=environment, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def wait_until_ready(url: str, process: subprocess.Popen, log_path: Path) -> None:
    """Wait until the server answers `url` and, when it pre-heats kernels, has filled every pool."""
    preheated = "--preheat_kernel=True" in process.args
    notebooks = len(PREHEATED_NOTEBOOKS)
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Voilà exited with code {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                pass
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
            continue
        filled = log_path.read_text(errors="replace").count("Kernel pool of ")
        if not preheated or filled >= notebooks:
            return
        time.sleep(0.5)
    pytest.fail(f"Voilà not ready at {url} after {READY_TIMEOUT_SECONDS:.0f} s:\n{log_path.read_text()[-3000:]}")


def kernel_processes(server: subprocess.Popen) -> list[psutil.Process]:
    """Return the server's kernel processes: Voilà starts each kernel as a child process."""
    children = psutil.Process(server.pid).children(recursive=True)
    return [child for child in children if is_kernel(child)]


def is_kernel(process: psutil.Process) -> bool:
    try:
        return "ipykernel_launcher" in " ".join(process.cmdline())
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return False


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
