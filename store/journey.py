"""The journey of a placement: its stage on a given day, and what is due, done or overdue.

The items of the journey come from `journey_rules.yaml` beside this module (see its header for the
format), so an organisation can change them without code. `stage_on` places a placement in one of
the field's stages by its dates; `journey` lists every item with its due day and status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from omt.errors import ConfigError
from omt.store.models import Placement, Submission
from omt.store.vocabulary import LANGUAGES

STAGES = (
    ("preparation", "Preparation"),
    ("arrival_induction", "Arrival and induction"),
    ("regular_support", "Regular support"),
    ("mid_term", "Mid-term evaluation"),
    ("final_evaluation", "Final evaluation and learning recognition"),
    ("return_follow_up", "Return and follow-up"),
    ("interrupted", "Interrupted"),
)
STAGE_LABELS = dict(STAGES)
RESPONSIBLE = ("volunteer", "mentor", "task_supervisor", "sending", "hosting", "coordinating")
STATUSES = ("done", "overdue", "due", "upcoming", "cancelled")

RULES_FILE = Path(__file__).with_name("journey_rules.yaml")
INDUCTION_DAYS = 28
WINDOW_DAYS = 28
MID_TERM_MIN_DAYS = 183  # "longer than six months"


def stage_on(placement: Placement, day: dt.date) -> str:
    """Return the id of the stage `placement` is at on `day`."""
    if placement.status == "interrupted":
        return "interrupted"
    if placement.status == "returned" or day > placement.end_date:
        return "return_follow_up"
    if day < placement.start_date or placement.status == "planned":
        return "preparation"
    if day < placement.start_date + dt.timedelta(days=INDUCTION_DAYS):
        return "arrival_induction"
    if day > placement.end_date - dt.timedelta(days=WINDOW_DAYS):
        return "final_evaluation"
    if placement.duration_days > MID_TERM_MIN_DAYS and abs((day - midpoint(placement)).days) <= WINDOW_DAYS // 2:
        return "mid_term"
    return "regular_support"


def midpoint(placement: Placement) -> dt.date:
    return placement.start_date + dt.timedelta(days=placement.duration_days // 2)


def stop_day(placement: Placement) -> dt.date:
    """Return the day the placement ends: its end date, or the day it was interrupted."""
    if placement.status == "interrupted" and placement.interrupted_on:
        return placement.interrupted_on
    return placement.end_date


def months_between(start: dt.date, end: dt.date) -> float:
    """Return the length of a period in months, counting whole months then the rest in days."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months + (end.day - start.day) / 31


# -- the rules ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """One item of the journey as written in the rules file."""

    item_id: str
    stage: str
    label: str
    responsible: str
    form_id: str
    anchor: str
    offset_days: int
    every_days: int | None = None
    match: tuple[tuple[str, Any], ...] = ()
    longer_than_months: float | None = None
    # The label in other languages than English, as (language, text) pairs.
    label_translations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rules:
    """The journey rules: the items and how early an item counts as due."""

    items: tuple[Rule, ...]
    lead_days: int


@lru_cache(maxsize=8)
def load_rules(path: Path = RULES_FILE) -> Rules:
    """Read and check a rules file; errors name the item and the field to fix."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"journey rules {path.name} cannot be read: {error}") from None
    items = tuple(parse_rule(entry, index) for index, entry in enumerate(data.get("items") or []))
    seen: set[str] = set()
    for rule in items:
        if rule.item_id in seen:
            raise ConfigError(f"journey rules: item id {rule.item_id!r} appears twice; give each item its own id")
        seen.add(rule.item_id)
    return Rules(items=items, lead_days=int(data.get("lead_days", 7)))


def parse_rule(entry: dict[str, Any], index: int) -> Rule:
    name = entry.get("id") or f"number {index + 1}"

    def fail(problem: str) -> ConfigError:
        return ConfigError(f"journey rules: item {name!r}: {problem}")

    for key in ("id", "stage", "label", "responsible", "form", "due"):
        if not entry.get(key):
            raise fail(f"missing {key!r}")
    label, label_translations = parse_label(entry["label"], fail)
    if entry["stage"] not in STAGE_LABELS:
        raise fail(f"stage {entry['stage']!r} is not one of {', '.join(STAGE_LABELS)}")
    if entry["responsible"] not in RESPONSIBLE:
        raise fail(f"responsible {entry['responsible']!r} is not one of {', '.join(RESPONSIBLE)}")
    due = entry["due"]
    if due.get("from") not in ("start", "middle", "end", "stop") or not isinstance(due.get("days"), int):
        raise fail(f"due {due!r} must be {{from: start|middle|end|stop, days: whole number}}")
    every = entry.get("every_days")
    if every is not None and (not isinstance(every, int) or every < 1):
        raise fail(f"every_days {every!r} must be a whole number of days, 1 or more")
    return Rule(
        item_id=entry["id"], stage=entry["stage"], label=label, responsible=entry["responsible"],
        form_id=entry["form"], anchor=due["from"], offset_days=due["days"], every_days=every,
        match=tuple(sorted((entry.get("match") or {}).items())),
        longer_than_months=(entry.get("only_if") or {}).get("longer_than_months"),
        label_translations=label_translations,
    )


def parse_label(label: Any, fail: Callable[[str], ConfigError]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Return an item's English label and its translations, from a text or a mapping of language to text."""
    if isinstance(label, str):
        return label, ()
    if not isinstance(label, dict) or not isinstance(label.get("en"), str):
        raise fail(f"label {label!r} must be a text, or a mapping from language to text with an 'en' entry")
    for language, text in label.items():
        if language not in LANGUAGES or not isinstance(text, str) or not text.strip():
            raise fail(f"label in {language!r} must be a text in one of {', '.join(LANGUAGES)}")
    return label["en"], tuple(sorted((language, text) for language, text in label.items() if language != "en"))


