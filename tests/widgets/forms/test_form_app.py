"""A form as a Voilà app: the person from the link's key, their placements, the header, the refusals."""

from __future__ import annotations

import datetime as dt
import logging
from html import escape
from typing import Any

import ipywidgets as widgets
import pytest

from omt.i18n import translation
from omt.store import Store
from omt.store.links import issue_link, revoke_key
from omt.widgets.forms import FormView, app
from omt.widgets.forms.app import (
    FormRequest,
    form_placements,
    form_request,
    form_request_from_query,
    forms_of,
    resolve_author,
    show_placement_form,
)
from omt.widgets.forms.definition import load_definition
from omt.widgets.language import LanguageRequest
from page_helpers import find, page_text


@pytest.fixture
def views(monkeypatch: pytest.MonkeyPatch) -> list[FormView]:
    """Return the form views that the test's pages build, oldest first."""
    made: list[FormView] = []
    build = FormView.__init__

    def build_and_record(self: FormView, *args: Any, **kwargs: Any) -> None:
        build(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(FormView, "__init__", build_and_record)
    return made





def key_of(store: Store, person_id: str) -> str:
    return issue_link(store, person_id)[0]


def open_page(store: Store, form_id: str, person_id: str, placement_id: str | None = None) -> widgets.Widget:
    return show_placement_form(form_id, FormRequest(key_of(store, person_id), placement_id), store)


@pytest.mark.parametrize(("query", "expected"), [
    ("key=abc&placement=FR-VN-01", FormRequest("abc", "FR-VN-01")),
    ("lang=fr&placement=IT-FR-03&placement=X&key=k1&key=k2", FormRequest("k1", "IT-FR-03", LanguageRequest("fr"))),
    ("key=%20abc%20", FormRequest("abc", None)),
    ("key=&placement=", FormRequest(None, None)),
    ("", FormRequest(None, None)),
    ("token=abc", FormRequest(None, None)),
])
def test_request_from_query(query: str, expected: FormRequest) -> None:
    assert form_request_from_query(query, {}) == expected


def test_request_reads_browser_language() -> None:
    request = form_request_from_query("key=abc", {"HTTP_ACCEPT_LANGUAGE": "it-IT,it;q=0.9,en;q=0.8"})
    assert request.languages == LanguageRequest(chosen=None, accepted="it")


def test_request_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.delenv("HTTP_ACCEPT_LANGUAGE", raising=False)
    monkeypatch.setenv("QUERY_STRING", "key=abc&placement=FR-VN-01")
    assert form_request() == FormRequest("abc", "FR-VN-01")


def test_page_names_placement_people(demo_store: Store) -> None:
    page = open_page(demo_store, "meeting_log", "M-VN-HAN", "FR-VN-01")
    text = page_text(page)
    assert "FR-VN-01" in text
    assert "Léa Dubois-Mercier" in text
    assert "Trung tâm Thanh niên Sông Hồng" in text
    assert "Phạm Thu Trang" in text
    assert "Nhật ký các buổi gặp với người cố vấn" in text  # the title, in the mentor's Vietnamese


def test_page_form_authored_by_link_person(demo_store: Store, views: list[FormView]) -> None:
    open_page(demo_store, "meeting_log", "M-VN-HAN", "FR-VN-01")
    [form] = views
    assert (form.placement_id, form.author_id, form.language) == ("FR-VN-01", "M-VN-HAN", "vi")
    assert form.definition.form_id == "meeting_log"


def test_single_placement_opens_without_parameter(demo_store: Store) -> None:
    page = open_page(demo_store, "volunteer_checkin", "V-01")
    assert "FR-VN-01" in page_text(page)
    assert "Léa Dubois-Mercier" in page_text(page)


def test_several_placements_offer_choice(demo_store: Store) -> None:
    page = open_page(demo_store, "meeting_log", "M-VN-HAN")
    buttons = find(page, "omt-placement-choice").children
    assert [button.description.split(" · ")[0] for button in buttons] == ["FR-VN-01", "IT-VN-08"]
    assert find(page, "omt-chosen-form").children == ()


def test_choice_preselects_checked_placement(demo_store: Store) -> None:
    page = open_page(demo_store, "meeting_log", "M-VN-HAN", "IT-VN-08")
    assert "Marco Bellandi" in page_text(find(page, "omt-chosen-form"))


@pytest.mark.parametrize(("form_id", "person_id", "placements"), [
    ("volunteer_checkin", "V-01", ["FR-VN-01"]),
    ("meeting_log", "V-01", []),
    ("incident_report", "M-VN-HAN", ["FR-VN-01", "IT-VN-08"]),
    ("task_supervisor_note", "S-VN-HAN", ["FR-VN-01", "IT-VN-08"]),
    ("arrival_checklist", "C-VN-HAN", ["FR-VN-01", "IT-VN-08"]),
    ("pre_departure_checklist", "C-VN-HAN", ["VN-FR-07", "VN-IT-04"]),
    ("mid_term_review", "C-VN-HAN", []),
    ("mid_term_review", "C-FR-LYON", None),
    ("arrival_checklist", "M-VN-HAN", []),
])
def test_form_placements_by_role(demo_store: Store, form_id: str, person_id: str,
                                 placements: list[str] | None) -> None:
    chosen = [p.placement_id for p in form_placements(load_definition(form_id), demo_store.person(person_id),
                                                      demo_store)]
    assert chosen == (placements if placements is not None else [p.placement_id for p in demo_store.placements()])


@pytest.mark.parametrize(("person_id", "forms"), [
    ("V-01", ["competence_self_assessment", "volunteer_checkin", "final_evaluation"]),
    ("M-VN-HAN", ["meeting_log", "incident_report"]),
    ("S-VN-HAN", ["task_supervisor_note"]),
    ("C-VN-HAN", ["pre_departure_checklist", "arrival_checklist", "return_debrief"]),
    ("C-FR-LYON", ["placement_registration", "pre_departure_checklist", "arrival_checklist",
                   "mid_term_review", "return_debrief"]),
])
def test_forms_of_person(demo_store: Store, person_id: str, forms: list[str]) -> None:
    assert forms_of(demo_store.person(person_id), demo_store) == forms


@pytest.mark.parametrize(("form_id", "person_id", "placement_id", "message"), [
    ("meeting_log", "V-01", "FR-VN-01", app.NOT_YOUR_FORM_MESSAGE),
    ("meeting_log", "V-01", None, app.NOT_YOUR_FORM_MESSAGE),
    ("arrival_checklist", "C-VN-HAN", "FR-TH-02", app.NOT_YOUR_PLACEMENT_MESSAGE),
    ("meeting_log", "M-VN-HAN", "FR-TH-02", app.NOT_YOUR_PLACEMENT_MESSAGE),
    ("meeting_log", "M-VN-HAN", "<script>alert(1)</script>", app.NOT_YOUR_PLACEMENT_MESSAGE),
    ("placement_registration", "C-VN-HAN", None, app.NOT_YOUR_FORM_MESSAGE),
    ("placement_registration", "M-VN-HAN", None, app.NOT_YOUR_FORM_MESSAGE),
])
def test_refusal_shows_no_data(demo_store: Store, form_id: str, person_id: str, placement_id: str | None,
                               message: str) -> None:
    page = open_page(demo_store, form_id, person_id, placement_id)
    assert "omt-message" in page._dom_classes
    assert escape(translation(demo_store.person(person_id).language).gettext(message)) in page.value
    for placement in demo_store.placements():
        assert placement.placement_id not in page.value
    assert "<script>" not in page.value


@pytest.mark.parametrize("key", [None, "wrong", "revoked", "expired"])
def test_bad_key_plain_message(demo_store: Store, key: str | None) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    if key == "revoked":
        key = key_of(demo_store, "M-VN-HAN")
        revoke_key(demo_store, key)
    elif key == "expired":
        key, _ = issue_link(demo_store, "M-VN-HAN", days=1, now=now - dt.timedelta(days=2))
    page = show_placement_form("meeting_log", FormRequest(key, "FR-VN-01"), demo_store)
    assert "omt-message" in page._dom_classes
    assert "This link does not open any form" in page.value
    assert "FR-VN-01" not in page.value


def test_registration_opens_for_coordinating_coordinator(demo_store: Store) -> None:
    page = open_page(demo_store, "placement_registration", "C-FR-LYON")
    assert "omt-message" not in page._dom_classes


@pytest.mark.parametrize(("form_id", "person_id", "author_id"), [
    ("meeting_log", "M-VN-HAN", "M-VN-HAN"), ("meeting_log", "M-IT-BOL", None),
    ("pre_departure_checklist", "C-FR-LYON", "C-FR-LYON"), ("arrival_checklist", "C-FR-LYON", None),
    ("volunteer_checkin", "V-02", None),
])
def test_resolve_author_with_person(demo_store: Store, form_id: str, person_id: str, author_id: str | None) -> None:
    author = resolve_author(load_definition(form_id), demo_store.placement("FR-VN-01"), demo_store,
                            demo_store.person(person_id))
    assert (author.person_id if author else None) == author_id


def test_load_failure_plain_message_logged(demo_store: Store, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture) -> None:
    def broken_definition(form_id: str) -> None:
        raise OSError("permission denied: /srv/omt/widgets/forms/definitions/meeting_log.yaml")

    monkeypatch.setattr(app, "load_definition", broken_definition)
    with caplog.at_level(logging.ERROR, logger="omt.widgets.forms.app"):
        page = open_page(demo_store, "meeting_log", "M-VN-HAN", "FR-VN-01")
    assert page.value.count("This form cannot be opened right now.") == 1
    assert "/srv/omt" not in page.value
    assert "permission denied" in str(caplog.records[0].exc_info[1])


def test_server_log_handler_added_once(demo_store: Store) -> None:
    show_placement_form("meeting_log", FormRequest(), demo_store)
    show_placement_form("meeting_log", FormRequest(), demo_store)
    handlers = [h for h in logging.getLogger("omt").handlers if getattr(h, "omt_server_log", False)]
    assert len(handlers) == 1
