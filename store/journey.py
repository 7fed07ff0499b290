"""The stage a placement is at on a given day.

A first, fixed version of the journey: the stages of the field, placed by the placement's dates.
Arrival and induction is the first four weeks; the mid-term evaluation is the four weeks around
the middle of placements longer than six months; the final evaluation is the last four weeks.
"""

from __future__ import annotations

import datetime as dt

from omt.store.models import Placement

STAGES = (
    ("preparation", "Preparation"),
    ("arrival_induction", "Arrival and induction"),
    ("regular_support", "Regular support"),
    ("mid_term", "Mid-term evaluation"),
    ("final_evaluation", "Final evaluation and learning recognition"),
    ("return_follow_up", "Return and follow-up"),
    ("interrupted", "Interrupted"),
)
STAGE_LABELS = dict(STAGES)

INDUCTION_DAYS = 28
WINDOW_DAYS = 28
MID_TERM_MIN_DAYS = 183  # "longer than six months"


def stage_on(placement: Placement, day: dt.date) -> str:
    """Return the id of the stage `placement` is at on `day`."""
    if placement.status == "interrupted":
        return "interrupted"
    if placement.status == "returned" or day > placement.end_date:
        return "return_follow_up"
    if day < placement.start_date or placement.status == "planned":
        return "preparation"
    if day < placement.start_date + dt.timedelta(days=INDUCTION_DAYS):
        return "arrival_induction"
    if day > placement.end_date - dt.timedelta(days=WINDOW_DAYS):
        return "final_evaluation"
    if placement.duration_days > MID_TERM_MIN_DAYS and abs((day - midpoint(placement)).days) <= WINDOW_DAYS // 2:
        return "mid_term"
    return "regular_support"


def midpoint(placement: Placement) -> dt.date:
    return placement.start_date + dt.timedelta(days=placement.duration_days // 2)
