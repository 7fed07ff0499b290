"""Question files: the content of a training module's exercises, kept apart from the widget code.

A question file is YAML with the module id, its title and a list of questions:

    module: 01_actors_and_roles
    title: Actors and roles in a placement
    questions:
      - id: first_contact
        kind: single_choice          # or multiple_choice
        prompt: Who is the volunteer's first contact for problems?
        options:
          - {id: mentor, text: The mentor, correct: true, why: The mentor gives personal support ...}
      - id: who_does_what
        kind: matching
        prompt: Match each task to the party responsible for it.
        choices:
          - {id: sending, label: Sending organisation}
        rows:
          - {id: recruit, text: Recruits the volunteer, answer: sending, why: ...}

The kinds ordering, scenario, reflection, self_assessment and checklist are defined in
`question_kinds`; modules/README.md documents the format of every kind.

Every option and every row carries a `why`: the feedback shown after the trainee checks an answer.
`parse_question_set` reports every problem of a file at once, so an author can fix them in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from omt.widgets.exercises.question_fields import (QuestionError, check_unique, require_identifier,
                                                   require_list, require_text)
from omt.widgets.exercises.question_kinds import (OpenQuestion, parse_checklist, parse_ordering,
                                                  parse_reflection, parse_scenario, parse_self_assessment)

CHOICE_KINDS = ("single_choice", "multiple_choice")
MATCHING_KIND = "matching"
# The parser of each kind defined in question_kinds, called with (entry, id, where, prompt, problems).
OPEN_KIND_PARSERS = {
    "ordering": parse_ordering,
    "scenario": parse_scenario,
    "reflection": parse_reflection,
    "self_assessment": parse_self_assessment,
    "checklist": parse_checklist,
}


@dataclass(frozen=True)
class Option:
    """One answer offered by a choice question, with the reason it is right or wrong."""

    id: str
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class ChoiceQuestion:
    """A single or multiple choice question."""

    id: str
    kind: str
    prompt: str
    options: tuple[Option, ...]

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options if option.correct)


@dataclass(frozen=True)
class MatchChoice:
    """One party (or other target) that the rows of a matching question can be matched to."""

    id: str
    label: str


@dataclass(frozen=True)
class MatchRow:
    """One item to match, with its expected choice and the reason for it."""

    id: str
    text: str
    answer: str
    why: str


@dataclass(frozen=True)
class MatchingQuestion:
    """A question where every row gets one of the same choices, for example task to party."""

    id: str
    kind: str
    prompt: str
    choices: tuple[MatchChoice, ...]
    rows: tuple[MatchRow, ...]

    def label(self, choice_id: str) -> str:
        return next((choice.label for choice in self.choices if choice.id == choice_id), choice_id)


Question = ChoiceQuestion | MatchingQuestion | OpenQuestion


@dataclass(frozen=True)
class QuestionSet:
    """The questions of one training module, by id, in file order."""

    module: str
    title: str
    questions: dict[str, Question]

    def question(self, question_id: str) -> Question:
        if question_id not in self.questions:
            known = ", ".join(self.questions) or "none"
            raise QuestionError(f"question {question_id!r} not found in module {self.module!r}; "
                                f"the module has: {known}")
        return self.questions[question_id]


def load_question_set(path: str | Path) -> QuestionSet:
    """Read a question file (YAML, UTF-8) and return its validated questions."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuestionError(f"question file {path.name!r} not found; open the notebook from the "
                            "course folder, next to its questions/ folder") from None
    except yaml.YAMLError as error:
        raise QuestionError(f"question file {path.name!r} is not valid YAML: {error}") from None
    return parse_question_set(data, source=path.name)


