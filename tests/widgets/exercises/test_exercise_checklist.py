"""Checklist builder: picking from the bank, own items, the list to copy, essentials explained."""

from __future__ import annotations

from omt.store import Store
from omt.widgets.exercises import ChecklistExercise, QuestionSet, Training

from exercise_data import PROFILE


def checklist(training: Training) -> ChecklistExercise:
    exercise = training.exercise("arrival_list")
    assert isinstance(exercise, ChecklistExercise)
    return exercise


def add(exercise: ChecklistExercise, text: str) -> None:
    exercise.own_text.value = text
    exercise.add_button.click()


def test_own_items_added_and_removed(training: Training) -> None:
    exercise = checklist(training)
    add(exercise, "  Buy a SIM card  ")
    add(exercise, "Show the way to the office")

    assert exercise.own_items == ["Buy a SIM card", "Show the way to the office"]
    assert exercise.own_text.value == ""
    remove = exercise.own_box.children[0].children[1]
    remove.click()
    assert exercise.own_items == ["Show the way to the office"]


def test_empty_and_repeated_items_rejected(training: Training) -> None:
    exercise = checklist(training)
    add(exercise, "   ")
    assert "Type an item first." in exercise.own_message.value
    add(exercise, "Buy a SIM card")
    add(exercise, "Buy a SIM card")

    assert "already on your list" in exercise.own_message.value
    assert exercise.own_items == ["Buy a SIM card"]


def test_too_few_items_not_saved(training: Training, store: Store) -> None:
    exercise = checklist(training)
    exercise.bank_boxes["tour"].value = True
    exercise.check_button.click()

    assert "Pick or add at least 2 items first." in exercise.feedback.value
    assert store.attempts() == []


def test_full_checklist_ready_to_copy(training: Training, store: Store) -> None:
    exercise = checklist(training)
    exercise.bank_boxes["contacts"].value = True
    exercise.bank_boxes["meeting"].value = True
    add(exercise, "Gọi điện cho gia đình")
    exercise.check_button.click()

    assert "✓ Your checklist of 3 items is kept, and it has every essential item." in exercise.feedback.value
    assert exercise.copy_area.value == ("[ ] Share the 24-hour contact\n[ ] Book the first mentor meeting\n"
                                        "[ ] Gọi điện cho gia đình")
    assert exercise.copy_area.layout.display == "flex"
    [attempt] = store.attempts("Lê Thị Hoa")
    assert attempt.answer == {"picked": ["contacts", "meeting"], "own": ["Gọi điện cho gia đình"]}
    assert attempt.correct is True


def test_missing_essential_explained(training: Training, store: Store) -> None:
    exercise = checklist(training)
    exercise.bank_boxes["tour"].value = True
    exercise.bank_boxes["contacts"].value = True
    exercise.check_button.click()

    assert "leaves out 1 essential item(s)" in exercise.feedback.value
    assert "<b>Book the first mentor meeting</b>: essential, and not on your list. It sets trust." in (
        exercise.feedback.value)
    assert store.attempts()[0].correct is False
    assert ChecklistExercise.mistakes(exercise.question, store.attempts()[0].answer) == [
        "left out: Book the first mentor meeting"]


def test_reopened_shows_checklist(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = checklist(training)
    exercise.bank_boxes["meeting"].value = True
    add(exercise, "Buy a SIM card")
    exercise.check_button.click()

    reopened = checklist(Training(questions, store, profile=PROFILE))

    assert reopened.bank_boxes["meeting"].value is True
    assert reopened.bank_boxes["contacts"].value is False
    assert reopened.own_items == ["Buy a SIM card"]
    assert "[ ] Buy a SIM card" in reopened.copy_area.value
    assert "last saved answer" in reopened.save_status.value
