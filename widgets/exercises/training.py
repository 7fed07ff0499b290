"""A training module's exercises, built from its question file for the current trainee."""

from __future__ import annotations

from pathlib import Path

from omt.store import Store, open_store
from omt.widgets.exercises.base import Exercise
from omt.widgets.exercises.checklist import ChecklistExercise
from omt.widgets.exercises.choice import ChoiceExercise
from omt.widgets.exercises.matching import MatchingExercise
from omt.widgets.exercises.ordering import OrderingExercise
from omt.widgets.exercises.reflection import ReflectionExercise
from omt.widgets.exercises.scenario import ScenarioExercise
from omt.widgets.exercises.self_assessment import SelfAssessmentExercise
from omt.widgets.exercises.name_box import TraineeNameBox
from omt.widgets.exercises.questions import QuestionSet, load_question_set
from omt.widgets.exercises.session import TrainingSession

# The exercise class for each question kind. A new kind adds a module and one entry here.
EXERCISE_CLASSES: dict[str, type[Exercise]] = {
    "single_choice": ChoiceExercise,
    "multiple_choice": ChoiceExercise,
    "matching": MatchingExercise,
    "ordering": OrderingExercise,
    "scenario": ScenarioExercise,
    "reflection": ReflectionExercise,
    "self_assessment": SelfAssessmentExercise,
    "checklist": ChecklistExercise,
}


class Training:
    """The questions of one module and its trainee's session, from which the module's widgets are built."""

    def __init__(self, questions: QuestionSet, store: Store, profile: str | None = None):
        self.questions = questions
        self.session = TrainingSession(store, questions.module, profile)
        # The exercises built so far, by question id: the latest one for each id.
        self.exercises: dict[str, Exercise] = {}

    def name_box(self) -> TraineeNameBox:
        return TraineeNameBox(self.session)

    def exercise(self, question_id: str) -> Exercise:
        """Build the exercise for one question, showing the trainee's last saved answer if any."""
        question = self.questions.question(question_id)
        exercise = EXERCISE_CLASSES[question.kind](question, self.session)
        self.exercises[question_id] = exercise
        return exercise


def open_training(question_file: str | Path, store: Store | None = None,
                  profile: str | None = None) -> Training:
    """Load a question file and return its Training, on the configured store unless one is given."""
    return Training(load_question_set(question_file), store or open_store(), profile)
