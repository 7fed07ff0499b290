"""Form definitions: forms written as data (YAML), checked when they are loaded.

A definition, in the spirit of XLSForm, lists the fields of one form in order:

    form_id: meeting_log
    version: 1
    title: Mentor meeting log     # every text may also be {en: ..., fr: ..., it: ..., vi: ..., th: ...}
    role: mentor                  # the person role stored with each submission
    author: mentor                # who fills it for a placement (default: the role): volunteer,
                                  # mentor, task_supervisor, or the coordinator of the sending,
                                  # hosting or coordinating organisation
    saves_to: submission          # or `placement`: see omt.widgets.forms.targets
    intro: ...
    fields:
      - name: duration_minutes   # the key of the answer in the store
        type: integer            # see omt.widgets.forms.fields.FIELD_TYPES
        label: Duration in minutes
        hint: ...                # optional help shown under the label
        required: true
        required_message: ...    # optional; each field type has a default
        min: 5                   # numbers and scales; for a repeat group, see min_rows
        max: 480
        max_length: 2000         # texts
        message: ...             # optional message for a broken min, max or max_length
        constraints:             # further named rules, see omt.widgets.forms.constraints.RULES
          - rule: not_future
            message: ...
        relevant: {field: wants_to_talk, equals: true}   # see omt.widgets.forms.relevance
        choices:                 # single_choice, multiple_choice and dropdown
          - value: tasks
            label: Tasks and daily work
        choices_from: people:mentor   # instead of choices: people or organisations of the registry
      - name: action_items
        type: repeat             # rows of sub-fields, stored as a list of mappings
        min_rows: 0
        max_rows: 10
        add_label: Add an action item
        fields: [...]            # sub-fields, as above; `group` stores one mapping instead

A text written as plain English, or a mapping whose `en` entry is given, is a `LocalText`: the form
shows it in the person's language and falls back to English.

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
from omt.store.vocabulary import LANGUAGES
from omt.widgets.forms.i18n import LocalText
from omt.widgets.forms.relevance import Condition, ConditionError, parse_condition

DEFINITIONS_FOLDER = Path(__file__).parent / "definitions"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

FORM_KEYS = {"form_id", "version", "title", "role", "author", "saves_to", "intro", "fields"}
FIELD_KEYS = {"name", "type", "label", "hint", "required", "required_message", "min", "max",
              "max_length", "message", "constraints", "choices", "choices_from", "relevant", "fields",
              "min_rows", "max_rows", "add_label"}
TEXT_KEYS = ("label", "hint", "required_message", "message", "add_label")
AUTHORS = ("volunteer", "mentor", "task_supervisor", "sending", "hosting", "coordinating")
SAVE_TARGETS = ("submission", "placement")
# Where `choices_from` takes its choices: the registry's people of one role, or its organisations
# acting in one role.
CHOICE_SOURCES = ("people:volunteer", "people:mentor", "people:task_supervisor", "people:coordinator",
                  "people:youth_worker", "organisations:sending", "organisations:hosting",
                  "organisations:coordinating", "organisations:any")
GROUP_TYPES = ("repeat", "group")


class DefinitionError(OmtError):
    """A form definition is invalid or cannot be read."""


@dataclass(frozen=True)
class Choice:
    """One answer offered by a choice field: the stored value and the label shown."""

    value: str
    label: str


@dataclass(frozen=True)
class Rule:
    """A named constraint of a field, such as `not_future`, with its optional message and other field."""

    name: str
    message: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class FieldDefinition:
    """One question of a form, as written in its definition; a repeat group or group has sub-fields."""

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
    choices_from: str | None = None
    relevant: Condition | None = None
    fields: tuple[FieldDefinition, ...] = ()
    min_rows: int = 0
    max_rows: int | None = None
    add_label: str | None = None


@dataclass(frozen=True)
class FormDefinition:
    """A whole form: its id and version as stored with each submission, its texts and fields."""

    form_id: str
    version: int
    title: str
    role: str
    fields: tuple[FieldDefinition, ...]
    intro: str = ""
    author: str = ""
    saves_to: str = "submission"

    def field(self, name: str) -> FieldDefinition:
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(f"form {self.form_id!r} has no field {name!r}")

    @property
    def author_party(self) -> str:
        """Return who fills the form for a placement: `author`, or the role when no author is given."""
        return self.author or self.role


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


def shipped_form_ids() -> list[str]:
    """Return the ids of the definitions shipped with the package, sorted."""
    return sorted(path.stem for path in DEFINITIONS_FOLDER.glob("*.yaml"))


def parse_definition(data: Any) -> FormDefinition:
    """Check a definition already read into Python (a mapping) and return it."""
    if not isinstance(data, dict):
        raise DefinitionError("a form definition must be a mapping with form_id, version, title, role and fields")
    form_id = str(data.get("form_id", "?"))
    where = f"form {form_id!r}"
    _reject_unknown_keys(data, FORM_KEYS, where)
    _require_keys(data, ("form_id", "version", "title", "role", "fields"), where)
    if not NAME_PATTERN.match(form_id):
        raise DefinitionError(f"form id {form_id!r} is invalid; use lower-case letters, digits and '_'")
    _check_one_of(data.get("author"), AUTHORS, f"{where}: author")
    _check_one_of(data.get("saves_to"), SAVE_TARGETS, f"{where}: saves_to")
    fields = _parse_fields(form_id, data["fields"], where, in_group=False)
    definition = FormDefinition(form_id=form_id, version=int(data["version"]), title=_text(data["title"], f"{where}: title"),
                          role=str(data["role"]), intro=_text(data.get("intro") or "", f"{where}: intro"),
                          author=str(data.get("author") or ""), saves_to=str(data.get("saves_to") or "submission"),
                          fields=fields)
    check_rule_fields(definition)
    return definition


def _parse_fields(form_id: str, items: Any, where: str, in_group: bool) -> tuple[FieldDefinition, ...]:
    if not isinstance(items, list) or not items:
        raise DefinitionError(f"{where} must list at least one field under 'fields'")
    fields = tuple(_parse_field(form_id, item, in_group) for item in items)
    _reject_duplicate_names(where, fields)
    _check_references(where, fields)
    return fields


def _parse_field(form_id: str, item: Any, in_group: bool) -> FieldDefinition:
    if not isinstance(item, dict):
        raise DefinitionError(f"form {form_id!r}: each field must be a mapping, not {item!r}")
    where = f"form {form_id!r}, field {item.get('name', '?')!r}"
    _reject_unknown_keys(item, FIELD_KEYS, where)
    _require_keys(item, ("name", "type", "label"), where)
    if not NAME_PATTERN.match(str(item["name"])):
        raise DefinitionError(f"{where}: the name must use lower-case letters, digits and '_'")
    _check_type_and_rules(item, where)
    _check_one_of(item.get("choices_from"), CHOICE_SOURCES, f"{where}: choices_from")
    plain = FIELD_KEYS - {"constraints", "choices", "relevant", "fields", *TEXT_KEYS}
    values = {key: item[key] for key in plain if key in item}
    texts = {key: _text(item[key], f"{where}: {key}") for key in TEXT_KEYS if item.get(key) is not None}
    return FieldDefinition(**values, **texts, rules=_parse_rules(item.get("constraints") or [], where),
                           choices=_parse_choices(item.get("choices") or [], where),
                           relevant=_parse_relevant(item.get("relevant"), where),
                           fields=_parse_sub_fields(form_id, item, where, in_group))


def _parse_sub_fields(form_id: str, item: dict[str, Any], where: str,
                      in_group: bool) -> tuple[FieldDefinition, ...]:
    if item["type"] not in GROUP_TYPES:
        if "fields" in item:
            raise DefinitionError(f"{where}: only a repeat or group field has 'fields'")
        return ()
    if in_group:
        raise DefinitionError(f"{where}: a {item['type']} cannot be inside another repeat or group")
    return _parse_fields(form_id, item.get("fields"), where, in_group=True)


def _check_type_and_rules(item: dict[str, Any], where: str) -> None:
    # Imported here because the field classes import this module for FieldDefinition.
    from omt.widgets.forms.constraints import RULES, RULES_WITH_FIELD
    from omt.widgets.forms.fields import FIELD_TYPES

    field_type = FIELD_TYPES.get(item["type"])
    if field_type is None:
        raise DefinitionError(f"{where}: unknown type {item['type']!r}; use one of {', '.join(sorted(FIELD_TYPES))}")
    for rule in item.get("constraints") or []:
        name = rule.get("rule") if isinstance(rule, dict) else rule
        if name not in RULES:
            raise DefinitionError(f"{where}: unknown constraint {name!r}; use one of {', '.join(sorted(RULES))}")
        if name in RULES_WITH_FIELD and not (isinstance(rule, dict) and rule.get("field")):
            raise DefinitionError(f"{where}: constraint {name!r} needs the 'field' to compare with")
    if field_type.needs_choices and not item.get("choices") and not item.get("choices_from"):
        raise DefinitionError(f"{where}: a {item['type']} field needs a list of 'choices' or 'choices_from'")


def _parse_rules(items: list[Any], where: str) -> tuple[Rule, ...]:
    rules = []
    for item in items:
        if isinstance(item, str):
            rules.append(Rule(item))
            continue
        _reject_unknown_keys(item, {"rule", "message", "field"}, f"{where}, constraint {item.get('rule')!r}")
        message = _text(item["message"], f"{where}: message") if item.get("message") else None
        rules.append(Rule(str(item["rule"]), message, item.get("field")))
    return tuple(rules)


def _parse_choices(items: list[Any], where: str) -> tuple[Choice, ...]:
    choices = []
    for item in items:
        if not isinstance(item, dict) or "value" not in item or "label" not in item:
            raise DefinitionError(f"{where}: each choice needs a 'value' and a 'label', not {item!r}")
        if isinstance(item["value"], bool):
            raise DefinitionError(f"{where}: YAML read the choice value {item['value']!r} as true/false; "
                                  "put it in quotes, such as \"yes\"")
        choices.append(Choice(str(item["value"]), _text(item["label"], f"{where}: choice {item['value']!r}")))
    return tuple(choices)


def _parse_relevant(data: Any, where: str) -> Condition | None:
    if data is None:
        return None
    try:
        return parse_condition(data)
    except ConditionError as error:
        raise DefinitionError(f"{where}: 'relevant': {error}") from None


def _text(value: Any, where: str) -> LocalText:
    """Return a definition's text: plain English, or a mapping of language code to text with `en`."""
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(LANGUAGES))
        if unknown:
            raise DefinitionError(f"{where}: unknown language(s) {', '.join(map(repr, unknown))}; "
                                  f"use {', '.join(LANGUAGES)}")
        if not isinstance(value.get("en"), str) or not value["en"].strip():
            raise DefinitionError(f"{where}: the English text ('en') is required; other languages are optional")
        return LocalText(value["en"], {key: str(text) for key, text in value.items() if text})
    if isinstance(value, (list, set)):
        raise DefinitionError(f"{where}: expected a text or a mapping of language to text, not {value!r}")
    if isinstance(value, bool):
        raise DefinitionError(f"{where}: YAML read {value!r} as true/false; put the text in quotes, such as \"Yes\"")
    return LocalText(str(value))


