"""A survey as a Voilà app: the respondent from the link's access key, the wave, then the survey.

Links look like `/voila/render/needs_survey_tutor.ipynb?key=<access key>&wave=end`:

- `key`, optional, is a personal access key (`omt links issue`). Its person is the respondent:
  their name, country and role are filled in, and their id is stored with the response unless
  they answer anonymously. Without a key the survey opens empty and names nobody, so that people
  who are not in the registry can answer it too. A key that is unknown, expired or revoked gets the
  forms' invalid-link message and nothing else.
- `wave` is `start` (the default) or `end`, the two moments of the experimentation.
- `lang`, optional, is the page's language; see `omt.widgets.language` for the other clues.

The companion notebooks in `voila_apps/` call `show_survey` and nothing else.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

import ipywidgets as widgets

from omt.store import Person, Store
from omt.store.links import person_for_key
from omt.store.surveys import NEEDS_SURVEY, WAVES
from omt.widgets.forms.app import (INVALID_LINK_MESSAGE, FormViews, form_request_from_query, message_in,
                                   send_logs_to_server)
from omt.widgets.forms.definition import load_definition
from omt.widgets.forms.fields import Field
from omt.widgets.forms.i18n import N_, _
from omt.widgets.language import LanguagePage, LanguageRequest, language_request
from omt.widgets.survey.target import NAME_FIELD
from omt.widgets.survey.view import SurveyView

log = logging.getLogger(__name__)

DEFAULT_WAVE = WAVES[0]
VOLUNTEER_SURVEY = "needs_survey_volunteer"
TUTOR_SURVEY = "needs_survey_tutor"
UNKNOWN_WAVE_MESSAGE = N_("This link names an unknown survey round ({wave}). Open the survey from the link "
                          "your coordinator sent you.")
LOAD_FAILURE_MESSAGE = N_("This survey cannot be opened right now. Try again later, or contact your coordinator.")


@dataclass(frozen=True)
class SurveyRequest:
    """The wave, the access key and the language clues of a survey page's request."""

    wave: str = DEFAULT_WAVE
    key: str | None = None
    languages: LanguageRequest = LanguageRequest()


def survey_request() -> SurveyRequest:
    """Return the wave, key and language clues of the page's request.

    Voilà passes the query string in `QUERY_STRING`. With preheated kernels the notebook runs before
    any request, so `wait_for_request` first waits for it; without preheating it returns at once.
    """
    from voila.utils import wait_for_request

    wait_for_request()
    return survey_request_from_query(os.environ.get("QUERY_STRING", ""))


def survey_request_from_query(query: str, environment: Mapping[str, str] | None = None) -> SurveyRequest:
    """Return the first `wave` and `key` values of a URL query string, stripped, with its language clues.

    `environment` contains the request's headers as Voilà passes them, `os.environ` by default.
    """
    wave = (parse_qs(query).get("wave") or [""])[0].strip() or DEFAULT_WAVE
    return SurveyRequest(wave=wave, key=form_request_from_query(query).key,
                         languages=language_request(query, environment))


def survey_form_for(person: Person) -> str:
    """Return the version of the needs survey that `person` answers: the volunteers' or the tutors'."""
    return VOLUNTEER_SURVEY if person.role == "volunteer" else TUTOR_SURVEY


def show_survey(form_id: str, store: Store, request: SurveyRequest | None = None,
                survey_id: str = NEEDS_SURVEY, now: dt.datetime | None = None) -> widgets.Widget:
    """Return the survey page for the link's key, wave and language, or a plain message when the link is wrong.

    A rejected link is logged on the server with the form and the wave; `person_for_key` logs the
    person and the reason. Neither log line contains the key.
    """
    send_logs_to_server()
    request = request or survey_request()
    try:
        person = person_for_key(store, request.key, now)
    except Exception:
        log.exception("reading the access links for survey %s failed", form_id)
        return message_in(request.languages.language_for(), LOAD_FAILURE_MESSAGE)
    if request.key is not None and person is None:
        log.warning("survey %s (wave %s) rejected an invalid access key", form_id, request.wave[:40])
        return message_in(request.languages.language_for(), INVALID_LINK_MESSAGE)
    language = request.languages.language_for(person.language if person else None)
    if request.wave not in WAVES:
        log.warning("survey %s requested for unknown wave %r (person %s)", form_id, request.wave[:40],
                    person.person_id if person else "none")
        return message_in(language, UNKNOWN_WAVE_MESSAGE, wave=request.wave[:40])
    views = FormViews()
    return LanguagePage(language, lambda page_language: survey_page(
        form_id, store, survey_id, request.wave, person, page_language, views)).widget


def survey_page(form_id: str, store: Store, survey_id: str, wave: str, person: Person | None,
                language: str, views: FormViews | None = None) -> widgets.Widget:
    """Return the survey in `language`, filled in with `person`'s details when there is one.

    With `views`, the survey continues what was entered in the previous view, such as before a
    switch of language. A failure is logged and the page shows a plain message instead.
    """
    def make() -> SurveyView:
        view = SurveyView(load_definition(form_id), store, survey_id, wave,
                          respondent_id=person.person_id if person else None, language=language)
        if person is not None:
            fill_in_person(view, person, store)
        return view

    try:
        return (views or FormViews()).build(None, make).widget
    except Exception:
        log.exception("opening survey %s failed", form_id)
        return message_in(language, LOAD_FAILURE_MESSAGE)


def fill_in_person(view: SurveyView, person: Person, store: Store) -> None:
    """Fill in the respondent's name, their organisation's country and their role; all stay editable."""
    country = store.organisation(person.organisation_id).country if person.organisation_id else None
    for name, value in ((NAME_FIELD, person.name), ("country", country), ("role", person.role)):
        field = view.field(name)
        if field is not None and value is not None:
            preset(field, value)


def preset(field: Field, value: str) -> None:
    """Set a text or single-choice field's input, skipping a value that is not one of its choices."""
    choices = [choice.value for choice in field.definition.choices]
    if choices and value not in choices:
        return
    field.input.value = value
