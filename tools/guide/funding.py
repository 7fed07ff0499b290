"""The funding map: programmes and actions that can pay for tutoring, read from a YAML file.

`load_funding_map` reads the file and `validate_entries` checks every entry before the guide shows
it. Each entry names its source and the year it was read. Each also reminds the reader to check the
current programme guide, because eligibility and costs change from one call to the next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from omt.errors import OmtError
from omt.store.vocabulary import COUNTRIES

REQUIRED_FIELDS = ("id", "name", "funder", "funds", "eligibility", "cost_kinds", "source", "year", "check")

ELIGIBILITY_STATUSES = {
    "eligible": "Yes, under the conditions of the call",
    "check": "Differs by action and call: check",
}

# Vietnam, Thailand and the United States are outside the EU: whether they can take part differs
# by action and changes by call, so the map may never state it as certain.
NON_EU_COUNTRIES = ("VN", "TH", "US")

# The kinds of cost the map groups entries by. They name what is paid for, not budget headings:
# the headings and their rules are those of the programme guide of the year.
COST_KINDS = {
    "mentoring": "Mentoring of volunteers",
    "inclusion_support": "Inclusion support",
    "volunteering": "Volunteering activities",
    "youth_mobility": "Learning mobility of young people",
    "youth_worker_training": "Training of youth workers (mentors, task supervisors, coordinators)",
    "capacity_building": "Capacity building of youth organisations",
}

EARLIEST_YEAR = 2014


class FundingMapError(OmtError):
    """The funding map file is missing, not valid YAML, or has an invalid entry."""


@dataclass(frozen=True)
class Eligibility:
    """Whether organisations of one country can take part in an action, and on what conditions."""

    status: str
    conditions: str

    @property
    def status_label(self) -> str:
        return ELIGIBILITY_STATUSES[self.status]


@dataclass(frozen=True)
class FundingEntry:
    """One programme or action of the funding map."""

    entry_id: str
    name: str
    funder: str
    funds: str
    eligibility: dict[str, Eligibility]
    cost_kinds: tuple[str, ...]
    source: str
    year: int
    check: str

    @property
    def source_line(self) -> str:
        """Return the source as the guide prints it: name, publisher and year."""
        return f"{self.source}, {self.year}"


def load_funding_map(path: Path) -> list[FundingEntry]:
    """Read and validate the funding map at `path`; raise FundingMapError naming what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FundingMapError(f"cannot read the funding map {path}: {error.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise FundingMapError(f"the funding map {path} is not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise FundingMapError(f"the funding map {path} must have a list under 'entries'")
    return validate_entries(data["entries"], origin=str(path))


def validate_entries(raw_entries: list[Any], origin: str = "funding map") -> list[FundingEntry]:
    """Return the entries as FundingEntry objects, or raise FundingMapError listing every problem."""
    problems: list[str] = []
    entries: list[FundingEntry] = []
    seen_ids: set[str] = set()
    for number, raw in enumerate(raw_entries, start=1):
        label = entry_label(number, raw)
        entry_problems = entry_problems_of(raw)
        if isinstance(raw, dict) and raw.get("id") in seen_ids:
            entry_problems.append(f"duplicate id {raw['id']!r}")
        if entry_problems:
            problems.extend(f"{label}: {problem}" for problem in entry_problems)
            continue
        seen_ids.add(raw["id"])
        entries.append(to_entry(raw))
    if not raw_entries:
        problems.append("no entries")
    if problems:
        raise FundingMapError(f"invalid {origin}:\n  " + "\n  ".join(problems))
    return entries


def entry_label(number: int, raw: Any) -> str:
    """Return how an error message names an entry: its position and, when it has one, its id."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        return f"entry {number} ({raw['id']!r})"
    return f"entry {number}"


def entry_problems_of(raw: Any) -> list[str]:
    """Return the problems of one raw entry, one message per missing or invalid field."""
    if not isinstance(raw, dict):
        return [f"must be a mapping of fields, not {type(raw).__name__}"]
    problems = [f"missing field {field!r}" for field in REQUIRED_FIELDS if is_blank(raw.get(field))]
    for field in ("id", "name", "funder", "funds", "source", "check"):
        if not is_blank(raw.get(field)) and not isinstance(raw[field], str):
            problems.append(f"field {field!r} must be text")
    if not is_blank(raw.get("year")):
        problems.extend(year_problems(raw["year"]))
    if not is_blank(raw.get("cost_kinds")):
        problems.extend(cost_kind_problems(raw["cost_kinds"]))
    if not is_blank(raw.get("eligibility")):
        problems.extend(eligibility_problems(raw["eligibility"]))
    if isinstance(raw.get("check"), str) and "check" not in raw["check"].lower():
        problems.append("field 'check' must tell the reader to check the current programme guide")
    return problems


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def year_problems(year: Any) -> list[str]:
    latest = dt.date.today().year + 1
    if isinstance(year, bool) or not isinstance(year, int) or not EARLIEST_YEAR <= year <= latest:
        return [f"field 'year' must be the year the source was read, from {EARLIEST_YEAR} to {latest}; "
                f"got {year!r}"]
    return []


def cost_kind_problems(cost_kinds: Any) -> list[str]:
    if not isinstance(cost_kinds, list):
        return ["field 'cost_kinds' must be a list"]
    unknown = [kind for kind in cost_kinds if kind not in COST_KINDS]
    if unknown:
        return [f"unknown cost kind {', '.join(map(repr, unknown))} in 'cost_kinds'; "
                f"use one of {', '.join(COST_KINDS)}"]
    return []


def eligibility_problems(eligibility: Any) -> list[str]:
    if not isinstance(eligibility, dict):
        return ["field 'eligibility' must map each country code to a status and conditions"]
    problems = []
    for country in COUNTRIES:
        line = eligibility.get(country)
        where = f"eligibility of {country}"
        if not isinstance(line, dict):
            problems.append(f"missing {where}")
            continue
        if line.get("status") not in ELIGIBILITY_STATUSES:
            problems.append(f"{where}: status must be one of {', '.join(ELIGIBILITY_STATUSES)}; "
                            f"got {line.get('status')!r}")
        elif country in NON_EU_COUNTRIES and line["status"] != "check":
            problems.append(f"{where}: status must be 'check', because eligibility outside the EU "
                            "differs by action and changes by call")
        if is_blank(line.get("conditions")) or not isinstance(line.get("conditions"), str):
            problems.append(f"{where}: missing field 'conditions'")
    unknown = sorted(set(eligibility) - set(COUNTRIES))
    if unknown:
        problems.append(f"unknown country code {', '.join(map(repr, unknown))} in 'eligibility'; "
                        f"use {', '.join(COUNTRIES)}")
    return problems


def to_entry(raw: dict[str, Any]) -> FundingEntry:
    return FundingEntry(
        entry_id=raw["id"].strip(),
        name=raw["name"].strip(),
        funder=raw["funder"].strip(),
        funds=raw["funds"].strip(),
        eligibility={country: Eligibility(raw["eligibility"][country]["status"],
                                          raw["eligibility"][country]["conditions"].strip())
                     for country in COUNTRIES},
        cost_kinds=tuple(raw["cost_kinds"]),
        source=raw["source"].strip(),
        year=raw["year"],
        check=raw["check"].strip(),
    )
