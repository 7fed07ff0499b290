"""Submissions as tables: one row per submission (its current revision), one table per repeatable group.

The main table starts with the submission id, placement, form, author's name, role, date and
language, then has one column per answer field. When several forms are exported, each answer
column is prefixed with its form's title ("Mentor meeting log: Notes"), because two forms may
share a field name.

Answers become cells as follows:

- a list of mappings (a repeatable group, such as action items) goes to its own table, one row
  per item, linked to the main table by "Submission id"; the main table keeps the number of items;
- a mapping (such as scores by competence) becomes one column per key;
- a list of values becomes one cell, the labels joined with "; ";
- any other value is kept as it is (text, number, date, true/false).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from omt.store import Placement, Store, Submission
from omt.tools.export.labels import choice_label, field_label, field_order, form_title, humanise, key_label

log = logging.getLogger(__name__)

SUBMISSION_ID = "Submission id"
FIXED_COLUMNS = (SUBMISSION_ID, "Placement", "Form", "Author", "Role", "Date", "Language", "Revision")
ITEM_COLUMN = "Item"
LIST_SEPARATOR = "; "


@dataclass
class ExportTables:
    """The main table of submissions and the repeatable groups' tables, by group name."""

    submissions: pd.DataFrame
    groups: dict[str, pd.DataFrame] = field(default_factory=dict)


def select_placements(store: Store, placement_id: str | None = None,
                      organisation_id: str | None = None) -> list[Placement]:
    """Return one placement, the placements of one organisation, or every placement.

    An organisation's placements are those where it is the sending, hosting or coordinating
    organisation.
    """
    if placement_id is not None:
        return [store.placement(placement_id)]
    placements = store.placements()
    if organisation_id is None:
        return placements
    store.organisation(organisation_id)  # raises NotFoundError naming the command that lists ids
    return [placement for placement in placements
            if organisation_id in (placement.sending_organisation_id, placement.hosting_organisation_id,
                                   placement.coordinating_organisation_id)]


def export_tables(store: Store, placements: Iterable[Placement], form_id: str | None = None) -> ExportTables:
    """Return the submissions of `placements`, optionally of one form only, as tables."""
    submissions = [submission for placement in placements
                   for submission in store.submissions(placement.placement_id, form_id)]
    names = author_names(store)
    several_forms = len({submission.form_id for submission in submissions}) > 1
    groups = GroupNames(submissions)

    rows: list[dict[str, Any]] = []
    group_rows: dict[str, list[dict[str, Any]]] = {}
    answer_columns: dict[str, None] = {}  # an ordered set: columns in the order they first appear
    for submission in submissions:
        row = fixed_cells(submission, names)
        for name in answer_names(submission):
            prefix = f"{form_title(submission.form_id)}: " if several_forms else ""
            value = submission.answers[name]
            if is_group(value):
                group = groups.name(submission.form_id, name)
                group_rows.setdefault(group, []).extend(group_items(submission, name, value))
                cells = {f"{prefix}{field_label(submission.form_id, name)}: items": len(value)}
            else:
                cells = {f"{prefix}{label}": cell for label, cell in answer_cells(submission.form_id, name, value)}
            row.update(cells)
            answer_columns.update(dict.fromkeys(cells))
        rows.append(row)

    table = pd.DataFrame(rows, columns=[*FIXED_COLUMNS, *answer_columns])
    log.info("exported %d submissions of %d forms with %d repeatable groups", len(rows),
             len({submission.form_id for submission in submissions}), len(group_rows))
    return ExportTables(table, {group: pd.DataFrame(items) for group, items in group_rows.items()})


def author_names(store: Store) -> dict[str, str]:
    return {person.person_id: person.name for person in store.people()}


def fixed_cells(submission: Submission, names: dict[str, str]) -> dict[str, Any]:
    # An author missing from the registry keeps their id, so that the row still names the author.
    return {
        SUBMISSION_ID: submission.submission_id,
        "Placement": submission.placement_id,
        "Form": form_title(submission.form_id),
        "Author": names.get(submission.author_id, submission.author_id),
        "Role": humanise(submission.role),
        "Date": submission.submitted_at.date(),
        "Language": submission.language,
        "Revision": submission.revision,
    }


def answer_names(submission: Submission) -> list[str]:
    """Return the answer keys in the definition's order, then any key the definition lacks."""
    ordered = [name for name in field_order(submission.form_id) if name in submission.answers]
    return ordered + [name for name in submission.answers if name not in ordered]


def is_group(value: Any) -> bool:
    """Return True for a repeatable group: a non-empty list whose items are all mappings."""
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def answer_cells(form_id: str, name: str, value: Any) -> list[tuple[str, Any]]:
    """Return (column label, cell) pairs for one answer that is not a repeatable group."""
    label = field_label(form_id, name)
    if isinstance(value, dict):
        return [(f"{label}: {field_label(form_id, key, parent=name)}", nested_cell(form_id, name, key, item))
                for key, item in value.items()]
    if isinstance(value, list):
        return [(label, LIST_SEPARATOR.join(choice_label(form_id, name, item) for item in value))]
    return [(label, value)]


def nested_cell(form_id: str, parent: str, key: str, value: Any) -> Any:
    """Return a cell for a value inside a mapping or a group's item: choices become their labels."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(choice_label(form_id, key, item, parent) for item in value)
    if isinstance(value, str):
        return choice_label(form_id, key, value, parent)
    return flatten(value)


def flatten(value: Any) -> Any:
    """Return a cell for a nested value: lists and mappings become text."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{key_label(key)}: {item}" for key, item in value.items())
    return value


def group_items(submission: Submission, group: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return one row per item of a repeatable group, linked to its submission."""
    rows = []
    for number, item in enumerate(items, start=1):
        row: dict[str, Any] = {SUBMISSION_ID: submission.submission_id, "Placement": submission.placement_id,
                               "Form": form_title(submission.form_id), ITEM_COLUMN: number}
        row.update({field_label(submission.form_id, key, parent=group): nested_cell(submission.form_id, group, key, value)
                    for key, value in item.items()})
        rows.append(row)
    return rows


class GroupNames:
    """Names the repeatable groups: the field name, or `<form>_<field>` when two forms share it."""

    def __init__(self, submissions: list[Submission]):
        forms_by_field: dict[str, set[str]] = {}
        for submission in submissions:
            for name, value in submission.answers.items():
                if is_group(value):
                    forms_by_field.setdefault(name, set()).add(submission.form_id)
        self.shared = {name for name, forms in forms_by_field.items() if len(forms) > 1}

    def name(self, form_id: str, field_name: str) -> str:
        return f"{form_id}_{field_name}" if field_name in self.shared else field_name
