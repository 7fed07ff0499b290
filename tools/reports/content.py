"""The facts of one placement report, read from the store.

`load_report` gathers everything the template shows into a `PlacementReport`: the people and
organisations by name, the stage on the report's day, the wellbeing check-ins and the meeting logs.
Only submissions dated on or before that day are kept, so a report built for an earlier day shows
what was known then. Nothing here formats HTML; see `omt.tools.reports.render`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from omt.errors import ValidationError
from omt.store import Placement, Store, Submission, open_store
from omt.store.ids import check_id
from omt.store.journey import stage_on
from omt.tools.reports.labels import check_language

log = logging.getLogger(__name__)

MEETING_FORM = "meeting_log"
CHECKIN_FORM = "volunteer_checkin"


@dataclass(frozen=True)
class Meeting:
    """One row of the meeting log, from a `meeting_log` submission."""

    meeting_date: dt.date | None
    duration_minutes: int | None
    topics: tuple[str, ...]
    notes: str
    actions: str


@dataclass(frozen=True)
class Checkin:
    """One wellbeing score from a `volunteer_checkin` submission."""

    day: dt.date
    wellbeing: int


@dataclass(frozen=True)
class PlacementReport:
    """The facts of one placement report, with the report's language and day."""

    placement: Placement
    language: str
    as_of: dt.date
    volunteer: str
    sending_organisation: str
    hosting_organisation: str
    coordinating_organisation: str
    mentor: str
    task_supervisor: str
    stage: str
    checkins: tuple[Checkin, ...]
    meetings: tuple[Meeting, ...]


def parse_as_of(as_of: str | dt.date | None) -> dt.date:
    """Return the report's day from ISO text (YYYY-MM-DD), a date, or None for today."""
    if as_of is None or as_of == "":
        return dt.date.today()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise ValidationError({"as_of": f"{as_of!r} is not a date; use YYYY-MM-DD"}) from None


def load_report(placement_id: str, language: str = "en", as_of: str | dt.date | None = None,
                store: Store | str | None = None) -> PlacementReport:
    """Read one placement's report from `store` (a Store, a folder, or None for the configured one)."""
    check_id(placement_id, "placement_id")
    check_language(language)
    day = parse_as_of(as_of)
    store = store if isinstance(store, Store) else open_store(store)
    placement = store.placement(placement_id)
    return PlacementReport(
        placement=placement,
        language=language,
        as_of=day,
        volunteer=store.person(placement.volunteer_id).name,
        sending_organisation=store.organisation(placement.sending_organisation_id).name,
        hosting_organisation=store.organisation(placement.hosting_organisation_id).name,
        coordinating_organisation=store.organisation(placement.coordinating_organisation_id).name,
        mentor=store.person(placement.mentor_id).name,
        task_supervisor=store.person(placement.task_supervisor_id).name,
        stage=stage_on(placement, day),
        checkins=checkins_until(store.submissions(placement_id, CHECKIN_FORM), day),
        meetings=meetings_until(store.submissions(placement_id, MEETING_FORM), day),
    )


def checkins_until(submissions: list[Submission], day: dt.date) -> tuple[Checkin, ...]:
    """Return the wellbeing scores submitted on or before `day`, oldest first."""
    checkins = []
    for submission in submissions:
        submitted_on = submission.submitted_at.date()
        wellbeing = submission.answers.get("wellbeing")
        if submitted_on > day:
            continue
        if isinstance(wellbeing, bool) or not isinstance(wellbeing, int):
            log.warning("check-in %s of placement %s has no whole-number wellbeing score; left out",
                        submission.submission_id, submission.placement_id)
            continue
        checkins.append(Checkin(submitted_on, wellbeing))
    return tuple(sorted(checkins, key=lambda checkin: checkin.day))


def meetings_until(submissions: list[Submission], day: dt.date) -> tuple[Meeting, ...]:
    """Return the meetings held on or before `day`, oldest first.

    A meeting without a valid date is dated by its submission, so that it is neither lost nor
    shown out of order.
    """
    meetings = []
    for submission in submissions:
        meeting = meeting_from_answers(submission.answers)
        shown_on = meeting.meeting_date or submission.submitted_at.date()
        if shown_on <= day:
            meetings.append((shown_on, meeting))
    meetings.sort(key=lambda pair: pair[0])
    return tuple(meeting for _, meeting in meetings)


def meeting_from_answers(answers: dict[str, Any]) -> Meeting:
    """Return the meeting stored by a `meeting_log` submission; a missing or mistyped field is left empty."""
    meeting_date = answers.get("meeting_date")
    duration = answers.get("duration_minutes")
    topics = answers.get("topics") or ()
    return Meeting(
        meeting_date=meeting_date if isinstance(meeting_date, dt.date) else None,
        duration_minutes=duration if isinstance(duration, int) and not isinstance(duration, bool) else None,
        topics=tuple(str(topic) for topic in (topics if isinstance(topics, list) else [topics])),
        notes=str(answers.get("notes") or ""),
        actions=str(answers.get("actions") or ""),
    )


def topic_labels(language: str) -> dict[str, str]:
    """Return the meeting topics' labels from the meeting log form's definition.

    A label may be plain text or a mapping of language to text. When the definition cannot be read,
    the result is empty and the report shows the topic ids.
    """
    try:
        definition_file = resources.files("omt.widgets") / "forms" / "definitions" / f"{MEETING_FORM}.yaml"
        definition = yaml.safe_load(definition_file.read_text(encoding="utf-8"))
        field = next(f for f in definition["fields"] if f.get("name") == "topics")
        choices = field["choices"]
    except (OSError, ModuleNotFoundError, yaml.YAMLError, KeyError, TypeError, StopIteration) as error:
        log.warning("meeting topics shown as ids: the meeting log form's definition cannot be read (%s)", error)
        return {}
    labels = {}
    for choice in choices:
        text = choice.get("label", choice.get("value"))
        if isinstance(text, dict):
            text = text.get(language) or text.get("en") or choice.get("value")
        labels[str(choice.get("value"))] = str(text)
    return labels
