"""The records of the store, validated before they are written.

Each record turns into a JSON document with `to_document()` and back with `from_document()`.
`validate()` raises ValidationError with one message per wrong field, naming the value and the problem.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from omt.errors import ValidationError
from omt.store.codec import decode_answers, decode_date, decode_moment, encode_moment, to_json_value
from omt.store.ids import check_id, check_submission_id
from omt.store.vocabulary import (
    COUNTRIES,
    LANGUAGES,
    ORGANISATION_ROLES,
    PERSON_ROLES,
    PLACEMENT_STATUSES,
)


def _require_text(problems: dict[str, str], name: str, value: object, max_length: int = 200) -> None:
    if not isinstance(value, str) or not value.strip():
        problems[name] = f"{value!r} is missing; enter a {name.replace('_', ' ')}"
    elif len(value) > max_length:
        problems[name] = f"is {len(value)} characters long; the limit is {max_length}"


def _require_choice(problems: dict[str, str], name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        problems[name] = f"{value!r} is not one of {', '.join(allowed)}"


def _check_id_into(problems: dict[str, str], name: str, value: object, optional: bool = False) -> None:
    if optional and value is None:
        return
    try:
        check_id(value, name)
    except ValidationError as error:
        problems.update(error.problems)


def _check_filled_form(problems: dict[str, str], form_id: object, form_version: object, language: object,
                       answers: object) -> None:
    """Check what every filled form records: which form, its version, the language and the answers."""
    _require_text(problems, "form_id", form_id, max_length=60)
    if not isinstance(form_version, int) or form_version < 1:
        problems["form_version"] = f"{form_version!r} is not a positive whole number"
    _require_choice(problems, "language", language, LANGUAGES)
    if not isinstance(answers, dict):
        problems["answers"] = f"answers must be a mapping of field to value, not {type(answers).__name__}"


def _raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


@dataclass(frozen=True)
class Organisation:
    """A youth organisation taking part as sending, hosting and/or coordinating organisation."""

    organisation_id: str
    name: str
    country: str
    roles: tuple[str, ...]
    city: str = ""

    def validate(self) -> None:
        problems: dict[str, str] = {}
        _check_id_into(problems, "organisation_id", self.organisation_id)
        _require_text(problems, "name", self.name)
        _require_choice(problems, "country", self.country, tuple(COUNTRIES))
        if not self.roles or any(role not in ORGANISATION_ROLES for role in self.roles):
            problems["roles"] = f"{list(self.roles)!r} must list one or more of {', '.join(ORGANISATION_ROLES)}"
        _raise_if(problems)

    def to_document(self) -> dict[str, Any]:
        return to_json_value(dataclasses.asdict(self))

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Organisation:
        return cls(**{**document, "roles": tuple(document["roles"])})


@dataclass(frozen=True)
class Person:
    """A volunteer, mentor, task supervisor, coordinator or youth worker."""

    person_id: str
    name: str
    role: str
    organisation_id: str | None
    language: str = "en"
    email: str = ""
    phone: str = ""

    def validate(self) -> None:
        problems: dict[str, str] = {}
        _check_id_into(problems, "person_id", self.person_id)
        _require_text(problems, "name", self.name)
        _require_choice(problems, "role", self.role, PERSON_ROLES)
        _check_id_into(problems, "organisation_id", self.organisation_id, optional=self.role == "volunteer")
        _require_choice(problems, "language", self.language, LANGUAGES)
        if self.email and "@" not in self.email:
            problems["email"] = f"{self.email!r} is not an e-mail address"
        _raise_if(problems)

    def to_document(self) -> dict[str, Any]:
        return to_json_value(dataclasses.asdict(self))

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Person:
        return cls(**document)


@dataclass(frozen=True)
class Placement:
    """One volunteer's stay abroad, with the organisations and people who support it."""

    placement_id: str
    volunteer_id: str
    sending_organisation_id: str
    hosting_organisation_id: str
    coordinating_organisation_id: str
    mentor_id: str
    task_supervisor_id: str
    start_date: dt.date
    end_date: dt.date
    status: str = "planned"
    activity: str = ""
    interrupted_on: dt.date | None = None

    def validate(self) -> None:
        problems: dict[str, str] = {}
        for name in ("placement_id", "volunteer_id", "sending_organisation_id", "hosting_organisation_id",
                     "coordinating_organisation_id", "mentor_id", "task_supervisor_id"):
            _check_id_into(problems, name, getattr(self, name))
        for name in ("start_date", "end_date"):
            if not isinstance(getattr(self, name), dt.date):
                problems[name] = f"{getattr(self, name)!r} is not a date; use YYYY-MM-DD"
        if "start_date" not in problems and "end_date" not in problems and self.end_date <= self.start_date:
            problems["end_date"] = (f"end date {self.end_date.isoformat()} is not after start date "
                                    f"{self.start_date.isoformat()}")
        _require_choice(problems, "status", self.status, PLACEMENT_STATUSES)
        if self.status == "interrupted" and not isinstance(self.interrupted_on, dt.date):
            problems["interrupted_on"] = "an interrupted placement needs the date it was interrupted"
        _raise_if(problems)

    def to_document(self) -> dict[str, Any]:
        return to_json_value(dataclasses.asdict(self))

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Placement:
        values = dict(document)
        for name in ("start_date", "end_date", "interrupted_on"):
            values[name] = decode_date(values.get(name))
        return cls(**values)

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days


