"""Self-assessment exercises: the trainee rates several statements on a scale from 1 to 5.

There is no right answer, so attempts are stored with `correct` None. The answer is stored as a
mapping of statement id to rating. After saving, each statement rated 1 or 2 shows its tip, if the
question file gives one. CSS classes: `omt-rating-row` on each statement, `omt-rating` on its
buttons.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from omt.widgets.exercises.base import Exercise, Feedback, noted, styled
from omt.widgets.exercises.question_kinds import SCALE_SIZE, SelfAssessmentQuestion

LOW_RATING = 2


class SelfAssessmentExercise(Exercise):
    """One row of 1-5 buttons per statement, with the scale's labels above."""

    question: SelfAssessmentQuestion
    check_label = "Save my ratings"
    incomplete_message = "Rate every statement first."

    def build_inputs(self) -> widgets.Widget:
        ratings = list(range(1, SCALE_SIZE + 1))
        self.ratings: dict[str, widgets.ToggleButtons] = {}
        rows = []
        for statement in self.question.statements:
            buttons = styled(widgets.ToggleButtons(options=[(str(n), n) for n in ratings], value=None,
                                                   tooltips=list(self.question.scale),
                                                   style={"button_width": "2.6em"}), "omt-rating")
            self.ratings[statement.id] = buttons
            text = widgets.HTML(html.escape(statement.text), layout=widgets.Layout(flex="1 1 auto"))
            rows.append(styled(widgets.HBox([text, buttons], layout=widgets.Layout(
                justify_content="space-between")), "omt-rating-row"))
        legend = widgets.HTML("<p><i>" + " · ".join(html.escape(label) for label in self.question.scale)
                              + "</i></p>")
        return widgets.VBox([legend, *rows])

    def answer(self) -> Any:
        answer = {statement_id: buttons.value for statement_id, buttons in self.ratings.items()}
        return None if None in answer.values() else answer

    def saved_answer(self, stored: Any) -> Any:
        if not isinstance(stored, dict) or set(stored) != set(self.ratings):
            return None
        valid = all(isinstance(rating, int) and 1 <= rating <= SCALE_SIZE for rating in stored.values())
        return stored if valid else None

    def show_answer(self, answer: Any) -> None:
        for statement_id, buttons in self.ratings.items():
            buttons.value = answer[statement_id]

    def evaluate(self, answer: Any) -> Feedback:
        average = sum(answer.values()) / len(answer)
        summary = noted(f"Your ratings are kept (average {average:.1f} of {SCALE_SIZE}). Rate again later "
                        "in the course to see how you progress.")
        tips = tuple(f"<b>{html.escape(statement.text)}</b> ({answer[statement.id]}): "
                     f"{html.escape(statement.tip)}"
                     for statement in self.question.statements
                     if statement.tip and answer[statement.id] <= LOW_RATING)
        if tips:
            summary += "<p>Tips for the statements you rated low:</p>"
        return Feedback(None, summary, tips)
