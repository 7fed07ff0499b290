"""A survey as a Voilà app: the wave and the respondent named in the link, then the survey.

Links look like `/voila/render/needs_survey_tutor.ipynb?wave=end&person=M-VN-HAN`:

- `wave` is `start` (the default) or `end`, the two moments of the experimentation;
- `person`, optional, is the respondent's person id in the store: their name, country and role
  are then filled in, and the id is stored with the response unless they answer anonymously.

The companion notebooks in `voila_apps/` call `show_survey` and nothing else.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from urllib.parse import parse_qs

import ipywidgets as widgets

from omt.errors import NotFoundError, ValidationError
from omt.store import Person, Store
from omt.store.surveys import NEEDS_SURVEY, WAVES
from omt.widgets.forms.app import plain_message, send_logs_to_server
from omt.widgets.forms.definition import load_definition
from omt.widgets.forms.fields import Field
from omt.widgets.forms.i18n import N_, _
from omt.widgets.survey.view import NAME_FIELD, SurveyView

log = logging.getLogger(__name__)

DEFAULT_WAVE = WAVES[0]
UNKNOWN_WAVE_MESSAGE = N_("This link names an unknown survey round ({wave}). Open the survey from the link "
                          "your coordinator sent you.")
UNKNOWN_PERSON_MESSAGE = N_("Person {person_id} was not found. Check the link, or contact your coordinator.")
LOAD_FAILURE_MESSAGE = N_("This survey cannot be opened right now. Try again later, or contact your coordinator.")


@dataclass(frozen=True)
class SurveyRequest:
    """The request in the page's link: the wave and, optionally, the respondent's person id."""

    wave: str = DEFAULT_WAVE
    person_id: str | None = None


def survey_request() -> SurveyRequest:
    """Return the wave and person of the page's URL.

    Voilà passes the query string in `QUERY_STRING`. With preheated kernels the notebook runs before
    any request, so `wait_for_request` first waits for it; without preheating it returns at once.
    """
    from voila.utils import wait_for_request

    wait_for_request()
    return survey_request_from_query(os.environ.get("QUERY_STRING", ""))


def survey_request_from_query(query: str) -> SurveyRequest:
    """Return the first `wave` and `person` values of a URL query string, stripped."""
    parameters = parse_qs(query)
    wave = (parameters.get("wave") or [""])[0].strip() or DEFAULT_WAVE
    person_id = (parameters.get("person") or [""])[0].strip() or None
    return SurveyRequest(wave=wave, person_id=person_id)


def show_survey(form_id: str, store: Store, request: SurveyRequest | None = None,
                survey_id: str = NEEDS_SURVEY) -> widgets.Widget:
    """Return the survey page for the link's wave and person, or a plain message when the link is wrong."""
    send_logs_to_server()
    request = request or survey_request()
    if request.wave not in WAVES:
        log.warning("survey %s requested for unknown wave %r", form_id, request.wave[:40])
        return plain_message(_(UNKNOWN_WAVE_MESSAGE).format(wave=request.wave[:40]))
    person = None
    if request.person_id is not None:
        try:
            person = store.person(request.person_id)
        except (NotFoundError, ValidationError):
            log.warning("survey %s requested for unknown person %r", form_id, request.person_id[:80])
            return plain_message(_(UNKNOWN_PERSON_MESSAGE).format(person_id=request.person_id[:80]))
    try:
        view = SurveyView(load_definition(form_id), store, survey_id, request.wave,
                          respondent_id=person.person_id if person else None)
        if person is not None:
            fill_in_person(view, person, store)
        return view.widget
    except Exception:
        log.exception("opening survey %s failed", form_id)
        return plain_message(_(LOAD_FAILURE_MESSAGE))


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
