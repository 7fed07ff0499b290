"""Exercise widgets for the training modules: feedback on every answer, progress kept in the store.

    from omt.widgets.exercises import open_training
    training = open_training("questions/01_actors_and_roles.yaml")
    training.name_box()                  # asks the trainee's name once, then remembers it
    training.exercise("first_contact")   # shows the last saved answer when there is one

Questions live in YAML files beside the course notebooks (see `questions`); one module per kind of
exercise: `choice` (single and multiple choice), `matching`, `ordering`, `scenario` (branching
steps), `reflection` (free text with a word count), `self_assessment` (statements rated 1-5) and
`checklist` (pick from a bank and add your own). `progress` sums up a workshop for its trainer.
"""

from omt.widgets.exercises.base import Exercise, Feedback
from omt.widgets.exercises.checklist import ChecklistExercise
from omt.widgets.exercises.choice import ChoiceExercise
from omt.widgets.exercises.matching import MatchingExercise
from omt.widgets.exercises.ordering import OrderingExercise
from omt.widgets.exercises.name_box import TraineeNameBox
from omt.widgets.exercises.questions import QuestionError, QuestionSet, load_question_set, parse_question_set
from omt.widgets.exercises.reflection import ReflectionExercise, count_words
from omt.widgets.exercises.scenario import ScenarioExercise
from omt.widgets.exercises.self_assessment import SelfAssessmentExercise
from omt.widgets.exercises.session import TRAINEE_ENV, TrainingSession, current_profile
from omt.widgets.exercises.training import Training, open_training

__all__ = [
    "TRAINEE_ENV",
    "ChecklistExercise",
    "ChoiceExercise",
    "Exercise",
    "Feedback",
    "MatchingExercise",
    "OrderingExercise",
    "QuestionError",
    "QuestionSet",
    "ReflectionExercise",
    "ScenarioExercise",
    "SelfAssessmentExercise",
    "Training",
    "TraineeNameBox",
    "TrainingSession",
    "count_words",
    "current_profile",
    "load_question_set",
    "open_training",
    "parse_question_set",
]
