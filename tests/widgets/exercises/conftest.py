"""Fixtures for the exercise widgets: an empty store on tmp_path and question data built in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from omt.store import Store
from omt.widgets.exercises import QuestionSet, Training, parse_question_set

from exercise_data import (CHECKLIST, MATCHING, MULTIPLE, ORDERING, PROFILE, REFLECTION, SCENARIO,
                           SELF_ASSESSMENT, SINGLE, question_data)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """Return an empty store on tmp_path, with no trainee name forced by the environment."""
    monkeypatch.delenv("OMT_TRAINEE", raising=False)
    monkeypatch.setenv("OMT_STORE", str(tmp_path / "store"))
    return Store(tmp_path / "store")


@pytest.fixture
def questions() -> QuestionSet:
    return parse_question_set(question_data(SINGLE, MULTIPLE, MATCHING, ORDERING, SCENARIO, REFLECTION,
                                            SELF_ASSESSMENT, CHECKLIST))


@pytest.fixture
def training(questions: QuestionSet, store: Store) -> Training:
    """Return a training whose trainee has already given their name."""
    store.save_trainee_name(PROFILE, "Lê Thị Hoa")
    return Training(questions, store, profile=PROFILE)
