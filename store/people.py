"""Everything the store keeps about one person: export it, or erase the personal data in it.

`export_person` gathers the person's registry record, the placements they take part in, the
submissions they wrote (every revision), the submissions about the placements where they are the
volunteer, their training attempts, survey responses, drafts (of placements and of pages outside
placements) and activities.

`erase_person` removes their personal data and keeps what reports count. The registry record keeps
its id with the name "erased person" and no e-mail or phone. Free text is replaced by "[erased]"
in every revision of the submissions they wrote, and of every submission of a placement where
they are the volunteer, because what a mentor writes there is about them. Dates, scores, choices
and ids stay. Survey responses lose their respondent's name and id, and training attempts their
trainee's name. Their drafts are deleted, those of pages outside placements included, and so is
every draft of a placement where they are the volunteer. Every file is changed through
`Store._change`, all of them while the store's lock is held, so the erasure is one step for other
writers. Afterwards the raw bytes of every file are searched for the name, e-mail
and phone, and the files that still contain one are reported.

Backups and the folders that `omt store restore` moves aside are copies of the store. They are
listed when they contain the person's data, and `scrub_copies` erases the person in them too.
"""

from __future__ import annotations

import collections
import copy
import datetime as dt
import functools
import logging
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from omt.errors import NotFoundError
from omt.store.backups import list_backups
from omt.store.codec import DATE_PATTERN
from omt.store.ids import ID_PATTERN, check_id
from omt.store.links import LINKS, TABLE as LINKS_TABLE
from omt.store.layout import (ACTIVITIES, DRAFTS, LOCK, META, PERSON_DRAFTS, PLACEMENTS, REGISTRY, TRAINING,
                              data_files)
from omt.store.migrations import SCHEMA_VERSION, stored_schema_version
from omt.store.storage import read_json_file
from omt.store.store import Store
from omt.store.surveys import RESPONSES_TABLE, SURVEYS_FILE

log = logging.getLogger(__name__)

ERASED_NAME = "erased person"
ERASED_TEXT = "[erased]"
# Answers that are codes, not prose: choice values such as "plan", ids such as "VN-HAN", dates.
CODE_PATTERN = re.compile(r"^[a-z0-9_]{1,60}$")
# Shorter names, e-mail addresses or phone numbers would match unrelated bytes in the search.
MIN_IDENTIFIER_LENGTH = 3

# For each form id, the names of its fields (at any depth) that hold free text. Answers of other
# forms, and of fields not named, count as free text unless they look like a code, id or date.
TextFields = dict[str, frozenset[str]]


@dataclass(frozen=True)
class PersonTarget:
    """The person to export or erase, and the values that identify them in the files."""

    person_id: str
    names: frozenset[str]
    identifiers: frozenset[str]
    volunteer_placements: frozenset[str]

    def has_name(self, value: object) -> bool:
        return isinstance(value, str) and value.strip().casefold() in {name.casefold() for name in self.names}


@dataclass
class ErasureReport:
    """What an erasure changed (or would change) in one store folder, counted per file."""

    root: Path
    person_id: str
    changes: dict[str, collections.Counter[str]] = field(default_factory=dict)
    # Files that still contain the name, e-mail or phone afterwards, with the values found.
    remaining: dict[str, list[str]] = field(default_factory=dict)

    def count(self, relative: str, what: str, number: int = 1) -> None:
        if number:
            self.changes.setdefault(relative, collections.Counter())[what] += number


@dataclass(frozen=True)
class CopyReport:
    """A copy of the store (a backup or a folder set aside by a restore) that contains the person's data."""

    path: Path
    found: tuple[str, ...]
    erasure: ErasureReport | None = None
    deleted: bool = False


# -- who the person is -----------------------------------------------------------------------


def find_target(root: Path, person_id: str, known: PersonTarget | None = None) -> PersonTarget | None:
    """Return what identifies the person in the store at `root`, merged with `known`.

    Returns None when the registry does not list the person and nothing is `known`.
    """
    check_id(person_id, "person_id")
    registry = read_json_file(root / REGISTRY) or {}
    person = next((d for d in (registry.get("people") or {}).values() if d.get("person_id") == person_id), None)
    if person is None and known is None:
        return None
    names = set(known.names) if known else set()
    identifiers = set(known.identifiers) if known else set()
    if person is not None:
        if person.get("name") and person["name"] != ERASED_NAME:
            names.add(person["name"].strip())
        identifiers.update(person.get(key) or "" for key in ("name", "email", "phone"))
    identifiers = {value.strip() for value in identifiers
                   if len(value.strip()) >= MIN_IDENTIFIER_LENGTH and value.strip() != ERASED_NAME}
    placements = {d["placement_id"] for d in (registry.get("placements") or {}).values()
                  if d.get("volunteer_id") == person_id}
    if known:
        placements |= known.volunteer_placements
    return PersonTarget(person_id, frozenset(names), frozenset(identifiers), frozenset(placements))


