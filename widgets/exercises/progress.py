"""A workshop's progress for its trainer: completion per trainee and module, and common mistakes.

A workshop is the set of attempts in the store, optionally narrowed to some trainees and to a range
of days (inclusive, in UTC, the zone in which the store keeps `answered_at`). An exercise counts as
done once the trainee has saved any attempt at it; a scenario is saved only when its path ends.

The most common mistakes of an exercise are counted in trainees, not attempts: a trainee who makes
the same mistake five times counts once, so one persistent trainee does not hide what the group
finds hard. Attempts at exercises no longer in the question files are left out.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from omt.store import Attempt, Store
from omt.widgets.exercises.questions import QuestionSet, load_question_set
from omt.widgets.exercises.training import EXERCISE_CLASSES

log = logging.getLogger(__name__)

# Errors a `mistakes` method may raise on an answer saved under an older version of its question.
STALE_ANSWER_ERRORS = (KeyError, IndexError, TypeError, AttributeError, ValueError, StopIteration)


@dataclass(frozen=True)
class ModuleCompletion:
    """How many of one module's exercises a trainee has done."""

    trainee: str
    module: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class CommonMistake:
    """One mistake in one exercise, and how many trainees of the workshop made it."""

    module: str
    exercise_id: str
    mistake: str
    trainees: int


def load_course(folder: str | Path) -> dict[str, QuestionSet]:
    """Load every question file in `folder` (the course's questions/ folder), by module id."""
    sets = [load_question_set(path) for path in sorted(Path(folder).glob("*.yaml"))]
    return {questions.module: questions for questions in sets}


def workshop_attempts(store: Store, trainees: Iterable[str] | None = None, first_day: dt.date | None = None,
                      last_day: dt.date | None = None) -> list[Attempt]:
    """Return the attempts of a workshop: of `trainees` (all when None), between two days inclusive."""
    chosen = None if trainees is None else set(trainees)
    return [attempt for attempt in store.attempts()
            if (chosen is None or attempt.trainee in chosen)
            and (first_day is None or attempt.answered_at.date() >= first_day)
            and (last_day is None or attempt.answered_at.date() <= last_day)]


def completion(attempts: list[Attempt], course: dict[str, QuestionSet]) -> list[ModuleCompletion]:
    """Return each trainee's completion of each module, sorted by trainee then module."""
    done: dict[tuple[str, str], set[str]] = defaultdict(set)
    for attempt in attempts:
        questions = course.get(attempt.module)
        if questions is not None and attempt.exercise_id in questions.questions:
            done[(attempt.trainee, attempt.module)].add(attempt.exercise_id)
    trainees = sorted({attempt.trainee for attempt in attempts})
    return [ModuleCompletion(trainee, module, len(done[(trainee, module)]), len(questions.questions))
            for trainee in trainees for module, questions in sorted(course.items())]


def common_mistakes(attempts: list[Attempt], course: dict[str, QuestionSet],
                    per_exercise: int = 3) -> list[CommonMistake]:
    """Return up to `per_exercise` most common mistakes of each exercise, in course order."""
    makers: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for attempt in attempts:
        for mistake in _mistakes(attempt, course):
            makers[(attempt.module, attempt.exercise_id, mistake)].add(attempt.trainee)
    result = []
    for module, questions in sorted(course.items()):
        for exercise_id in questions.questions:
            counts = Counter({mistake: len(who) for (m, e, mistake), who in makers.items()
                              if (m, e) == (module, exercise_id)})
            ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:per_exercise]
            result.extend(CommonMistake(module, exercise_id, mistake, count) for mistake, count in ranked)
    return result


def _mistakes(attempt: Attempt, course: dict[str, QuestionSet]) -> list[str]:
    questions = course.get(attempt.module)
    question = questions.questions.get(attempt.exercise_id) if questions else None
    if question is None or attempt.correct is not False:
        return []
    try:
        return EXERCISE_CLASSES[question.kind].mistakes(question, attempt.answer)
    except STALE_ANSWER_ERRORS:
        log.debug("attempt of %s at %s/%s no longer fits its question", attempt.trainee, attempt.module,
                  attempt.exercise_id, exc_info=True)
        return []
