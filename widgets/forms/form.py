"""The form on the page: its fields, the Save button, the error summary and the confirmation.

`FormView.submit` is the one path from the page to the store. It validates every field that is
relevant, shows each message next to its field and a summary at the top, and writes nothing while
any answer is invalid. The form's save target (see `omt.widgets.forms.targets`) writes a valid
form: by default a submission, stored once per form fill under a submission id made when the fill
starts, so a double click or a repeated event stores one record; saving again after changing
answers stores a new revision of that record. An unexpected error is logged on the server and the
page shows a plain message, never a traceback.

With a `DraftKey`, the page's content is kept as a draft in the store a moment after each change
and put back when the page is opened again (see `omt.widgets.forms.drafts`).

A subclass that sets `send_once` makes a form that is sent rather than saved, such as a survey: its
button reads Send, and once the answers are stored the fields and the button stay disabled.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as widgets

from omt.i18n import format_datetime, use_language
from omt.store import Store
from omt.store.ids import new_submission_id
from omt.widgets.forms import drafts
from omt.widgets.forms.constraints import CheckContext
from omt.widgets.forms.definition import Choice, FieldDefinition, FormDefinition
from omt.widgets.forms.fields import ERROR_STYLE, Field
from omt.widgets.forms.groups import FieldSet
from omt.widgets.forms.i18n import N_, _, in_language, ngettext
from omt.widgets.forms.targets import AnswerProblems, SaveTarget, SubmissionTarget

log = logging.getLogger(__name__)

FAILURE_MESSAGE = N_("Saving failed. Your answers are still on the page. Try again, or contact your coordinator.")
SEND_FAILURE_MESSAGE = N_("Sending failed. Your answers are still on the page. Try again, or contact your "
                          "coordinator.")
CONFIRMATION_STYLE = "border-left: 4px solid #2e7d32; padding: 0.3em 0.8em; background: #f1f8f1;"
NOTE_STYLE = "color: #555; font-size: 0.9em;"
# Seconds without a change before the draft is written, so that typing does not write on every key.
DRAFT_DELAY_SECONDS = 1.0

ChoiceSource = Callable[[str], tuple[Choice, ...]]


def in_form_language(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a FormView method with the form's language as the current language.

    Button clicks and timers call the view outside any `use_language` block. Each entry point
    therefore sets the language itself, so that messages come out in the author's language.
    """
    @functools.wraps(method)
    def wrapper(self: FormView, *args: Any, **kwargs: Any) -> Any:
        with use_language(self.language):
            return method(self, *args, **kwargs)

    return wrapper


