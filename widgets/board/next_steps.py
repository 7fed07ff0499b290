"""A person's own next steps: the journey items of their placements that they are responsible for.

Volunteers, mentors and task supervisors open the board's link and see this page instead of the
board, which is for coordinators. The page is in the current language of `omt.i18n`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from omt.i18n import current_language, format_date
from omt.store import Person, Store
from omt.store.journey import JourneyItem, journey
from omt.store.links import placement_parties, placements_of
from omt.widgets.forms.i18n import N_, _, ngettext

# Items due later than this many days ahead are left out, so the page stays short.
HORIZON_DAYS = 30
OPEN_STATUSES = ("overdue", "due", "upcoming")
STATUS_LABELS = {"overdue": N_("Overdue"), "due": N_("Due"), "upcoming": N_("Upcoming")}
# Due days in the list: the month abbreviated, such as "4 déc. 2026", so that lines stay short.
DATE_LENGTH = "medium"


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
    language = current_language()
    heading = _("{name}: your next steps on {date}").format(name=person.name, date=format_date(as_of, language))
    title = f"<h2>{escape(heading)}</h2>"
    if not steps:
        empty = ngettext("Nothing is due in the next {days} day.", "Nothing is due in the next {days} days.",
                         HORIZON_DAYS).format(days=HORIZON_DAYS)
        return f'{title}<p class="omt-no-steps">{escape(empty)}</p>'
    return f'{title}<ul class="omt-next-steps">{"".join(step_html(step, language) for step in steps)}</ul>'


def step_html(step: NextStep, language: str) -> str:
    """Return one step as a list item: the journey item, its placement and due day, and its status."""
    where = _("{placement_id}, due {date}").format(placement_id=step.placement_id,
                                                   date=format_date(step.item.due, language, DATE_LENGTH))
    return (f'<li class="omt-step omt-step-{step.item.status}"><b>{escape(step.item.label_in(language))}</b> '
            f'<span class="omt-muted">{escape(where)}</span> '
            f'<span class="omt-step-status">{escape(_(STATUS_LABELS[step.item.status]))}</span></li>')
