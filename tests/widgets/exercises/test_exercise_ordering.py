"""Ordering exercises: moving items with the buttons, feedback per position, saved order restored."""

from __future__ import annotations

from omt.store import Store
from omt.widgets.exercises import OrderingExercise, QuestionSet, Training

from exercise_data import PROFILE

RIGHT = ["preparation", "arrival", "support", "return"]


def ordering(training: Training) -> OrderingExercise:
    exercise = training.exercise("journey_stages")
    assert isinstance(exercise, OrderingExercise)
    return exercise


def sort_with_buttons(exercise: OrderingExercise, wanted: list[str]) -> None:
    """Click ↑ buttons, as a trainee would, until the items are in the `wanted` order."""
    for target, item_id in enumerate(wanted):
        while exercise.order.index(item_id) > target:
            exercise.up_buttons[exercise.order.index(item_id)].click()


def test_starts_shuffled_and_stable(training: Training, questions: QuestionSet, store: Store) -> None:
    first = ordering(training).order
    again = ordering(Training(questions, store, profile=PROFILE)).order

    assert first != RIGHT
    assert sorted(first) == sorted(RIGHT)
    assert first == again


def test_buttons_swap_neighbours(training: Training) -> None:
    exercise = ordering(training)
    before = list(exercise.order)

    exercise.down_buttons[0].click()

    assert exercise.order == [before[1], before[0], *before[2:]]
    assert exercise.texts[0].value == exercise.question.text(before[1])
    assert exercise.up_buttons[0].disabled
    assert exercise.down_buttons[-1].disabled


def test_right_order_saved(training: Training, store: Store) -> None:
    exercise = ordering(training)
    sort_with_buttons(exercise, RIGHT)
    exercise.check_button.click()

    assert "✓ Right: every item is in its place." in exercise.feedback.value
    [attempt] = store.attempts("Lê Thị Hoa")
    assert attempt.answer == RIGHT
    assert attempt.correct is True


def test_wrong_positions_say_where(training: Training, store: Store) -> None:
    exercise = ordering(training)
    sort_with_buttons(exercise, ["arrival", "preparation", "support", "return"])
    exercise.check_button.click()

    assert "2 of 4 items are in their place" in exercise.feedback.value
    assert "this belongs at position 2" in exercise.row_feedback[0].value
    assert "this belongs at position 1" in exercise.row_feedback[1].value
    assert "right place." in exercise.row_feedback[3].value
    assert store.attempts()[0].correct is False
    assert OrderingExercise.mistakes(exercise.question, store.attempts()[0].answer) == [
        "Arrival and induction at position 1", "Preparation at position 2"]


def test_moving_clears_feedback(training: Training) -> None:
    exercise = ordering(training)
    exercise.check_button.click()

    exercise.down_buttons[1].click()

    assert all(row.value == "" for row in exercise.row_feedback)


def test_reopened_shows_saved_order(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = ordering(training)
    sort_with_buttons(exercise, RIGHT)
    exercise.check_button.click()

    reopened = ordering(Training(questions, store, profile=PROFILE))

    assert reopened.order == RIGHT
    assert reopened.texts[0].value == "Preparation"
    assert "last saved answer" in reopened.save_status.value
