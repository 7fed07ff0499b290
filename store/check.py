"""Checking every file of a store, and removing what interrupted writes left behind.

`check_store` reads the files as they are, without the lock: each file is replaced atomically, so
each one read is whole, though two files may come from moments a few writes apart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from omt.errors import StoreCorruptedError, ValidationError
from omt.store.links import LINKS, TABLE as LINKS_TABLE, AccessLink
from omt.store.layout import (ACTIVITIES, DRAFTS, META, PERSON_DRAFTS, PLACEMENTS, REGISTRY, TRAINING, data_files,
                              temporary_files)
from omt.store.migrations import SCHEMA_VERSION, stored_schema_version
from omt.store.models import Activity, Attempt, Organisation, Person, Placement, Submission
from omt.store.storage import read_json_file
from omt.store.store import Store, reference_problems
from omt.store.surveys import SURVEYS_FILE, RESPONSES_TABLE, SurveyResponse

log = logging.getLogger(__name__)

KNOWN_FILES = {META, REGISTRY, TRAINING, SURVEYS_FILE, LINKS}

# Errors a document's `from_document` raises on a missing, unknown or ill-typed field.
DECODING_ERRORS = (TypeError, KeyError, ValueError, AttributeError)


@dataclass(frozen=True)
class Problem:
    """Something wrong in one store file."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass
class CheckReport:
    """The findings of `check_store`: problems, notes, leftover temporary files and counts of what it read."""

    root: Path
    schema_version: int | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    temporary_files: list[Path] = field(default_factory=list)
    files_checked: int = 0
    documents_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, file: str, message: str) -> None:
        self.problems.append(Problem(file, message))


def check_store(root: Path) -> CheckReport:
    """Parse every file of the store at `root` and validate every document."""
    report = CheckReport(root=root, temporary_files=temporary_files(root))
    relatives = data_files(root)
    if not relatives:
        report.add(str(root), "no store files found; create a store with `omt demo` or check --store")
        return report
    contents = parse_files(root, relatives, report)
    if not check_schema_version(root, report):
        return report
    registry = check_registry(contents.get(REGISTRY), report)
    people = person_ids(contents.get(REGISTRY))
    for relative in relatives:
        if relative not in contents:
            continue
        if relative.startswith(f"{PLACEMENTS}/"):
            check_placement_file(relative, contents[relative], registry, report)
        elif relative.startswith(f"{ACTIVITIES}/"):
            check_activity_file(relative, contents[relative], people, report)
        elif relative.startswith(f"{DRAFTS}/"):
            check_draft_file(relative, contents[relative], report)
        elif relative.startswith(f"{PERSON_DRAFTS}/"):
            check_person_draft_file(relative, contents[relative], people, report)
    if TRAINING in contents:
        check_training(contents[TRAINING], report)
    if SURVEYS_FILE in contents:
        tables = tables_of(SURVEYS_FILE, contents[SURVEYS_FILE], (RESPONSES_TABLE,), report)
        decode_all(SURVEYS_FILE, RESPONSES_TABLE, tables.get(RESPONSES_TABLE, {}),
                   SurveyResponse.from_document, report)
    if LINKS in contents:
        tables = tables_of(LINKS, contents[LINKS], (LINKS_TABLE,), report)
        decode_all(LINKS, LINKS_TABLE, tables.get(LINKS_TABLE, {}), AccessLink.from_document, report)
    for relative in sorted(set(contents) - KNOWN_FILES):
        if "/" not in relative:
            report.notes.append(Problem(relative, "parsed but not validated: no check knows this file"))
    return report


def parse_files(root: Path, relatives: list[str], report: CheckReport) -> dict[str, Any]:
    """Return the parsed content of each file that parses; report the others."""
    contents: dict[str, Any] = {}
    for relative in relatives:
        report.files_checked += 1
        try:
            contents[relative] = read_json_file(root / relative)
        except StoreCorruptedError as error:
            report.add(relative, str(error))
    return contents


def check_schema_version(root: Path, report: CheckReport) -> bool:
    """Report the schema version, and return whether documents can be validated against it."""
    if any(problem.file == META for problem in report.problems):
        return False  # meta.json does not parse, and that is reported already.
    try:
        version = stored_schema_version(root)
    except StoreCorruptedError as error:
        report.add(META, str(error))
        return False
    report.schema_version = version
    if version is None or version == SCHEMA_VERSION:
        return True
    if version > SCHEMA_VERSION:
        report.add(META, f"schema version {version} is newer than the {SCHEMA_VERSION} this omt reads; upgrade omt")
    else:
        report.notes.append(Problem(META, f"schema version {version} is older than {SCHEMA_VERSION}; the store "
                                          "is backed up and upgraded the next time it is used"))
    return False


def tables_of(relative: str, content: Any, names: tuple[str, ...], report: CheckReport) -> dict[str, dict[str, Any]]:
    """Return the named TinyDB tables of a file, reporting a file or table of the wrong shape."""
    if not isinstance(content, dict):
        report.add(relative, f"expected a JSON object of tables, found {type(content).__name__}")
        return {}
    tables = {}
    for name in names:
        table = content.get(name, {})
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            report.add(relative, f"table {name!r} is not an object of documents")
            continue
        tables[name] = table
    return tables


def decode_all(relative: str, table_name: str, table: dict[str, Any], decode: Callable[[dict[str, Any]], Any],
               report: CheckReport) -> dict[str, Any]:
    """Decode and validate each document of a table; return the valid records by document id."""
    records = {}
    for doc_id, document in table.items():
        report.documents_checked += 1
        try:
            record = decode(document)
            record.validate()
        except ValidationError as error:
            report.add(relative, f"document {doc_id} of table {table_name!r} is invalid: {error}")
            continue
        except DECODING_ERRORS as error:
            report.add(relative, f"document {doc_id} of table {table_name!r} cannot be read: "
                                 f"{error.__class__.__name__}: {error}")
            continue
        records[doc_id] = record
    return records


