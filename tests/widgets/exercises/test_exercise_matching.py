"""Matching exercises: one feedback line per row, attempts saved and restored."""

from __future__ import annotations

from omt.store import Store
from omt.widgets.exercises import MatchingExercise, QuestionSet, Training

from exercise_data import PROFILE

RIGHT = {"prepare": "sending", "schedule": "hosting", "meetings": "mentor"}


def matching(training: Training) -> MatchingExercise:
    exercise = training.exercise("who_does_what")
    assert isinstance(exercise, MatchingExercise)
    return exercise


def answer(exercise: MatchingExercise, choices: dict[str, str]) -> None:
    for row_id, choice_id in choices.items():
        exercise.dropdowns[row_id].value = choice_id
    exercise.check_button.click()


def test_all_rows_right(training: Training, store: Store) -> None:
    exercise = matching(training)
    answer(exercise, RIGHT)

    assert "✓ Right: all 3 matched." in exercise.feedback.value
    [attempt] = store.attempts("Lê Thị Hoa")
    assert attempt.answer == RIGHT
    assert attempt.correct is True


def test_wrong_row_names_answer_and_reason(training: Training, store: Store) -> None:
    exercise = matching(training)
    answer(exercise, {**RIGHT, "schedule": "mentor"})

    assert "2 of 3 matched" in exercise.feedback.value
    schedule = exercise.row_feedback["schedule"].value
    assert "<b>Mentor</b>: not this one; the answer is Hosting organisation. Hosting sets tasks." in schedule
    assert "<b>Sending organisation</b>: right. Sending prepares." in exercise.row_feedback["prepare"].value
    assert store.attempts()[0].correct is False


def test_incomplete_rows_not_saved(training: Training, store: Store) -> None:
    exercise = matching(training)
    answer(exercise, {"prepare": "sending"})

    assert "Choose an answer in every row first." in exercise.feedback.value
    assert store.attempts() == []


def test_changing_row_clears_its_feedback(training: Training) -> None:
    exercise = matching(training)
    answer(exercise, RIGHT)

    exercise.dropdowns["meetings"].value = "hosting"

    assert exercise.row_feedback["meetings"].value == ""
    assert exercise.row_feedback["prepare"].value != ""


def test_second_widget_shows_rows_and_feedback(training: Training, questions: QuestionSet,
                                               store: Store) -> None:
    answer(matching(training), {**RIGHT, "meetings": "sending"})

    reopened = matching(Training(questions, store, profile=PROFILE))

    assert reopened.answer() == {**RIGHT, "meetings": "sending"}
    assert "2 of 3 matched" in reopened.feedback.value
    assert "the answer is Mentor" in reopened.row_feedback["meetings"].value
    assert "last saved answer" in reopened.save_status.value


def test_css_classes_on_rows(training: Training) -> None:
    exercise = matching(training)

    assert "omt-exercise-matching" in exercise.widget._dom_classes
    assert all("omt-match-select" in dropdown._dom_classes for dropdown in exercise.dropdowns.values())
    assert all("omt-row-feedback" in html._dom_classes for html in exercise.row_feedback.values())
