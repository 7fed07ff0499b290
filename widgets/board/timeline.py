"""Every submission of one placement, oldest first, as the board's timeline shows it.

The timeline is in the reader's language: form titles, question labels and choices come from the
form definitions, which carry their own translations, and dates follow the language's custom.
Free text stays as its author wrote it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from omt.i18n import format_date
from omt.store import Store, Submission
from omt.widgets.forms.definition import DefinitionError, FieldDefinition, FormDefinition, load_definition
from omt.widgets.forms.i18n import N_, in_language

# The longest answer shown in a summary, in characters; the rest is cut with "…". Every answer
# keeps its place, so a short one such as an incident's status is never cut off by a long one.
ANSWER_MAX_LENGTH = 80
# Dates in the timeline: the month abbreviated, such as "4 déc. 2026", so that lines stay short.
DATE_LENGTH = "medium"
ROLE_NAMES = {"volunteer": N_("Volunteer"), "mentor": N_("Mentor"), "task_supervisor": N_("Task supervisor"),
              "coordinator": N_("Coordinator"), "youth_worker": N_("Youth worker")}
YES = N_("Yes")
NO = N_("No")


@dataclass(frozen=True)
class TimelineEntry:
    """One submission as a line of the timeline, in the language it was made for."""

    submission_id: str
    day: dt.date
    form_title: str
    author: str
    role: str
    revision: int
    summary: str


def placement_timeline(store: Store, placement_id: str, language: str = "en") -> list[TimelineEntry]:
    """Return the current revision of every submission of the placement, oldest first, in `language`."""
    names = {person.person_id: person.name for person in store.people()}
    return [
        TimelineEntry(
            submission_id=submission.submission_id,
            day=submission.submitted_at.date(),
            form_title=form_title(submission.form_id, language),
            author=names.get(submission.author_id, submission.author_id),
            role=role_name(submission.role, language),
            revision=submission.revision,
            summary=summarise_answers(submission, language),
        )
        for submission in store.submissions(placement_id)
    ]


@lru_cache(maxsize=64)
def definition_of(form_id: str) -> FormDefinition | None:
    """Return the form's definition, or None for a form stored without a definition file."""
    try:
        return load_definition(form_id)
    except DefinitionError:
        return None


def form_title(form_id: str, language: str = "en") -> str:
    """Return the title of the form's definition in `language`, or its id in words when it has no definition."""
    definition = definition_of(form_id)
    return in_language(definition.title, language) if definition else words(form_id)


def role_name(role: str, language: str) -> str:
    """Return a person role such as `task_supervisor` as a word of `language`."""
    return in_language(ROLE_NAMES[role], language) if role in ROLE_NAMES else words(role)


def summarise_answers(submission: Submission, language: str = "en") -> str:
    """Return the answers as "question: answer" pairs, each answer cut at ANSWER_MAX_LENGTH characters."""
    definition = definition_of(submission.form_id)
    fields = {field.name: field for field in definition.fields} if definition else {}
    pairs = []
    for name, value in submission.answers.items():
        field = fields.get(name)
        text = answer_text(value, field, language)
        if len(text) > ANSWER_MAX_LENGTH:
            text = text[:ANSWER_MAX_LENGTH - 1].rstrip() + "…"
        if text:
            pairs.append(f"{field_label(field, name, language)}: {text}")
    return "; ".join(pairs)


def answer_text(value: Any, field: FieldDefinition | None, language: str) -> str:
    """Return an answer as text: choices by their label, dates as `language` writes them, groups by key."""
    if isinstance(value, bool):
        return in_language(YES if value else NO, language)
    if isinstance(value, dt.date):
        return format_date(value, language, DATE_LENGTH)
    if isinstance(value, list):
        return ", ".join(answer_text(item, field, language) for item in value)
    if isinstance(value, dict):
        sub_fields = {sub_field.name: sub_field for sub_field in field.fields} if field else {}
        return ", ".join(f"{field_label(sub_fields.get(key), key, language)} "
                         f"{answer_text(item, sub_fields.get(key), language)}" for key, item in value.items())
    if value is None:
        return ""
    return choice_label(value, field, language)


def choice_label(value: Any, field: FieldDefinition | None, language: str) -> str:
    """Return the label of the field's choice `value` in `language`, or the value as text."""
    for choice in field.choices if field else ():
        if choice.value == value:
            return in_language(choice.label, language)
    return str(value)


def field_label(field: FieldDefinition | None, name: str, language: str) -> str:
    """Return the field's label in `language`, or its stored name in words when the definition lacks it."""
    return in_language(field.label, language) if field else words(name)


def words(key: str) -> str:
    """Return a stored key as words, such as "training date" for `training_date`."""
    return key.replace("_", " ")
