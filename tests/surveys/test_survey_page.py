"""The needs survey page: the respondent from the access key, anonymous without one, refusals, languages."""

from __future__ import annotations

import datetime as dt
import logging
from html import escape

import ipywidgets as widgets
import pytest

from omt import i18n
from omt.store import Store
from omt.store.links import issue_link, revoke_key
from omt.store.surveys import responses
from omt.widgets.forms.app import INVALID_LINK_MESSAGE
from omt.widgets.forms.definition import load_definition
from omt.widgets.survey.app import UNKNOWN_WAVE_MESSAGE, show_survey, survey_form_for, survey_request_from_query
from omt.widgets.survey.view import SurveyView
from page_helpers import descendants, find, page_text

TUTOR = "needs_survey_tutor"
VOLUNTEER = "needs_survey_volunteer"


def answer(page: widgets.Widget, field: str) -> object:
    return find(find(page, f"omt-field-{field}"), "omt-input").value


def open_survey(store: Store, form_id: str, query: str, accept_language: str | None = None) -> widgets.Widget:
    environment = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    return show_survey(form_id, store, survey_request_from_query(query, environment))


def key_of(store: Store, person_id: str) -> str:
    return issue_link(store, person_id)[0]


def test_key_fills_in_respondent(demo_store: Store) -> None:
    page = open_survey(demo_store, TUTOR, f"key={key_of(demo_store, 'M-VN-HAN')}&wave=end&lang=en")
    assert answer(page, "name") == "Phạm Thu Trang"
    assert answer(page, "country") == "VN"
    assert answer(page, "role") == "mentor"

    find(page, "omt-submit").click()
    [response] = responses(demo_store)
    assert response.respondent_id == "M-VN-HAN"
    assert response.respondent_name == "Phạm Thu Trang"
    assert response.wave == "end"
    assert response.role == "mentor"
    assert response.language == "en"


def test_no_key_opens_empty_survey(demo_store: Store) -> None:
    page = open_survey(demo_store, VOLUNTEER, "wave=start")
    assert find(page, "omt-survey") is not None
    assert answer(page, "name") == ""
    assert answer(page, "country") is None

    find(find(page, "omt-field-country"), "omt-input").value = "IT"
    find(page, "omt-submit").click()
    [response] = responses(demo_store)
    assert response.respondent_id is None
    assert response.respondent_name == ""
    assert response.anonymous is False
    assert response.country == "IT"


@pytest.mark.parametrize("kind", ["wrong", "revoked", "expired"])
def test_invalid_key_shows_only_message(demo_store: Store, kind: str) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    key = "not-a-key"
    if kind == "revoked":
        key = key_of(demo_store, "V-01")
        revoke_key(demo_store, key)
    elif kind == "expired":
        key, _link = issue_link(demo_store, "V-01", days=1, now=now - dt.timedelta(days=2))
    page = open_survey(demo_store, VOLUNTEER, f"key={key}&wave=start")
    assert "omt-message" in page._dom_classes
    assert INVALID_LINK_MESSAGE in page.value
    assert list(descendants(page)) == [page]
    assert "Léa" not in page.value
    assert responses(demo_store) == []


def test_person_parameter_not_read(demo_store: Store) -> None:
    page = open_survey(demo_store, VOLUNTEER, "person=V-01&wave=start")
    assert answer(page, "name") == ""
    find(find(page, "omt-field-country"), "omt-input").value = "FR"
    find(page, "omt-submit").click()
    assert responses(demo_store)[0].respondent_id is None


def test_rejection_logged_without_key(demo_store: Store, caplog: pytest.LogCaptureFixture) -> None:
    key = key_of(demo_store, "V-01")
    revoke_key(demo_store, key)
    with caplog.at_level(logging.INFO, logger="omt"):
        open_survey(demo_store, VOLUNTEER, f"key={key}&wave=end")
    messages = [record.getMessage() for record in caplog.records]
    assert any(VOLUNTEER in message and "wave end" in message for message in messages)
    assert any("revoked" in message and "V-01" in message for message in messages)
    assert not any(key in message for message in messages)


def test_profile_language_french(demo_store: Store) -> None:
    page = open_survey(demo_store, VOLUNTEER, f"key={key_of(demo_store, 'V-01')}", accept_language="th")
    french = i18n.translation("fr")
    assert "Enquête sur les besoins des volontaires" in page_text(page)
    assert find(page, "omt-submit").description == french.gettext("Send")
    assert find(page, "omt-anonymous").description == french.gettext("Answer anonymously")
    assert french.gettext("Send") != "Send"

    find(page, "omt-submit").click()
    assert responses(demo_store)[0].language == "fr"


