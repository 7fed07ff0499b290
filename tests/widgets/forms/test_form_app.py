"""A form as a Voilà app: the placement from the URL, the header, and the plain messages."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
import pytest

from omt.store import Store
from omt.widgets.forms import FormView, app
from omt.widgets.forms.app import placement_id_from_query, placement_id_from_request, show_placement_form


@pytest.fixture(autouse=True)
def restore_omt_logger() -> Iterator[None]:
    """Undo the server log handler that `show_placement_form` adds to the `omt` logger."""
    logger = logging.getLogger("omt")
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)


def page_text(widget: widgets.Widget) -> str:
    parts = [widget.value] if isinstance(widget, widgets.HTML) else []
    parts.extend(page_text(child) for child in getattr(widget, "children", ()))
    return "\n".join(parts)


@pytest.mark.parametrize(("query", "expected"), [
    ("placement=FR-VN-01", "FR-VN-01"),
    ("lang=fr&placement=IT-FR-03&placement=X", "IT-FR-03"),
    ("placement=%20FR-VN-01%20", "FR-VN-01"),
    ("placement=", None),
    ("", None),
    ("other=1", None),
])
def test_placement_from_query(query: str, expected: str | None) -> None:
    assert placement_id_from_query(query) == expected


def test_placement_from_request_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "placement=FR-VN-01")
    assert placement_id_from_request() == "FR-VN-01"


def test_page_names_placement_people(demo_store: Store) -> None:
    page = show_placement_form("meeting_log", "FR-VN-01", demo_store)
    text = page_text(page)
    assert "FR-VN-01" in text
    assert "Léa Dubois-Mercier" in text
    assert "Trung tâm Thanh niên Sông Hồng" in text
    assert "Phạm Thu Trang" in text
    assert "Mentor meeting log" in text


def test_page_form_authored_by_mentor(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[FormView] = []

    class RecordingFormView(FormView):
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app, "FormView", RecordingFormView)
    show_placement_form("meeting_log", "FR-VN-01", demo_store)
    [form] = made
    assert (form.placement_id, form.author_id, form.language) == ("FR-VN-01", "M-VN-HAN", "vi")
    assert form.definition.form_id == "meeting_log"


def test_missing_placement_plain_message(demo_store: Store) -> None:
    page = show_placement_form("meeting_log", None, demo_store)
    assert "omt-message" in page._dom_classes
    assert "This link names no placement." in page.value


@pytest.mark.parametrize("placement_id", ["XX-YY-99", "../registry", "<script>alert(1)</script>"])
def test_unknown_placement_plain_message(demo_store: Store, placement_id: str) -> None:
    page = show_placement_form("meeting_log", placement_id, demo_store)
    assert "omt-message" in page._dom_classes
    assert "was not found. Check the link, or contact your coordinator." in page.value
    assert "<script>" not in page.value


def test_load_failure_plain_message_logged(demo_store: Store, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture) -> None:
    def broken_definition(form_id: str) -> None:
        raise OSError("permission denied: /srv/omt/widgets/forms/definitions/meeting_log.yaml")

    monkeypatch.setattr(app, "load_definition", broken_definition)
    with caplog.at_level(logging.ERROR, logger="omt.widgets.forms.app"):
        page = show_placement_form("meeting_log", "FR-VN-01", demo_store)
    assert page.value.count("This form cannot be opened right now.") == 1
    assert "/srv/omt" not in page.value
    assert "permission denied" in str(caplog.records[0].exc_info[1])


def test_server_log_handler_added_once(demo_store: Store) -> None:
    show_placement_form("meeting_log", None, demo_store)
    show_placement_form("meeting_log", None, demo_store)
    handlers = [h for h in logging.getLogger("omt").handlers if getattr(h, "omt_server_log", False)]
    assert len(handlers) == 1
