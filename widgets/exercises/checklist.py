"""Checklist builder: the trainee picks items from a bank, adds their own, and gets a list to copy.

The answer is stored as `{"picked": [bank item ids, in bank order], "own": [texts, in the order
added]}`. When the bank marks items as essential, the attempt is right if every essential item was
picked, and the feedback explains each one left out; without essential items `correct` is None.
CSS classes: `omt-bank-item` on each bank checkbox, `omt-own-text` and `omt-own-add` on the field and
button for own items, `omt-own-remove` on each own item's remove button and `omt-checklist-copy`
on the text area that shows the finished checklist.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from omt.widgets.exercises.base import Exercise, Feedback, detail, noted, styled, verdict
from omt.widgets.exercises.question_kinds import MAX_OWN_CHECKLIST_ITEMS, ChecklistQuestion

MAX_OWN_ITEM_LENGTH = 200


class ChecklistExercise(Exercise):
    """Checkboxes for the bank, a field to add own items, and the finished list once saved."""

    question: ChecklistQuestion
    check_label = "Save and show my checklist"

    def build_inputs(self) -> widgets.Widget:
        layout = widgets.Layout(width="auto")
        self.bank_boxes = {item.id: styled(widgets.Checkbox(value=False, description=item.text, indent=False,
                                                            layout=layout), "omt-bank-item")
                           for item in self.question.bank}
        self.own_items: list[str] = []
        self.own_text = styled(widgets.Text(placeholder="An item of your own"), "omt-own-text")
        self.add_button = styled(widgets.Button(description="Add", icon="plus"), "omt-own-add")
        self.add_button.on_click(lambda _button: self.add_own())
        self.own_message = widgets.HTML()
        self.own_box = widgets.VBox()
        self.copy_area = styled(widgets.Textarea(layout=widgets.Layout(width="100%", display="none")),
                                "omt-checklist-copy")
        return widgets.VBox([*self.bank_boxes.values(), widgets.HTML("<p>Your own items:</p>"), self.own_box,
                             widgets.HBox([self.own_text, self.add_button]), self.own_message,
                             self.copy_area])

    @property
    def incomplete_message(self) -> str:  # type: ignore[override]
        return f"Pick or add at least {self.question.min_items} items first."

    def add_own(self) -> bool:
        """Add the text typed in the field as an own item; return False and explain when it cannot be."""
        text = " ".join(self.own_text.value.split())
        message = ""
        if not text:
            message = "Type an item first."
        elif len(text) > MAX_OWN_ITEM_LENGTH:
            message = f"This item has {len(text)} characters; shorten it to {MAX_OWN_ITEM_LENGTH} or fewer."
        elif text in self.own_items:
            message = "This item is already on your list."
        elif len(self.own_items) >= MAX_OWN_CHECKLIST_ITEMS:
            message = f"You can add up to {MAX_OWN_CHECKLIST_ITEMS} items of your own."
        self.own_message.value = f"<p>{html.escape(message)}</p>" if message else ""
        if message:
            return False
        self.own_items.append(text)
        self.own_text.value = ""
        self._show_own()
        return True

    def remove_own(self, text: str) -> None:
        if text in self.own_items:
            self.own_items.remove(text)
            self._show_own()

    def _show_own(self) -> None:
        rows = []
        for text in self.own_items:
            remove = styled(widgets.Button(description="Remove", layout=widgets.Layout(width="auto")),
                            "omt-own-remove")
            remove.on_click(lambda _button, text=text: self.remove_own(text))
            rows.append(widgets.HBox([widgets.HTML(f"• {html.escape(text)}",
                                                   layout=widgets.Layout(flex="1 1 auto")), remove]))
        self.own_box.children = rows

    def answer(self) -> Any:
        picked = [item_id for item_id, box in self.bank_boxes.items() if box.value]
        if len(picked) + len(self.own_items) < self.question.min_items:
            return None
        return {"picked": picked, "own": list(self.own_items)}

    def saved_answer(self, stored: Any) -> Any:
        if not isinstance(stored, dict) or set(stored) != {"picked", "own"}:
            return None
        picked, own = stored["picked"], stored["own"]
        if not isinstance(picked, list) or not set(picked) <= set(self.bank_boxes):
            return None
        if not isinstance(own, list) or not all(isinstance(text, str) for text in own):
            return None
        return stored

    def show_answer(self, answer: Any) -> None:
        for item_id, box in self.bank_boxes.items():
            box.value = item_id in answer["picked"]
        self.own_items = list(answer["own"])
        self._show_own()

    def checklist_lines(self, answer: Any) -> list[str]:
        texts = [item.text for item in self.question.bank if item.id in answer["picked"]]
        return [f"[ ] {text}" for text in (*texts, *answer["own"])]

    def evaluate(self, answer: Any) -> Feedback:
        missing = [item for item in self.question.bank if item.essential and item.id not in answer["picked"]]
        count = len(answer["picked"]) + len(answer["own"])
        if not self.question.essential_ids:
            return Feedback(None, noted(f"Your checklist of {count} items is kept."), ())
        if not missing:
            return Feedback(True, verdict(True, f"Your checklist of {count} items is kept, and it has "
                                                "every essential item."), ())
        summary = verdict(False, f"Your checklist of {count} items is kept, but it leaves out "
                                 f"{len(missing)} essential item(s). Read why, add them, then save again.")
        details = tuple(detail(False, item.text, "essential, and not on your list.", item.why) for item in missing)
        return Feedback(False, summary, details)

    def show_feedback(self, feedback: Feedback) -> None:
        # Both check() and restore() set the inputs to the answer before showing its feedback.
        super().show_feedback(feedback)
        picked = [item_id for item_id, box in self.bank_boxes.items() if box.value]
        lines = self.checklist_lines({"picked": picked, "own": self.own_items})
        self.copy_area.value = "\n".join(lines)
        self.copy_area.rows = max(3, len(lines))
        self.copy_area.layout.display = "flex"
        self.feedback.value += "<p>Your checklist, ready to copy:</p>"

    @classmethod
    def mistakes(cls, question: Any, answer: Any) -> list[str]:
        return [f"left out: {item.text}" for item in question.bank
                if item.essential and item.id not in answer["picked"]]
