"""Fixtures of the store tests: processes that use the store."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import IO, Any

import pytest
from store_helpers import WORKER, StartWorker


@pytest.fixture
def start_worker() -> Iterator[StartWorker]:
    """Return a function that starts `store_worker.py`; the processes still alive at teardown are killed."""
    started: list[subprocess.Popen] = []

    def start(*args: str, stdout: int | IO[Any] | None = subprocess.PIPE,
              stdin: int | None = subprocess.DEVNULL) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, str(WORKER), *args], stdout=stdout, stdin=stdin, text=True)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdout, process.stdin):
            if stream is not None:
                stream.close()
