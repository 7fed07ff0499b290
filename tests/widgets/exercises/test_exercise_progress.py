"""The trainer's overview: completion per trainee and module, most common mistakes, date filter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from omt.store import Attempt, Store
from omt.widgets.exercises import QuestionSet
from omt.widgets.exercises.progress import (CommonMistake, ModuleCompletion, common_mistakes, completion,
                                            load_course, workshop_attempts)

MODULE = "99_test_module"
COURSE_QUESTIONS = Path(__file__).parents[3] / "modules" / "questions"


def at(day: int) -> dt.datetime:
    return dt.datetime(2027, 3, day, 10, tzinfo=dt.timezone.utc)


def record(store: Store, trainee: str, exercise_id: str, answer: object, correct: bool | None,
           day: int = 1) -> None:
    store.record_attempt(Attempt(trainee, MODULE, exercise_id, answer, correct, answered_at=at(day)))


def test_completion_counts_distinct_exercises(store: Store, questions: QuestionSet) -> None:
    record(store, "Marco Rossi", "first_contact", "supervisor", False)
    record(store, "Marco Rossi", "first_contact", "mentor", True)
    record(store, "Marco Rossi", "my_welcome", "Một hai ba bốn năm", None)
    record(store, "Somchai Srisuk", "confidence", {"listen": 3, "escalate": 4}, None)

    rows = completion(store.attempts(), {MODULE: questions})

    total = len(questions.questions)
    assert rows == [ModuleCompletion("Marco Rossi", MODULE, 2, total),
                    ModuleCompletion("Somchai Srisuk", MODULE, 1, total)]
    assert rows[0].percent == round(200 / total)


def test_unknown_exercises_not_counted(store: Store, questions: QuestionSet) -> None:
    record(store, "Marco Rossi", "removed_question", "x", False)
    record(store, "Marco Rossi", "first_contact", "mentor", True)
    store.record_attempt(Attempt("Marco Rossi", "00_old_module", "q", "x", False))

    [row] = completion(store.attempts(), {MODULE: questions})

    assert row.done == 1


def test_mistakes_counted_once_per_trainee(store: Store, questions: QuestionSet) -> None:
    for _ in range(3):
        record(store, "Marco Rossi", "first_contact", "supervisor", False)
    record(store, "Somchai Srisuk", "first_contact", "supervisor", False)
    record(store, "Léa Martin", "first_contact", "sending", False)
    record(store, "Léa Martin", "first_contact", "mentor", True)

    mistakes = common_mistakes(store.attempts(), {MODULE: questions})

    assert mistakes == [CommonMistake(MODULE, "first_contact", "The task supervisor", 2),
                        CommonMistake(MODULE, "first_contact", "The sending organisation", 1)]


def test_mistakes_per_kind_described(store: Store, questions: QuestionSet) -> None:
    record(store, "Marco Rossi", "mentor_role", ["listen", "tasks"], False)
    record(store, "Marco Rossi", "who_does_what",
           {"prepare": "sending", "schedule": "mentor", "meetings": "mentor"}, False)

    texts = [mistake.mistake for mistake in common_mistakes(store.attempts(), {MODULE: questions})]

    assert texts == ["left out: Learning reflection", "ticked: Setting tasks", "Sets the schedule → Mentor"]


def test_top_limit_and_stale_answers(store: Store, questions: QuestionSet) -> None:
    record(store, "Marco Rossi", "journey_stages", ["return", "support", "arrival", "preparation"], False)
    record(store, "Léa Martin", "journey_stages", ["only_one"], False)

    mistakes = common_mistakes(store.attempts(), {MODULE: questions}, per_exercise=2)

    assert [mistake.mistake for mistake in mistakes] == ["Arrival and induction at position 3",
                                                         "Preparation at position 4"]


def test_workshop_filters_trainees_and_days(store: Store) -> None:
    record(store, "Marco Rossi", "first_contact", "mentor", True, day=1)
    record(store, "Marco Rossi", "first_contact", "mentor", True, day=5)
    record(store, "Léa Martin", "first_contact", "mentor", True, day=5)

    in_range = workshop_attempts(store, first_day=dt.date(2027, 3, 2), last_day=dt.date(2027, 3, 5))
    of_one = workshop_attempts(store, trainees=["Léa Martin"])

    assert [(a.trainee, a.answered_at.day) for a in in_range] == [("Marco Rossi", 5), ("Léa Martin", 5)]
    assert [a.trainee for a in of_one] == ["Léa Martin"]


def test_course_folder_loads_by_module() -> None:
    course = load_course(COURSE_QUESTIONS)

    assert "01_actors_and_roles" in course
    assert all(module == questions.module for module, questions in course.items())
