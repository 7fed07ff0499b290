"""Relevance conditions: a field is shown, checked and stored only while its condition holds.

A condition is data, never code to evaluate. It is one of:

    {field: wants_to_talk, equals: true}         the answer equals a value
    {field: severity, one_of: [high, critical]}  the answer is one of the values
    {field: topics, includes: conflict}          a multiple-choice answer includes a value
    {field: notes, answered: true}               the field has (or, with false, lacks) an answer
    {all: [<condition>, ...]}                    every condition holds
    {any: [<condition>, ...]}                    at least one condition holds
    {not: <condition>}                           the condition does not hold

A condition names only fields that come earlier in the same form (or the same row of a repeat
group), so that the page reads top to bottom and no condition can depend on itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from omt.widgets.forms.constraints import is_empty

TESTS = ("equals", "one_of", "includes", "answered")


class ConditionError(ValueError):
    """A relevance condition is written wrongly; the message says how."""


@dataclass(frozen=True)
class Condition:
    """A parsed condition: a test on one field, or `all`/`any`/`not` of other conditions."""

    operator: str
    field: str | None = None
    value: Any = None
    parts: tuple[Condition, ...] = ()

    def holds(self, answers: Mapping[str, Any]) -> bool:
        """Return whether the condition holds; a field not answered (or not shown) is None."""
        if self.operator == "all":
            return all(part.holds(answers) for part in self.parts)
        if self.operator == "any":
            return any(part.holds(answers) for part in self.parts)
        if self.operator == "not":
            return not self.parts[0].holds(answers)
        answer = answers.get(self.field)
        if self.operator == "answered":
            return is_empty(answer) != bool(self.value)
        if self.operator == "equals":
            return answer == self.value
        if self.operator == "one_of":
            return answer in self.value
        return isinstance(answer, list) and self.value in answer

    def field_names(self) -> set[str]:
        """Return the names of the fields the condition reads."""
        names = {self.field} if self.field else set()
        for part in self.parts:
            names |= part.field_names()
        return names


def parse_condition(data: Any) -> Condition:
    """Return the condition written in a definition, or raise ConditionError saying what is wrong."""
    if not isinstance(data, dict):
        raise ConditionError(f"a condition must be a mapping such as {{field: x, equals: true}}, not {data!r}")
    for operator in ("all", "any"):
        if operator in data:
            return _combination(operator, data)
    if "not" in data:
        _expect_only(data, {"not"})
        return Condition("not", parts=(parse_condition(data["not"]),))
    if "field" not in data:
        raise ConditionError(f"a condition needs 'field', 'all', 'any' or 'not'; got {sorted(data)}")
    tests = [key for key in data if key != "field"]
    if len(tests) != 1 or tests[0] not in TESTS:
        raise ConditionError(f"a condition on field {data['field']!r} needs exactly one of {', '.join(TESTS)}")
    operator = tests[0]
    value = data[operator]
    if operator == "one_of":
        if not isinstance(value, list) or not value:
            raise ConditionError(f"'one_of' on field {data['field']!r} needs a non-empty list")
        value = tuple(value)
    return Condition(operator, field=str(data["field"]), value=value)


def _combination(operator: str, data: dict[str, Any]) -> Condition:
    _expect_only(data, {operator})
    items = data[operator]
    if not isinstance(items, list) or not items:
        raise ConditionError(f"{operator!r} needs a non-empty list of conditions")
    return Condition(operator, parts=tuple(parse_condition(item) for item in items))


def _expect_only(data: dict[str, Any], keys: set[str]) -> None:
    extra = sorted(set(data) - keys)
    if extra:
        raise ConditionError(f"unexpected key(s) {', '.join(map(repr, extra))} beside {', '.join(sorted(keys))}")