def parse_question_set(data: Any, source: str = "question data") -> QuestionSet:
    """Return the questions described by `data` (a loaded question file), or raise QuestionError."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise QuestionError(f"{source}: expected a mapping with module, title and questions")
    module = require_identifier(data, "module", "file", problems)
    title = require_text(data, "title", "file", problems)
    questions: dict[str, Question] = {}
    for index, entry in enumerate(require_list(data, "questions", "file", problems)):
        question = _parse_question(entry, f"questions[{index}]", problems)
        if question is None:
            continue
        if question.id in questions:
            problems.append(f"question id {question.id!r} is used twice; give each question its own id")
        questions[question.id] = question
    if problems:
        raise QuestionError(f"{source} has {len(problems)} problem(s): " + "; ".join(problems))
    return QuestionSet(module=module, title=title, questions=questions)


def _parse_question(entry: Any, where: str, problems: list[str]) -> Question | None:
    if not isinstance(entry, dict):
        problems.append(f"{where}: expected a mapping with id, kind, prompt and answers")
        return None
    question_id = require_identifier(entry, "id", where, problems)
    where = f"question {question_id!r}" if question_id else where
    kind = entry.get("kind")
    prompt = require_text(entry, "prompt", where, problems)
    if kind in CHOICE_KINDS:
        options = tuple(_parse_option(item, f"{where} option {i}", problems)
                        for i, item in enumerate(require_list(entry, "options", where, problems)))
        question: Question = ChoiceQuestion(question_id, kind, prompt, options)
        _check_choice(question, where, problems)
        return question
    if kind == MATCHING_KIND:
        choices = tuple(_parse_match_choice(item, f"{where} choice {i}", problems)
                        for i, item in enumerate(require_list(entry, "choices", where, problems)))
        rows = tuple(_parse_match_row(item, f"{where} row {i}", problems)
                     for i, item in enumerate(require_list(entry, "rows", where, problems)))
        question = MatchingQuestion(question_id, kind, prompt, choices, rows)
        _check_matching(question, where, problems)
        return question
    if kind in OPEN_KIND_PARSERS:
        return OPEN_KIND_PARSERS[kind](entry, question_id, where, prompt, problems)
    allowed = ", ".join((*CHOICE_KINDS, MATCHING_KIND, *OPEN_KIND_PARSERS))
    problems.append(f"{where}: kind {kind!r} is not one of {allowed}")
    return None


def _parse_option(item: Any, where: str, problems: list[str]) -> Option:
    item = item if isinstance(item, dict) else {}
    correct = item.get("correct", False)
    if not isinstance(correct, bool):
        problems.append(f"{where}: correct must be true or false, not {correct!r}")
    return Option(require_identifier(item, "id", where, problems), require_text(item, "text", where, problems),
                  correct is True, require_text(item, "why", where, problems))


def _parse_match_choice(item: Any, where: str, problems: list[str]) -> MatchChoice:
    item = item if isinstance(item, dict) else {}
    return MatchChoice(require_identifier(item, "id", where, problems), require_text(item, "label", where, problems))


def _parse_match_row(item: Any, where: str, problems: list[str]) -> MatchRow:
    item = item if isinstance(item, dict) else {}
    return MatchRow(require_identifier(item, "id", where, problems), require_text(item, "text", where, problems),
                    require_identifier(item, "answer", where, problems), require_text(item, "why", where, problems))


def _check_choice(question: ChoiceQuestion, where: str, problems: list[str]) -> None:
    check_unique([option.id for option in question.options], f"{where} options", problems)
    correct = len(question.correct_ids)
    if len(question.options) < 2:
        problems.append(f"{where}: offer at least two options")
    if question.kind == "single_choice" and correct != 1:
        problems.append(f"{where}: a single choice question needs exactly one correct option, "
                        f"not {correct}")
    if question.kind == "multiple_choice" and correct == 0:
        problems.append(f"{where}: mark at least one option as correct")


def _check_matching(question: MatchingQuestion, where: str, problems: list[str]) -> None:
    choice_ids = [choice.id for choice in question.choices]
    check_unique(choice_ids, f"{where} choices", problems)
    check_unique([row.id for row in question.rows], f"{where} rows", problems)
    if not question.rows:
        problems.append(f"{where}: add at least one row")
    for row in question.rows:
        if row.answer and row.answer not in choice_ids:
            problems.append(f"{where} row {row.id!r}: answer {row.answer!r} is not one of the "
                            f"choices ({', '.join(choice_ids)})")
