"""Single and multiple choice exercises: feedback on every option, attempts saved and restored."""

from __future__ import annotations

from omt.store import Store
from omt.widgets.exercises import ChoiceExercise, QuestionSet, Training, parse_question_set

from exercise_data import PROFILE, SINGLE, question_data


def single(training: Training) -> ChoiceExercise:
    exercise = training.exercise("first_contact")
    assert isinstance(exercise, ChoiceExercise)
    return exercise


def test_right_answer_feedback_and_attempt(training: Training, store: Store) -> None:
    exercise = single(training)
    exercise.radio.value = "mentor"
    exercise.check_button.click()

    assert "✓ Right." in exercise.feedback.value
    assert "Saved" not in exercise.feedback.value
    assert "Your answer is saved." in exercise.save_status.value
    [attempt] = store.attempts("Lê Thị Hoa", "99_test_module")
    assert attempt.exercise_id == "first_contact"
    assert attempt.answer == "mentor"
    assert attempt.correct is True


def test_wrong_answer_explains_every_option(training: Training, store: Store) -> None:
    exercise = single(training)
    exercise.radio.value = "supervisor"
    exercise.check_button.click()

    feedback = exercise.feedback.value
    assert "Not quite" in feedback
    assert "<b>The task supervisor</b>: your choice, but not the best one. Supervisors guide work." in feedback
    assert "<b>The mentor</b>: this is the answer. Mentors give personal support." in feedback
    assert "<b>The sending organisation</b>: not the answer. It mediates later." in feedback
    assert store.attempts()[0].correct is False


def test_no_choice_asks_and_saves_nothing(training: Training, store: Store) -> None:
    exercise = single(training)
    exercise.check_button.click()

    assert "Choose an answer first." in exercise.feedback.value
    assert store.attempts() == []


def test_second_widget_shows_last_answer(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = single(training)
    exercise.radio.value = "mentor"
    exercise.check_button.click()

    reopened = single(Training(questions, store, profile=PROFILE))

    assert reopened.radio.value == "mentor"
    assert "✓ Right." in reopened.feedback.value
    assert "last saved answer" in reopened.save_status.value


def test_other_trainee_starts_empty(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = single(training)
    exercise.radio.value = "mentor"
    exercise.check_button.click()
    store.save_trainee_name("someone@else", "Marco Rossi")

    other = single(Training(questions, store, profile="someone@else"))

    assert other.radio.value is None
    assert other.feedback.value == ""


def test_multiple_choice_judges_each_option(training: Training, store: Store) -> None:
    exercise = training.exercise("mentor_role")
    assert isinstance(exercise, ChoiceExercise)
    exercise.checkboxes["listen"].value = True
    exercise.checkboxes["tasks"].value = True
    exercise.check_button.click()

    feedback = exercise.feedback.value
    assert "you judged 1 of 3 options correctly" in feedback
    assert "<b>Listening</b>: you ticked it, rightly. Personal support." in feedback
    assert "<b>Learning reflection</b>: you left it out, but it belongs here. Learning support." in feedback
    assert "<b>Setting tasks</b>: you ticked it, but it does not belong here. The host sets tasks." in feedback
    assert store.attempts()[0].answer == ["listen", "tasks"]


def test_multiple_choice_restored(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = training.exercise("mentor_role")
    exercise.checkboxes["listen"].value = True
    exercise.checkboxes["reflect"].value = True
    exercise.check_button.click()

    reopened = Training(questions, store, profile=PROFILE).exercise("mentor_role")

    assert reopened.answer() == ["listen", "reflect"]
    assert "✓ Right" in reopened.feedback.value


def test_latest_of_several_attempts_restored(training: Training, questions: QuestionSet,
                                             store: Store) -> None:
    exercise = single(training)
    for choice in ("sending", "supervisor", "mentor"):
        exercise.radio.value = choice
        exercise.check_button.click()

    reopened = single(Training(questions, store, profile=PROFILE))

    assert len(store.attempts()) == 3
    assert reopened.radio.value == "mentor"


def test_stale_saved_answer_ignored(training: Training, questions: QuestionSet, store: Store) -> None:
    exercise = single(training)
    exercise.radio.value = "mentor"
    exercise.check_button.click()
    # The course author removed the option since: the old answer must not break the widget.
    options = [{**option, "correct": True} if option["id"] == "supervisor" else option
               for option in SINGLE["options"] if option["id"] != "mentor"]
    changed = parse_question_set(question_data({**SINGLE, "options": options}))

    reopened = single(Training(changed, store, profile=PROFILE))

    assert reopened.radio.value is None
    assert reopened.feedback.value == ""


def test_css_classes_present(training: Training) -> None:
    exercise = single(training)

    assert {"omt-exercise", "omt-exercise-single_choice", "omt-id-first_contact"} <= set(
        exercise.widget._dom_classes)
    assert "omt-check" in exercise.check_button._dom_classes
    assert "omt-feedback" in exercise.feedback._dom_classes
    assert "omt-choices" in exercise.radio._dom_classes


def test_plain_text_has_no_address(training: Training) -> None:
    exercise = single(training)

    assert exercise._repr_mimebundle_()["text/plain"] == "Exercise 'first_contact' (single choice)"
    assert "0x" not in repr(exercise)
