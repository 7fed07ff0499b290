"""Ordering exercises: the trainee moves items up and down until they are in the right order.

ipywidgets has no drag and drop, so every position has ↑ and ↓ buttons that swap its item with the
neighbour. The answer is stored as the list of item ids in the trainee's order. After a check, each
position says whether its item is in the right place and, if not, where it belongs. CSS classes:
`omt-order-row` on each position, `omt-order-up` and `omt-order-down` on its buttons,
`omt-order-text` on its item text and `omt-row-feedback` on its feedback.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from omt.widgets.exercises.base import Exercise, Feedback, detail, styled, verdict
from omt.widgets.exercises.question_kinds import OrderingQuestion


class OrderingExercise(Exercise):
    """A list of items in a fixed starting shuffle, each with buttons to move it up or down."""

    question: OrderingQuestion
    check_label = "Check my order"

    def build_inputs(self) -> widgets.Widget:
        self.order = self.question.start_order()
        self.texts: list[widgets.HTML] = []
        self.up_buttons: list[widgets.Button] = []
        self.down_buttons: list[widgets.Button] = []
        self.row_feedback: list[widgets.HTML] = []
        rows = [self._build_row(position) for position in range(len(self.order))]
        self._show_order()
        return widgets.VBox(rows)

    def _build_row(self, position: int) -> widgets.Widget:
        button_layout = widgets.Layout(width="2.6em")
        up = styled(widgets.Button(description="↑", tooltip="Move up", layout=button_layout,
                                   disabled=position == 0), "omt-order-up")
        down = styled(widgets.Button(description="↓", tooltip="Move down", layout=button_layout,
                                     disabled=position == len(self.order) - 1), "omt-order-down")
        up.on_click(lambda _button: self.move(position, -1))
        down.on_click(lambda _button: self.move(position, +1))
        text = styled(widgets.HTML(layout=widgets.Layout(flex="1 1 auto")), "omt-order-text")
        feedback = styled(widgets.HTML(), "omt-row-feedback")
        self.up_buttons.append(up)
        self.down_buttons.append(down)
        self.texts.append(text)
        self.row_feedback.append(feedback)
        line = widgets.HBox([widgets.HTML(f"<b>{position + 1}.</b>", layout=widgets.Layout(width="2em")),
                             up, down, text])
        return styled(widgets.VBox([line, feedback]), "omt-order-row")

    def move(self, position: int, step: int) -> None:
        """Swap the item at `position` with its neighbour above (step -1) or below (step +1)."""
        other = position + step
        if not 0 <= other < len(self.order):
            return
        self.order[position], self.order[other] = self.order[other], self.order[position]
        self._show_order()
        for feedback in self.row_feedback:
            feedback.value = ""

    def _show_order(self) -> None:
        for text, item_id in zip(self.texts, self.order):
            text.value = html.escape(self.question.text(item_id))

    def answer(self) -> Any:
        return list(self.order)

    def saved_answer(self, stored: Any) -> Any:
        if not isinstance(stored, list) or sorted(stored) != sorted(self.question.right_order):
            return None
        return stored

    def show_answer(self, answer: Any) -> None:
        self.order = list(answer)
        self._show_order()

    def evaluate(self, answer: Any) -> Feedback:
        right_order = self.question.right_order
        details = tuple(self._position_line(position, item_id) for position, item_id in enumerate(answer))
        right = sum(item_id == right_order[position] for position, item_id in enumerate(answer))
        total = len(right_order)
        if right == total:
            return Feedback(True, verdict(True, "Right: every item is in its place."), details)
        summary = verdict(False, f"{right} of {total} items are in their place. Read the feedback under "
                                 "each position, move the items, then check again.")
        return Feedback(False, summary, details)

    def _position_line(self, position: int, item_id: str) -> str:
        item = next(item for item in self.question.items if item.id == item_id)
        belongs = self.question.right_order.index(item_id)
        if belongs == position:
            return detail(True, item.text, "right place.", item.why)
        return detail(False, item.text, f"this belongs at position {belongs + 1}.", item.why)

    def show_feedback(self, feedback: Feedback) -> None:
        self.feedback.value = feedback.summary
        for row, line in zip(self.row_feedback, feedback.details):
            row.value = f"<div style='margin:0 0 0.6em 5em'>{line}</div>"

    @classmethod
    def mistakes(cls, question: Any, answer: Any) -> list[str]:
        right_order = question.right_order
        return [f"{question.text(item_id)} at position {position + 1}"
                for position, item_id in enumerate(answer) if right_order[position] != item_id]
