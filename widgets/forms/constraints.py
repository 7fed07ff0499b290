"""The checks behind a field's constraints; each returns the message to show, or None when it holds.

`required`, `min`/`max` and `max_length` are properties of a field; other rules are named in the
field's `constraints` list and looked up in `RULES`, each with its own optional message:

    constraints:
      - rule: not_future            # a date not after today
      - rule: not_past              # a date not before today
      - rule: after                 # a date later than the date answered in another field
        field: start_date
        message: The end date must come after the start date.
      - rule: on_or_after           # a date on or after another field's date
        field: meeting_date
      - rule: identifier            # an id such as FR-VN-13: upper-case letters, digits, single dashes

`after` and `on_or_after` read the other field among the answers of the same repeat row first,
then among the form's answers; they hold while the other field has no date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from typing import TYPE_CHECKING

from omt.errors import ValidationError
from omt.i18n import format_date
from omt.store.ids import check_id
from omt.widgets.forms.i18n import _, in_language

if TYPE_CHECKING:
    # Only for annotations: the definition module imports this one.
    from omt.widgets.forms.definition import FieldDefinition, Rule

# The time zone furthest ahead is UTC+14 (Line Islands). A date counts as future only when it has
# not begun there yet, so a mentor east of the server can always enter their own today.
EARLIEST_TIME_ZONE = dt.timezone(dt.timedelta(hours=14))


def latest_current_date() -> dt.date:
    """Return the date in the time zone that is furthest ahead: no later date has begun anywhere."""
    return dt.datetime.now(EARLIEST_TIME_ZONE).date()


@dataclass(frozen=True)
class CheckContext:
    """Facts the checks use besides the value: today's date (fixed in tests) and the other answers."""

    today: dt.date = field(default_factory=latest_current_date)
    answers: Mapping[str, Any] = field(default_factory=dict)
    language: str = "en"


def is_empty(value: Any) -> bool:
    """Return True for no answer: None, blank text or an empty selection."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set)):
        return not value
    return False


def check_range(definition: FieldDefinition, value: float, language: str = "en") -> str | None:
    low, high = definition.min, definition.max
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    if definition.message:
        return in_language(definition.message, language)
    if low is not None and high is not None:
        return _("Enter a number from {min} to {max}.").format(min=_number(low), max=_number(high))
    if low is not None:
        return _("Enter a number of at least {min}.").format(min=_number(low))
    return _("Enter a number of at most {max}.").format(max=_number(high))


def check_max_length(definition: FieldDefinition, value: str, language: str = "en") -> str | None:
    limit = definition.max_length
    if limit is None or len(value) <= limit:
        return None
    if definition.message:
        return in_language(definition.message, language)
    return _("Shorten this answer to {limit} characters; it has {length}.").format(limit=limit, length=len(value))


def check_not_future(value: Any, rule: Rule, context: CheckContext) -> str | None:
    if not isinstance(value, dt.date) or value <= context.today:
        return None
    return _message(rule, context, _("This date is in the future."))


def check_not_past(value: Any, rule: Rule, context: CheckContext) -> str | None:
    # The earliest current date is two days before the latest one (UTC-12 against UTC+14).
    if not isinstance(value, dt.date) or value >= context.today - dt.timedelta(days=2):
        return None
    return _message(rule, context, _("This date is in the past."))


def check_after(value: Any, rule: Rule, context: CheckContext) -> str | None:
    other = context.answers.get(rule.field or "")
    if not isinstance(value, dt.date) or not isinstance(other, dt.date) or value > other:
        return None
    return _message(rule, context, _("Enter a date after {date}.").format(date=format_date(other, context.language)))


def check_on_or_after(value: Any, rule: Rule, context: CheckContext) -> str | None:
    other = context.answers.get(rule.field or "")
    if not isinstance(value, dt.date) or not isinstance(other, dt.date) or value >= other:
        return None
    return _message(rule, context, _("Enter {date} or a later date.").format(date=format_date(other, context.language)))


def check_identifier(value: Any, rule: Rule, context: CheckContext) -> str | None:
    try:
        check_id(value)
    except ValidationError:
        return _message(rule, context, _("Use upper-case letters, digits and single dashes, such as FR-VN-13."))
    return None


RuleCheck = Callable[[Any, "Rule", CheckContext], "str | None"]

RULES: dict[str, RuleCheck] = {
    "not_future": check_not_future,
    "not_past": check_not_past,
    "after": check_after,
    "on_or_after": check_on_or_after,
    "identifier": check_identifier,
}

# Rules that compare the answer with another field's answer, named in the rule's `field` key.
RULES_WITH_FIELD = frozenset({"after", "on_or_after"})


def _message(rule: Rule, context: CheckContext, default: str) -> str:
    return in_language(rule.message, context.language) if rule.message else default


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
