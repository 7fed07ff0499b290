"""Field checks shared by the parsers of every question kind.

Each check appends a message to `problems` instead of raising, so that a question file's problems
are all reported at once, and returns a harmless value so that parsing can go on.
"""

from __future__ import annotations

import re
from typing import Any

from omt.errors import OmtError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]{0,59}$")


class QuestionError(OmtError):
    """A question file is missing, is not valid YAML, or does not describe valid questions."""


def check_unique(ids: list[str], where: str, problems: list[str]) -> None:
    repeated = sorted({item for item in ids if ids.count(item) > 1})
    if repeated:
        problems.append(f"{where}: ids used more than once: {', '.join(repeated)}")


def require_text(data: dict[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: {key} is missing; write it as text")
        return ""
    return value.strip()


def require_identifier(data: dict[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        problems.append(f"{where}: {key} {value!r} is invalid; use lower-case letters, digits "
                        "and underscores, up to 60 characters")
        return ""
    return value


def require_list(data: dict[str, Any], key: str, where: str, problems: list[str]) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        problems.append(f"{where}: {key} is missing; write it as a list")
        return []
    return value
