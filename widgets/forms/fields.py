"""One class per field type: each builds its input widget, reads the answer and checks it.

A field type is a subclass of `Field` registered in `FIELD_TYPES`. It overrides `build_input`, and
`read` when the widget's value is not the answer as stored (numbers typed as text, for instance).
`draft_value` and `restore` carry what is on the page, even an invalid entry, to and from a draft.
Every field's box has the CSS classes `omt-field` and `omt-field-<name>`, and its error message
element has the class `omt-error`, so that tests and style sheets can find them. The group types,
`group` and `repeat`, live in `omt.widgets.forms.groups`.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Callable
from html import escape
from typing import Any, ClassVar

import ipywidgets as widgets
from traitlets import TraitError

from omt.i18n import format_date
from omt.widgets.forms.constraints import RULES, CheckContext, check_max_length, check_range, is_empty
from omt.widgets.forms.definition import FieldDefinition
from omt.widgets.forms.i18n import N_, _, in_language

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020; font-weight: bold;"
HINT_STYLE = "color: #555;"


class InvalidAnswer(ValueError):
    """The text entered cannot be read as an answer of the field's type."""


class Field:
    """A question on the page: label, hint, input widget and error message."""

    type_name: ClassVar[str]
    needs_choices: ClassVar[bool] = False
    stores_answer: ClassVar[bool] = True
    default_required_message: ClassVar[str] = N_("Answer this question.")

    def __init__(self, definition: FieldDefinition, language: str = "en"):
        self.definition = definition
        self.language = language
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
        return self.text(self.definition.label)

    def text(self, text: str) -> str:
        """Return a text of the definition in the form's language."""
        return in_language(text, self.language)

    def build_input(self) -> widgets.DOMWidget:
        raise NotImplementedError

    def read(self) -> Any:
        """Return the answer as it will be stored, None for no answer; raise InvalidAnswer for bad text."""
        return self.input.value

    def current_answer(self) -> Any:
        """Return the answer now on the page, or None when there is none or it cannot be read."""
        try:
            return self.read()
        except InvalidAnswer:
            return None

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

    def set_visible(self, visible: bool) -> None:
        self.widget.layout.display = None if visible else "none"

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call `callback` whenever the person changes the answer on the page."""
        self.input.observe(lambda _change: callback(), names="value")

    def draft_value(self) -> Any:
        """Return what is on the page as JSON, even an entry that is not a valid answer yet."""
        return self.input.value

    def restore(self, value: Any) -> None:
        """Put a draft value back on the page; a value the field no longer accepts is left out."""
        try:
            self.input.value = value
        except (TraitError, TypeError, ValueError):
            log.info("draft value %r no longer fits field %s; left out", value, self.name)

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
            message = message or RULES[rule.name](value, rule, context)
        return value, message

    def show_error(self, message: str | None) -> None:
        self.error.value = f'<span style="{ERROR_STYLE}">{escape(message)}</span>' if message else ""
        self.error.layout.display = None if message else "none"

    def _required_message(self) -> str:
        if self.definition.required_message:
            return self.text(self.definition.required_message)
        return _(self.default_required_message)

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
        hint = widgets.HTML(f'<span style="{HINT_STYLE}">{escape(self.text(self.definition.hint))}</span>')
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
        return check_max_length(self.definition, value, self.language)

    def clear(self) -> None:
        self.input.value = ""

    def restore(self, value: Any) -> None:
        if isinstance(value, str):
            self.input.value = value


class LongTextField(ShortTextField):
    type_name = "long_text"

    def build_input(self) -> widgets.DOMWidget:
        return widgets.Textarea(value="", rows=5, layout=widgets.Layout(width="40em"))


class IntegerField(ShortTextField):
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

    def empty_answer(self) -> None:
        return None

    def check(self, value: float) -> str | None:
        return check_range(self.definition, value, self.language)


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
        return self._choice_label(value)

    def build_input(self) -> widgets.DOMWidget:
        return widgets.RadioButtons(options=self._options(), value=None, layout=widgets.Layout(width="auto"))

    def _options(self) -> list[tuple[str, str]]:
        return [(self.text(choice.label), choice.value) for choice in self.definition.choices]

    def _choice_label(self, value: Any) -> str:
        for choice in self.definition.choices:
            if choice.value == value:
                return self.text(choice.label)
        return str(value)


class DropdownField(SingleChoiceField):
    """One answer chosen in a drop-down list, for long lists such as the people of the registry."""

    type_name = "dropdown"

    def build_input(self) -> widgets.DOMWidget:
        blank = (_("(choose)"), None)
        return widgets.Dropdown(options=[blank, *self._options()], value=None, layout=widgets.Layout(width="30em"))


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
        labels = {choice.value: self.text(choice.label) for choice in self.definition.choices}
        return ", ".join(labels.get(item, str(item)) for item in value)

    def clear(self) -> None:
        for checkbox in self.checkboxes.values():
            checkbox.value = False

    def set_disabled(self, disabled: bool) -> None:
        for checkbox in self.checkboxes.values():
            checkbox.disabled = disabled

    def on_change(self, callback: Callable[[], None]) -> None:
        for checkbox in self.checkboxes.values():
            checkbox.observe(lambda _change: callback(), names="value")

    def draft_value(self) -> list[str]:
        return self.read()

    def restore(self, value: Any) -> None:
        ticked = set(value) if isinstance(value, list) else set()
        for choice_value, checkbox in self.checkboxes.items():
            checkbox.value = choice_value in ticked

    def _checkbox(self, value: str, label: str) -> widgets.Checkbox:
        checkbox = widgets.Checkbox(value=False, description=self.text(label), indent=False,
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
        return format_date(value, self.language)

    def draft_value(self) -> str | None:
        value = self.read()
        return value.isoformat() if value else None

    def restore(self, value: Any) -> None:
        try:
            self.input.value = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            self.input.value = None


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


class SectionField(Field):
    """A heading with an optional text that starts a part of the form; it asks nothing."""

    type_name = "section"
    stores_answer = False

    def __init__(self, definition: FieldDefinition, language: str = "en"):
        super().__init__(definition, language)
        self.widget.children = [self.input]

    def build_input(self) -> widgets.DOMWidget:
        hint = f"<p>{escape(self.text(self.definition.hint))}</p>" if self.definition.hint else ""
        return widgets.HTML(f"<h3>{escape(self.text(self.definition.label))}</h3>{hint}")

    def read(self) -> None:
        return None

    def clear(self) -> None:
        return None

    def set_disabled(self, disabled: bool) -> None:
        return None

    def on_change(self, callback: Callable[[], None]) -> None:
        return None

    def draft_value(self) -> None:
        return None

    def restore(self, value: Any) -> None:
        return None


FIELD_TYPES: dict[str, type[Field]] = {
    field_type.type_name: field_type
    for field_type in (ShortTextField, LongTextField, IntegerField, NumberField, SingleChoiceField,
                       DropdownField, MultipleChoiceField, DateField, ScaleField, YesNoField, SectionField)
}


def build_field(definition: FieldDefinition, language: str = "en") -> Field:
    """Return the field of the definition's type, showing its texts in `language`."""
    return FIELD_TYPES[definition.type](definition, language)


# The group types build their sub-fields with `build_field`, so they live in their own module, which
# imports this one, and are registered here once this module's names exist.
from omt.widgets.forms.groups import GroupField, RepeatField  # noqa: E402

FIELD_TYPES.update({GroupField.type_name: GroupField, RepeatField.type_name: RepeatField})
