"""A survey on the page: the form engine's fields, an anonymity checkbox and the Send button.

The fields come from a form definition and are built by `omt.widgets.forms.fields.build_field`,
so they look, validate and show their messages exactly as in the placement forms. Saving differs:
a survey response belongs to no placement, so `SurveyView.submit` stores it with
`omt.store.surveys.save_response` instead of `Store.submit`.

Three field names have a special meaning. `country` and `role` fill the response's fields of the
same names (a definition without `role` gives its own `role`, such as `volunteer`), and `name`
fills `respondent_name`. When "Answer anonymously" is ticked, the name field is emptied and hidden
and the response stores neither a name nor a person id.
"""

from __future__ import annotations

import logging
from html import escape
from typing import Any

import ipywidgets as widgets

from omt.store import Store
from omt.store.ids import new_submission_id
from omt.store.surveys import SurveyResponse, save_response
from omt.widgets.forms.constraints import CheckContext
from omt.widgets.forms.definition import FormDefinition
from omt.widgets.forms.fields import ERROR_STYLE, Field, build_field
from omt.widgets.forms.i18n import N_, _, ngettext

log = logging.getLogger(__name__)

NAME_FIELD = "name"
FAILURE_MESSAGE = N_("Sending failed. Your answers are still on the page. Try again, or contact your coordinator.")
CONFIRMATION_STYLE = "border-left: 4px solid #2e7d32; padding: 0.3em 0.8em; background: #f1f8f1;"


class SurveyView:
    """One survey being filled in, for one wave, by one respondent who may stay anonymous."""

    def __init__(self, definition: FormDefinition, store: Store, survey_id: str, wave: str,
                 respondent_id: str | None = None):
        self.definition = definition
        self.store = store
        self.survey_id = survey_id
        self.wave = wave
        self.respondent_id = respondent_id
        self.fields: list[Field] = [build_field(field) for field in definition.fields]
        # One id per survey fill, so that a repeated click on Send stores one response.
        self.response_id = new_submission_id()
        self.saved: SurveyResponse | None = None
        self._sending = False
        self._build_widgets()

    def field(self, name: str) -> Field | None:
        return next((field for field in self.fields if field.name == name), None)

    # -- the page ----------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.anonymous = widgets.Checkbox(value=False, description=_("Answer anonymously"), indent=False)
        self.anonymous.add_class("omt-anonymous")
        self.anonymous.observe(lambda _change: self._apply_anonymity(), names="value")
        # Kept out of the f-string, so that `pybabel extract` finds the message.
        hint = _("Your name and your person id are then not stored.")
        anonymity_hint = widgets.HTML(f"<i>{escape(hint)}</i>")
        self.summary = _html_with_class("omt-summary")
        self.status = _html_with_class("omt-status")
        self.confirmation = _html_with_class("omt-confirmation")
        self.submit_button = widgets.Button(description=_("Send"), button_style="primary")
        self.submit_button.add_class("omt-submit")
        self.submit_button.on_click(lambda _button: self.submit())

        body: list[widgets.Widget] = []
        for field in self.fields:
            if field.name == NAME_FIELD:
                body.extend([self.anonymous, anonymity_hint])
            body.append(field.widget)
        if self.field(NAME_FIELD) is None:
            body[:0] = [self.anonymous, anonymity_hint]
        header = [widgets.HTML(f"<h2>{escape(_(self.definition.title))}</h2>")]
        if self.definition.intro:
            header.append(widgets.HTML(f"<p>{escape(_(self.definition.intro))}</p>"))
        self.widget = widgets.VBox([*header, self.summary, *body, self.submit_button, self.status,
                                    self.confirmation])
        for css_class in ("omt-form", "omt-survey", f"omt-form-{self.definition.form_id}"):
            self.widget.add_class(css_class)

    def _apply_anonymity(self) -> None:
        name = self.field(NAME_FIELD)
        if name is None:
            return
        if self.anonymous.value:
            name.clear()
            name.show_error(None)
        name.widget.layout.display = "none" if self.anonymous.value else None

    # -- sending -----------------------------------------------------------------------------

    def submit(self) -> SurveyResponse | None:
        """Validate and store the answers; return the stored response, or None when nothing was stored.

        Once a response is stored the form is locked, and a further call returns that response.
        """
        if self.saved is not None or self._sending:
            return self.saved
        self._show_sending(True)
        try:
            return self._validate_and_save()
        except Exception:
            log.exception("sending survey %s (wave %s) failed (response %s)",
                          self.definition.form_id, self.wave, self.response_id)
            self._show_summary(_(FAILURE_MESSAGE))
            return None
        finally:
            self._show_sending(False)

    def validate(self) -> tuple[dict[str, Any], dict[str, str]]:
        """Return the answers and the error messages by field name, and show the messages."""
        context = CheckContext()
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

    def response(self, answers: dict[str, Any]) -> SurveyResponse:
        """Return the response for validated answers, with `country`, `role` and `name` moved out."""
        answers = dict(answers)
        country = answers.pop("country", None)
        role = answers.pop("role", None) or self.definition.role
        name = answers.pop(NAME_FIELD, "") or ""
        anonymous = bool(self.anonymous.value)
        return SurveyResponse(
            survey_id=self.survey_id, wave=self.wave, role=role, country=country, anonymous=anonymous,
            answers=answers, respondent_id=None if anonymous else self.respondent_id,
            respondent_name="" if anonymous else name, response_id=self.response_id,
        )

    def _validate_and_save(self) -> SurveyResponse | None:
        answers, problems = self.validate()
        if problems:
            self._show_problems(problems)
            return None
        self._show_summary(None)
        self.saved = save_response(self.store, self.response(answers))
        for field in self.fields:
            field.set_disabled(True)
        self.anonymous.disabled = True
        self._show_confirmation(self.saved)
        return self.saved

    def _show_sending(self, sending: bool) -> None:
        self._sending = sending
        self.submit_button.disabled = sending or self.saved is not None
        if sending:
            self.submit_button.description = _("Sending…")
        else:
            self.submit_button.description = _("Sent") if self.saved is not None else _("Send")

    # -- messages ----------------------------------------------------------------------------

    def _show_problems(self, problems: dict[str, str]) -> None:
        labels = [field.label for field in self.fields if field.name in problems]
        heading = ngettext("Nothing was sent: {count} answer needs a correction.",
                           "Nothing was sent: {count} answers need a correction.", len(labels))
        items = "".join(f"<li>{escape(label)}</li>" for label in labels)
        self._show_summary(heading.format(count=len(labels)), items)

    def _show_summary(self, message: str | None, items: str = "") -> None:
        if message is None:
            self.summary.value = self.status.value = ""
            return
        listing = f"<ul>{items}</ul>" if items else ""
        self.summary.value = f'<div style="{ERROR_STYLE}">{escape(message)}{listing}</div>'
        self.status.value = f'<div style="{ERROR_STYLE}">{escape(message)}</div>'

    def _show_confirmation(self, saved: SurveyResponse) -> None:
        heading = _("Thank you: your answers were sent.")
        detail = (_("You answered anonymously: no name is stored.") if saved.anonymous
                  else _("Reference: {response_id}").format(response_id=saved.response_id))
        self.confirmation.value = (f'<div style="{CONFIRMATION_STYLE}"><p><b>{escape(heading)}</b></p>'
                                   f"<p>{escape(detail)}</p></div>")


def _html_with_class(css_class: str) -> widgets.HTML:
    html = widgets.HTML("")
    html.add_class(css_class)
    return html
