"""Conversion between Python values and the JSON kept on disk.

Dates are stored as ISO 8601 text: `YYYY-MM-DD` for a date, `YYYY-MM-DDTHH:MM:SS+00:00` for a
moment (always UTC). Sets become sorted lists, Decimals become text so that no digit is lost, and
tuples become lists. Every document is encoded in memory before any file is touched, so a value that
cannot be stored raises before the write starts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from omt.errors import ValidationError

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_json_value(value: Any, where: str = "value") -> Any:
    """Return `value` made of JSON types only, or raise ValidationError naming `where`."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError({where: f"{value!r} is not a finite number"})
        return value
    if isinstance(value, dt.datetime):
        return encode_moment(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(to_json_value(item, where) for item in value)
    if isinstance(value, (list, tuple)):
        return [to_json_value(item, f"{where}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        return {str(key): to_json_value(item, f"{where}.{key}") for key, item in value.items()}
    raise ValidationError({where: f"a value of type {type(value).__name__} cannot be stored"})


def encode_moment(moment: dt.datetime) -> str:
    """Return a moment as UTC ISO 8601 text; a naive moment is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def decode_date(text: str | None) -> dt.date | None:
    """Return the date stored as `YYYY-MM-DD`, or None."""
    return dt.date.fromisoformat(text) if text else None


def decode_moment(text: str | None) -> dt.datetime | None:
    """Return the UTC moment stored as ISO 8601 text, or None."""
    return dt.datetime.fromisoformat(text) if text else None


def decode_answers(value: Any) -> Any:
    """Return answers with every `YYYY-MM-DD` text turned back into a date."""
    if isinstance(value, str) and DATE_PATTERN.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return [decode_answers(item) for item in value]
    if isinstance(value, dict):
        return {key: decode_answers(item) for key, item in value.items()}
    return value


# Compact, on one line: every change rewrites a whole file, and with `indent` the json module uses
# its pure-Python encoder, about three times slower than the C one. Encoding each document on its
# own line costs about twice as much as one call for the whole file.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(document: Any) -> str:
    """Return the compact JSON text of a document already made of JSON types."""
    return _ENCODER.encode(document)
