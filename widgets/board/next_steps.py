"""A person's own next steps: the journey items of their placements that they are responsible for.

Volunteers, mentors and task supervisors open the board's link and see this page instead of the
board, which is for coordinators.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from omt.store import Person, Store
from omt.store.journey import JourneyItem, journey
from omt.store.links import placement_parties, placements_of

# Items due later than this many days ahead are left out, so the page stays short.
HORIZON_DAYS = 30
OPEN_STATUSES = ("overdue", "due", "upcoming")
STATUS_LABELS = {"overdue": "Overdue", "due": "Due", "upcoming": "Upcoming"}


@dataclass(frozen=True)
class NextStep:
    """One journey item that the person is responsible for, with its placement."""

    placement_id: str
    item: JourneyItem


def next_steps(store: Store, person: Person, as_of: dt.date) -> list[NextStep]:
    """Return the open items of `person`'s placements that are theirs, due by HORIZON_DAYS, earliest first."""
    horizon = as_of + dt.timedelta(days=HORIZON_DAYS)
    steps = []
    for placement in placements_of(store, person):
        parties = placement_parties(person, placement)
        for item in journey(placement, store.submissions(placement.placement_id), as_of):
            if item.responsible in parties and item.status in OPEN_STATUSES and item.due <= horizon:
                steps.append(NextStep(placement.placement_id, item))
    return sorted(steps, key=lambda step: (step.item.due, step.placement_id, step.item.item_id))


def next_steps_html(person: Person, steps: list[NextStep], as_of: dt.date) -> str:
    """Return the page: a greeting, then one line per step with its placement, due day and status."""
    title = f"<h2>{escape(person.name)}: your next steps on {as_of.isoformat()}</h2>"
    if not steps:
        return f'{title}<p class="omt-no-steps">Nothing is due in the next {HORIZON_DAYS} days.</p>'
    items = "".join(
        f'<li class="omt-step omt-step-{step.item.status}"><b>{escape(step.item.label)}</b> '
        f'<span class="omt-muted">{escape(step.placement_id)}, due {step.item.due.isoformat()}</span> '
        f'<span class="omt-step-status">{STATUS_LABELS[step.item.status]}</span></li>'
        for step in steps
    )
    return f'{title}<ul class="omt-next-steps">{items}</ul>'
