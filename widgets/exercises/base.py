"""The part every exercise shares: prompt, Check button, feedback, saving and restoring attempts.

An exercise kind subclasses `Exercise` and provides four things: the input widgets, the answer read
from them (None while incomplete), a way to show a saved answer again, and `evaluate`, which turns an
answer into `Feedback`. Feedback is computed from the answer and the question file, never stored, so
a corrected question file also corrects the feedback on old answers.

Stable CSS classes, for browser tests and styling: `omt-exercise` and `omt-exercise-<kind>` on the
whole exercise, `omt-id-<question id>`, `omt-prompt`, `omt-check`, `omt-feedback`, `omt-save-status`.
"""

from __future__ import annotations

import html
import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from omt.errors import OmtError
from omt.widgets.exercises.questions import Question
from omt.widgets.exercises.session import TrainingSession

log = logging.getLogger(__name__)

RIGHT_STYLE = "color:#1b5e20"
WRONG_STYLE = "color:#b71c1c"

SAVED = "Your answer is saved."
NOT_SAVED_NO_NAME = ("Your answer is not saved yet: enter your name at the top of the module. "
                     "It will be saved as soon as you do.")
SAVE_FAILED = ("Your answer could not be saved just now. Check it again in a moment; if this keeps "
               "happening, tell the person who runs the course.")
RESTORED = "This is your last saved answer. Change it and check again whenever you like."


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: right, wrong or None when there is no right answer, a summary,
    and one line per option or row."""

    correct: bool | None
    summary: str
    details: tuple[str, ...]


class Displayable:
    """An object shown as its `widget`, with a short plain-text form that never changes.

    The plain text is what a notebook saves beside the widget view, so it is the same whatever the
    trainee answered: saved notebooks stay comparable, for example by nbval.
    """

    widget: widgets.Widget

    def plain_text(self) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.plain_text()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(**kwargs))
        bundle["text/plain"] = self.plain_text()
        return bundle


class Exercise(Displayable, ABC):
    """One exercise built from one question, saving each checked answer for the session's trainee."""

    check_label = "Check my answer"
    incomplete_message = "Choose an answer first."

    def __init__(self, question: Question, session: TrainingSession):
        self.question = question
        self.session = session
        self.prompt = styled(widgets.HTML(paragraphs(question.prompt)), "omt-prompt")
        self.check_button = styled(widgets.Button(description=self.check_label, button_style="primary",
                                                  layout=widgets.Layout(width="auto", align_self="flex-start")),
                                   "omt-check")
        self.feedback = styled(widgets.HTML(), "omt-feedback")
        self.save_status = styled(widgets.HTML(), "omt-save-status")
        self.widget = styled(widgets.VBox([self.prompt, self.build_inputs(), self.check_button,
                                           self.feedback, self.save_status]),
                             "omt-exercise", f"omt-exercise-{question.kind}", f"omt-id-{question.id}")
        self._unsaved: tuple[Any, bool | None] | None = None
        self.check_button.on_click(lambda _button: self.check())
        session.on_trainee_change(self._trainee_changed)
        self.restore()

    def plain_text(self) -> str:
        return f"Exercise {self.question.id!r} ({self.question.kind.replace('_', ' ')})"

    # -- what each kind provides ---------------------------------------------------------------

    @abstractmethod
    def build_inputs(self) -> widgets.Widget:
        """Create the widgets the trainee answers with, and return their container."""

    @abstractmethod
    def answer(self) -> Any:
        """Return the answer as JSON-ready data, or None while it is incomplete."""

    @abstractmethod
    def saved_answer(self, stored: Any) -> Any:
        """Return a stored answer that still fits the question, or None when it no longer does."""

    @abstractmethod
    def show_answer(self, answer: Any) -> None:
        """Set the input widgets to `answer`."""

    @abstractmethod
    def evaluate(self, answer: Any) -> Feedback:
        """Return the feedback on `answer`."""

    @classmethod
    def mistakes(cls, question: Any, answer: Any) -> list[str]:
        """Return a short text for each mistake in a wrong `answer`, for the trainer's overview.

        Kinds with no right answer keep this default, which finds none.
        """
        return []

    def show_feedback(self, feedback: Feedback) -> None:
        items = "".join(f"<li>{line}</li>" for line in feedback.details)
        self.feedback.value = f"{feedback.summary}<ul class='omt-details'>{items}</ul>"

    # -- checking, saving, restoring -----------------------------------------------------------

    def check(self) -> Feedback | None:
        """Evaluate the current answer, show the feedback and save the attempt."""
        answer = self.answer()
        if answer is None:
            self.feedback.value = paragraphs(self.incomplete_message)
            self.save_status.value = ""
            return None
        feedback = self.evaluate(answer)
        self.show_feedback(feedback)
        self._save(answer, feedback.correct)
        return feedback

    def restore(self) -> bool:
        """Show the trainee's last saved answer and its feedback. Return False when there is none."""
        attempt = self.session.last_attempt(self.question.id)
        answer = None if attempt is None else self.saved_answer(attempt.answer)
        if answer is None:
            return False
        self.show_answer(answer)
        self.show_feedback(self.evaluate(answer))
        self.save_status.value = paragraphs(RESTORED)
        return True

    def _save(self, answer: Any, correct: bool | None) -> None:
        try:
            saved = self.session.record(self.question.id, answer, correct)
        except OmtError:
            log.warning("attempt at %s/%s not saved", self.session.module, self.question.id, exc_info=True)
            self.save_status.value = paragraphs(SAVE_FAILED)
            return
        self._unsaved = None if saved else (answer, correct)
        self.save_status.value = paragraphs(SAVED if saved else NOT_SAVED_NO_NAME)

    def _trainee_changed(self) -> None:
        if self._unsaved is not None:
            self._save(*self._unsaved)
        else:
            self.restore()


def styled(widget: widgets.Widget, *classes: str) -> Any:
    """Add CSS classes to `widget` and return it."""
    for name in classes:
        widget.add_class(name)
    return widget


def paragraphs(text: str) -> str:
    """Return plain text as HTML paragraphs: escaped, one paragraph per blank-line-separated block."""
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    return "".join(f"<p>{html.escape(block)}</p>" for block in blocks)


def verdict(correct: bool, text: str) -> str:
    """Return the summary line of a feedback: a sign, colour and words, so colour is never needed."""
    sign, style = ("✓", RIGHT_STYLE) if correct else ("✗", WRONG_STYLE)
    return f"<p class='omt-verdict' style='{style}'><b>{sign} {html.escape(text)}</b></p>"


def noted(text: str) -> str:
    """Return the summary line of a feedback on an answer that is neither right nor wrong."""
    return f"<p class='omt-verdict'><b>• {html.escape(text)}</b></p>"


def detail(correct: bool, title: str, comment: str, why: str) -> str:
    """Return one feedback line: sign, the option or row it is about, the comment and the reason."""
    sign, style = ("✓", RIGHT_STYLE) if correct else ("✗", WRONG_STYLE)
    return (f"<span style='{style}'>{sign}</span> <b>{html.escape(title)}</b>: "
            f"{html.escape(comment)} {html.escape(why)}")
