"""The facts of one placement report, read from the store.

`load_report` gathers everything the template shows into a `PlacementReport`: the people and
organisations by name, the stage and the journey items on the report's day, the wellbeing
check-ins, the meeting logs, the competence self-assessments and the incidents. Only submissions
made on or before that day are kept, so a report built for an earlier day shows what was known
then. Nothing here formats HTML; see `omt.tools.reports.render`.
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
from omt.store.journey import JourneyItem, journey, stage_on
from omt.store.vocabulary import KEY_COMPETENCES
from omt.tools.reports.labels import check_language

log = logging.getLogger(__name__)

MEETING_FORM = "meeting_log"
CHECKIN_FORM = "volunteer_checkin"
SELF_ASSESSMENT_FORM = "competence_self_assessment"
INCIDENT_FORM = "incident_report"
SELF_ASSESSMENT_PHASES = ("start", "middle", "end")
# NOTE: the 1-to-5 scale is the demo data's; no self-assessment form definition fixes it yet.
COMPETENCE_SCALE = (1, 5)
# Journey items that are still to be done by someone on the report's day.
OPEN_STATUSES = ("overdue", "due")


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
    wants_to_talk: bool = False


@dataclass(frozen=True)
class SelfAssessment:
    """The volunteer's scores of the key competences at one phase, from `competence_self_assessment`."""

    phase: str
    day: dt.date
    scores: dict[str, int]


@dataclass(frozen=True)
class Incident:
    """One `incident_report` submission, its free text as written."""

    incident_date: dt.date | None
    severity: str
    category: str
    what_happened: str
    actions_taken: str
    status: str
    follow_up: str


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
    journey: tuple[JourneyItem, ...] = ()
    self_assessments: tuple[SelfAssessment, ...] = ()
    incidents: tuple[Incident, ...] = ()

    @property
    def meetings_planned(self) -> int:
        """Return how many mentor meetings the journey planned up to the report's day."""
        return sum(1 for item in self.journey
                   if item.form_id == MEETING_FORM and item.due <= self.as_of and item.status != "cancelled")

    @property
    def last_meeting(self) -> Meeting | None:
        return self.meetings[-1] if self.meetings else None

    def open_items(self) -> tuple[JourneyItem, ...]:
        """Return the journey items overdue or due on the report's day, earliest first."""
        return tuple(item for item in self.journey if item.status in OPEN_STATUSES)


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
    submissions = [submission for submission in store.submissions(placement_id)
                   if submission.submitted_at.date() <= day]
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
        checkins=checkins_until(of_form(submissions, CHECKIN_FORM), day),
        meetings=meetings_until(of_form(submissions, MEETING_FORM), day),
        journey=tuple(journey(placement, submissions, day)),
        self_assessments=self_assessments_of(of_form(submissions, SELF_ASSESSMENT_FORM)),
        incidents=incidents_of(of_form(submissions, INCIDENT_FORM)),
    )


def of_form(submissions: list[Submission], form_id: str) -> list[Submission]:
    return [submission for submission in submissions if submission.form_id == form_id]


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
        checkins.append(Checkin(submitted_on, wellbeing, submission.answers.get("wants_to_talk") is True))
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
        actions=actions_text(answers),
    )


def actions_text(answers: dict[str, Any]) -> str:
    """Return a meeting's agreed actions as one line.

    The meeting log stores `action_items` (rows of action, owner and due date); logs written
    before those rows existed have one free-text `actions` answer instead.
    """
    items = answers.get("action_items")
    if not isinstance(items, list):
        return str(answers.get("actions") or "")
    parts = []
    for item in items:
        if not isinstance(item, dict) or not str(item.get("action") or "").strip():
            continue
        details = [str(item[key]) for key in ("owner", "due_date") if item.get(key)]
        parts.append(f"{item['action']} ({', '.join(details)})" if details else str(item["action"]))
    return "; ".join(parts)


def self_assessments_of(submissions: list[Submission]) -> tuple[SelfAssessment, ...]:
    """Return the latest self-assessment of each phase, in the order start, middle, end.

    A score that is not a whole number on the scale, or of an unknown competence, is left out
    with a warning, so that one bad answer does not hide the rest.
    """
    known = {competence for competence, _ in KEY_COMPETENCES}
    low, high = COMPETENCE_SCALE
    latest: dict[str, SelfAssessment] = {}
    for submission in submissions:  # oldest first, so a later one replaces an earlier one
        phase = submission.answers.get("phase")
        scores = submission.answers.get("scores")
        if phase not in SELF_ASSESSMENT_PHASES or not isinstance(scores, dict):
            log.warning("self-assessment %s of placement %s has no valid phase or scores; left out",
                        submission.submission_id, submission.placement_id)
            continue
        kept = {}
        for competence, score in scores.items():
            if competence in known and isinstance(score, int) and not isinstance(score, bool) and low <= score <= high:
                kept[competence] = score
            else:
                log.warning("self-assessment %s: score %r of %r left out", submission.submission_id, score, competence)
        latest[phase] = SelfAssessment(phase, submission.submitted_at.date(), kept)
    return tuple(latest[phase] for phase in SELF_ASSESSMENT_PHASES if phase in latest)


def incidents_of(submissions: list[Submission]) -> tuple[Incident, ...]:
    """Return the incidents reported, oldest first; a missing field is left empty."""
    incidents = []
    for submission in submissions:
        answers = submission.answers
        incident_date = answers.get("incident_date")
        incidents.append(Incident(
            incident_date=incident_date if isinstance(incident_date, dt.date) else None,
            severity=str(answers.get("severity") or ""),
            category=str(answers.get("category") or ""),
            what_happened=str(answers.get("what_happened") or ""),
            actions_taken=str(answers.get("actions_taken") or ""),
            status=str(answers.get("status") or ""),
            follow_up=str(answers.get("follow_up") or ""),
        ))
    return tuple(incidents)


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