def test_lang_parameter_overrides_profile(demo_store: Store) -> None:
    page = open_survey(demo_store, VOLUNTEER, f"key={key_of(demo_store, 'V-01')}&lang=it")
    assert "Indagine sui bisogni dei volontari" in page_text(page)
    assert find(page, "omt-submit").description == i18n.translation("it").gettext("Send")


def test_no_key_uses_browser_language(demo_store: Store) -> None:
    page = open_survey(demo_store, VOLUNTEER, "wave=start", accept_language="vi-VN,vi;q=0.9,en;q=0.5")
    assert "Khảo sát nhu cầu dành cho tình nguyện viên" in page_text(page)


def test_invalid_key_message_in_browser_language(demo_store: Store) -> None:
    page = open_survey(demo_store, TUTOR, "key=not-a-key", accept_language="th-TH,th;q=0.9")
    thai = i18n.translation("th").gettext(INVALID_LINK_MESSAGE)
    assert thai != INVALID_LINK_MESSAGE
    assert escape(thai) in page.value


def test_unknown_wave_message_in_person_language(demo_store: Store) -> None:
    page = open_survey(demo_store, VOLUNTEER, f"key={key_of(demo_store, 'V-01')}&wave=middle")
    french = i18n.translation("fr").gettext(UNKNOWN_WAVE_MESSAGE).format(wave="middle")
    assert "omt-message" in page._dom_classes
    assert escape(french) in page.value
    assert "Léa" not in page.value


def test_sent_survey_locked(demo_store: Store) -> None:
    view = SurveyView(load_definition(TUTOR), demo_store, "needs_survey", "start", respondent_id="M-IT-BOL")
    view.field("country").input.value = "IT"
    view.field("role").input.value = "mentor"
    saved = view.submit()
    assert saved is not None
    assert view.submit_button.description == "Sent"
    assert view.submit_button.disabled is True
    assert view.anonymous.disabled is True
    assert view.field("country").input.disabled is True
    assert "Thank you: your answers were sent." in view.confirmation.value
    assert f"Reference: {saved.response_id}" in view.confirmation.value
    assert view.new_button.layout.display == "none"


def test_missing_answer_sends_nothing(demo_store: Store) -> None:
    view = SurveyView(load_definition(VOLUNTEER), demo_store, "needs_survey", "start", language="th")
    assert view.submit() is None
    expected = i18n.translation("th").ngettext("Nothing was sent: {count} answer needs a correction.",
                                               "Nothing was sent: {count} answers need a correction.", 1)
    assert expected.format(count=1) in view.summary.value
    assert view.submit_button.disabled is False
    assert responses(demo_store) == []


def test_anonymous_hides_name_until_unticked(demo_store: Store) -> None:
    view = SurveyView(load_definition(VOLUNTEER), demo_store, "needs_survey", "start", respondent_id="V-01")
    view.field("name").input.value = "Léa Dubois-Mercier"
    view.anonymous.value = True
    view.field("country").input.value = "FR"
    assert view.name_box.layout.display == "none"
    assert view.field("name").input.value == ""
    view.anonymous.value = False
    assert view.name_box.layout.display is None


@pytest.mark.parametrize(("person_id", "form_id"), [
    ("V-01", VOLUNTEER), ("M-VN-HAN", TUTOR), ("S-TH-CNX", TUTOR), ("C-FR-LYON", TUTOR),
])
def test_survey_form_for_role(demo_store: Store, person_id: str, form_id: str) -> None:
    assert survey_form_for(demo_store.person(person_id)) == form_id


def test_switch_keeps_answers_and_anonymity(demo_store: Store) -> None:
    page = open_survey(demo_store, VOLUNTEER, f"key={key_of(demo_store, 'V-01')}&lang=en")
    find(page, "omt-anonymous").value = True
    find(find(page, "omt-field-country"), "omt-input").value = "IT"

    find(page, "omt-language").value = "vi"

    assert find(page, "omt-anonymous").description == i18n.translation("vi").gettext("Answer anonymously")
    assert find(page, "omt-anonymous").value is True
    assert answer(page, "country") == "IT"
    assert answer(page, "name") == ""
    find(page, "omt-submit").click()
    [response] = responses(demo_store)
    assert response.language == "vi"
    assert response.anonymous is True
    assert response.respondent_id is None


def test_switch_after_sending_stays_locked(demo_store: Store) -> None:
    page = open_survey(demo_store, TUTOR, f"key={key_of(demo_store, 'M-VN-HAN')}&lang=en")
    find(page, "omt-submit").click()
    assert len(responses(demo_store)) == 1

    find(page, "omt-language").value = "th"

    submit = find(page, "omt-submit")
    assert submit.disabled is True
    assert submit.description == i18n.translation("th").gettext("Sent")
    assert find(page, "omt-anonymous").disabled is True
    assert i18n.translation("th").gettext("Thank you: your answers were sent.") in find(page, "omt-confirmation").value
    submit.click()
    assert len(responses(demo_store)) == 1
