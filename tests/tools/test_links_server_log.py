"""The forms server redacts access keys from every log record, whichever logger writes it."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from omt.store.links import REDACTED
from omt.tools.server import redact_access_keys_in_logs

KEY = "Zm9vYmFyLXNlY3JldC1rZXktZm9yLXRlc3RzLW9ubHk"


@pytest.fixture
def redacting() -> Iterator[None]:
    factory = logging.getLogRecordFactory()
    redact_access_keys_in_logs()
    yield
    logging.setLogRecordFactory(factory)


@pytest.mark.parametrize("name", ["tornado.access", "tornado.application", "Voila", "root"])
def test_request_line_redacted(redacting: None, name: str) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger(None if name == "root" else name)
    logger.addHandler(handler)
    try:
        logger.warning("%d %s %.2fms", 200, f"GET /voila/render/volunteer_checkin.ipynb?key={KEY} (127.0.0.1)", 3.0)
        logger.warning(f'{{"Referer": "http://127.0.0.1:8866/voila/render/board.ipynb?key={KEY}"}}')
    finally:
        logger.removeHandler(handler)
    assert KEY not in stream.getvalue()
    assert stream.getvalue().count(f"key={REDACTED}") == 2


def test_factory_installed_once(redacting: None) -> None:
    factory = logging.getLogRecordFactory()
    redact_access_keys_in_logs()
    assert logging.getLogRecordFactory() is factory
