"""Every submission of one placement, oldest first, as the board's timeline shows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from omt.store import Store, Submission
from omt.widgets.forms.definition import DefinitionError, load_definition

# The longest answer shown in a summary, in characters; the rest is cut with "…". Every answer
# keeps its place, so a short one such as an incident's status is never cut off by a long one.
ANSWER_MAX_LENGTH = 80


@dataclass(frozen=True)
class TimelineEntry:
    """One submission as a line of the timeline."""

    submission_id: str
    day: dt.date
    form_title: str
    author: str
    role: str
    revision: int
    summary: str


def placement_timeline(store: Store, placement_id: str) -> list[TimelineEntry]:
    """Return the current revision of every submission of the placement, oldest first."""
    names = {person.person_id: person.name for person in store.people()}
    return [
        TimelineEntry(
            submission_id=submission.submission_id,
            day=submission.submitted_at.date(),
            form_title=form_title(submission.form_id),
            author=names.get(submission.author_id, submission.author_id),
            role=submission.role.replace("_", " "),
            revision=submission.revision,
            summary=summarise_answers(submission),
        )
        for submission in store.submissions(placement_id)
    ]


@lru_cache(maxsize=64)
def form_title(form_id: str) -> str:
    """Return the title of the form's definition, or its id in words when it has no definition."""
    try:
        return load_definition(form_id).title
    except DefinitionError:
        return form_id.replace("_", " ").capitalize()


def summarise_answers(submission: Submission) -> str:
    """Return the answers as "field: value" pairs, each value cut at ANSWER_MAX_LENGTH characters."""
    pairs = []
    for name, value in submission.answers.items():
        text = answer_text(value)
        if len(text) > ANSWER_MAX_LENGTH:
            text = text[:ANSWER_MAX_LENGTH - 1].rstrip() + "…"
        if text:
            pairs.append(f"{name.replace('_', ' ')}: {text}")
    return "; ".join(pairs)


def answer_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(answer_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key.replace('_', ' ')} {answer_text(item)}" for key, item in value.items())
    return "" if value is None else str(value)
