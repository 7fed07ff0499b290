"""The trainee's name: asked once, remembered per profile, overridden by OMT_TRAINEE."""

from __future__ import annotations

import pytest

from omt.store import Store
from omt.widgets.exercises import QuestionSet, Training, current_profile

from exercise_data import PROFILE


def test_profile_is_user_at_host() -> None:
    user, _, host = current_profile().partition("@")

    assert user
    assert host


def test_name_asked_then_remembered(questions: QuestionSet, store: Store) -> None:
    box = Training(questions, store, profile=PROFILE).name_box()
    assert box.name_input.value == ""
    assert "Enter your name" in box.status.value

    box.name_input.value = "  Somchai Chaiyaphum "
    box.save_button.click()

    assert store.trainee_name(PROFILE) == "Somchai Chaiyaphum"
    again = Training(questions, store, profile=PROFILE).name_box()
    assert again.name_input.value == "Somchai Chaiyaphum"
    assert "You are working as <b>Somchai Chaiyaphum</b>" in again.status.value


def test_blank_and_long_names_rejected(questions: QuestionSet, store: Store) -> None:
    box = Training(questions, store, profile=PROFILE).name_box()

    box.name_input.value = "   "
    box.save_button.click()
    assert "Enter your name first." in box.status.value

    box.name_input.value = "x" * 81
    box.save_button.click()
    assert "shorten it to 80" in box.status.value
    assert store.trainee_name(PROFILE) is None


def test_answer_before_name_saved_later(questions: QuestionSet, store: Store) -> None:
    training = Training(questions, store, profile=PROFILE)
    box = training.name_box()
    exercise = training.exercise("first_contact")
    exercise.radio.value = "mentor"
    exercise.check_button.click()
    assert "not saved yet" in exercise.save_status.value
    assert store.attempts() == []

    box.name_input.value = "Giulia Conti"
    box.save_button.click()

    [attempt] = store.attempts("Giulia Conti")
    assert attempt.answer == "mentor"
    assert "Your answer is saved." in exercise.save_status.value


def test_environment_name_wins(questions: QuestionSet, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_trainee_name(PROFILE, "Saved Name")
    monkeypatch.setenv("OMT_TRAINEE", "Test Trainee")
    training = Training(questions, store, profile=PROFILE)
    box = training.name_box()
    exercise = training.exercise("first_contact")

    exercise.radio.value = "sending"
    exercise.check_button.click()

    assert box.name_input.disabled
    assert "Test Trainee" in box.status.value
    assert store.attempts()[0].trainee == "Test Trainee"


def test_name_box_plain_text_fixed(questions: QuestionSet, store: Store) -> None:
    box = Training(questions, store, profile=PROFILE).name_box()

    assert box._repr_mimebundle_()["text/plain"] == "Trainee name box"
    assert {"omt-trainee-name"} <= set(box.name_input._dom_classes)
    assert {"omt-trainee-save"} <= set(box.save_button._dom_classes)
