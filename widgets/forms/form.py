"""The form on the page: its fields, the Save button, the error summary and the confirmation.

`FormView.submit` is the one path from the page to the store. It validates every field, shows each
message next to its field and a summary at the top, and writes nothing while any answer is invalid.
A valid form is saved with `Store.submit` under a submission id made once per form fill, so a
double click or a repeated event stores one record. Saving again after changing answers stores a
new revision of that record with `Store.revise`. An unexpected error is logged on the server and
the page shows a plain message, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as widgets

from omt.store import Store, Submission
from omt.store.ids import new_submission_id
from omt.widgets.forms.constraints import CheckContext
from omt.widgets.forms.definition import FormDefinition
from omt.widgets.forms.fields import ERROR_STYLE, Field, build_field
from omt.widgets.forms.i18n import N_, _, ngettext

log = logging.getLogger(__name__)

FAILURE_MESSAGE = N_("Saving failed. Your answers are still on the page. Try again, or contact your coordinator.")
CONFIRMATION_STYLE = "border-left: 4px solid #2e7d32; padding: 0.3em 0.8em; background: #f1f8f1;"


class FormView:
    """One form being filled in for one placement by one author."""

    def __init__(self, definition: FormDefinition, store: Store, placement_id: str, author_id: str,
                 language: str = "en", context: Callable[[], CheckContext] = CheckContext):
        self.definition = definition
        self.store = store
        self.placement_id = placement_id
        self.author_id = author_id
        self.language = language
        self.context = context
        self.fields: list[Field] = [build_field(field) for field in definition.fields]
        self.submission_id = new_submission_id()
        self.saved: Submission | None = None
        self._saving = False
        self._build_widgets()

    # -- the page ----------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.summary = _html_with_class("omt-summary")
        # The Save button sits at the bottom of a long form, out of sight of the summary at the top,
        # so the summary's first line is repeated under the button.
        self.status = _html_with_class("omt-status")
        self.confirmation = _html_with_class("omt-confirmation")
        self.submit_button = widgets.Button(description=_("Save"), button_style="primary")
        self.submit_button.add_class("omt-submit")
        self.submit_button.on_click(lambda _button: self.submit())
        self.new_button = widgets.Button(description=_("Start a new form"), layout=widgets.Layout(display="none"))
        self.new_button.add_class("omt-new")
        self.new_button.on_click(lambda _button: self.start_new())
        header = [widgets.HTML(f"<h2>{escape(_(self.definition.title))}</h2>")]
        if self.definition.intro:
            header.append(widgets.HTML(f"<p>{escape(_(self.definition.intro))}</p>"))
        buttons = widgets.HBox([self.submit_button, self.new_button])
        self.widget = widgets.VBox([*header, self.summary, *(field.widget for field in self.fields),
                                    buttons, self.status, self.confirmation])
        self.widget.add_class("omt-form")
        self.widget.add_class(f"omt-form-{self.definition.form_id}")

    # -- submitting --------------------------------------------------------------------------

    def submit(self) -> Submission | None:
        """Validate and save the answers; return the saved record, or None when nothing was saved."""
        if self._saving:
            return None
        self._set_saving(True)
        try:
            return self._validate_and_save()
        except Exception:
            log.exception("saving form %s for placement %s failed (submission %s)",
                          self.definition.form_id, self.placement_id, self.submission_id)
            self._show_summary(_(FAILURE_MESSAGE))
            return None
        finally:
            self._set_saving(False)

    def validate(self) -> tuple[dict[str, Any], dict[str, str]]:
        """Return the answers by field name and the error messages by field name, and show the messages."""
        context = self.context()
        answers: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for field in self.fields:
            value, message = field.validate(context)
            field.show_error(message)
            if message:
                problems[field.name] = message
            else:
                answers[field.name] = value
        return answers, problems

    def start_new(self) -> None:
        """Clear the answers and start a new form fill, with a new submission id."""
        for field in self.fields:
            field.clear()
            field.show_error(None)
        self.submission_id = new_submission_id()
        self.saved = None
        self._show_summary(None)
        self.confirmation.value = ""
        self.new_button.layout.display = "none"

    def _validate_and_save(self) -> Submission | None:
        answers, problems = self.validate()
        if problems:
            self._show_problems(problems)
            return None
        self._show_summary(None)
        self.saved = self._save(answers)
        self._show_confirmation(self.saved)
        self.new_button.layout.display = None
        return self.saved

    def _save(self, answers: dict[str, Any]) -> Submission:
        if self.saved is not None and answers != self.saved.answers:
            return self.store.revise(self.placement_id, self.submission_id, answers, edited_by=self.author_id)
        return self.store.submit(
            self.placement_id, self.definition.form_id, answers, author_id=self.author_id,
            role=self.definition.role, language=self.language, form_version=self.definition.version,
            submission_id=self.submission_id,
        )

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.submit_button.disabled = saving
        self.submit_button.description = _("Saving…") if saving else _("Save")

    # -- messages ----------------------------------------------------------------------------

    def _show_problems(self, problems: dict[str, str]) -> None:
        labels = [field.label for field in self.fields if field.name in problems]
        heading = ngettext("Nothing was saved: {count} answer needs a correction.",
                           "Nothing was saved: {count} answers need a correction.", len(labels))
        items = "".join(f"<li>{escape(label)}</li>" for label in labels)
        self._show_summary(heading.format(count=len(labels)), items)

    def _show_summary(self, message: str | None, items: str = "") -> None:
        if message is None:
            self.summary.value = self.status.value = ""
            return
        listing = f"<ul>{items}</ul>" if items else ""
        self.summary.value = f'<div style="{ERROR_STYLE}">{escape(message)}{listing}</div>'
        self.status.value = f'<div style="{ERROR_STYLE}">{escape(message)}</div>'

    def _show_confirmation(self, saved: Submission) -> None:
        lines = [f"<li>{escape(field.label)}: {escape(field.format(saved.answers[field.name]))}</li>"
                 for field in self.fields if _is_short(field) and saved.answers.get(field.name) not in (None, "", [])]
        heading = _("Saved.") if saved.revision == 1 else _("Changes saved as revision {revision}.").format(
            revision=saved.revision)
        reference = _("Reference: {submission_id}").format(submission_id=saved.submission_id)
        self.confirmation.value = (f'<div style="{CONFIRMATION_STYLE}"><p><b>{escape(heading)}</b></p>'
                                   f"<ul>{''.join(lines)}</ul><p>{escape(reference)}</p></div>")


def _is_short(field: Field) -> bool:
    """Return True for answers short enough to repeat in the confirmation (all but long texts)."""
    return field.definition.type != "long_text"


def _html_with_class(css_class: str) -> widgets.HTML:
    html = widgets.HTML("")
    html.add_class(css_class)
    return html