# -- the items of one placement ----------------------------------------------------------------

@dataclass(frozen=True)
class JourneyItem:
    """One due item of a placement's journey, with its status on the day asked for."""

    item_id: str
    occurrence: int
    stage: str
    label: str
    responsible: str
    form_id: str
    due: dt.date
    status: str
    done_by: str | None = None
    label_translations: tuple[tuple[str, str], ...] = ()

    def label_in(self, language: str) -> str:
        """Return the item's label in `language`, or in English when the rules file has no translation."""
        return dict(self.label_translations).get(language) or self.label


def journey(placement: Placement, submissions: list[Submission], as_of: dt.date,
            rules: Rules | None = None) -> list[JourneyItem]:
    """Return every item of the placement's journey, by due day, with its status on `as_of`."""
    rules = rules or load_rules()
    items: list[JourneyItem] = []
    # One submission completes one item only: the first meeting log is the first mentor meeting,
    # not also the first regular meeting. Rules claim submissions in the order of the rules file.
    used: set[str] = set()
    for rule in rules.items:
        if rule.longer_than_months is not None and \
                months_between(placement.start_date, placement.end_date) <= rule.longer_than_months:
            continue
        items.extend(items_of_rule(rule, placement, submissions, as_of, rules.lead_days, used))
    return sorted(items, key=lambda item: (item.due, item.item_id, item.occurrence))


def items_of_rule(rule: Rule, placement: Placement, submissions: list[Submission], as_of: dt.date,
                  lead_days: int, used: set[str]) -> list[JourneyItem]:
    """Return the items of one rule; the submissions that complete them are added to `used`."""
    matching = sorted((s for s in submissions if matches(rule, s)), key=lambda s: s.submitted_at)
    due_days = occurrences(rule, placement)
    items = []
    for number, due in enumerate(due_days):
        after = due_days[number - 1] if rule.every_days is not None and number else dt.date.min
        last = due if rule.every_days is not None else dt.date.max
        done = next((s for s in matching
                     if s.submission_id not in used and after < s.submitted_at.date() <= last), None)
        if done is not None:
            used.add(done.submission_id)
        status = item_status(placement, rule, due, done, as_of, lead_days)
        items.append(JourneyItem(rule.item_id, number + 1, rule.stage, rule.label, rule.responsible,
                                 rule.form_id, due, status, done.submission_id if done else None,
                                 rule.label_translations))
    return items


def matches(rule: Rule, submission: Submission) -> bool:
    if submission.form_id != rule.form_id:
        return False
    return all(submission.answers.get(key) == value for key, value in rule.match)


def occurrences(rule: Rule, placement: Placement) -> list[dt.date]:
    """Return the due days of a rule for one placement: one, or one every `every_days` to the stop."""
    anchors = {"start": placement.start_date, "middle": midpoint(placement), "end": placement.end_date,
               "stop": stop_day(placement)}
    first = anchors[rule.anchor] + dt.timedelta(days=rule.offset_days)
    if rule.every_days is None:
        return [first]
    days, day = [], first
    while day <= placement.end_date:
        days.append(day)
        day += dt.timedelta(days=rule.every_days)
    return days


def item_status(placement: Placement, rule: Rule, due: dt.date, done: Submission | None, as_of: dt.date,
                lead_days: int) -> str:
    if done is not None:
        return "done"
    interrupted = placement.status == "interrupted" and placement.interrupted_on is not None
    if interrupted and rule.anchor != "stop" and due > placement.interrupted_on:
        return "cancelled"
    if as_of > due:
        return "overdue"
    if as_of >= due - dt.timedelta(days=lead_days):
        return "due"
    return "upcoming"


def next_item(items: list[JourneyItem]) -> JourneyItem | None:
    """Return the earliest item still to do (overdue, due or upcoming), or None."""
    return next((item for item in items if item.status in ("overdue", "due", "upcoming")), None)
