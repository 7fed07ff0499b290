"""Scenario exercises: choices show consequences and lead on; the path is judged and saved."""

from __future__ import annotations

from omt.store import Store
from omt.widgets.exercises import QuestionSet, ScenarioExercise, Training

from exercise_data import PROFILE


def scenario(training: Training) -> ScenarioExercise:
    exercise = training.exercise("late_call")
    assert isinstance(exercise, ScenarioExercise)
    return exercise


def test_first_step_offers_its_choices(training: Training) -> None:
    exercise = scenario(training)

    assert set(exercise.choice_buttons) == {"listen", "tomorrow"}
    assert exercise.check_button.layout.display == "none"
    assert "Minh calls at 23:00" in exercise.steps_box.children[0].children[0].value


def test_choice_shows_consequence_and_next_step(training: Training, store: Store) -> None:
    exercise = scenario(training)
    exercise.choice_buttons["tomorrow"].click()

    taken = exercise.steps_box.children[0].value
    assert "You chose: <b>Ask him to call back tomorrow</b>" in taken
    assert "He hangs up, alone with the problem." in taken
    assert set(exercise.choice_buttons) == {"escalate", "nothing"}
    assert store.attempts() == []


def test_recommended_path_saved_right(training: Training, store: Store) -> None:
    exercise = scenario(training)
    exercise.choice_buttons["listen"].click()
    exercise.choice_buttons["escalate"].click()

    assert "✓ Well handled" in exercise.feedback.value
    assert exercise.choice_buttons == {}
    [attempt] = store.attempts("Lê Thị Hoa")
    assert attempt.answer == [{"step": "call", "choice": "listen"}, {"step": "plan", "choice": "escalate"}]
    assert attempt.correct is True


def test_other_path_counts_recommended(training: Training, store: Store) -> None:
    exercise = scenario(training)
    exercise.choice_buttons["tomorrow"].click()
    exercise.choice_buttons["escalate"].click()

    assert "recommended choice at 1 of 2 steps" in exercise.feedback.value
    assert "<b>Ask him to call back tomorrow</b>: not the recommended choice here." in exercise.feedback.value
    assert store.attempts()[0].correct is False
    assert ScenarioExercise.mistakes(exercise.question, store.attempts()[0].answer) == [
        "Ask him to call back tomorrow"]


def test_restart_keeps_saved_paths(training: Training, store: Store) -> None:
    exercise = scenario(training)
    exercise.choice_buttons["tomorrow"].click()
    exercise.choice_buttons["nothing"].click()

    exercise.restart_button.click()
    exercise.choice_buttons["listen"].click()
    exercise.choice_buttons["escalate"].click()

    assert [attempt.correct for attempt in store.attempts()] == [False, True]
    assert exercise.feedback.value.count("Well handled") == 1


def test_reopened_shows_saved_path(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = scenario(training)
    exercise.choice_buttons["listen"].click()
    exercise.choice_buttons["nothing"].click()

    reopened = scenario(Training(questions, store, profile=PROFILE))

    assert reopened.path == [{"step": "call", "choice": "listen"}, {"step": "plan", "choice": "nothing"}]
    assert "The problem comes back." in reopened.steps_box.children[1].value
    assert "recommended choice at 1 of 2 steps" in reopened.feedback.value
    assert "last saved answer" in reopened.save_status.value


def test_path_that_no_longer_fits_ignored(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = scenario(training)
    exercise.session.record("late_call", [{"step": "call", "choice": "vanished"}], False)

    reopened = scenario(Training(questions, store, profile=PROFILE))

    assert reopened.path == []
    assert set(reopened.choice_buttons) == {"listen", "tomorrow"}
