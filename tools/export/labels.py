"""Readable names for forms, fields and stored keys, taken from the form definitions when they exist.

Some stored forms have no definition file yet (the demo's checklists, for instance). Their names
are made from the stored keys: `training_date` becomes "Training date".
"""

from __future__ import annotations

from functools import lru_cache

from omt.store.vocabulary import KEY_COMPETENCES
from omt.widgets.forms.definition import DefinitionError, FieldDefinition, FormDefinition, load_definition

COMPETENCE_LABELS = dict(KEY_COMPETENCES)


def humanise(key: str) -> str:
    """Return a stored key as words, such as "Training date" for `training_date`."""
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@lru_cache(maxsize=None)
def definition_of(form_id: str) -> FormDefinition | None:
    """Return the form's definition, or None for a form that has no definition file."""
    try:
        return load_definition(form_id)
    except DefinitionError:
        return None


def form_title(form_id: str) -> str:
    definition = definition_of(form_id)
    return definition.title if definition else humanise(form_id)


def find_field(form_id: str, name: str, parent: str | None = None) -> FieldDefinition | None:
    """Return a field of the form's definition, or a sub-field of the repeat group or group `parent`."""
    definition = definition_of(form_id)
    if definition is None:
        return None
    fields = definition.fields
    if parent is not None:
        group = next((field for field in fields if field.name == parent), None)
        fields = group.fields if group is not None else ()
    return next((field for field in fields if field.name == name), None)


def field_label(form_id: str, name: str, parent: str | None = None) -> str:
    field = find_field(form_id, name, parent)
    if field is not None:
        return field.label
    return key_label(name) if parent is not None else humanise(name)


def field_order(form_id: str) -> list[str]:
    """Return the field names in the definition's order; empty for a form without definition."""
    definition = definition_of(form_id)
    return [field.name for field in definition.fields] if definition else []


def choice_label(form_id: str, name: str, value: object, parent: str | None = None) -> str:
    """Return the label of a choice, or the value as text when the field offers no such choice."""
    field = find_field(form_id, name, parent)
    for choice in field.choices if field is not None else ():
        if choice.value == value:
            return choice.label
    return str(value)


def key_label(key: str) -> str:
    """Return the label of a key inside a mapping answer, such as a key competence's name."""
    return COMPETENCE_LABELS.get(key) or humanise(key)
