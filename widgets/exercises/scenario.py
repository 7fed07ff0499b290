"""Scenario exercises: a situation that unfolds step by step, where each choice has a consequence.

The trainee reads a step and clicks one of its choices. The consequence appears under the step,
then the next step follows, until a choice ends the scenario. Then the path is judged and saved:
it is right when every choice on it was a recommended one. The answer is stored as the path, a list
of `{"step": step id, "choice": choice id}`. "Start again" clears the path on screen; saved paths
stay in the store. CSS classes: `omt-scenario-step` on each step shown, `omt-scenario-choice` on
each choice button, `omt-consequence` on each consequence and `omt-scenario-restart` on the button.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from omt.widgets.exercises.base import (RIGHT_STYLE, WRONG_STYLE, Exercise, Feedback, paragraphs, styled,
                                        verdict)
from omt.widgets.exercises.question_kinds import ScenarioQuestion, ScenarioStep


class ScenarioExercise(Exercise):
    """Steps shown one after another, each with a button per choice."""

    question: ScenarioQuestion
    incomplete_message = "Choose what you would do at each step until the scenario ends."

    def build_inputs(self) -> widgets.Widget:
        # The path is saved as soon as it ends, so the Check button has nothing to do here.
        self.check_button.layout.display = "none"
        self.path: list[dict[str, str]] = []
        self.choice_buttons: dict[str, widgets.Button] = {}
        self.steps_box = widgets.VBox()
        self.restart_button = styled(widgets.Button(description="Start again", icon="undo",
                                                    layout=widgets.Layout(width="auto")), "omt-scenario-restart")
        self.restart_button.on_click(lambda _button: self.restart())
        self._show_path()
        return widgets.VBox([self.steps_box, self.restart_button])

    def choose(self, choice_id: str) -> None:
        """Take the choice `choice_id` at the current step; at the end, judge and save the path."""
        step = self.current_step()
        if step is None or step.choice(choice_id) is None:
            return
        self.path.append({"step": step.id, "choice": choice_id})
        self._show_path()
        if self.current_step() is None:
            self.check()

    def restart(self) -> None:
        self.path = []
        self.feedback.value = ""
        self.save_status.value = ""
        self._show_path()

    def current_step(self) -> ScenarioStep | None:
        """Return the step waiting for a choice, or None once the path has ended."""
        if not self.path:
            return self.question.steps[self.question.start]
        last = self.path[-1]
        next_id = self.question.steps[last["step"]].choice(last["choice"]).next  # type: ignore[union-attr]
        return None if next_id is None else self.question.steps[next_id]

    def _show_path(self) -> None:
        blocks = [self._taken_step(entry) for entry in self.path]
        step = self.current_step()
        self.choice_buttons = {}
        if step is not None:
            blocks.append(self._open_step(step))
        self.steps_box.children = blocks

    def _taken_step(self, entry: dict[str, str]) -> widgets.Widget:
        step = self.question.steps[entry["step"]]
        choice = step.choice(entry["choice"])
        assert choice is not None
        text = (f"{paragraphs(step.text)}<p>You chose: <b>{html.escape(choice.text)}</b></p>"
                f"<div class='omt-consequence' style='margin-left:1em'>{paragraphs(choice.consequence)}</div>")
        return styled(widgets.HTML(text), "omt-scenario-step")

    def _open_step(self, step: ScenarioStep) -> widgets.Widget:
        buttons = []
        for choice in step.choices:
            button = styled(widgets.Button(description=choice.text, tooltip=choice.text,
                                           layout=widgets.Layout(width="auto", height="auto")),
                            "omt-scenario-choice")
            button.on_click(lambda _button, choice_id=choice.id: self.choose(choice_id))
            self.choice_buttons[choice.id] = button
            buttons.append(button)
        return styled(widgets.VBox([widgets.HTML(paragraphs(step.text)), *buttons]), "omt-scenario-step")

    def answer(self) -> Any:
        return [dict(entry) for entry in self.path] if self.path and self.current_step() is None else None

    def saved_answer(self, stored: Any) -> Any:
        """Return the stored path if it still walks this question's steps from start to an end."""
        if not isinstance(stored, list) or not stored:
            return None
        expected = self.question.start
        for entry in stored:
            step = self.question.steps.get(expected) if isinstance(entry, dict) else None
            choice = step.choice(entry.get("choice")) if step and entry.get("step") == expected else None
            if choice is None:
                return None
            expected = choice.next
        return stored if expected is None else None

    def show_answer(self, answer: Any) -> None:
        self.path = [dict(entry) for entry in answer]
        self._show_path()

    def evaluate(self, answer: Any) -> Feedback:
        details = tuple(self._path_line(entry) for entry in answer)
        recommended = sum(self._choice(entry).recommended for entry in answer)
        total = len(answer)
        if recommended == total:
            return Feedback(True, verdict(True, "Well handled: you took a recommended choice at every step."),
                            details)
        summary = verdict(False, f"You took a recommended choice at {recommended} of {total} steps. "
                                 "Read your path below, then start again and try another way.")
        return Feedback(False, summary, details)

    def _choice(self, entry: dict[str, str]) -> Any:
        return self.question.steps[entry["step"]].choice(entry["choice"])

    def _path_line(self, entry: dict[str, str]) -> str:
        choice = self._choice(entry)
        sign, style, comment = (("✓", RIGHT_STYLE, "a recommended choice.") if choice.recommended
                                else ("✗", WRONG_STYLE, "not the recommended choice here."))
        return f"<span style='{style}'>{sign}</span> <b>{html.escape(choice.text)}</b>: {comment}"

    @classmethod
    def mistakes(cls, question: Any, answer: Any) -> list[str]:
        return [question.steps[entry["step"]].choice(entry["choice"]).text for entry in answer
                if not question.steps[entry["step"]].choice(entry["choice"]).recommended]
