"""Questions of the open and step-by-step exercise kinds, and the parsers for their YAML entries.

    ordering          items listed in the right order; the widget starts from a fixed shuffle
    scenario          steps whose choices each lead to a consequence and, unless they end it, a next step
    reflection        free text between min_words and max_words, with optional points to compare against
    self_assessment   statements rated on a 1-5 scale, with an optional tip for low ratings
    checklist         a bank of items to pick from, some marked essential, plus the trainee's own items

The full file format of each kind is in modules/README.md.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from omt.widgets.exercises.question_fields import (check_unique, require_identifier, require_list,
                                                   require_text)

SCALE_SIZE = 5
DEFAULT_SCALE = ("1 not at all", "2 a little", "3 partly", "4 mostly", "5 fully")
# Upper bounds that keep a reflection reasonable to read in one sitting; a question may set less.
MAX_REFLECTION_WORDS = 2000
MAX_OWN_CHECKLIST_ITEMS = 20


@dataclass(frozen=True)
class OrderItem:
    """One item of an ordering question, with the reason for its place."""

    id: str
    text: str
    why: str


@dataclass(frozen=True)
class OrderingQuestion:
    """Items to put in order; `items` is the right order."""

    id: str
    kind: str
    prompt: str
    items: tuple[OrderItem, ...]

    @property
    def right_order(self) -> list[str]:
        return [item.id for item in self.items]

    def start_order(self) -> list[str]:
        """Return the order the widget starts from: a shuffle that is the same on every run."""
        order = self.right_order
        random.Random(self.id).shuffle(order)
        if order == self.right_order:
            order.reverse()
        return order

    def text(self, item_id: str) -> str:
        return next((item.text for item in self.items if item.id == item_id), item_id)


@dataclass(frozen=True)
class ScenarioChoice:
    """One choice at a scenario step: what happens next, and the step it leads to (None ends it)."""

    id: str
    text: str
    consequence: str
    next: str | None
    recommended: bool


@dataclass(frozen=True)
class ScenarioStep:
    id: str
    text: str
    choices: tuple[ScenarioChoice, ...]

    def choice(self, choice_id: str) -> ScenarioChoice | None:
        return next((choice for choice in self.choices if choice.id == choice_id), None)


@dataclass(frozen=True)
class ScenarioQuestion:
    """A small graph of steps without cycles, walked from `start` until a choice ends it."""

    id: str
    kind: str
    prompt: str
    start: str
    steps: dict[str, ScenarioStep]


@dataclass(frozen=True)
class ReflectionQuestion:
    """A free-text answer of min_words to max_words, and points the trainee can compare it with."""

    id: str
    kind: str
    prompt: str
    min_words: int
    max_words: int
    compare_with: tuple[str, ...]


@dataclass(frozen=True)
class Statement:
    """One statement to rate, and an optional tip shown when the rating is 1 or 2."""

    id: str
    text: str
    tip: str


@dataclass(frozen=True)
class SelfAssessmentQuestion:
    id: str
    kind: str
    prompt: str
    scale: tuple[str, ...]
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class BankItem:
    """An item the trainee can pick for their checklist; an essential one explains why in `why`."""

    id: str
    text: str
    essential: bool
    why: str


@dataclass(frozen=True)
class ChecklistQuestion:
    id: str
    kind: str
    prompt: str
    bank: tuple[BankItem, ...]
    min_items: int

    @property
    def essential_ids(self) -> frozenset[str]:
        return frozenset(item.id for item in self.bank if item.essential)


OpenQuestion = (OrderingQuestion | ScenarioQuestion | ReflectionQuestion | SelfAssessmentQuestion
                | ChecklistQuestion)


# -- parsers: each returns a question, and appends what is wrong with the entry to `problems` -----

def parse_ordering(entry: dict[str, Any], question_id: str, where: str, prompt: str,
                   problems: list[str]) -> OrderingQuestion:
    items = tuple(_parse_order_item(item, f"{where} item {i}", problems)
                  for i, item in enumerate(require_list(entry, "items", where, problems)))
    check_unique([item.id for item in items], f"{where} items", problems)
    if len(items) < 3:
        problems.append(f"{where}: list at least three items to order")
    return OrderingQuestion(question_id, "ordering", prompt, items)


def _parse_order_item(item: Any, where: str, problems: list[str]) -> OrderItem:
    item = item if isinstance(item, dict) else {}
    return OrderItem(require_identifier(item, "id", where, problems), require_text(item, "text", where, problems),
                     require_text(item, "why", where, problems))


def parse_scenario(entry: dict[str, Any], question_id: str, where: str, prompt: str,
                   problems: list[str]) -> ScenarioQuestion:
    steps: dict[str, ScenarioStep] = {}
    for index, item in enumerate(require_list(entry, "steps", where, problems)):
        step = _parse_step(item, f"{where} step {index}", problems)
        if step.id in steps:
            problems.append(f"{where}: step id {step.id!r} is used twice")
        steps[step.id] = step
    start = entry.get("start", next(iter(steps), ""))
    question = ScenarioQuestion(question_id, "scenario", prompt, start, steps)
    if steps:
        _check_scenario_graph(question, where, problems)
    return question


def _parse_step(item: Any, where: str, problems: list[str]) -> ScenarioStep:
    item = item if isinstance(item, dict) else {}
    step_id = require_identifier(item, "id", where, problems)
    where = f"{where} ({step_id})" if step_id else where
    choices = tuple(_parse_scenario_choice(choice, f"{where} choice {i}", problems)
                    for i, choice in enumerate(require_list(item, "choices", where, problems)))
    check_unique([choice.id for choice in choices], f"{where} choices", problems)
    return ScenarioStep(step_id, require_text(item, "text", where, problems), choices)


def _parse_scenario_choice(item: Any, where: str, problems: list[str]) -> ScenarioChoice:
    item = item if isinstance(item, dict) else {}
    next_step = item.get("next")
    if next_step is not None and not isinstance(next_step, str):
        problems.append(f"{where}: next must be a step id, not {next_step!r}")
        next_step = None
    recommended = item.get("recommended", False)
    if not isinstance(recommended, bool):
        problems.append(f"{where}: recommended must be true or false, not {recommended!r}")
    return ScenarioChoice(require_identifier(item, "id", where, problems),
                          require_text(item, "text", where, problems),
                          require_text(item, "consequence", where, problems), next_step, recommended is True)


def _check_scenario_graph(question: ScenarioQuestion, where: str, problems: list[str]) -> None:
    """Check that every step is reachable from the start, every `next` exists, and no path loops."""
    if question.start not in question.steps:
        problems.append(f"{where}: start {question.start!r} is not one of the steps "
                        f"({', '.join(question.steps)})")
        return
    for step in question.steps.values():
        for choice in step.choices:
            if choice.next is not None and choice.next not in question.steps:
                problems.append(f"{where} step {step.id!r} choice {choice.id!r}: next {choice.next!r} "
                                "is not one of the steps")
        if step.choices and not any(choice.recommended for choice in step.choices):
            problems.append(f"{where} step {step.id!r}: mark one or more choices as recommended")
    reached: set[str] = set()
    if _has_cycle(question, question.start, (), reached):
        problems.append(f"{where}: the steps form a loop; every path must end with a choice "
                        "that has no next step")
    unreached = [step_id for step_id in question.steps if step_id not in reached]
    if unreached:
        problems.append(f"{where}: steps never reached from the start: {', '.join(unreached)}")


def _has_cycle(question: ScenarioQuestion, step_id: str, path: tuple[str, ...], reached: set[str]) -> bool:
    if step_id in path:
        return True
    reached.add(step_id)
    step = question.steps.get(step_id)
    following = {choice.next for choice in step.choices if choice.next in question.steps} if step else set()
    return any(_has_cycle(question, next_id, (*path, step_id), reached) for next_id in sorted(following))


def parse_reflection(entry: dict[str, Any], question_id: str, where: str, prompt: str,
                     problems: list[str]) -> ReflectionQuestion:
    min_words = _whole_number(entry, "min_words", 1, where, problems)
    max_words = _whole_number(entry, "max_words", MAX_REFLECTION_WORDS, where, problems)
    if max_words > MAX_REFLECTION_WORDS:
        problems.append(f"{where}: max_words {max_words} is above {MAX_REFLECTION_WORDS}")
    if min_words > max_words:
        problems.append(f"{where}: min_words {min_words} is above max_words {max_words}")
    compare_with = _text_list(entry, "compare_with", where, problems)
    return ReflectionQuestion(question_id, "reflection", prompt, min_words, max_words, compare_with)


def parse_self_assessment(entry: dict[str, Any], question_id: str, where: str, prompt: str,
                          problems: list[str]) -> SelfAssessmentQuestion:
    scale = _text_list(entry, "scale", where, problems) or DEFAULT_SCALE
    if len(scale) != SCALE_SIZE:
        problems.append(f"{where}: scale has {len(scale)} labels; give exactly {SCALE_SIZE}, "
                        "for the ratings 1 to 5")
    statements = []
    for index, item in enumerate(require_list(entry, "statements", where, problems)):
        item = item if isinstance(item, dict) else {}
        item_where = f"{where} statement {index}"
        tip = item.get("tip", "")
        if not isinstance(tip, str):
            problems.append(f"{item_where}: tip must be text")
            tip = ""
        statements.append(Statement(require_identifier(item, "id", item_where, problems),
                                    require_text(item, "text", item_where, problems), tip.strip()))
    check_unique([statement.id for statement in statements], f"{where} statements", problems)
    return SelfAssessmentQuestion(question_id, "self_assessment", prompt, tuple(scale), tuple(statements))


def parse_checklist(entry: dict[str, Any], question_id: str, where: str, prompt: str,
                    problems: list[str]) -> ChecklistQuestion:
    bank = []
    for index, item in enumerate(require_list(entry, "bank", where, problems)):
        item = item if isinstance(item, dict) else {}
        item_where = f"{where} bank item {index}"
        essential = item.get("essential", False)
        if not isinstance(essential, bool):
            problems.append(f"{item_where}: essential must be true or false, not {essential!r}")
        why = require_text(item, "why", item_where, problems) if essential is True else str(item.get("why", ""))
        bank.append(BankItem(require_identifier(item, "id", item_where, problems),
                             require_text(item, "text", item_where, problems), essential is True, why.strip()))
    check_unique([item.id for item in bank], f"{where} bank", problems)
    min_items = _whole_number(entry, "min_items", 1, where, problems)
    return ChecklistQuestion(question_id, "checklist", prompt, tuple(bank), min_items)


def _whole_number(data: dict[str, Any], key: str, default: int, where: str, problems: list[str]) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(f"{where}: {key} must be a whole number of 1 or more, not {value!r}")
        return default
    return value


def _text_list(data: dict[str, Any], key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        problems.append(f"{where}: {key} must be a list of texts")
        return ()
    return tuple(item.strip() for item in value)
