"""Reflection exercises: word count limits, text saved with no verdict and shown again."""

from __future__ import annotations

from omt.store import Store
from omt.widgets.exercises import QuestionSet, ReflectionExercise, Training, count_words

from exercise_data import PROFILE

TEXT = "Tôi đón tình nguyện viên tại sân bay Nội Bài."


def reflection(training: Training) -> ReflectionExercise:
    exercise = training.exercise("my_welcome")
    assert isinstance(exercise, ReflectionExercise)
    return exercise


def test_word_count_follows_typing(training: Training) -> None:
    exercise = reflection(training)
    exercise.text_area.value = "one two  three\nfour"

    assert "<b>4</b> words (write between 5 and 12)" in exercise.word_count.value


def test_too_short_not_saved(training: Training, store: Store) -> None:
    exercise = reflection(training)
    exercise.text_area.value = "Too short."
    exercise.check_button.click()

    assert "has 2 words; write at least 5" in exercise.feedback.value
    assert store.attempts() == []


def test_too_long_not_saved(training: Training, store: Store) -> None:
    exercise = reflection(training)
    exercise.text_area.value = " ".join(["word"] * 13)
    exercise.check_button.click()

    assert "has 13 words; shorten it to 12 or fewer" in exercise.feedback.value
    assert store.attempts() == []


def test_saved_without_verdict(training: Training, store: Store) -> None:
    exercise = reflection(training)
    exercise.text_area.value = TEXT
    exercise.check_button.click()

    assert f"Your reflection of {count_words(TEXT)} words is kept." in exercise.feedback.value
    assert "Name a mentor before arrival." in exercise.feedback.value
    [attempt] = store.attempts("Lê Thị Hoa")
    assert attempt.answer == TEXT
    assert attempt.correct is None


def test_reopened_shows_saved_text(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = reflection(training)
    exercise.text_area.value = TEXT
    exercise.check_button.click()

    reopened = reflection(Training(questions, store, profile=PROFILE))

    assert reopened.text_area.value == TEXT
    assert "<b>10</b> words" in reopened.word_count.value
    assert "last saved answer" in reopened.save_status.value
