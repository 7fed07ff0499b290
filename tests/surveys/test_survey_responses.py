"""Survey responses: validation, storage through the store's write path, and the demo sample."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from omt.errors import ValidationError
from omt.store import Store
from omt.store.surveys import SURVEYS_FILE, SurveyResponse, responses, save_response
from omt.tools.demo_surveys import add_demo_survey_responses, demo_survey_responses
from omt.widgets.forms import load_definition
from omt.widgets.language import LanguageRequest
from omt.widgets.survey.app import SurveyRequest, survey_request_from_query
from omt.widgets.survey.view import SurveyView


def make_response(**changes: object) -> SurveyResponse:
    values = {"survey_id": "needs_survey", "wave": "start", "role": "mentor", "country": "IT",
              "anonymous": False, "answers": {"problems_preparation": ["weak_handover"]},
              "respondent_id": "M-IT-BOL", "respondent_name": "Francesca Lodi"}
    return SurveyResponse(**{**values, **changes})


def test_response_saved_and_read_back(tmp_path) -> None:
    store = Store(tmp_path / "store")
    saved = save_response(store, make_response())
    assert responses(store) == [saved]
    assert saved.answers == {"problems_preparation": ["weak_handover"]}
    assert saved.submitted_at.tzinfo is not None
    assert (store.root / SURVEYS_FILE).is_file()


def test_same_response_id_stored_once(tmp_path) -> None:
    store = Store(tmp_path / "store")
    first = save_response(store, make_response(response_id="a" * 32))
    again = save_response(store, make_response(response_id="a" * 32, country="FR"))
    assert again == first
    assert len(responses(store)) == 1


def test_filter_by_survey_and_wave(tmp_path) -> None:
    store = Store(tmp_path / "store")
    save_response(store, make_response(wave="start"))
    save_response(store, make_response(wave="end"))
    save_response(store, make_response(survey_id="other_survey"))
    assert len(responses(store)) == 3
    assert [r.wave for r in responses(store, wave="end")] == ["end"]
    assert len(responses(store, survey_id="needs_survey")) == 2
    assert len(responses(store, survey_id="needs_survey", wave="start")) == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"wave": "middle"}, "wave"),
    ({"role": "boss"}, "role"),
    ({"country": "DE"}, "country"),
    ({"survey_id": "Needs Survey"}, "survey_id"),
    ({"answers": ["x"]}, "answers"),
    ({"respondent_id": "not an id"}, "respondent_id"),
    ({"anonymous": True}, "respondent_id"),
    ({"anonymous": True, "respondent_id": None}, "respondent_name"),
    ({"response_id": "123"}, "response_id"),
    ({"language": "de"}, "language"),
])
def test_invalid_response_rejected(tmp_path, changes: dict, field: str) -> None:
    store = Store(tmp_path / "store")
    with pytest.raises(ValidationError) as raised:
        save_response(store, make_response(**changes))
    assert field in raised.value.problems
    assert not (store.root / SURVEYS_FILE).exists()


def test_anonymous_response_without_respondent_valid(tmp_path) -> None:
    store = Store(tmp_path / "store")
    saved = save_response(store, make_response(anonymous=True, respondent_id=None, respondent_name=""))
    document = json.loads((store.root / SURVEYS_FILE).read_text(encoding="utf-8"))["responses"]["1"]
    assert saved.anonymous is True
    assert document["respondent_id"] is None
    assert document["respondent_name"] == ""


def test_demo_sample_deterministic_both_waves() -> None:
    first, second = demo_survey_responses(), demo_survey_responses()
    assert first == second
    assert {response.wave for response in first} == {"start", "end"}
    assert all(response.respondent_id is None for response in first if response.anonymous)
    assert {response.role for response in first} == {"volunteer", "mentor", "task_supervisor", "coordinator",
                                                     "youth_worker"}


def test_demo_sample_added_once(tmp_path) -> None:
    store = Store(tmp_path / "store")
    add_demo_survey_responses(store)
    add_demo_survey_responses(store)
    assert len(responses(store)) == len(demo_survey_responses())


def test_response_without_language_reads_english(tmp_path) -> None:
    store = Store(tmp_path / "store")
    saved = save_response(store, make_response())
    document = saved.to_document()
    del document["language"]
    assert SurveyResponse.from_document(document).language == "en"


def test_query_names_wave_key_and_language() -> None:
    request = survey_request_from_query("wave=end&key=abc123&lang=th", {"HTTP_ACCEPT_LANGUAGE": "fr-FR"})
    assert request == SurveyRequest("end", "abc123", LanguageRequest(chosen="th", accepted="fr"))
    assert survey_request_from_query("", {}) == SurveyRequest("start", None, LanguageRequest())


def test_query_person_ignored() -> None:
    assert survey_request_from_query("wave=start&person=M-VN-HAN", {}).key is None


def test_anonymous_view_drops_respondent(demo_store: Store) -> None:
    view = SurveyView(load_definition("needs_survey_tutor"), demo_store, "needs_survey", "end",
                      respondent_id="S-TH-CNX")
    view.field("name").input.value = "ธนากร แสงทอง"
    view.field("country").input.value = "TH"
    view.field("role").input.value = "task_supervisor"
    view.anonymous.value = True
    saved = view.submit()
    assert saved is not None
    assert saved.respondent_id is None
    assert saved.respondent_name == ""
    assert "name" not in saved.answers
    assert saved.role == "task_supervisor"
    assert view.submit() is saved
    assert len(responses(demo_store)) == 1


def test_volunteer_view_sets_role(demo_store: Store) -> None:
    view = SurveyView(load_definition("needs_survey_volunteer"), demo_store, "needs_survey", "start")
    view.field("country").input.value = "VN"
    saved = view.submit()
    assert saved.role == "volunteer"
    assert abs(saved.submitted_at - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)
