"""Survey responses: the needs survey that opens the project, and its repeat at the end.

A response is not tied to a placement: volunteers and tutors of any organisation answer it, and may
answer anonymously. Responses live in `surveys.json` in the store folder, table `responses`, and are
written only through `Store._change`, the store's single write path.

    from omt.store.surveys import SurveyResponse, save_response, responses
    save_response(store, SurveyResponse(survey_id="needs_survey", wave="start", role="mentor",
                                        country="VN", anonymous=True, answers={...}))
    responses(store, survey_id="needs_survey", wave="end")
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from tinydb import TinyDB

from omt.errors import ValidationError
from omt.store.codec import decode_moment, encode_moment, to_json_value
from omt.store.ids import check_id, check_submission_id, new_submission_id
from omt.store.journey import STAGES
from omt.store.store import Store
from omt.store.vocabulary import COUNTRIES, LANGUAGES, PERSON_ROLES

log = logging.getLogger(__name__)

SURVEYS_FILE = "surveys.json"
RESPONSES_TABLE = "responses"

NEEDS_SURVEY = "needs_survey"
# The wave in which a survey is answered: at the start of the experimentation and again at its end.
WAVES = ("start", "end")
SURVEY_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
MAX_NAME_LENGTH = 120

# The stages a placement goes through, as the needs survey asks about them. An interruption is not
# a stage of its own here: problems met before it belong to the stage at which they happened.
SURVEY_STAGES = tuple((stage_id, label) for stage_id, label in STAGES if stage_id != "interrupted")

# The problems that practitioners report in tutoring, offered at every stage of the needs survey.
PROBLEMS = (
    ("unclear_roles", "Unclear split between mentor and task supervisor"),
    ("weak_handover", "Weak handovers between sending and hosting organisations"),
    ("no_shared_picture", "No shared picture of where the placement stands"),
    ("late_problems", "Problems surfacing late"),
    ("rushed_learning_outcomes", "Learning outcomes written in a hurry"),
    ("mentor_time", "Mentors with little time"),
)
PROBLEM_LABELS = dict(PROBLEMS)
STAGE_LABELS = dict(SURVEY_STAGES)


def stage_field(stage_id: str) -> str:
    """Return the answer key of the problems met at one stage, such as `problems_preparation`."""
    return f"problems_{stage_id}"


@dataclass(frozen=True)
class SurveyResponse:
    """One person's answers to one wave of a survey.

    An anonymous response has neither `respondent_id` nor `respondent_name`; `validate` rejects one
    that has either. `answers` maps a question's name to its answer, as the survey form reads it.
    `language` is the language the survey was shown in; responses stored before it was recorded
    read as English, the only language the survey had then.
    """

    survey_id: str
    wave: str
    role: str
    country: str
    anonymous: bool
    answers: dict[str, Any]
    respondent_id: str | None = None
    respondent_name: str = ""
    language: str = "en"
    response_id: str = field(default_factory=new_submission_id)
    submitted_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))

    def validate(self) -> None:
        problems: dict[str, str] = {}
        if not isinstance(self.survey_id, str) or not SURVEY_ID_PATTERN.match(self.survey_id):
            problems["survey_id"] = (f"{self.survey_id!r} is not a survey id; use lower-case letters, "
                                     "digits and '_', such as 'needs_survey'")
        if self.wave not in WAVES:
            problems["wave"] = f"{self.wave!r} is not one of {', '.join(WAVES)}"
        if self.role not in PERSON_ROLES:
            problems["role"] = f"{self.role!r} is not one of {', '.join(PERSON_ROLES)}"
        if self.country not in COUNTRIES:
            problems["country"] = f"{self.country!r} is not one of {', '.join(COUNTRIES)}"
        if self.language not in LANGUAGES:
            problems["language"] = f"{self.language!r} is not one of {', '.join(LANGUAGES)}"
        if not isinstance(self.anonymous, bool):
            problems["anonymous"] = f"{self.anonymous!r} is not true or false"
        if not isinstance(self.answers, dict):
            problems["answers"] = f"answers must be a mapping of question to answer, not {type(self.answers).__name__}"
        self._check_respondent(problems)
        try:
            check_submission_id(self.response_id)
        except ValidationError as error:
            problems["response_id"] = error.problems["submission_id"]
        if not isinstance(self.submitted_at, dt.datetime):
            problems["submitted_at"] = f"{self.submitted_at!r} is not a date and time"
        if problems:
            raise ValidationError(problems)

    def _check_respondent(self, problems: dict[str, str]) -> None:
        if not isinstance(self.respondent_name, str):
            problems["respondent_name"] = f"{self.respondent_name!r} is not text"
        elif len(self.respondent_name) > MAX_NAME_LENGTH:
            problems["respondent_name"] = (f"is {len(self.respondent_name)} characters long; "
                                           f"the limit is {MAX_NAME_LENGTH}")
        if self.anonymous:
            if self.respondent_id is not None:
                problems["respondent_id"] = "an anonymous response must not name its respondent; leave it empty"
            if self.respondent_name:
                problems["respondent_name"] = "an anonymous response must not name its respondent; leave it empty"
            return
        if self.respondent_id is not None:
            try:
                check_id(self.respondent_id, "respondent_id")
            except ValidationError as error:
                problems.update(error.problems)

    def to_document(self) -> dict[str, Any]:
        document = dataclasses.asdict(self)
        document["submitted_at"] = encode_moment(self.submitted_at)
        return to_json_value(document, "survey response")

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> SurveyResponse:
        return cls(**{**document, "submitted_at": decode_moment(document["submitted_at"])})


def save_response(store: Store, response: SurveyResponse) -> SurveyResponse:
    """Validate and store a response; storing the same `response_id` again keeps the first one.

    Returns the response as stored, so a repeated click on Send never creates a duplicate.
    """
    response.validate()
    document = response.to_document()

    def mutate(database: TinyDB) -> dict[str, Any]:
        table = database.table(RESPONSES_TABLE)
        existing = table.get(lambda stored: stored["response_id"] == response.response_id)
        if existing is not None:
            return dict(existing)
        table.insert(document)
        return document

    saved = store._change(SURVEYS_FILE, mutate)
    log.info("stored survey response %s (%s, wave %s, %s)", response.response_id, response.survey_id,
             response.wave, response.role)
    return SurveyResponse.from_document(saved)


def responses(store: Store, survey_id: str | None = None, wave: str | None = None) -> list[SurveyResponse]:
    """Return the stored responses, optionally of one survey and one wave, oldest first."""
    documents = store._read(SURVEYS_FILE, RESPONSES_TABLE)
    chosen = [SurveyResponse.from_document(document) for document in documents
              if survey_id in (None, document["survey_id"]) and wave in (None, document["wave"])]
    return sorted(chosen, key=lambda response: (response.submitted_at, response.response_id))
