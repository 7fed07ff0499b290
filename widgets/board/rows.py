"""The placements a viewer may see, and one summary row per placement for the board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from omt.store import Person, Placement, Store, Submission
from omt.store.journey import STAGE_LABELS, JourneyItem, journey, next_item, stage_on
from omt.store.links import placements_of

INCIDENT_FORM = "incident_report"
MEETING_FORM = "meeting_log"
CHECKIN_FORM = "volunteer_checkin"
# Check-ins shown in the wellbeing trend, newest last.
TREND_LENGTH = 6
# The wellbeing scale of the volunteer check-in: 1 (very bad) to 5 (very good).
WELLBEING_MAX = 5


@dataclass(frozen=True)
class BoardRow:
    """Where one placement stands on a given day, as the board shows it."""

    placement_id: str
    volunteer: str
    sending_organisation_id: str
    hosting_organisation_id: str
    countries: tuple[str, ...]
    status: str
    stage: str
    stage_label: str
    next_item: JourneyItem | None
    next_owner: str
    overdue: tuple[JourneyItem, ...]
    open_incidents: tuple[Submission, ...]
    last_contact: dt.date | None
    wellbeing: tuple[int, ...]

    @property
    def organisation_ids(self) -> tuple[str, ...]:
        return (self.sending_organisation_id, self.hosting_organisation_id)


def visible_placements(store: Store, viewer: Person | None = None) -> list[Placement]:
    """Return the placements `viewer` may see, by placement id.

    A coordinator sees the placements where their organisation is the sending, hosting or
    coordinating organisation, so the coordinating organisation's coordinators see their whole
    project. Anyone else sees the placements they are the volunteer, mentor or task supervisor of.
    `viewer` None is for tools that run without a link, such as reports: every placement.
    """
    if viewer is None:
        return sorted(store.placements(), key=lambda placement: placement.placement_id)
    return placements_of(store, viewer)


def board_rows(store: Store, placements: list[Placement], as_of: dt.date) -> list[BoardRow]:
    """Return one row per placement, in the order given, as seen on `as_of`."""
    organisations = {organisation.organisation_id: organisation for organisation in store.organisations()}
    people = {person.person_id: person for person in store.people()}
    rows = []
    for placement in placements:
        submissions = store.submissions(placement.placement_id)
        items = journey(placement, submissions, as_of)
        upcoming = next_item(items)
        rows.append(BoardRow(
            placement_id=placement.placement_id,
            volunteer=people[placement.volunteer_id].name,
            sending_organisation_id=placement.sending_organisation_id,
            hosting_organisation_id=placement.hosting_organisation_id,
            countries=tuple(dict.fromkeys(organisations[organisation_id].country for organisation_id in
                                          (placement.sending_organisation_id, placement.hosting_organisation_id))),
            status=placement.status,
            stage=stage_on(placement, as_of),
            stage_label=STAGE_LABELS[stage_on(placement, as_of)],
            next_item=upcoming,
            next_owner=owner_name(upcoming, placement, store) if upcoming else "",
            overdue=tuple(item for item in items if item.status == "overdue"),
            open_incidents=open_incidents(submissions),
            last_contact=last_contact(submissions),
            wellbeing=wellbeing_trend(submissions),
        ))
    return rows


def owner_name(item: JourneyItem, placement: Placement, store: Store) -> str:
    """Return the name of the person or organisation responsible for `item`."""
    if item.responsible in ("volunteer", "mentor", "task_supervisor"):
        return store.person(getattr(placement, f"{item.responsible}_id")).name
    return store.organisation(getattr(placement, f"{item.responsible}_organisation_id")).name


def open_incidents(submissions: list[Submission]) -> tuple[Submission, ...]:
    """Return the incident reports whose current revision has status "open"."""
    return tuple(s for s in submissions if s.form_id == INCIDENT_FORM and s.answers.get("status") == "open")


def last_contact(submissions: list[Submission]) -> dt.date | None:
    """Return the date of the latest mentor meeting, or None when there was none.

    The meeting's own date counts, not the day its log was saved; a log without a date counts
    on the day it was saved.
    """
    days = [meeting_day(s) for s in submissions if s.form_id == MEETING_FORM]
    return max(days, default=None)


def meeting_day(submission: Submission) -> dt.date:
    day = submission.answers.get("meeting_date")
    return day if isinstance(day, dt.date) else submission.submitted_at.date()


def wellbeing_trend(submissions: list[Submission]) -> tuple[int, ...]:
    """Return the wellbeing of the latest check-ins (1 to 5), oldest first, at most TREND_LENGTH."""
    scores = [s.answers.get("wellbeing") for s in submissions if s.form_id == CHECKIN_FORM]
    valid = [score for score in scores if isinstance(score, int) and 1 <= score <= WELLBEING_MAX]
    return tuple(valid[-TREND_LENGTH:])


def filter_rows(rows: list[BoardRow], organisation_id: str | None = None, country: str | None = None,
                status: str | None = None) -> list[BoardRow]:
    """Return the rows that match every filter given; None matches anything.

    A row matches an organisation or a country through its sending or its hosting organisation.
    """
    return [
        row for row in rows
        if organisation_id in (None, *row.organisation_ids)
        and country in (None, *row.countries)
        and status in (None, row.status)
    ]
