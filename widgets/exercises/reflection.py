"""Reflection exercises: a free-text answer with a live word count, saved and shown again.

There is no right answer, so attempts are stored with `correct` None. The answer is stored as the
text. After saving, the trainee sees the points the course author suggests comparing with, if any.
CSS classes: `omt-reflection-text` on the text area and `omt-word-count` on the count below it.
"""

from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as widgets

from omt.widgets.exercises.base import Exercise, Feedback, noted, styled
from omt.widgets.exercises.question_kinds import ReflectionQuestion

# A word is a run of characters without white space.
# NOTE: Thai (like Lao, Khmer and Burmese) does not separate words with spaces, so a Thai sentence
# counts as very few words here. Trainees who write in Thai may need a lower min_words.
WORD = re.compile(r"\S+")


def count_words(text: str) -> int:
    return len(WORD.findall(text))


class ReflectionExercise(Exercise):
    """A text area, the number of words written so far, and the allowed range."""

    question: ReflectionQuestion
    check_label = "Save my reflection"

    def build_inputs(self) -> widgets.Widget:
        self.text_area = styled(widgets.Textarea(placeholder="Write your reflection here.",
                                                 layout=widgets.Layout(width="100%", height="10em")),
                                "omt-reflection-text")
        self.word_count = styled(widgets.HTML(), "omt-word-count")
        self.text_area.observe(lambda _change: self._show_count(), names="value")
        self._show_count()
        return widgets.VBox([self.text_area, self.word_count])

    @property
    def words(self) -> int:
        return count_words(self.text_area.value)

    def _show_count(self) -> None:
        low, high = self.question.min_words, self.question.max_words
        self.word_count.value = (f"<p><b>{self.words}</b> words (write between {low} and {high}).</p>")

    @property
    def incomplete_message(self) -> str:  # type: ignore[override]
        words, low, high = self.words, self.question.min_words, self.question.max_words
        if words > high:
            return f"Your text has {words} words; shorten it to {high} or fewer, then save it again."
        return f"Your text has {words} words; write at least {low}, then save it again."

    def answer(self) -> Any:
        text = self.text_area.value.strip()
        return text if self.question.min_words <= count_words(text) <= self.question.max_words else None

    def saved_answer(self, stored: Any) -> Any:
        return stored if isinstance(stored, str) and stored.strip() else None

    def show_answer(self, answer: Any) -> None:
        self.text_area.value = answer

    def evaluate(self, answer: Any) -> Feedback:
        summary = noted(f"Your reflection of {count_words(answer)} words is kept. You can change it and "
                        "save it again at any time.")
        details = ()
        if self.question.compare_with:
            summary += "<p>Compare it with these points. Did you think of them?</p>"
            details = tuple(html.escape(point) for point in self.question.compare_with)
        return Feedback(None, summary, details)
