"""Start `omt serve`'s Voilà on 127.0.0.1 for browser tests, and find its kernels.

Shared by the Voilà browser tests of this folder and of tests/surveys. Ports 8890-8899 are theirs.
The generic parts (Chromium, the other-hosts filter, process start and stop) are in `browser_helpers`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

import browser_helpers
from browser_helpers import running_process
from omt.tools.server import PREHEATED_NOTEBOOKS

PORTS = range(8890, 8900)
# Seconds for the server to answer and fill the pool of every preheated notebook. The pool
# kernels start at once, so on a loaded 2-core machine this can take minutes.
READY_TIMEOUT_SECONDS = 300.0


def free_port() -> int:
    return browser_helpers.free_port(PORTS)


@contextmanager
def running_server(command: list[str], store_root: Path, log_path: Path) -> Iterator[subprocess.Popen]:
    """Run `command` with OMT_STORE set to `store_root` until the block ends, then stop it by its PID."""
    with running_process(command, {**os.environ, "OMT_STORE": str(store_root)}, log_path) as process:
        yield process


def wait_until_ready(url: str, process: subprocess.Popen, log_path: Path) -> None:
    """Wait until the server answers `url` and, when it pre-heats kernels, has filled every pool."""
    preheated = "--preheat_kernel=True" in process.args

    def pools_filled() -> bool:
        return log_path.read_text(errors="replace").count("Kernel pool of ") >= len(PREHEATED_NOTEBOOKS)

    browser_helpers.wait_for_server(url, process, log_path, server_name="Voilà",
                                    timeout_seconds=READY_TIMEOUT_SECONDS,
                                    ready=pools_filled if preheated else None)


def kernel_processes(server: subprocess.Popen) -> list[psutil.Process]:
    """Return the server's kernel processes: Voilà starts each kernel as a child process."""
    children = psutil.Process(server.pid).children(recursive=True)
    return [child for child in children if is_kernel(child)]


def is_kernel(process: psutil.Process) -> bool:
    try:
        return "ipykernel_launcher" in " ".join(process.cmdline())
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return False
