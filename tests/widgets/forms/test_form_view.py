"""The form on the page: validation across fields, saving once, button states, errors."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
import pytest

from omt.store import Store, Submission
from omt.widgets.forms import FormView, parse_definition
from omt.widgets.forms.constraints import CheckContext

PLACEMENT = "FR-VN-01"
MENTOR = "M-VN-HAN"
TODAY = dt.date(2026, 12, 4)
DEFINITION = parse_definition({
    "form_id": "short_log", "version": 2, "title": "Short log", "role": "mentor",
    "fields": [
        {"name": "day", "type": "date", "label": "Day", "required": True,
         "constraints": [{"rule": "not_future", "message": "The day cannot be in the future."}]},
        {"name": "minutes", "type": "integer", "label": "Minutes", "required": True, "min": 5, "max": 480},
        {"name": "topics", "type": "multiple_choice", "label": "Topics", "required": True,
         "choices": [{"value": "tasks", "label": "Tasks"}, {"value": "wellbeing", "label": "Wellbeing"}]},
        {"name": "mood", "type": "scale", "label": "Mood"},
        {"name": "follow_up", "type": "yes_no", "label": "Follow-up needed?"},
        {"name": "notes", "type": "long_text", "label": "Notes", "max_length": 20},
    ],
})


def make_form(store: Store, language: str = "en") -> FormView:
    return FormView(DEFINITION, store, PLACEMENT, MENTOR, language=language,
                    context=lambda: CheckContext(today=TODAY))


def fill_valid(form: FormView) -> None:
    fields = {field.name: field for field in form.fields}
    fields["day"].input.value = dt.date(2026, 12, 1)
    fields["minutes"].input.value = "40"
    fields["topics"].checkboxes["wellbeing"].value = True
    fields["follow_up"].input.value = False
    fields["notes"].input.value = "Đức ไทย"


def short_logs(store: Store) -> list[Submission]:
    return store.submissions(PLACEMENT, "short_log")


def placement_bytes(store: Store) -> bytes:
    return (store.root / "placements" / f"{PLACEMENT}.json").read_bytes()


def page_text(widget: widgets.Widget) -> str:
    """Return the text of every HTML widget and button under `widget`, as the page shows it."""
    parts = []
    if isinstance(widget, widgets.HTML):
        parts.append(widget.value)
    if isinstance(widget, widgets.Button):
        parts.append(widget.description)
    for child in getattr(widget, "children", ()):
        parts.append(page_text(child))
    return "\n".join(parts)


def error_of(form: FormView, name: str) -> str:
    [field] = [field for field in form.fields if field.name == name]
    return field.error.value


@pytest.fixture
def form(demo_store: Store) -> Iterator[FormView]:
    yield make_form(demo_store)


def test_valid_form_saved(form: FormView, demo_store: Store) -> None:
    fill_valid(form)
    saved = form.submit()
    [stored] = short_logs(demo_store)
    assert saved == stored
    assert stored.answers == {"day": dt.date(2026, 12, 1), "minutes": 40, "topics": ["wellbeing"], "mood": None,
                              "follow_up": False, "notes": "Đức ไทย"}
    assert (stored.author_id, stored.role, stored.language, stored.form_version) == (MENTOR, "mentor", "en", 2)
    assert stored.submission_id == form.submission_id


def test_vietnamese_form_records_and_confirms_in_vietnamese(demo_store: Store) -> None:
    form = make_form(demo_store, "vi")
    fill_valid(form)
    saved = form.submit()
    assert saved.language == "vi"
    assert "1 tháng 12, 2026" in form.confirmation.value
    assert "Đã lưu." in form.confirmation.value
    assert "Mã tham chiếu" in form.confirmation.value


def test_confirmation_shows_date_topics_id(form: FormView) -> None:
    fill_valid(form)
    saved = form.submit()
    assert "December 1, 2026" in form.confirmation.value
    assert "Topics: Wellbeing" in form.confirmation.value
    assert f"Reference: {saved.submission_id}" in form.confirmation.value
    assert "Đức" not in form.confirmation.value
    assert form.summary.value == ""


def test_invalid_form_writes_nothing(form: FormView, demo_store: Store) -> None:
    before = placement_bytes(demo_store)
    fill_valid(form)
    form.fields[0].input.value = dt.date(2026, 12, 5)
    form.fields[1].input.value = "1"
    form.fields[2].checkboxes["wellbeing"].value = False
    form.fields[5].input.value = "x" * 21
    assert form.submit() is None
    assert placement_bytes(demo_store) == before
    assert "The day cannot be in the future." in error_of(form, "day")
    assert "Enter a number from 5 to 480." in error_of(form, "minutes")
    assert "Choose at least one answer." in error_of(form, "topics")
    assert "Shorten this answer to 20 characters; it has 21." in error_of(form, "notes")
    assert error_of(form, "mood") == ""
    assert "Nothing was saved: 4 answers need a correction." in form.summary.value
    assert "Nothing was saved: 4 answers need a correction." in form.status.value
    assert form.confirmation.value == ""


def test_summary_lists_labels_singular(form: FormView) -> None:
    fill_valid(form)
    form.fields[1].input.value = ""
    form.submit()
    assert "Nothing was saved: 1 answer needs a correction." in form.summary.value
    assert "<li>Minutes</li>" in form.summary.value


def test_errors_cleared_after_correction(form: FormView, demo_store: Store) -> None:
    form.submit()
    fill_valid(form)
    form.submit()
    assert all(field.error.value == "" for field in form.fields)
    assert form.summary.value == ""
    assert form.status.value == ""
    assert len(short_logs(demo_store)) == 1


def test_browser_date_none_not_saved(form: FormView, demo_store: Store) -> None:
    # The browser sends None when the date input loses focus holding an incomplete date.
    before = placement_bytes(demo_store)
    fill_valid(form)
    form.fields[0].input.value = None
    assert form.submit() is None
    assert "Enter the full date: day, month and year." in error_of(form, "day")
    assert placement_bytes(demo_store) == before


def test_double_click_saves_once(form: FormView, demo_store: Store) -> None:
    fill_valid(form)
    form.submit_button.click()
    form.submit_button.click()
    assert len(short_logs(demo_store)) == 1
    assert len(demo_store.history(PLACEMENT, form.submission_id)) == 1


def test_button_disabled_while_saving(form: FormView, demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    states: list[tuple[bool, str]] = []
    submit = demo_store.submit

    def recording_submit(*args: Any, **kwargs: Any) -> Submission:
        states.append((form.submit_button.disabled, form.submit_button.description))
        return submit(*args, **kwargs)

    monkeypatch.setattr(demo_store, "submit", recording_submit)
    fill_valid(form)
    form.submit()
    assert states == [(True, "Saving…")]
    assert (form.submit_button.disabled, form.submit_button.description) == (False, "Save")


def test_repeated_submit_while_saving_ignored(form: FormView, demo_store: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    inner_results: list[Submission | None] = []
    submit = demo_store.submit

    def reentrant_submit(*args: Any, **kwargs: Any) -> Submission:
        inner_results.append(form.submit())
        return submit(*args, **kwargs)

    monkeypatch.setattr(demo_store, "submit", reentrant_submit)
    fill_valid(form)
    assert form.submit() is not None
    assert inner_results == [None]
    assert len(short_logs(demo_store)) == 1


def test_unexpected_error_plain_message(form: FormView, demo_store: Store, monkeypatch: pytest.MonkeyPatch,
                                        caplog: pytest.LogCaptureFixture) -> None:
    def failing_submit(*args: Any, **kwargs: Any) -> Submission:
        raise RuntimeError("disk full at /srv/omt/store/placements/FR-VN-01.json")

    monkeypatch.setattr(demo_store, "submit", failing_submit)
    fill_valid(form)
    with caplog.at_level(logging.ERROR, logger="omt.widgets.forms.form"):
        assert form.submit() is None
    text = page_text(form.widget)
    assert "Your answers are still on the page. Try again, or contact your coordinator." in form.summary.value
    assert "Your answers are still on the page." in form.status.value
    assert "Traceback" not in text
    assert "/srv/omt" not in text
    assert "RuntimeError" not in text
    assert form.fields[1].input.value == "40"
    assert (form.submit_button.disabled, form.submit_button.description) == (False, "Save")
    [record] = caplog.records
    assert form.submission_id in record.getMessage()
    assert "disk full" in str(record.exc_info[1])


def test_retry_after_error_saves_once(form: FormView, demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    submit = demo_store.submit
    calls = iter([RuntimeError("lock timed out"), None])

    def flaky_submit(*args: Any, **kwargs: Any) -> Submission:
        error = next(calls)
        if error:
            raise error
        return submit(*args, **kwargs)

    monkeypatch.setattr(demo_store, "submit", flaky_submit)
    fill_valid(form)
    form.submit()
    form.submit()
    assert len(short_logs(demo_store)) == 1
    assert "Saved." in form.confirmation.value


def test_change_after_save_stores_revision(form: FormView, demo_store: Store) -> None:
    fill_valid(form)
    form.submit()
    form.fields[1].input.value = "55"
    saved = form.submit()
    [current] = short_logs(demo_store)
    assert saved.revision == 2
    assert current.answers["minutes"] == 55
    assert current.edited_by == MENTOR
    assert "Changes saved as revision 2." in form.confirmation.value


def test_start_new_gives_new_submission(form: FormView, demo_store: Store) -> None:
    fill_valid(form)
    first = form.submit()
    form.start_new()
    assert form.submission_id != first.submission_id
    assert form.confirmation.value == ""
    assert form.fields[1].input.value == ""
    fill_valid(form)
    form.submit()
    assert len(short_logs(demo_store)) == 2


def test_css_classes_for_tests(form: FormView) -> None:
    assert "omt-submit" in form.submit_button._dom_classes
    assert "omt-summary" in form.summary._dom_classes
    assert "omt-confirmation" in form.confirmation._dom_classes
    assert "omt-form-short_log" in form.widget._dom_classes
