"""Matching exercises: each row (for example a task) gets one choice (the party responsible for it).

The answer is stored as a mapping of row id to choice id. After a check, each row shows its own
feedback right under its dropdown, and the exercise's feedback area shows the score. CSS classes:
`omt-match-row` on each row, `omt-match-select` on its dropdown, `omt-row-feedback` on its feedback.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from omt.widgets.exercises.base import Exercise, Feedback, detail, styled, verdict
from omt.widgets.exercises.questions import MatchingQuestion, MatchRow


class MatchingExercise(Exercise):
    """A list of rows, each with a dropdown of the same choices."""

    question: MatchingQuestion
    incomplete_message = "Choose an answer in every row first."

    def build_inputs(self) -> widgets.Widget:
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        self.row_feedback: dict[str, widgets.HTML] = {}
        return widgets.VBox([self._build_row(row) for row in self.question.rows])

    def _build_row(self, row: MatchRow) -> widgets.Widget:
        options = [(choice.label, choice.id) for choice in self.question.choices]
        dropdown = styled(widgets.Dropdown(options=options, value=None, layout=widgets.Layout(width="16em")),
                          "omt-match-select")
        dropdown.observe(self._clear_row_feedback(row.id), names="value")
        self.dropdowns[row.id] = dropdown
        self.row_feedback[row.id] = styled(widgets.HTML(), "omt-row-feedback")
        task = widgets.HTML(html.escape(row.text), layout=widgets.Layout(flex="1 1 auto"))
        line = widgets.HBox([task, dropdown], layout=widgets.Layout(justify_content="space-between"))
        return styled(widgets.VBox([line, self.row_feedback[row.id]]), "omt-match-row")

    def _clear_row_feedback(self, row_id: str) -> Any:
        def clear(_change: dict[str, Any]) -> None:
            self.row_feedback[row_id].value = ""
        return clear

    def answer(self) -> Any:
        answer = {row_id: dropdown.value for row_id, dropdown in self.dropdowns.items()}
        return None if None in answer.values() else answer

    def saved_answer(self, stored: Any) -> Any:
        choice_ids = {choice.id for choice in self.question.choices}
        if not isinstance(stored, dict) or set(stored) != set(self.dropdowns):
            return None
        return stored if set(stored.values()) <= choice_ids else None

    def show_answer(self, answer: Any) -> None:
        for row_id, dropdown in self.dropdowns.items():
            dropdown.value = answer[row_id]

    def evaluate(self, answer: Any) -> Feedback:
        details = tuple(self._row_line(row, answer[row.id]) for row in self.question.rows)
        right = sum(answer[row.id] == row.answer for row in self.question.rows)
        total = len(self.question.rows)
        if right == total:
            summary = verdict(True, f"Right: all {total} matched.")
        else:
            summary = verdict(False, f"{right} of {total} matched. Read the feedback under each row, "
                                     "change what needs changing, then check again.")
        return Feedback(right == total, summary, details)

    def _row_line(self, row: MatchRow, chosen: str) -> str:
        if chosen == row.answer:
            return detail(True, self.question.label(chosen), "right.", row.why)
        expected = self.question.label(row.answer)
        return detail(False, self.question.label(chosen), f"not this one; the answer is {expected}.", row.why)

    def show_feedback(self, feedback: Feedback) -> None:
        self.feedback.value = feedback.summary
        for row, line in zip(self.question.rows, feedback.details):
            self.row_feedback[row.id].value = f"<div style='margin:0 0 0.6em 1em'>{line}</div>"

    @classmethod
    def mistakes(cls, question: Any, answer: Any) -> list[str]:
        return [f"{row.text} → {question.label(answer[row.id])}" for row in question.rows
                if answer.get(row.id) != row.answer]
