"""Fixtures shared by every test: demo stores in temporary folders, and the Chromium to drive."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browser_helpers import launched_chromium
from omt.store import Store
from omt.tools.demo import build_demo

# The demo is seen from a fixed day, so that stages and counts are the same on every run.
DEMO_DAY = dt.date(2026, 12, 4)
CHROMIUM = os.environ.get("OMT_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a demo store built once per session; copy it before changing it."""
    root = tmp_path_factory.mktemp("demo-template") / "store"
    build_demo(Store(root), DEMO_DAY)
    return root


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """Return a fresh copy of the demo store, also set as OMT_STORE for processes the test starts."""
    root = tmp_path / "store"
    shutil.copytree(demo_template, root)
    monkeypatch.setenv("OMT_STORE", str(root))
    return Store(root)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Return Debian's Chromium; its absence is a failure, because browser tests must run."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's package with "
                    "`sudo apt-get install chromium`, or set OMT_CHROMIUM to its path")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    """Return a headless Chromium with the usual arguments, one for each test module."""
    with launched_chromium(chromium_path) as browser:
        yield browser


@pytest.fixture(autouse=True)
def restore_omt_logger() -> Iterator[None]:
    """Undo the server log handler that the pages add to the `omt` logger, after each test."""
    logger = logging.getLogger("omt")
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)
