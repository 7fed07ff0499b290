"""One class per field type: each builds its input widget, reads the answer and checks it.

A field type is a subclass of `Field` registered in `FIELD_TYPES`. It overrides `build_input`, and
`read` when the widget's value is not the answer as stored (numbers typed as text, for instance).
Every field's box has the CSS classes `omt-field` and `omt-field-<name>`, and its error message
element has the class `omt-error`, so that tests and style sheets can find them.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import Any, ClassVar

import ipywidgets as widgets

from omt.widgets.forms.constraints import RULES, CheckContext, check_max_length, check_range, is_empty
from omt.widgets.forms.definition import FieldDefinition
from omt.widgets.forms.i18n import N_, _

ERROR_STYLE = "color: #b00020; font-weight: bold;"
HINT_STYLE = "color: #555;"


class InvalidAnswer(ValueError):
    """The text entered cannot be read as an answer of the field's type."""


class Field:
    """A question on the page: label, hint, input widget and error message."""

    type_name: ClassVar[str]
    needs_choices: ClassVar[bool] = False
    default_required_message: ClassVar[str] = N_("Answer this question.")

    def __init__(self, definition: FieldDefinition):
        self.definition = definition
        self.input = self.build_input()
        self.input.add_class("omt-input")
        self.error = widgets.HTML(layout=widgets.Layout(display="none"))
        self.error.add_class("omt-error")
        self.widget = widgets.VBox([self._label(), *self._hint(), self.input, self.error])
        self.widget.add_class("omt-field")
        self.widget.add_class(f"omt-field-{definition.name}")

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def label(self) -> str:
        return _(self.definition.label)

    def build_input(self) -> widgets.DOMWidget:
        raise NotImplementedError

    def read(self) -> Any:
        """Return the answer as it will be stored, None for no answer; raise InvalidAnswer for bad text."""
        return self.input.value

    def check(self, value: Any) -> str | None:
        """Return the message of the type's own constraint that `value` breaks, or None."""
        return None

    def empty_answer(self) -> Any:
        """Return what is stored for no answer; each type keeps one type of value, such as "" for texts."""
        return None

    def format(self, value: Any) -> str:
        """Return an answer as text for the page, such as a choice's label instead of its value."""
        return str(value)

    def clear(self) -> None:
        self.input.value = None

    def set_disabled(self, disabled: bool) -> None:
        self.input.disabled = disabled

    def validate(self, context: CheckContext) -> tuple[Any, str | None]:
        """Return the answer and the message of the first constraint it breaks (None when valid)."""
        try:
            value = self.read()
        except InvalidAnswer as error:
            return None, str(error)
        if is_empty(value):
            return self.empty_answer(), self._required_message() if self.definition.required else None
        message = self.check(value)
        for rule in self.definition.rules:
            message = message or RULES[rule.name](value, rule.message, context)
        return value, message

    def show_error(self, message: str | None) -> None:
        self.error.value = f'<span style="{ERROR_STYLE}">{escape(message)}</span>' if message else ""
        self.error.layout.display = None if message else "none"

    def _required_message(self) -> str:
        return _(self.definition.required_message or self.default_required_message)

    def _label(self) -> widgets.HTML:
        text = escape(self.label)
        if self.definition.required:
            text += " " + escape(_("(required)"))
        label = widgets.HTML(f"<b>{text}</b>")
        label.add_class("omt-label")
        return label

    def _hint(self) -> list[widgets.HTML]:
        if not self.definition.hint:
            return []
        hint = widgets.HTML(f'<span style="{HINT_STYLE}">{escape(_(self.definition.hint))}</span>')
        hint.add_class("omt-hint")
        return [hint]


class ShortTextField(Field):
    type_name = "short_text"

    def build_input(self) -> widgets.DOMWidget:
        return widgets.Text(value="", layout=widgets.Layout(width="30em"))

    def read(self) -> str:
        return self.input.value.strip()

    def empty_answer(self) -> str:
        return ""

    def check(self, value: str) -> str | None:
        return check_max_length(self.definition, value)

    def clear(self) -> None:
        self.input.value = ""


class LongTextField(ShortTextField):
    type_name = "long_text"

    def build_input(self) -> widgets.DOMWidget:
        return widgets.Textarea(value="", rows=5, layout=widgets.Layout(width="40em"))


