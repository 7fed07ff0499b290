"""Identifiers: checked before they name a file, and generated for new records."""

from __future__ import annotations

import re
import uuid

from omt.errors import ValidationError

# Upper-case letters, digits and single dashes, such as "FR-VN-01": safe as a file name everywhere.
ID_PATTERN = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
MAX_ID_LENGTH = 40


def check_id(value: object, field: str = "id") -> str:
    """Return `value` when it is a valid identifier, else raise ValidationError naming it."""
    if not isinstance(value, str) or not value:
        raise ValidationError({field: f"{value!r} is missing or not text; use an id such as 'FR-VN-01'"})
    if len(value) > MAX_ID_LENGTH or not ID_PATTERN.match(value):
        raise ValidationError(
            {field: f"{value!r} is not a valid id; use upper-case letters, digits and single dashes, "
                    f"at most {MAX_ID_LENGTH} characters, such as 'FR-VN-01'"}
        )
    return value


def new_submission_id() -> str:
    """Return a new random submission id (32 hexadecimal digits)."""
    return uuid.uuid4().hex


SUBMISSION_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def check_submission_id(value: object) -> str:
    """Return `value` when it is a submission id made by `new_submission_id`."""
    if not isinstance(value, str) or not SUBMISSION_ID_PATTERN.match(value):
        raise ValidationError({"submission_id": f"{value!r} is not a submission id (32 hexadecimal digits)"})
    return value
