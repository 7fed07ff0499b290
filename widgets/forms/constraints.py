"""The checks behind a field's constraints; each returns the message to show, or None when it holds.

`required`, `min`/`max` and `max_length` are properties of a field; other rules are named in the
field's `constraints` list and looked up in `RULES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from omt.widgets.forms.definition import FieldDefinition
from omt.widgets.forms.i18n import _

# The time zone furthest ahead is UTC+14 (Line Islands). A date counts as future only when it has
# not begun there yet, so a mentor east of the server can always enter their own today.
EARLIEST_TIME_ZONE = dt.timezone(dt.timedelta(hours=14))


def latest_current_date() -> dt.date:
    """Return the date in the time zone that is furthest ahead: no later date has begun anywhere."""
    return dt.datetime.now(EARLIEST_TIME_ZONE).date()


@dataclass(frozen=True)
class CheckContext:
    """Facts the checks use besides the value, such as today's date; tests pass a fixed `today`."""

    today: dt.date = field(default_factory=latest_current_date)


def is_empty(value: Any) -> bool:
    """Return True for no answer: None, blank text or an empty selection."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set)):
        return not value
    return False


def check_range(definition: FieldDefinition, value: float) -> str | None:
    low, high = definition.min, definition.max
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    if definition.message:
        return _(definition.message)
    if low is not None and high is not None:
        return _("Enter a number from {min} to {max}.").format(min=_number(low), max=_number(high))
    if low is not None:
        return _("Enter a number of at least {min}.").format(min=_number(low))
    return _("Enter a number of at most {max}.").format(max=_number(high))


def check_max_length(definition: FieldDefinition, value: str) -> str | None:
    limit = definition.max_length
    if limit is None or len(value) <= limit:
        return None
    if definition.message:
        return _(definition.message)
    return _("Shorten this answer to {limit} characters; it has {length}.").format(limit=limit, length=len(value))


def check_not_future(value: Any, message: str | None, context: CheckContext) -> str | None:
    if not isinstance(value, dt.date) or value <= context.today:
        return None
    return _(message) if message else _("This date is in the future.")


RuleCheck = Callable[[Any, "str | None", CheckContext], "str | None"]

RULES: dict[str, RuleCheck] = {
    "not_future": check_not_future,
}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
