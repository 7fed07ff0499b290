"""Exercise widgets for the training modules: feedback on every answer, progress kept in the store.

    from omt.widgets.exercises import open_training
    training = open_training("questions/01_actors_and_roles.yaml")
    training.name_box()                  # asks the trainee's name once, then remembers it
    training.exercise("first_contact")   # shows the last saved answer when there is one

Questions live in YAML files beside the course notebooks (see `questions`); one module per kind of
exercise: `choice` (single and multiple choice) and `matching`.
"""

from omt.widgets.exercises.base import Exercise, Feedback
from omt.widgets.exercises.choice import ChoiceExercise
from omt.widgets.exercises.matching import MatchingExercise
from omt.widgets.exercises.name_box import TraineeNameBox
from omt.widgets.exercises.questions import QuestionError, QuestionSet, load_question_set, parse_question_set
from omt.widgets.exercises.session import TRAINEE_ENV, TrainingSession, current_profile
from omt.widgets.exercises.training import Training, open_training

__all__ = [
    "TRAINEE_ENV",
    "ChoiceExercise",
    "Exercise",
    "Feedback",
    "MatchingExercise",
    "QuestionError",
    "QuestionSet",
    "Training",
    "TraineeNameBox",
    "TrainingSession",
    "current_profile",
    "load_question_set",
    "open_training",
    "parse_question_set",
]