def require_target(store: Store, person_id: str) -> PersonTarget:
    target = find_target(store.root, person_id)
    if target is None:
        raise NotFoundError(f"person {person_id!r} not found; run `omt people list` to see the ids")
    return target


# -- export ----------------------------------------------------------------------------------


def export_person(store: Store, person_id: str) -> dict[str, Any]:
    """Return everything the store keeps about one person, as JSON-ready documents."""
    target = require_target(store, person_id)
    registry = read_json_file(store.root / REGISTRY) or {}
    person = next(d for d in registry.get("people", {}).values() if d["person_id"] == person_id)
    exported: dict[str, Any] = {
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "person": person,
        "placements": placements_of(person, registry),
        "submissions_written": [], "submissions_about_their_placements": [], "activities": [],
        "drafts": [], "training_attempts": [], "trainee_profiles": [], "survey_responses": [],
    }
    for relative, data in read_files(store.root):
        folder = relative.split("/")[0] if "/" in relative else None
        if folder == PLACEMENTS:
            for document in documents(data, "submissions"):
                if person_id in (document.get("author_id"), document.get("edited_by")):
                    exported["submissions_written"].append(document)
                elif Path(relative).stem in target.volunteer_placements:
                    exported["submissions_about_their_placements"].append(document)
        elif folder == ACTIVITIES and Path(relative).stem == person_id:
            exported["activities"].extend(documents(data, "activities"))
        elif folder == DRAFTS:
            exported["drafts"].extend({"placement_id": Path(relative).stem, **document}
                                      for document in documents(data, "drafts")
                                      if document.get("author_id") == person_id)
        elif folder == PERSON_DRAFTS and Path(relative).stem == person_id:
            exported["drafts"].extend({"placement_id": None, **document} for document in documents(data, "drafts"))
        elif relative == TRAINING:
            exported["training_attempts"] = [d for d in documents(data, "attempts") if target.has_name(d.get("trainee"))]
            exported["trainee_profiles"] = [d for d in documents(data, "trainees") if target.has_name(d.get("name"))]
        elif relative == SURVEYS_FILE:
            exported["survey_responses"] = [d for d in documents(data, RESPONSES_TABLE)
                                             if is_respondent(d, target)]
    return exported


