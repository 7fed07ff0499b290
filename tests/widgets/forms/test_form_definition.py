"""Loading and checking form definitions."""

from __future__ import annotations

import pytest

from omt.widgets.forms import DefinitionError, load_definition, parse_definition


def minimal(**field: object) -> dict[str, object]:
    return {"form_id": "checkin", "version": 1, "title": "Check-in", "role": "volunteer",
            "fields": [{"name": "feeling", "type": "scale", "label": "How do you feel?", **field}]}


def test_meeting_log_loads() -> None:
    definition = load_definition("meeting_log")
    assert definition.form_id == "meeting_log"
    assert definition.role == "mentor"
    assert [field.name for field in definition.fields] == [
        "meeting_date", "duration_minutes", "topics", "notes", "action_items", "next_meeting_date"]
    assert definition.field("meeting_date").rules[0].name == "not_future"
    assert definition.field("duration_minutes").min == 5


def test_unknown_type_named() -> None:
    with pytest.raises(DefinitionError, match="unknown type 'slider'.*short_text"):
        parse_definition(minimal(type="slider"))


def test_unknown_key_named() -> None:
    with pytest.raises(DefinitionError, match="field 'feeling': unknown key.*'maximum'"):
        parse_definition(minimal(maximum=5))


def test_unknown_rule_named() -> None:
    with pytest.raises(DefinitionError, match="unknown constraint 'before_lunch'"):
        parse_definition(minimal(constraints=[{"rule": "before_lunch"}]))


def test_choice_field_needs_choices() -> None:
    with pytest.raises(DefinitionError, match="needs a list of 'choices'"):
        parse_definition(minimal(type="single_choice"))


def test_duplicate_field_names_rejected() -> None:
    data = minimal()
    data["fields"] = [*data["fields"], *data["fields"]]
    with pytest.raises(DefinitionError, match="two fields are named 'feeling'"):
        parse_definition(data)


def test_missing_definition_named() -> None:
    with pytest.raises(DefinitionError, match="'no_such_form.yaml' not found"):
        load_definition("no_such_form")


@pytest.mark.parametrize("form_id", ["../meeting_log", "Meeting", ""])
def test_unsafe_form_id_rejected(form_id: str) -> None:
    with pytest.raises(DefinitionError, match="is not a form id"):
        load_definition(form_id)