def _check_references(where: str, fields: tuple[FieldDefinition, ...]) -> None:
    """Check that conditions read earlier fields and that compared dates name existing fields.

    Inside a repeat group, a condition may read only the earlier fields of the same row, but a rule
    such as `on_or_after` may compare with any field of the row or of the form; the latter is
    checked when the form is built, see `check_rule_fields`.
    """
    earlier: set[str] = set()
    for field in fields:
        if field.relevant is not None:
            unknown = sorted(field.relevant.field_names() - earlier)
            if unknown:
                raise DefinitionError(f"{where}, field {field.name!r}: 'relevant' reads {', '.join(map(repr, unknown))}, "
                                      "which is not an earlier field at the same level")
        earlier.add(field.name)


def check_rule_fields(definition: FormDefinition) -> None:
    """Check that every rule comparing with another field names a field of the form or of its row."""
    top = {field.name for field in definition.fields}
    for field in definition.fields:
        _check_rules_in_scope(definition.form_id, field, top)
        row = {sub.name for sub in field.fields}
        for sub in field.fields:
            _check_rules_in_scope(definition.form_id, sub, top | row)


def _check_rules_in_scope(form_id: str, field: FieldDefinition, names: set[str]) -> None:
    for rule in field.rules:
        if rule.field is not None and (rule.field not in names or rule.field == field.name):
            raise DefinitionError(f"form {form_id!r}, field {field.name!r}: constraint {rule.name!r} compares "
                                  f"with {rule.field!r}, which is not another field of the form or row")


def _check_one_of(value: Any, allowed: tuple[str, ...], where: str) -> None:
    if value is not None and value not in allowed:
        raise DefinitionError(f"{where} {value!r} is invalid; use one of {', '.join(allowed)}")


def _reject_unknown_keys(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise DefinitionError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
                              f"use only {', '.join(sorted(known))}")


def _require_keys(data: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [key for key in keys if key not in data]
    if missing:
        raise DefinitionError(f"{where}: missing key(s) {', '.join(map(repr, missing))}")


def _reject_duplicate_names(where: str, fields: tuple[FieldDefinition, ...]) -> None:
    seen: set[str] = set()
    for field in fields:
        if field.name in seen:
            raise DefinitionError(f"{where}: two fields are named {field.name!r}; names must be unique")
        seen.add(field.name)
