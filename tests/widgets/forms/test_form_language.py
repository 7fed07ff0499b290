"""A form page's language: refusals, the `lang` parameter, and the switch that keeps typed answers."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import ipywidgets as widgets

from omt.i18n import translation
from omt.store import DraftKey, Store
from omt.store.links import issue_link
from omt.widgets.forms import FormView
from omt.widgets.forms.app import FormRequest, form_request_from_query, show_placement_form
from omt.widgets.language import LanguageRequest
from page_helpers import find, page_text
from test_form_app import views  # noqa: F401  (a fixture)

NOW = dt.datetime.now(dt.timezone.utc)
ITALIAN_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "it-IT,it;q=0.9,en;q=0.8"}


def field(view: FormView, name: str) -> Any:
    [match] = [field for field in view.fields if field.name == name]
    return match


def open_page(store: Store, form_id: str, person_id: str, placement_id: str | None = None,
              chosen: str | None = None) -> widgets.Widget:
    key, _ = issue_link(store, person_id)
    return show_placement_form(form_id, FormRequest(key, placement_id, LanguageRequest(chosen=chosen)), store)


def fill_meeting(view: FormView) -> None:
    field(view, "meeting_date").input.value = dt.date(2026, 12, 1)
    field(view, "duration_minutes").input.value = "45"
    field(view, "topics").checkboxes["tasks"].value = True
    field(view, "notes").input.value = "Đã nói về lớp học buổi tối; ไทย"


def test_expired_link_in_browser_language(demo_store: Store) -> None:
    key, _ = issue_link(demo_store, "M-VN-HAN", days=1, now=NOW - dt.timedelta(days=3))
    page = show_placement_form("meeting_log", form_request_from_query(f"key={key}", ITALIAN_BROWSER), demo_store)
    assert "Questo link non apre nessun modulo" in page.value
    assert "FR-VN-01" not in page.value


def test_refusal_in_person_language_over_browser(demo_store: Store) -> None:
    key, _ = issue_link(demo_store, "V-01")
    page = show_placement_form("meeting_log", form_request_from_query(f"key={key}", ITALIAN_BROWSER), demo_store)
    assert escape("Votre lien n'ouvre pas ce formulaire") in page.value


def test_lang_parameter_opens_page_in_language(demo_store: Store, views: list[FormView]) -> None:
    page = open_page(demo_store, "meeting_log", "M-VN-HAN", "FR-VN-01", chosen="th")
    assert "บันทึกการพบพี่เลี้ยง" in page_text(page)
    assert escape(translation("th").gettext("Hosting organisation")) in find(page, "omt-placement").value
    assert views[-1].language == "th"
    assert find(page, "omt-language").value == "th"


def test_switch_keeps_answers_and_records_language(demo_store: Store, views: list[FormView]) -> None:
    page = open_page(demo_store, "meeting_log", "M-VN-HAN", "FR-VN-01")
    assert views[-1].language == "vi"
    fill_meeting(views[-1])

    find(page, "omt-language").value = "fr"

    view = views[-1]
    assert view.language == "fr"
    assert "Journal des rencontres avec le mentor" in page_text(page)
    assert field(view, "notes").input.value == "Đã nói về lớp học buổi tối; ไทย"
    assert field(view, "duration_minutes").input.value == "45"
    assert escape(translation("fr").gettext("Mentor")) in find(page, "omt-placement").value
    saved = view.submit()
    assert saved is not None, view.summary.value
    assert (saved.language, saved.answers["duration_minutes"]) == ("fr", 45)


def test_switch_after_save_revises_same_submission(demo_store: Store, views: list[FormView]) -> None:
    page = open_page(demo_store, "meeting_log", "M-VN-HAN", "FR-VN-01")
    fill_meeting(views[-1])
    first = views[-1].submit()

    find(page, "omt-language").value = "en"
    view = views[-1]
    assert view.confirmation.value != ""
    field(view, "duration_minutes").input.value = "50"
    second = view.submit()

    assert (second.submission_id, second.revision) == (first.submission_id, 2)
    assert demo_store.draft(DraftKey("FR-VN-01", "meeting_log", "M-VN-HAN")) is None


def test_switch_keeps_draft_of_unsaved_answers(demo_store: Store, views: list[FormView]) -> None:
    page = open_page(demo_store, "meeting_log", "M-VN-HAN", "FR-VN-01")
    field(views[-1], "notes").input.value = "Chưa lưu"
    find(page, "omt-language").value = "th"
    field(views[-1], "notes").input.value = "Chưa lưu, vẫn còn"
    draft = demo_store.draft(DraftKey("FR-VN-01", "meeting_log", "M-VN-HAN"))
    assert draft.values["notes"] == "Chưa lưu, vẫn còn"


def test_switch_keeps_chosen_placement(demo_store: Store, views: list[FormView]) -> None:
    page = open_page(demo_store, "meeting_log", "M-VN-HAN")
    find(page, "omt-choose-IT-VN-08").click()
    field(views[-1], "notes").input.value = "Marco"

    find(page, "omt-language").value = "it"

    chosen = find(page, "omt-chosen-form")
    assert "Marco Bellandi" in page_text(chosen)
    assert "Registro degli incontri con il mentore" in page_text(chosen)
    assert (views[-1].placement_id, field(views[-1], "notes").input.value) == ("IT-VN-08", "Marco")


def test_registration_switch_keeps_answers(demo_store: Store, views: list[FormView]) -> None:
    page = open_page(demo_store, "placement_registration", "C-FR-LYON")
    assert views[-1].language == "fr"
    field(views[-1], "activity").input.value = "Radio des jeunes"
    find(page, "omt-language").value = "vi"
    assert (views[-1].language, field(views[-1], "activity").input.value) == ("vi", "Radio des jeunes")
    assert "Đăng ký chương trình tình nguyện" in page_text(page)