@dataclass(frozen=True)
class Submission:
    """One revision of a filled form. Revisions are never overwritten: an edit adds revision n+1."""

    submission_id: str
    placement_id: str
    form_id: str
    form_version: int
    author_id: str
    role: str
    language: str
    answers: dict[str, Any]
    submitted_at: dt.datetime
    revision: int = 1
    edited_by: str | None = None

    def validate(self) -> None:
        problems: dict[str, str] = {}
        try:
            check_submission_id(self.submission_id)
        except ValidationError as error:
            problems.update(error.problems)
        _check_id_into(problems, "placement_id", self.placement_id)
        _check_id_into(problems, "author_id", self.author_id)
        _require_choice(problems, "role", self.role, PERSON_ROLES)
        _check_filled_form(problems, self.form_id, self.form_version, self.language, self.answers)
        _raise_if(problems)

    def to_document(self) -> dict[str, Any]:
        document = dataclasses.asdict(self)
        document["submitted_at"] = encode_moment(self.submitted_at)
        return to_json_value(document, "submission")

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Submission:
        values = dict(document)
        values["submitted_at"] = decode_moment(values["submitted_at"])
        values["answers"] = decode_answers(values["answers"])
        return cls(**values)


@dataclass(frozen=True)
class Attempt:
    """A trainee's answer to one exercise of the training module."""

    trainee: str
    module: str
    exercise_id: str
    answer: Any
    correct: bool | None
    answered_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))

    def validate(self) -> None:
        problems: dict[str, str] = {}
        _require_text(problems, "trainee", self.trainee, max_length=80)
        _require_text(problems, "module", self.module, max_length=80)
        _require_text(problems, "exercise_id", self.exercise_id, max_length=80)
        _raise_if(problems)

    def to_document(self) -> dict[str, Any]:
        document = dataclasses.asdict(self)
        document["answered_at"] = encode_moment(self.answered_at)
        return to_json_value(document, "attempt")

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Attempt:
        return cls(**{**document, "answered_at": decode_moment(document["answered_at"])})


@dataclass(frozen=True)
class Activity:
    """One revision of a filled form about a person's activity outside placements, such as job shadowing.

    Revisions are never overwritten: an edit adds revision n+1 with the same `activity_id`.
    """

    activity_id: str
    person_id: str
    form_id: str
    form_version: int
    language: str
    answers: dict[str, Any]
    submitted_at: dt.datetime
    revision: int = 1

    def validate(self) -> None:
        problems: dict[str, str] = {}
        try:
            check_submission_id(self.activity_id)
        except ValidationError as error:
            problems["activity_id"] = error.problems["submission_id"]
        _check_id_into(problems, "person_id", self.person_id)
        _check_filled_form(problems, self.form_id, self.form_version, self.language, self.answers)
        _raise_if(problems)

    def to_document(self) -> dict[str, Any]:
        document = dataclasses.asdict(self)
        document["submitted_at"] = encode_moment(self.submitted_at)
        return to_json_value(document, "activity")

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Activity:
        values = dict(document)
        values["submitted_at"] = decode_moment(values["submitted_at"])
        values["answers"] = decode_answers(values["answers"])
        return cls(**values)


@dataclass(frozen=True)
class DraftKey:
    """Whose draft of which form for which placement: one draft per key.

    `placement_id` is None for a page that belongs to no placement, such as placement registration
    or job shadowing: the draft is then kept with the author's other drafts of such pages.
    """

    placement_id: str | None
    form_id: str
    author_id: str

    def matches(self, document: dict[str, Any]) -> bool:
        return document.get("form_id") == self.form_id and document.get("author_id") == self.author_id


@dataclass(frozen=True)
class Draft:
    """The content of a form page that was not saved yet, as the page stored it, and when (UTC)."""

    values: dict[str, Any]
    saved_at: dt.datetime
