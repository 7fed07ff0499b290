"""Self-assessment exercises: every statement rated 1-5, ratings saved, tips for low ratings."""

from __future__ import annotations

from omt.store import Store
from omt.widgets.exercises import QuestionSet, SelfAssessmentExercise, Training

from exercise_data import PROFILE


def assessment(training: Training) -> SelfAssessmentExercise:
    exercise = training.exercise("confidence")
    assert isinstance(exercise, SelfAssessmentExercise)
    return exercise


def test_unrated_statement_blocks_saving(training: Training, store: Store) -> None:
    exercise = assessment(training)
    exercise.ratings["listen"].value = 4
    exercise.check_button.click()

    assert "Rate every statement first." in exercise.feedback.value
    assert store.attempts() == []


def test_ratings_saved_without_verdict(training: Training, store: Store) -> None:
    exercise = assessment(training)
    exercise.ratings["listen"].value = 4
    exercise.ratings["escalate"].value = 5
    exercise.check_button.click()

    assert "average 4.5 of 5" in exercise.feedback.value
    assert "Tips" not in exercise.feedback.value
    [attempt] = store.attempts("Lê Thị Hoa")
    assert attempt.answer == {"listen": 4, "escalate": 5}
    assert attempt.correct is None


def test_low_rating_shows_tip(training: Training) -> None:
    exercise = assessment(training)
    exercise.ratings["listen"].value = 2
    exercise.ratings["escalate"].value = 1
    exercise.check_button.click()

    assert "<b>I listen without judging.</b> (2): Practise active listening." in exercise.feedback.value
    # The second statement has no tip, so nothing is shown for it.
    assert "I know the escalation chain." not in exercise.feedback.value


def test_reopened_shows_ratings(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = assessment(training)
    exercise.ratings["listen"].value = 3
    exercise.ratings["escalate"].value = 2
    exercise.check_button.click()

    reopened = assessment(Training(questions, store, profile=PROFILE))

    assert reopened.ratings["listen"].value == 3
    assert reopened.ratings["escalate"].value == 2
    assert "last saved answer" in reopened.save_status.value


def test_scale_labels_are_tooltips(training: Training) -> None:
    exercise = assessment(training)

    assert exercise.ratings["listen"].tooltips[0] == "1 not at all"
    assert exercise.ratings["listen"].options == (("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5))