def placements_of(person: dict[str, Any], registry: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the placements a person takes part in, each with the person's roles in it."""
    found = []
    for placement in (registry.get("placements") or {}).values():
        roles = [role for role in ("volunteer", "mentor", "task_supervisor")
                 if placement.get(f"{role}_id") == person["person_id"]]
        if person.get("role") == "coordinator":
            roles += [f"coordinator of the {party} organisation" for party in ("sending", "hosting", "coordinating")
                      if placement.get(f"{party}_organisation_id") == person.get("organisation_id")]
        if roles:
            found.append({"roles": roles, "placement": placement})
    return found


def read_files(root: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for relative in data_files(root):
        data = read_json_file(root / relative)
        if isinstance(data, dict):
            yield relative, data


def documents(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return list((data.get(table) or {}).values())


def is_respondent(response: dict[str, Any], target: PersonTarget) -> bool:
    return response.get("respondent_id") == target.person_id or target.has_name(response.get("respondent_name"))


# -- erasure ---------------------------------------------------------------------------------


def erase_person(store: Store, person_id: str, text_fields: TextFields | None = None, dry_run: bool = False,
                 known: PersonTarget | None = None) -> ErasureReport:
    """Erase a person's personal data in every file of the store, and return what changed.

    With `dry_run`, nothing is written and the report says what would change. `known` adds values
    that identify the person, for a copy of the store where their record is already erased.
    """
    target = find_target(store.root, person_id, known)
    if target is None:
        raise NotFoundError(f"person {person_id!r} not found; run `omt people list` to see the ids")
    report = ErasureReport(root=store.root, person_id=person_id)
    scrubber = Scrubber(target, text_fields or {})
    with store.locked():
        for relative in data_files(store.root):
            if relative == META:
                continue
            if dry_run:
                scrubber.scrub(relative, read_json_file(store.root / relative) or {}, report)
            else:
                store._change(relative, functools.partial(scrub_database, scrubber, relative, report))
        if not dry_run:
            report.remaining = search_files(store.root, target.identifiers)
    if not dry_run:
        log.info("erased person %s in %s: %d files changed", person_id, store.root, len(report.changes))
    return report


def scrub_database(scrubber: Scrubber, relative: str, report: ErasureReport, database: TinyDB) -> None:
    """Scrub one file opened by `Store._change`; it is written only when something changed."""
    original = database.storage.read() or {}
    data = copy.deepcopy(original)
    if scrubber.scrub(relative, data, report):
        database.storage.write(data)


class Scrubber:
    """Replaces one person's data in the content of one store file, counting each change."""

    def __init__(self, target: PersonTarget, text_fields: TextFields):
        self.target = target
        self.text_fields = text_fields

    def scrub(self, relative: str, data: dict[str, Any], report: ErasureReport) -> bool:
        """Change `data` in place; return whether anything changed."""
        before = sum(report.changes.get(relative, {}).values())
        folder = relative.split("/")[0] if "/" in relative else None
        stem = Path(relative).stem
        if relative == REGISTRY:
            self.scrub_registry(data, relative, report)
        elif folder == PLACEMENTS:
            about_them = stem in self.target.volunteer_placements
            for document in documents(data, "submissions"):
                if about_them or document.get("author_id") == self.target.person_id:
                    self.scrub_answers(document, document.get("form_id", ""), relative, "submission revision", report)
        elif folder == ACTIVITIES and stem == self.target.person_id:
            for document in documents(data, "activities"):
                self.scrub_answers(document, document.get("form_id", ""), relative, "activity revision", report)
        elif folder == DRAFTS:
            self.scrub_drafts(data, stem in self.target.volunteer_placements, relative, report)
        elif folder == PERSON_DRAFTS and stem == self.target.person_id:
            self.scrub_drafts(data, True, relative, report)
        elif relative == TRAINING:
            self.scrub_training(data, relative, report)
        elif relative == SURVEYS_FILE:
            self.scrub_surveys(data, relative, report)
        elif relative == LINKS:
            self.scrub_links(data, relative, report)
        return sum(report.changes.get(relative, {}).values()) > before

    def scrub_registry(self, data: dict[str, Any], relative: str, report: ErasureReport) -> None:
        for document in documents(data, "people"):
            if document.get("person_id") != self.target.person_id:
                continue
            erased = {"name": ERASED_NAME, "email": "", "phone": ""}
            if any(document.get(key) != value for key, value in erased.items()):
                document.update(erased)
                report.count(relative, "person record erased")

    def scrub_answers(self, document: dict[str, Any], form_id: str, relative: str, kind: str,
                      report: ErasureReport) -> None:
        answers, erased = erase_free_text(document.get("answers"), self.text_fields.get(form_id, frozenset()))
        if erased:
            document["answers"] = answers
            report.count(relative, f"{kind} with free text erased")
            report.count(relative, "answer erased", erased)

    def scrub_drafts(self, data: dict[str, Any], every_draft: bool, relative: str, report: ErasureReport) -> None:
        """Delete the person's drafts in one file, or every draft of the file with `every_draft`."""
        table = data.get("drafts") or {}
        for doc_id in [doc_id for doc_id, document in table.items()
                       if every_draft or document.get("author_id") == self.target.person_id]:
            del table[doc_id]
            report.count(relative, "draft deleted")

    def scrub_training(self, data: dict[str, Any], relative: str, report: ErasureReport) -> None:
        for document in documents(data, "attempts"):
            if self.target.has_name(document.get("trainee")):
                document["trainee"] = ERASED_NAME
                document["answer"], _erased = erase_free_text(document.get("answer"), frozenset())
                report.count(relative, "training attempt erased")
        profiles = data.get("trainees") or {}
        for doc_id in [doc_id for doc_id, document in profiles.items() if self.target.has_name(document.get("name"))]:
            del profiles[doc_id]
            report.count(relative, "trainee profile deleted")

    def scrub_links(self, data: dict[str, Any], relative: str, report: ErasureReport) -> None:
        """Delete the person's access links, so that no link of an erased person opens a form."""
        table = data.get(LINKS_TABLE) or {}
        for doc_id in [doc_id for doc_id, document in table.items()
                       if document.get("person_id") == self.target.person_id]:
            del table[doc_id]
            report.count(relative, "access link deleted")

    def scrub_surveys(self, data: dict[str, Any], relative: str, report: ErasureReport) -> None:
        for document in documents(data, RESPONSES_TABLE):
            if not is_respondent(document, self.target):
                continue
            document["respondent_id"] = None
            document["respondent_name"] = ""
            document["answers"], erased = erase_free_text(document.get("answers"), frozenset())
            report.count(relative, "survey response erased")
            report.count(relative, "answer erased", erased)


def erase_free_text(value: Any, text_fields: frozenset[str], inside_text_field: bool = False) -> tuple[Any, int]:
    """Return `value` with its free text replaced by ERASED_TEXT, and how many texts were replaced.

    A text counts as free text inside a field named in `text_fields`, and elsewhere when it does
    not look like a code, an id or a date.
    """
    if isinstance(value, str):
        if value == ERASED_TEXT or not value.strip():
            return value, 0
        if inside_text_field or not is_code(value):
            return ERASED_TEXT, 1
        return value, 0
    if isinstance(value, list):
        results = [erase_free_text(item, text_fields, inside_text_field) for item in value]
        return [item for item, _count in results], sum(count for _item, count in results)
    if isinstance(value, dict):
        erased, total = {}, 0
        for key, item in value.items():
            erased[key], count = erase_free_text(item, text_fields, inside_text_field or key in text_fields)
            total += count
        return erased, total
    return value, 0


def is_code(text: str) -> bool:
    """Return whether a text is a choice value, an id or a date rather than prose."""
    return bool(CODE_PATTERN.match(text) or ID_PATTERN.match(text) or DATE_PATTERN.match(text))


def search_files(root: Path, identifiers: frozenset[str]) -> dict[str, list[str]]:
    """Return, for each file under `root` whose raw bytes contain an identifier, the identifiers found.

    Every file counts, not only the data files, so that nothing slips through a listing.
    """
    needles = {value: value.encode("utf-8") for value in identifiers}
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        hits = sorted(value for value, needle in needles.items() if needle in raw)
        if hits:
            found[str(path.relative_to(root))] = hits
    return found


# -- copies of the store -----------------------------------------------------------------------


def store_copies(store: Store) -> list[Path]:
    """Return the backups and the folders set aside by restores, oldest backup first."""
    aside = sorted(store.root.parent.glob(f"{store.root.name}.before-restore-*"))
    return [*list_backups(store.root), *(path for path in aside if path.is_dir())]


def copies_with_person(store: Store, target: PersonTarget) -> list[CopyReport]:
    """Return the copies of the store that contain the person's data: a record not yet erased, or
    their name, e-mail or phone anywhere in their files."""
    found = []
    for path in store_copies(store):
        copy_target = find_target(path, target.person_id, target)
        hits = search_files(path, copy_target.identifiers) if copy_target else {}
        values = sorted({value for values in hits.values() for value in values})
        if values:
            found.append(CopyReport(path=path, found=tuple(values)))
    return found


def scrub_copies(store: Store, target: PersonTarget, text_fields: TextFields | None = None) -> list[CopyReport]:
    """Erase the person in every copy of the store that contains their data, and return the reports.

    A copy of an older schema version cannot be changed safely, because opening it would upgrade
    it, so it is deleted instead. The store's lock is held, so no backup or restore runs meanwhile.
    """
    results = []
    with store.locked():
        for found in copies_with_person(store, target):
            if stored_schema_version(found.path) != SCHEMA_VERSION:
                shutil.rmtree(found.path)
                log.warning("deleted copy %s of the store: it contained person %s and has another schema "
                            "version", found.path, target.person_id)
                results.append(CopyReport(path=found.path, found=found.found, deleted=True))
                continue
            erasure = erase_person(Store(found.path), target.person_id, text_fields, known=target)
            (found.path / LOCK).unlink(missing_ok=True)
            # The lock file of the copy was created after the search, so search once more without it.
            erasure.remaining = search_files(found.path, find_target(found.path, target.person_id, target).identifiers)
            results.append(CopyReport(path=found.path, found=found.found, erasure=erasure))
    return results

