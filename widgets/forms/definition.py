"""Form definitions: forms written as data (YAML), checked when they are loaded.

A definition, in the spirit of XLSForm, lists the fields of one form in order:

    form_id: meeting_log
    version: 1
    title: Mentor meeting log
    role: mentor                 # who fills it in; the placement's `<role>_id` is the author
    intro: ...
    fields:
      - name: duration_minutes   # the key of the answer in the store
        type: integer            # see omt.widgets.forms.fields.FIELD_TYPES
        label: Duration in minutes
        hint: ...                # optional help shown under the label
        required: true
        required_message: ...    # optional; each field type has a default
        min: 5                   # numbers and scales
        max: 480
        max_length: 2000         # texts
        message: ...             # optional message for a broken min, max or max_length
        constraints:             # further named rules, see omt.widgets.forms.constraints.RULES
          - rule: not_future
            message: ...
        choices:                 # single_choice and multiple_choice
          - value: tasks
            label: Tasks and daily work

Unknown keys, types and rules are rejected with a message naming the form and the field, so that a
typing mistake in a definition fails at load time, not in front of a mentor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from omt.errors import OmtError

DEFINITIONS_FOLDER = Path(__file__).parent / "definitions"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

FORM_KEYS = {"form_id", "version", "title", "role", "intro", "fields"}
FIELD_KEYS = {"name", "type", "label", "hint", "required", "required_message", "min", "max",
              "max_length", "message", "constraints", "choices"}


class DefinitionError(OmtError):
    """A form definition is invalid or cannot be read."""


@dataclass(frozen=True)
class Choice:
    """One answer offered by a choice field: the stored value and the label shown."""

    value: str
    label: str


@dataclass(frozen=True)
class Rule:
    """A named constraint of a field, such as `not_future`, with its optional message."""

    name: str
    message: str | None = None


@dataclass(frozen=True)
class FieldDefinition:
    """One question of a form, as written in its definition."""

    name: str
    type: str
    label: str
    hint: str = ""
    required: bool = False
    required_message: str | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    message: str | None = None
    rules: tuple[Rule, ...] = ()
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class FormDefinition:
    """A whole form: its id and version as stored with each submission, its texts and fields."""

    form_id: str
    version: int
    title: str
    role: str
    fields: tuple[FieldDefinition, ...]
    intro: str = ""

    def field(self, name: str) -> FieldDefinition:
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(f"form {self.form_id!r} has no field {name!r}")


def load_definition(form_id: str) -> FormDefinition:
    """Load a definition shipped with the package, such as `meeting_log`."""
    if not NAME_PATTERN.match(form_id):
        raise DefinitionError(f"{form_id!r} is not a form id; use lower-case letters, digits and '_'")
    return load_definition_file(DEFINITIONS_FOLDER / f"{form_id}.yaml")


def load_definition_file(path: Path) -> FormDefinition:
    """Load and check the definition in one YAML file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DefinitionError(f"form definition {path.name!r} not found in {path.parent}") from None
    except yaml.YAMLError as error:
        raise DefinitionError(f"form definition {path.name!r} is not valid YAML: {error}") from None
    return parse_definition(data)


def parse_definition(data: Any) -> FormDefinition:
    """Check a definition already read into Python (a mapping) and return it."""
    if not isinstance(data, dict):
        raise DefinitionError("a form definition must be a mapping with form_id, version, title, role and fields")
    form_id = str(data.get("form_id", "?"))
    _reject_unknown_keys(data, FORM_KEYS, f"form {form_id!r}")
    _require_keys(data, ("form_id", "version", "title", "role", "fields"), f"form {form_id!r}")
    if not NAME_PATTERN.match(form_id):
        raise DefinitionError(f"form id {form_id!r} is invalid; use lower-case letters, digits and '_'")
    if not isinstance(data["fields"], list) or not data["fields"]:
        raise DefinitionError(f"form {form_id!r} must list at least one field under 'fields'")
    fields = tuple(_parse_field(form_id, item) for item in data["fields"])
    _reject_duplicate_names(form_id, fields)
    return FormDefinition(form_id=form_id, version=int(data["version"]), title=str(data["title"]),
                          role=str(data["role"]), intro=str(data.get("intro") or ""), fields=fields)


def _parse_field(form_id: str, item: Any) -> FieldDefinition:
    if not isinstance(item, dict):
        raise DefinitionError(f"form {form_id!r}: each field must be a mapping, not {item!r}")
    where = f"form {form_id!r}, field {item.get('name', '?')!r}"
    _reject_unknown_keys(item, FIELD_KEYS, where)
    _require_keys(item, ("name", "type", "label"), where)
    if not NAME_PATTERN.match(str(item["name"])):
        raise DefinitionError(f"{where}: the name must use lower-case letters, digits and '_'")
    _check_type_and_rules(item, where)
    values = {key: item[key] for key in FIELD_KEYS - {"constraints", "choices"} if key in item}
    return FieldDefinition(**values, rules=_parse_rules(item.get("constraints") or []),
                           choices=_parse_choices(item.get("choices") or [], where))


def _check_type_and_rules(item: dict[str, Any], where: str) -> None:
    # Imported here because the field classes import this module for FieldDefinition.
    from omt.widgets.forms.constraints import RULES
    from omt.widgets.forms.fields import FIELD_TYPES

    field_type = FIELD_TYPES.get(item["type"])
    if field_type is None:
        raise DefinitionError(f"{where}: unknown type {item['type']!r}; use one of {', '.join(sorted(FIELD_TYPES))}")
    for rule in item.get("constraints") or []:
        name = rule.get("rule") if isinstance(rule, dict) else rule
        if name not in RULES:
            raise DefinitionError(f"{where}: unknown constraint {name!r}; use one of {', '.join(sorted(RULES))}")
    if field_type.needs_choices and not item.get("choices"):
        raise DefinitionError(f"{where}: a {item['type']} field needs a list of 'choices'")


def _parse_rules(items: list[Any]) -> tuple[Rule, ...]:
    rules = []
    for item in items:
        if isinstance(item, str):
            rules.append(Rule(item))
        else:
            rules.append(Rule(str(item["rule"]), item.get("message")))
    return tuple(rules)


def _parse_choices(items: list[Any], where: str) -> tuple[Choice, ...]:
    choices = []
    for item in items:
        if not isinstance(item, dict) or "value" not in item or "label" not in item:
            raise DefinitionError(f"{where}: each choice needs a 'value' and a 'label', not {item!r}")
        choices.append(Choice(str(item["value"]), str(item["label"])))
    return tuple(choices)


def _reject_unknown_keys(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise DefinitionError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
                              f"use only {', '.join(sorted(known))}")


def _require_keys(data: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [key for key in keys if key not in data]
    if missing:
        raise DefinitionError(f"{where}: missing key(s) {', '.join(map(repr, missing))}")


def _reject_duplicate_names(form_id: str, fields: tuple[FieldDefinition, ...]) -> None:
    seen: set[str] = set()
    for field in fields:
        if field.name in seen:
            raise DefinitionError(f"form {form_id!r}: two fields are named {field.name!r}; names must be unique")
        seen.add(field.name)