class IntegerField(Field):
    """A whole number typed as text, so that an empty or mistyped entry is seen, not replaced by 0."""

    type_name = "integer"
    invalid_message: ClassVar[str] = N_("Enter a whole number, such as 45.")

    def build_input(self) -> widgets.DOMWidget:
        return widgets.Text(value="", layout=widgets.Layout(width="10em"))

    def read(self) -> int | None:
        text = self.input.value.strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise InvalidAnswer(_(self.invalid_message)) from None

    def check(self, value: float) -> str | None:
        return check_range(self.definition, value)

    def clear(self) -> None:
        self.input.value = ""


class NumberField(IntegerField):
    """A number with an optional decimal part; a decimal comma is accepted as well as a point."""

    type_name = "number"
    invalid_message = N_("Enter a number, such as 12.5.")

    def read(self) -> float | None:
        text = self.input.value.strip().replace(",", ".")
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise InvalidAnswer(_(self.invalid_message)) from None
        if not math.isfinite(value):
            raise InvalidAnswer(_(self.invalid_message))
        return value


class SingleChoiceField(Field):
    type_name = "single_choice"
    needs_choices = True
    default_required_message = N_("Choose one answer.")

    def format(self, value: Any) -> str:
        return _choice_label(self.definition, value)

    def build_input(self) -> widgets.DOMWidget:
        options = [(_(choice.label), choice.value) for choice in self.definition.choices]
        return widgets.RadioButtons(options=options, value=None, layout=widgets.Layout(width="auto"))


class MultipleChoiceField(Field):
    """One checkbox per choice (class `omt-choice-<value>`); the answer lists the values ticked."""

    type_name = "multiple_choice"
    needs_choices = True
    default_required_message = N_("Choose at least one answer.")

    def build_input(self) -> widgets.DOMWidget:
        self.checkboxes = {choice.value: self._checkbox(choice.value, choice.label)
                           for choice in self.definition.choices}
        return widgets.VBox(list(self.checkboxes.values()))

    def read(self) -> list[str]:
        return [value for value, checkbox in self.checkboxes.items() if checkbox.value]

    def empty_answer(self) -> list[str]:
        return []

    def format(self, value: Any) -> str:
        return ", ".join(_choice_label(self.definition, item) for item in value)

    def clear(self) -> None:
        for checkbox in self.checkboxes.values():
            checkbox.value = False

    def set_disabled(self, disabled: bool) -> None:
        for checkbox in self.checkboxes.values():
            checkbox.disabled = disabled

    @staticmethod
    def _checkbox(value: str, label: str) -> widgets.Checkbox:
        checkbox = widgets.Checkbox(value=False, description=_(label), indent=False,
                                    layout=widgets.Layout(width="auto"))
        checkbox.add_class(f"omt-choice-{value}")
        return checkbox


class DateField(Field):
    """A date picked in the browser's date input.

    ipywidgets 8.1 sets the value to None when the date input loses focus holding an incomplete or
    impossible date, so clicking Save after such an entry reads None, not the last valid date. Any
    value that is not a date is read as no answer, too.
    """

    type_name = "date"
    default_required_message = N_("Enter the full date: day, month and year.")

    def build_input(self) -> widgets.DOMWidget:
        return widgets.DatePicker(value=None)

    def read(self) -> dt.date | None:
        value = self.input.value
        return value if isinstance(value, dt.date) else None

    def format(self, value: Any) -> str:
        return value.isoformat()


class ScaleField(Field):
    """A score on a scale from `min` to `max`, 1 to 5 unless the definition sets other bounds."""

    type_name = "scale"
    default_required_message = N_("Choose a score.")

    def build_input(self) -> widgets.DOMWidget:
        low = int(self.definition.min if self.definition.min is not None else 1)
        high = int(self.definition.max if self.definition.max is not None else 5)
        options = [(str(score), score) for score in range(low, high + 1)]
        return widgets.ToggleButtons(options=options, value=None, style={"button_width": "3em"})


class YesNoField(Field):
    type_name = "yes_no"
    default_required_message = N_("Answer yes or no.")

    def build_input(self) -> widgets.DOMWidget:
        return widgets.RadioButtons(options=[(_("Yes"), True), (_("No"), False)], value=None)

    def format(self, value: Any) -> str:
        return _("Yes") if value else _("No")


FIELD_TYPES: dict[str, type[Field]] = {
    field_type.type_name: field_type
    for field_type in (ShortTextField, LongTextField, IntegerField, NumberField, SingleChoiceField,
                       MultipleChoiceField, DateField, ScaleField, YesNoField)
}


def _choice_label(definition: FieldDefinition, value: Any) -> str:
    for choice in definition.choices:
        if choice.value == value:
            return _(choice.label)
    return str(value)


def build_field(definition: FieldDefinition) -> Field:
    """Return the field of the definition's type."""
    return FIELD_TYPES[definition.type](definition)
