"""Each field type: reading the widget's value, `required`, and its constraints with their messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from omt.widgets.forms.constraints import CheckContext
from omt.widgets.forms.definition import FieldDefinition, Rule, parse_definition
from omt.widgets.forms.fields import FIELD_TYPES, Field, build_field

TODAY = dt.date(2026, 12, 4)
CONTEXT = CheckContext(today=TODAY)
CHOICES = [{"value": "tasks", "label": "Tasks"}, {"value": "wellbeing", "label": "Wellbeing"},
           {"value": "practical", "label": "Practical matters"}]


def make_field(**options: Any) -> Field:
    """Return the field of a one-field form defined here, checked as a loaded definition would be."""
    data = {"form_id": "test_form", "version": 1, "title": "Test", "role": "mentor",
            "fields": [{"name": "answer", "label": "The question", **options}]}
    return build_field(parse_definition(data).fields[0])


def validate(field: Field) -> tuple[Any, str | None]:
    return field.validate(CONTEXT)


def options_for(type_name: str) -> dict[str, Any]:
    """Return the options a field of `type_name` needs besides its name and label."""
    if type_name in ("group", "repeat"):
        return {"fields": [{"name": "item", "type": "short_text", "label": "Item"}]}
    return {"choices": CHOICES} if FIELD_TYPES[type_name].needs_choices else {}


def test_every_type_renders_with_css_classes() -> None:
    for type_name in FIELD_TYPES:
        options = options_for(type_name)
        field = make_field(type=type_name, **options)
        assert "omt-field-answer" in field.widget._dom_classes
        assert "omt-error" in field.error._dom_classes


@pytest.mark.parametrize(("type_name", "message"), [
    ("short_text", "Answer this question."),
    ("long_text", "Answer this question."),
    ("integer", "Answer this question."),
    ("number", "Answer this question."),
    ("date", "Enter the full date: day, month and year."),
    ("scale", "Choose a score."),
    ("yes_no", "Answer yes or no."),
    ("single_choice", "Choose one answer."),
    ("multiple_choice", "Choose at least one answer."),
])
def test_required_empty_gives_message(type_name: str, message: str) -> None:
    options = {"choices": CHOICES} if FIELD_TYPES[type_name].needs_choices else {}
    field = make_field(type=type_name, required=True, **options)
    assert validate(field)[1] == message


def test_required_message_from_definition() -> None:
    field = make_field(type="short_text", required=True, required_message="Give the volunteer's city.")
    assert validate(field) == ("", "Give the volunteer's city.")


def test_blank_text_counts_as_empty() -> None:
    field = make_field(type="short_text", required=True)
    field.input.value = "   "
    assert validate(field) == ("", "Answer this question.")


@pytest.mark.parametrize(("type_name", "empty"), [
    ("short_text", ""), ("long_text", ""), ("integer", None), ("date", None), ("yes_no", None),
])
def test_optional_empty_is_valid(type_name: str, empty: Any) -> None:
    assert validate(make_field(type=type_name)) == (empty, None)


def test_optional_multiple_choice_empty_is_list() -> None:
    assert validate(make_field(type="multiple_choice", choices=CHOICES)) == ([], None)


def test_text_max_length() -> None:
    field = make_field(type="long_text", max_length=10)
    field.input.value = "x" * 11
    assert validate(field)[1] == "Shorten this answer to 10 characters; it has 11."
    field.input.value = "x" * 10
    assert validate(field) == ("x" * 10, None)


def test_text_max_length_message_from_definition() -> None:
    field = make_field(type="short_text", max_length=3, message="Use the three-letter code.")
    field.input.value = "ABCD"
    assert validate(field)[1] == "Use the three-letter code."


def test_text_is_stripped() -> None:
    field = make_field(type="short_text")
    field.input.value = "  Lyon \n"
    assert validate(field) == ("Lyon", None)


@pytest.mark.parametrize(("text", "expected"), [
    ("45", (45, None)),
    (" 5 ", (5, None)),
    ("480", (480, None)),
    ("4", (None, "Enter a number from 5 to 480.")),
    ("481", (None, "Enter a number from 5 to 480.")),
    ("4.5", (None, "Enter a whole number, such as 45.")),
    ("forty", (None, "Enter a whole number, such as 45.")),
])
def test_integer_range(text: str, expected: tuple[Any, str | None]) -> None:
    field = make_field(type="integer", min=5, max=480)
    field.input.value = text
    value, message = validate(field)
    assert message == expected[1]
    if message is None:
        assert value == expected[0]


def test_integer_range_message_from_definition() -> None:
    field = make_field(type="integer", min=5, message="Enter a duration of 5 minutes or more.")
    field.input.value = "1"
    assert validate(field)[1] == "Enter a duration of 5 minutes or more."


def test_integer_one_sided_bounds() -> None:
    at_least = make_field(type="integer", min=1)
    at_least.input.value = "0"
    at_most = make_field(type="integer", max=10)
    at_most.input.value = "11"
    assert validate(at_least)[1] == "Enter a number of at least 1."
    assert validate(at_most)[1] == "Enter a number of at most 10."


@pytest.mark.parametrize(("text", "expected"), [("12,5", 12.5), ("0.25", 0.25), ("-3", -3.0)])
def test_number_accepts_comma_and_point(text: str, expected: float) -> None:
    field = make_field(type="number")
    field.input.value = text
    assert validate(field) == (expected, None)


@pytest.mark.parametrize("text", ["nan", "inf", "1.2.3"])
def test_number_rejects_non_finite(text: str) -> None:
    field = make_field(type="number")
    field.input.value = text
    assert validate(field)[1] == "Enter a number, such as 12.5."


def test_date_not_future() -> None:
    field = make_field(type="date", constraints=["not_future"])
    field.input.value = TODAY + dt.timedelta(days=1)
    assert validate(field)[1] == "This date is in the future."
    field.input.value = TODAY
    assert validate(field) == (TODAY, None)


def test_date_not_future_message_from_definition() -> None:
    field = make_field(type="date", constraints=[{"rule": "not_future", "message": "Not yet."}])
    field.input.value = dt.date(2030, 1, 1)
    assert validate(field)[1] == "Not yet."


def test_date_invalid_in_browser_not_stale() -> None:
    # The browser sends None when the date input loses focus holding an impossible date.
    field = make_field(type="date", required=True)
    field.input.value = dt.date(2026, 11, 30)
    field.input.value = None
    assert validate(field) == (None, "Enter the full date: day, month and year.")


def test_date_rule_checks_with_context_today() -> None:
    definition = FieldDefinition(name="day", type="date", label="Day", rules=(Rule("not_future"),))
    field = build_field(definition)
    field.input.value = dt.date(2027, 1, 1)
    assert field.validate(CheckContext(today=dt.date(2027, 1, 1)))[1] is None
    assert field.validate(CheckContext(today=dt.date(2026, 12, 31)))[1] == "This date is in the future."


def test_single_choice_value() -> None:
    field = make_field(type="single_choice", choices=CHOICES)
    field.input.value = "wellbeing"
    assert validate(field) == ("wellbeing", None)
    assert field.format("wellbeing") == "Wellbeing"


def test_multiple_choice_in_definition_order() -> None:
    field = make_field(type="multiple_choice", choices=CHOICES, required=True)
    field.checkboxes["practical"].value = True
    field.checkboxes["tasks"].value = True
    assert validate(field) == (["tasks", "practical"], None)
    assert field.format(["tasks", "practical"]) == "Tasks, Practical matters"


def test_scale_one_to_five() -> None:
    field = make_field(type="scale", required=True)
    assert [value for _, value in field.input.options] == [1, 2, 3, 4, 5]
    field.input.value = 4
    assert validate(field) == (4, None)


def test_yes_no_false_is_an_answer() -> None:
    field = make_field(type="yes_no", required=True)
    field.input.value = False
    assert validate(field) == (False, None)
    assert field.format(False) == "No"


def test_clear_empties_every_type() -> None:
    for type_name, value in (("short_text", "x"), ("integer", "3"), ("date", TODAY), ("yes_no", True)):
        field = make_field(type=type_name)
        field.input.value = value
        field.clear()
        assert validate(field)[0] in ("", None)


def test_error_message_escaped_and_hidden_when_cleared() -> None:
    field = make_field(type="short_text")
    field.show_error("<b>wrong</b>")
    assert "&lt;b&gt;wrong&lt;/b&gt;" in field.error.value
    assert field.error.layout.display is None
    field.show_error(None)
    assert field.error.value == ""
    assert field.error.layout.display == "none"
