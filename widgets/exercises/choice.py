"""Single and multiple choice exercises, with feedback on every option once the answer is checked.

A single choice answer is stored as the chosen option's id; a multiple choice answer as the sorted
list of ticked option ids. CSS classes: `omt-choices` on the radio buttons of a single choice,
`omt-option` on each checkbox of a multiple choice.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from omt.widgets.exercises.base import Exercise, Feedback, detail, styled, verdict
from omt.widgets.exercises.questions import ChoiceQuestion, Option

# What the feedback says about an option, by (chosen, correct), for each kind of question.
SINGLE_COMMENTS = {
    (True, True): "your choice, and the right one.",
    (True, False): "your choice, but not the best one.",
    (False, True): "this is the answer.",
    (False, False): "not the answer.",
}
MULTIPLE_COMMENTS = {
    (True, True): "you ticked it, rightly.",
    (True, False): "you ticked it, but it does not belong here.",
    (False, True): "you left it out, but it belongs here.",
    (False, False): "you left it out, rightly.",
}


class ChoiceExercise(Exercise):
    """A question with options: one to choose (single choice) or several to tick (multiple choice)."""

    question: ChoiceQuestion

    @property
    def multiple(self) -> bool:
        return self.question.kind == "multiple_choice"

    @property
    def incomplete_message(self) -> str:  # type: ignore[override]
        return "Tick at least one option first." if self.multiple else "Choose an answer first."

    def build_inputs(self) -> widgets.Widget:
        layout = widgets.Layout(width="auto")
        if self.multiple:
            self.checkboxes = {option.id: styled(widgets.Checkbox(value=False, description=option.text,
                                                                  indent=False, layout=layout), "omt-option")
                               for option in self.question.options}
            return widgets.VBox(list(self.checkboxes.values()))
        options = [(option.text, option.id) for option in self.question.options]
        self.radio = styled(widgets.RadioButtons(options=options, value=None, layout=layout), "omt-choices")
        return self.radio

    def answer(self) -> Any:
        if not self.multiple:
            return self.radio.value
        ticked = sorted(option_id for option_id, box in self.checkboxes.items() if box.value)
        return ticked or None

    def saved_answer(self, stored: Any) -> Any:
        known = {option.id for option in self.question.options}
        if not self.multiple:
            return stored if stored in known else None
        if not isinstance(stored, list) or not stored or not set(stored) <= known:
            return None
        return sorted(stored)

    def show_answer(self, answer: Any) -> None:
        if not self.multiple:
            self.radio.value = answer
            return
        for option_id, box in self.checkboxes.items():
            box.value = option_id in answer

    def evaluate(self, answer: Any) -> Feedback:
        chosen = set(answer) if self.multiple else {answer}
        correct = chosen == self.question.correct_ids
        details = tuple(self._option_line(option, option.id in chosen) for option in self.question.options)
        return Feedback(correct, verdict(correct, self._summary(chosen, correct)), details)

    def _option_line(self, option: Option, chosen: bool) -> str:
        comments = MULTIPLE_COMMENTS if self.multiple else SINGLE_COMMENTS
        judged_right = chosen == option.correct
        if not self.multiple:
            # In a single choice, leaving out a wrong option is no achievement: mark only the
            # chosen option and the answer.
            judged_right = option.correct
        return detail(judged_right, option.text, comments[(chosen, option.correct)], option.why)

    def _summary(self, chosen: set[str], correct: bool) -> str:
        if correct:
            return "Right." if not self.multiple else "Right: you ticked exactly the options that belong."
        if not self.multiple:
            return "Not quite. Read why below, then try again."
        right = sum((option.id in chosen) == option.correct for option in self.question.options)
        total = len(self.question.options)
        return f"Not quite: you judged {right} of {total} options correctly. Read why below, then try again."

    @classmethod
    def mistakes(cls, question: Any, answer: Any) -> list[str]:
        if question.kind == "single_choice":
            return [option.text for option in question.options if option.id == answer and not option.correct]
        ticked = set(answer)
        return [("ticked: " if option.id in ticked else "left out: ") + option.text
                for option in question.options if (option.id in ticked) != option.correct]