def check_registry(content: Any, report: CheckReport) -> dict[str, Placement]:
    """Validate organisations, people and placements; return the placements by id."""
    if content is None:
        return {}
    tables = tables_of(REGISTRY, content, ("organisations", "people", "placements"), report)
    organisations = decode_all(REGISTRY, "organisations", tables.get("organisations", {}),
                               Organisation.from_document, report)
    people = decode_all(REGISTRY, "people", tables.get("people", {}), Person.from_document, report)
    placements = decode_all(REGISTRY, "placements", tables.get("placements", {}), Placement.from_document, report)
    organisations_by_id = {o.organisation_id: o for o in organisations.values()}
    people_by_id = {p.person_id: p for p in people.values()}
    for doc_id, placement in placements.items():
        for name, message in reference_problems(placement, organisations_by_id, people_by_id).items():
            report.add(REGISTRY, f"placement {placement.placement_id} (document {doc_id}): {name}: {message}")
    return {p.placement_id: p for p in placements.values()}


def check_placement_file(relative: str, content: Any, placements: dict[str, Placement],
                         report: CheckReport) -> None:
    """Validate the submissions of one placement file and their link to the placement."""
    placement_id = Path(relative).stem
    if placement_id not in placements:
        report.add(relative, f"placement {placement_id!r} is not in {REGISTRY}")
    tables = tables_of(relative, content, ("submissions",), report)
    submissions = decode_all(relative, "submissions", tables.get("submissions", {}),
                             Submission.from_document, report)
    seen: set[tuple[str, int]] = set()
    for doc_id, submission in submissions.items():
        if submission.placement_id != placement_id:
            report.add(relative, f"document {doc_id} belongs to placement {submission.placement_id!r}, "
                                 f"not {placement_id!r}")
        key = (submission.submission_id, submission.revision)
        if key in seen:
            report.add(relative, f"submission {submission.submission_id} revision {submission.revision} "
                                 f"is stored more than once (again in document {doc_id})")
        seen.add(key)


def person_ids(registry: Any) -> set[str]:
    """Return the ids of the people in the registry's content, however damaged the rest of it is."""
    if not isinstance(registry, dict) or not isinstance(registry.get("people"), dict):
        return set()
    return {document.get("person_id") for document in registry["people"].values() if isinstance(document, dict)}


def check_person_file(relative: str, people: set[str], report: CheckReport) -> str:
    """Report a file of one person whose person is not in the registry; return the person's id."""
    person_id = Path(relative).stem
    if person_id not in people:
        report.add(relative, f"person {person_id!r} is not in {REGISTRY}")
    return person_id


def check_activity_file(relative: str, content: Any, people: set[str], report: CheckReport) -> None:
    """Validate the activities of one person's file and their link to the person."""
    person_id = check_person_file(relative, people, report)
    tables = tables_of(relative, content, ("activities",), report)
    activities = decode_all(relative, "activities", tables.get("activities", {}), Activity.from_document, report)
    for doc_id, activity in activities.items():
        if activity.person_id != person_id:
            report.add(relative, f"document {doc_id} belongs to person {activity.person_id!r}, not {person_id!r}")


def check_draft_file(relative: str, content: Any, report: CheckReport, author_id: str | None = None) -> None:
    """Check that each draft names its form and author and holds the page's content.

    With `author_id`, every draft must name that author. The content itself is not validated: a
    draft may hold entries that are not valid answers yet.
    """
    tables = tables_of(relative, content, ("drafts",), report)
    for doc_id, document in tables.get("drafts", {}).items():
        report.documents_checked += 1
        if not all(isinstance(document.get(name), str) for name in ("form_id", "author_id", "saved_at")):
            report.add(relative, f"document {doc_id} of table 'drafts' needs text fields 'form_id', "
                                 "'author_id' and 'saved_at'")
        elif not isinstance(document.get("values"), dict):
            report.add(relative, f"document {doc_id} of table 'drafts' needs an object 'values'")
        elif author_id is not None and document["author_id"] != author_id:
            report.add(relative, f"document {doc_id} is a draft of {document['author_id']!r}, not {author_id!r}")


def check_person_draft_file(relative: str, content: Any, people: set[str], report: CheckReport) -> None:
    """Check one person's drafts of pages outside placements, and their link to the person."""
    person_id = check_person_file(relative, people, report)
    check_draft_file(relative, content, report, author_id=person_id)


def check_training(content: Any, report: CheckReport) -> None:
    """Validate the trainees' attempts and remembered names."""
    tables = tables_of(TRAINING, content, ("attempts", "trainees"), report)
    decode_all(TRAINING, "attempts", tables.get("attempts", {}), Attempt.from_document, report)
    for doc_id, document in tables.get("trainees", {}).items():
        report.documents_checked += 1
        if not isinstance(document.get("profile"), str) or not isinstance(document.get("name"), str):
            report.add(TRAINING, f"document {doc_id} of table 'trainees' needs text fields 'profile' and 'name'")


def remove_temporary_files(store: Store) -> list[Path]:
    """Delete the temporary files that killed writers left behind, and return them.

    The lock is held, so no writer is between creating its temporary file and renaming it.
    """
    with store.locked():
        leftovers = temporary_files(store.root)
        for path in leftovers:
            path.unlink(missing_ok=True)
    for path in leftovers:
        log.info("removed temporary file %s", path)
    return leftovers