class FormView:
    """One form being filled in by one author, for one placement or for none."""

    # True for a form whose answers are sent once and then locked, with no revision and no new fill.
    send_once: bool = False

    def __init__(self, definition: FormDefinition, store: Store, placement_id: str | None, author_id: str | None,
                 language: str = "en", context: Callable[[], CheckContext] = CheckContext, *,
                 target: SaveTarget | None = None, choices: ChoiceSource | None = None,
                 draft_key: drafts.DraftKey | None = None):
        self.definition = definition
        self.store = store
        self.placement_id = placement_id
        self.author_id = author_id
        self.language = language
        self.context = context
        self.target = target or SubmissionTarget(store)
        with use_language(language):  # built-in label parts such as "(required)" are translated
            self.field_set = FieldSet(tuple(_with_choices(field, choices) for field in definition.fields), language)
        self.fields: list[Field] = self.field_set.fields
        self.submission_id = new_submission_id()
        self.saved: Any = None
        self._saving = False
        self.draft_key = draft_key
        self._keeping_drafts = draft_key is not None
        self._draft_timer: asyncio.TimerHandle | None = None
        self._build_widgets()
        if draft_key is not None:
            self._restore_draft()
            self.field_set.on_change(self._schedule_draft)

    def text(self, text: str) -> str:
        return in_language(text, self.language)

    # -- the page ----------------------------------------------------------------------------

    @in_form_language
    def _build_widgets(self) -> None:
        self.summary = _html_with_class("omt-summary")
        # The Save button sits at the bottom of a long form, out of sight of the summary at the top,
        # so the summary's first line is repeated under the button.
        self.status = _html_with_class("omt-status")
        self.confirmation = _html_with_class("omt-confirmation")
        self.draft_note = _html_with_class("omt-draft")
        self.submit_button = widgets.Button(description=self._button_label(), button_style="primary")
        self.submit_button.add_class("omt-submit")
        self.submit_button.on_click(lambda _button: self.submit())
        self.new_button = widgets.Button(description=_("Start a new form"), layout=widgets.Layout(display="none"))
        self.new_button.add_class("omt-new")
        self.new_button.on_click(lambda _button: self.start_new())
        header = [widgets.HTML(f"<h2>{escape(self.text(self.definition.title))}</h2>")]
        if self.definition.intro:
            header.append(widgets.HTML(f"<p>{escape(self.text(self.definition.intro))}</p>"))
        buttons = widgets.HBox([self.submit_button, self.new_button])
        self.widget = widgets.VBox([*header, self.summary, *(field.widget for field in self.fields),
                                    buttons, self.status, self.draft_note, self.confirmation])
        self.widget.add_class("omt-form")
        self.widget.add_class(f"omt-form-{self.definition.form_id}")

    # -- submitting --------------------------------------------------------------------------

    @in_form_language
    def submit(self) -> Any:
        """Validate and save the answers; return the saved record, or None when nothing was saved.

        A form sent once returns the record it stored, without saving again.
        """
        if self._saving:
            return None
        if self._is_locked():
            return self.saved
        self._set_saving(True)
        try:
            return self._validate_and_save()
        except Exception:
            log.exception("saving form %s for placement %s failed (submission %s)",
                          self.definition.form_id, self.placement_id, self.submission_id)
            self._show_summary(_(SEND_FAILURE_MESSAGE if self.send_once else FAILURE_MESSAGE))
            return None
        finally:
            self._set_saving(False)

    def validate(self) -> tuple[dict[str, Any], dict[str, str]]:
        """Return the answers by field name and the error messages by field name, and show the messages.

        Fields that are not relevant are left out of both.
        """
        context = dataclasses.replace(self.context(), answers=self.field_set.current_answers(),
                                      language=self.language)
        return self.field_set.validate(context)

    @in_form_language
    def start_new(self) -> None:
        """Clear the answers and start a new form fill, with a new submission id."""
        self._keeping_drafts = False
        self.field_set.clear()
        self.submission_id = new_submission_id()
        self.saved = None
        self._show_summary(None)
        self.confirmation.value = ""
        self.draft_note.value = ""
        self.new_button.layout.display = "none"
        self._keeping_drafts = self.draft_key is not None

    @in_form_language
    def continue_from(self, previous: FormView) -> None:
        """Take over the fill of `previous`, a view of the same form built in another language.

        The entries, the submission id and the saved record move to this view, so saving again
        stores a revision of the same record. `previous` stops keeping drafts, and this view keeps
        them if `previous` did.
        """
        keeping = previous._keeping_drafts
        previous._stop_keeping_drafts()
        self._stop_keeping_drafts()  # putting the entries back is no change of the person's
        self.field_set.restore(previous.field_set.draft_value())
        self.submission_id = previous.submission_id
        self.saved = previous.saved
        self.draft_note.value = ""
        if previous.confirmation.value and self.saved is not None:
            self._show_confirmation(self.saved, self.field_set.current_answers())
            self.new_button.layout.display = None
        self._keeping_drafts = keeping
        self._schedule_draft()

    def _validate_and_save(self) -> Any:
        answers, problems = self.validate()
        if problems:
            self._show_problems(problems)
            return None
        try:
            saved = self.target.save(self, answers)
        except AnswerProblems as rejected:
            self._show_rejected(rejected.problems)
            return None
        self._show_summary(None)
        self.saved = saved
        self._show_confirmation(saved, answers)
        if self.send_once:
            self.lock()
        else:
            self.new_button.layout.display = None
        self._forget_draft()
        return saved

    def lock(self) -> None:
        """Disable the answers of a form sent once; a subclass with inputs of its own disables them too."""
        self.field_set.set_disabled(True)

    def _is_locked(self) -> bool:
        return self.send_once and self.saved is not None

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.submit_button.disabled = saving or self._is_locked()
        self.submit_button.description = self._button_label()

    def _button_label(self) -> str:
        if not self.send_once:
            return _("Saving…") if self._saving else _("Save")
        if self._saving:
            return _("Sending…")
        return _("Sent") if self.saved is not None else _("Send")

    # -- drafts ------------------------------------------------------------------------------

    @in_form_language
    def _restore_draft(self) -> None:
        try:
            draft = drafts.load_draft(self.store, self.draft_key)
        except Exception:
            log.exception("reading the draft %s failed", self.draft_key)
            return
        if draft is None:
            return
        self.field_set.restore(draft.values)
        self.draft_note.value = _note(_("Your unsent answers from {time} (UTC) are back on the page.").format(
            time=format_datetime(draft.saved_at, self.language)))

    def _schedule_draft(self) -> None:
        """Write the draft once the page has not changed for DRAFT_DELAY_SECONDS.

        Widget events arrive on the kernel's event loop, so a timer on that loop replaces the
        previous one. Without a running loop (in tests), the draft is written at once.
        """
        if not self._keeping_drafts:
            return
        if self._draft_timer is not None:
            self._draft_timer.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.keep_draft()
            return
        self._draft_timer = loop.call_later(DRAFT_DELAY_SECONDS, self.keep_draft)

    @in_form_language
    def keep_draft(self) -> None:
        """Write what is on the page as the draft; a failure is logged and shown, never raised."""
        self._draft_timer = None
        if not self._keeping_drafts or self._saving:
            return
        values = self.field_set.draft_value()
        try:
            if _is_blank(values):
                drafts.clear_draft(self.store, self.draft_key)
                self.draft_note.value = ""
                return
            drafts.save_draft(self.store, self.draft_key, values)
        except Exception:
            log.exception("keeping the draft %s failed", self.draft_key)
            self.draft_note.value = _note(_("Your answers could not be kept as a draft; save them before "
                                            "you leave the page."))
            return
        self.draft_note.value = _note(_("Unsent answers kept as a draft; they come back if you reload the page."))

    def _forget_draft(self) -> None:
        """Stop keeping drafts of this fill, once saved, and delete the stored one."""
        if self.draft_key is None:
            return
        self._stop_keeping_drafts()
        self.draft_note.value = ""
        try:
            drafts.clear_draft(self.store, self.draft_key)
        except Exception:
            log.exception("deleting the draft %s failed", self.draft_key)

    def _stop_keeping_drafts(self) -> None:
        self._keeping_drafts = False
        if self._draft_timer is not None:
            self._draft_timer.cancel()
            self._draft_timer = None

    # -- messages ----------------------------------------------------------------------------

    def _show_rejected(self, problems: dict[str, str]) -> None:
        for field in self.fields:
            if field.name in problems:
                field.show_error(problems[field.name])
        self._show_problems(problems)

    def _show_problems(self, problems: dict[str, str]) -> None:
        labels = [field.label for field in self.fields if field.name in problems]
        labels += [f"{name}: {message}" for name, message in problems.items()
                   if name not in {field.name for field in self.fields}]
        heading = self._problems_heading(len(labels))
        items = "".join(f"<li>{escape(label)}</li>" for label in labels)
        self._show_summary(heading.format(count=len(labels)), items)

    def _problems_heading(self, count: int) -> str:
        if self.send_once:
            return ngettext("Nothing was sent: {count} answer needs a correction.",
                            "Nothing was sent: {count} answers need a correction.", count)
        return ngettext("Nothing was saved: {count} answer needs a correction.",
                        "Nothing was saved: {count} answers need a correction.", count)

    def _show_summary(self, message: str | None, items: str = "") -> None:
        if message is None:
            self.summary.value = self.status.value = ""
            return
        listing = f"<ul>{items}</ul>" if items else ""
        self.summary.value = f'<div style="{ERROR_STYLE}">{escape(message)}{listing}</div>'
        self.status.value = f'<div style="{ERROR_STYLE}">{escape(message)}</div>'

    def _show_confirmation(self, saved: Any, answers: dict[str, Any]) -> None:
        lines = [f"<li>{escape(field.label)}: {escape(field.format(answers[field.name]))}</li>"
                 for field in self.fields
                 if _is_short(field) and field.name in answers and answers[field.name] not in (None, "", [], {})]
        heading, reference = self.target.confirmation(saved)
        self.confirmation.value = (f'<div style="{CONFIRMATION_STYLE}"><p><b>{escape(heading)}</b></p>'
                                   f"<ul>{''.join(lines)}</ul><p>{escape(reference)}</p></div>")


def _is_short(field: Field) -> bool:
    """Return True for answers short enough to repeat in the confirmation (not long texts or groups)."""
    return field.definition.type not in ("long_text", "group")


def _with_choices(field: FieldDefinition, choices: ChoiceSource | None) -> FieldDefinition:
    """Return the field with the choices its `choices_from` names, taken from `choices`."""
    if field.choices_from is None:
        return field
    if choices is None:
        raise ValueError(f"field {field.name!r} takes its choices from {field.choices_from!r}, "
                         "but the form was given no source of choices")
    return dataclasses.replace(field, choices=choices(field.choices_from))


def _is_blank(values: Any) -> bool:
    """Return True when a draft contains nothing the person entered."""
    if isinstance(values, dict):
        return all(_is_blank(value) for value in values.values())
    if isinstance(values, list):
        return all(_is_blank(value) for value in values)
    return values is None or (isinstance(values, str) and not values.strip())


def _note(text: str) -> str:
    return f'<span style="{NOTE_STYLE}">{escape(text)}</span>'


def _html_with_class(css_class: str) -> widgets.HTML:
    html = widgets.HTML("")
    html.add_class(css_class)
    return html
