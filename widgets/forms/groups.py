"""Fields made of sub-fields: a `group` stores one mapping, a `repeat` group a list of mappings.

A repeat group starts with `min_rows` rows; the person adds rows with its Add button (class
`omt-add-row`) and removes one with the Remove button of the row (class `omt-remove-row`). Each row
(class `omt-row`) is validated on its own: a message appears beside each sub-field that needs a
correction, and one under the group names the rows. A sub-field's rules may compare with another
field of the same row or of the form, and its `relevant` condition reads earlier fields of its row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from omt.widgets.forms.constraints import CheckContext, is_empty
from omt.widgets.forms.definition import FieldDefinition
from omt.widgets.forms.fields import Field, build_field
from omt.widgets.forms.i18n import N_, _, ngettext

ROW_STYLE = "border-left: 3px solid #ccc; padding-left: 0.8em; margin: 0.4em 0;"


class FieldSet:
    """The sub-fields of one group or one row, with their relevance applied among themselves."""

    def __init__(self, definitions: tuple[FieldDefinition, ...], language: str):
        self.fields = [build_field(definition, language) for definition in definitions]
        for field in self.fields:
            field.on_change(self.apply_relevance)
        self.apply_relevance()

    def relevant_fields(self) -> list[Field]:
        return [field for field in self.fields if self._is_relevant(field)]

    def apply_relevance(self) -> None:
        for field in self.fields:
            field.set_visible(self._is_relevant(field))

    def _is_relevant(self, field: Field) -> bool:
        condition = field.definition.relevant
        if condition is None:
            return True
        answers = {other.name: other.current_answer() for other in self.fields}
        return condition.holds(answers)

    def validate(self, context: CheckContext) -> tuple[dict[str, Any], dict[str, str]]:
        """Return the answers of the relevant fields and the messages by field name, and show them.

        A field that is not relevant is neither checked nor stored, and its message is hidden.
        """
        answers: dict[str, Any] = {}
        problems: dict[str, str] = {}
        row_context = CheckContext(today=context.today, language=context.language,
                                   answers={**context.answers, **self.current_answers()})
        for field in self.fields:
            if not self._is_relevant(field):
                field.show_error(None)
                continue
            value, message = field.validate(row_context)
            field.show_error(message)
            if message:
                problems[field.name] = message
            elif field.stores_answer:
                answers[field.name] = value
        return answers, problems

    def current_answers(self) -> dict[str, Any]:
        return {field.name: field.current_answer() for field in self.fields}

    def draft_value(self) -> dict[str, Any]:
        return {field.name: field.draft_value() for field in self.fields if field.stores_answer}

    def restore(self, value: Any) -> None:
        if isinstance(value, dict):
            for field in self.fields:
                if field.name in value:
                    field.restore(value[field.name])
        self.apply_relevance()

    def clear(self) -> None:
        for field in self.fields:
            field.clear()
            field.show_error(None)
        self.apply_relevance()

    def set_disabled(self, disabled: bool) -> None:
        for field in self.fields:
            field.set_disabled(disabled)

    def on_change(self, callback: Callable[[], None]) -> None:
        for field in self.fields:
            field.on_change(callback)


class GroupField(Field):
    """Sub-fields stored together as one mapping; unanswered sub-fields are left out of it.

    A required group needs at least one answer, such as one learning outcome among the competences.
    """

    type_name = "group"
    default_required_message = N_("Answer at least one of these questions.")

    def build_input(self) -> widgets.DOMWidget:
        self.field_set = FieldSet(self.definition.fields, self.language)
        return widgets.VBox([field.widget for field in self.field_set.fields])

    def read(self) -> dict[str, Any]:
        return {name: value for name, value in self.field_set.current_answers().items() if not is_empty(value)}

    def empty_answer(self) -> dict[str, Any]:
        return {}

    def validate(self, context: CheckContext) -> tuple[Any, str | None]:
        answers, problems = self.field_set.validate(context)
        answers = {name: value for name, value in answers.items() if not is_empty(value)}
        if problems:
            return answers, _("Correct the answers marked below.")
        if not answers and self.definition.required:
            return answers, self._required_message()
        return answers, None

    def current_answer(self) -> dict[str, Any]:
        return self.read()

    def format(self, value: Any) -> str:
        return ", ".join(f"{field.label}: {field.format(value[field.name])}"
                         for field in self.field_set.fields if field.name in value)

    def clear(self) -> None:
        self.field_set.clear()

    def set_disabled(self, disabled: bool) -> None:
        self.field_set.set_disabled(disabled)

    def on_change(self, callback: Callable[[], None]) -> None:
        self.field_set.on_change(callback)

    def draft_value(self) -> dict[str, Any]:
        return self.field_set.draft_value()

    def restore(self, value: Any) -> None:
        self.field_set.restore(value)


class RepeatRow:
    """One row of a repeat group: its sub-fields and its Remove button."""

    def __init__(self, definition: FieldDefinition, language: str, remove: Callable[[RepeatRow], None]):
        self.field_set = FieldSet(definition.fields, language)
        self.remove_button = widgets.Button(description=_("Remove"), layout=widgets.Layout(width="auto"))
        self.remove_button.add_class("omt-remove-row")
        self.remove_button.on_click(lambda _button: remove(self))
        self.widget = widgets.VBox([*(field.widget for field in self.field_set.fields), self.remove_button],
                                   layout=widgets.Layout(margin="0.4em 0"))
        self.widget.add_class("omt-row")

    def is_blank(self) -> bool:
        return all(is_empty(value) for value in self.field_set.current_answers().values())


class RepeatField(Field):
    """Rows of the same sub-fields, such as action items, stored as a list of mappings."""

    type_name = "repeat"
    default_required_message = N_("Add at least one row.")

    def build_input(self) -> widgets.DOMWidget:
        self.rows: list[RepeatRow] = []
        self._listeners: list[Callable[[], None]] = []
        self.rows_box = widgets.VBox([])
        label = self.text(self.definition.add_label) if self.definition.add_label else _("Add a row")
        self.add_button = widgets.Button(description=label, layout=widgets.Layout(width="auto"))
        self.add_button.add_class("omt-add-row")
        self.add_button.on_click(lambda _button: self.add_row())
        for _index in range(self.definition.min_rows):
            self.add_row(notify=False)
        return widgets.VBox([self.rows_box, self.add_button])

    @property
    def max_rows(self) -> int | None:
        return self.definition.max_rows

    def add_row(self, notify: bool = True) -> RepeatRow | None:
        """Add an empty row at the end, unless the group has its maximum number of rows."""
        if self.max_rows is not None and len(self.rows) >= self.max_rows:
            return None
        row = RepeatRow(self.definition, self.language, self.remove_row)
        for listener in self._listeners:
            row.field_set.on_change(listener)
        self.rows.append(row)
        self._show_rows()
        if notify:
            self._notify()
        return row

    def remove_row(self, row: RepeatRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            self._show_rows()
            self._notify()

    def _show_rows(self) -> None:
        self.rows_box.children = [row.widget for row in self.rows]
        for number, row in enumerate(self.rows, start=1):
            for css_class in [c for c in row.widget._dom_classes if c.startswith("omt-row-")]:
                row.widget.remove_class(css_class)
            row.widget.add_class(f"omt-row-{number}")
        self.add_button.disabled = self.max_rows is not None and len(self.rows) >= self.max_rows

    def _notify(self) -> None:
        for listener in self._listeners:
            listener()

    def read(self) -> list[dict[str, Any]]:
        return [row.field_set.current_answers() for row in self.rows]

    def current_answer(self) -> list[dict[str, Any]]:
        return self.read()

    def empty_answer(self) -> list[dict[str, Any]]:
        return []

    def validate(self, context: CheckContext) -> tuple[Any, str | None]:
        values = []
        wrong_rows = []
        for number, row in enumerate(self.rows, start=1):
            answers, problems = row.field_set.validate(context)
            values.append(answers)
            if problems:
                wrong_rows.append(str(number))
        if wrong_rows:
            message = ngettext("Correct row {rows}.", "Correct rows {rows}.", len(wrong_rows))
            return values, message.format(rows=", ".join(wrong_rows))
        return values, self._count_message(len(values))

    def _count_message(self, count: int) -> str | None:
        least = max(self.definition.min_rows, 1 if self.definition.required else 0)
        if count < least:
            if self.definition.required_message:
                return self.text(self.definition.required_message)
            if least == 1:
                return _(self.default_required_message)
            return _("Add at least {count} rows.").format(count=least)
        return None

    def format(self, value: Any) -> str:
        return ngettext("{count} row", "{count} rows", len(value)).format(count=len(value))

    def clear(self) -> None:
        self.rows = []
        for _index in range(self.definition.min_rows):
            self.add_row(notify=False)
        self._show_rows()

    def set_disabled(self, disabled: bool) -> None:
        self.add_button.disabled = disabled or (self.max_rows is not None and len(self.rows) >= self.max_rows)
        for row in self.rows:
            row.field_set.set_disabled(disabled)
            row.remove_button.disabled = disabled

    def on_change(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)
        for row in self.rows:
            row.field_set.on_change(callback)

    def draft_value(self) -> list[dict[str, Any]]:
        return [row.field_set.draft_value() for row in self.rows]

    def restore(self, value: Any) -> None:
        if not isinstance(value, list):
            return
        self.rows = []
        for item in value[: self.max_rows]:
            row = self.add_row(notify=False)
            if row is not None:
                row.field_set.restore(item)
        self._show_rows()
