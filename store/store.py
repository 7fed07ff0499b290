"""The shared store: every read and every change of the tool's data goes through `Store`.

The files on disk are listed in `omt.store.layout`. One file per placement keeps the cost of a
submission independent of the total number of submissions. Every change runs `_change`: take the
lock, open the file, apply, validate, write atomically, close. No TinyDB handle outlives one
change, so no process works from a stale copy. Backups, restores, migrations and repairs take the
same lock (`Store.locked`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from tinydb import Query, TinyDB

from omt.config import resolve_store_path
from omt.errors import NotFoundError, StoreError, ValidationError
from omt.store import backups, migrations
from omt.store.ids import check_id, check_submission_id, new_submission_id
from omt.store.layout import (LOCK, META, REGISTRY, TRAINING, activity_file, draft_file, person_draft_file,
                              placement_file)
from omt.store.locking import LockTimeout, StoreLock
from omt.store.migrations import SCHEMA_VERSION
from omt.store.codec import to_json_value
from omt.store.models import (Activity, Attempt, Draft, DraftKey, Organisation, Person, Placement,
                              Submission)
from omt.store.storage import AtomicJSONStorage, read_json_file, write_json_file

log = logging.getLogger(__name__)

__all__ = ["SCHEMA_VERSION", "Store", "open_store", "reference_problems"]

LOCK_TIMEOUT_SECONDS = 30.0

T = TypeVar("T")
R = TypeVar("R", Submission, Activity)


@dataclasses.dataclass(frozen=True)
class RevisionTable(Generic[R]):
    """A table of records kept as revisions: each change adds a document with the next `revision`."""

    name: str
    id_name: str
    record_type: type[R]


SUBMISSION_TABLE = RevisionTable("submissions", "submission_id", Submission)
ACTIVITY_TABLE = RevisionTable("activities", "activity_id", Activity)


class Store:
    """The shared store in one folder; cheap to create, keeps no file open between calls."""

    def __init__(self, root: str | os.PathLike[str] | None = None):
        self.root = resolve_store_path(root)
        self._lock = StoreLock(self.root / LOCK, timeout=LOCK_TIMEOUT_SECONDS)
        # Set once the files on disk are known to be at SCHEMA_VERSION, so that reads skip the check.
        self._schema_current = False

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    # -- the one write path ------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's inter-process lock; it is reentrant for the same Store object."""
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            with self._lock:
                yield
        except LockTimeout:
            raise StoreError(
                f"the store at {self.root} stayed locked for {self._lock.timeout:.0f} s; "
                "another program may be stuck writing: try again, then run `omt store check`"
            ) from None
        except PermissionError as error:
            raise StoreError(f"the store at {self.root} cannot be written ({error.strerror}); "
                             "check the folder's permissions") from None

    def _change(self, relative: str, mutate: Callable[[TinyDB], T]) -> T:
        """Apply `mutate` to one store file under the lock and write the result atomically."""
        with self.locked():
            self._upgrade_schema()
            database = TinyDB(self.root / relative, storage=AtomicJSONStorage)
            # The storage writes only on close: when `mutate` raises, nothing reaches the disk.
            result = mutate(database)
            database.close()
            return result

    def _upgrade_schema(self) -> None:
        """Bring the files to SCHEMA_VERSION, backing them up first. The caller holds the lock."""
        version = migrations.stored_schema_version(self.root)
        if version is None:
            write_json_file(self.root / META, migrations.meta_document())
        elif version < SCHEMA_VERSION:
            backup = backups.take_backup(self, label=f"before-schema-{SCHEMA_VERSION}")
            migrations.migrate(self.root, version)
            log.warning("upgraded the store at %s from schema version %d to %d; the old files are in %s",
                        self.root, version, SCHEMA_VERSION, backup)
        else:
            migrations.check_supported(self.root, version)
        self._schema_current = True

    def _ensure_schema_for_reading(self) -> None:
        """Upgrade an old store before the first read through this Store, which checks only once."""
        if self._schema_current:
            return
        version = migrations.stored_schema_version(self.root)
        if version is None:
            return
        if version < SCHEMA_VERSION:
            with self.locked():
                self._upgrade_schema()
            return
        migrations.check_supported(self.root, version)
        self._schema_current = True

    def _read(self, relative: str, table: str) -> list[dict[str, Any]]:
        """Return every document of one table; the file is read afresh on each call."""
        self._ensure_schema_for_reading()
        data = read_json_file(self.root / relative) or {}
        return list((data.get(table) or {}).values())

    # -- setup -------------------------------------------------------------------------------

    def exists(self) -> bool:
        return (self.root / REGISTRY).exists()

    def schema_version(self) -> int | None:
        """Return the schema version of the files on disk: 0 without meta.json, None for no store."""
        return migrations.stored_schema_version(self.root)

    def forget_schema_check(self) -> None:
        """Make the next read check the schema version again, as after a restore."""
        self._schema_current = False

    # -- organisations, people, placements ------------------------------------------------------

    def save_organisation(self, organisation: Organisation) -> Organisation:
        organisation.validate()
        self._upsert(REGISTRY, "organisations", "organisation_id", organisation.to_document())
        return organisation

    def save_person(self, person: Person) -> Person:
        person.validate()
        self._upsert(REGISTRY, "people", "person_id", person.to_document())
        return person

    def save_placement(self, placement: Placement) -> Placement:
        placement.validate()
        self._check_placement_references(placement)
        self._upsert(REGISTRY, "placements", "placement_id", placement.to_document())
        return placement

    def _upsert(self, relative: str, table: str, key: str, document: dict[str, Any]) -> None:
        def mutate(database: TinyDB) -> None:
            database.table(table).upsert(document, Query()[key] == document[key])

        self._change(relative, mutate)
        log.info("saved %s %s", table, document[key])

    def _check_placement_references(self, placement: Placement) -> None:
        organisations = {o.organisation_id: o for o in self.organisations()}
        people = {p.person_id: p for p in self.people()}
        problems = reference_problems(placement, organisations, people)
        if problems:
            raise ValidationError(problems)

    def organisations(self) -> list[Organisation]:
        documents = self._read(REGISTRY, "organisations")
        return sorted((Organisation.from_document(d) for d in documents), key=lambda o: o.organisation_id)

    def people(self) -> list[Person]:
        documents = self._read(REGISTRY, "people")
        return sorted((Person.from_document(d) for d in documents), key=lambda p: p.person_id)

    def placements(self) -> list[Placement]:
        documents = self._read(REGISTRY, "placements")
        return sorted((Placement.from_document(d) for d in documents), key=lambda p: p.placement_id)

    def organisation(self, organisation_id: str) -> Organisation:
        return self._find(self.organisations(), "organisation_id", organisation_id, "organisations list")

    def person(self, person_id: str) -> Person:
        return self._find(self.people(), "person_id", person_id, "people list")

    def placement(self, placement_id: str) -> Placement:
        # Only the one document found is decoded: a submission checks its placement this way,
        # and decoding hundreds of placements each time would cost more than the write.
        check_id(placement_id, "placement_id")
        for document in self._read(REGISTRY, "placements"):
            if document["placement_id"] == placement_id:
                return Placement.from_document(document)
        raise NotFoundError(f"placement {placement_id!r} not found; run `omt placements list` to see the ids")

    @staticmethod
    def _find(records: list[T], key: str, wanted: str, command: str) -> T:
        check_id(wanted, key)
        for record in records:
            if getattr(record, key) == wanted:
                return record
        kind = key.removesuffix("_id")
        raise NotFoundError(f"{kind} {wanted!r} not found; run `omt {command}` to see the ids")

    # -- submissions -------------------------------------------------------------------------

    def submit(
        self,
        placement_id: str,
        form_id: str,
        answers: dict[str, Any],
        author_id: str,
        role: str,
        language: str = "en",
        form_version: int = 1,
        submission_id: str | None = None,
        submitted_at: dt.datetime | None = None,
    ) -> Submission:
        """Store a new submission and return it as saved.

        Passing the same `submission_id` twice stores it once: the second call returns the first
        record, so a repeated click or a retried call never creates a duplicate.
        """
        submission = Submission(
            submission_id=submission_id or new_submission_id(),
            placement_id=placement_id,
            form_id=form_id,
            form_version=form_version,
            author_id=author_id,
            role=role,
            language=language,
            answers=answers,
            submitted_at=submitted_at or dt.datetime.now(dt.timezone.utc),
        )
        submission.validate()
        self.placement(placement_id)
        saved = self._insert_once(placement_file(placement_id), SUBMISSION_TABLE, submission)
        log.info("stored submission %s (%s) for placement %s", submission.submission_id, form_id, placement_id)
        return saved

    def revise(self, placement_id: str, submission_id: str, answers: dict[str, Any], edited_by: str) -> Submission:
        """Store new answers for a submission as its next revision; earlier revisions stay."""
        check_submission_id(submission_id)
        check_id(edited_by, "edited_by")
        revised = self._add_revision(placement_file(placement_id), SUBMISSION_TABLE, submission_id,
                                     {"answers": answers, "edited_by": edited_by},
                                     f"submission {submission_id!r} not found in placement {placement_id!r}")
        log.info("stored revision %s of submission %s", revised.revision, submission_id)
        return revised

    def submissions(self, placement_id: str, form_id: str | None = None) -> list[Submission]:
        """Return the current revision of each submission of a placement, oldest first."""
        documents = self._read(placement_file(placement_id), SUBMISSION_TABLE.name)
        chosen = [Submission.from_document(d) for d in latest_revisions(documents, SUBMISSION_TABLE.id_name)
                  if form_id in (None, d["form_id"])]
        return sorted(chosen, key=lambda s: (s.submitted_at, s.submission_id))

    def history(self, placement_id: str, submission_id: str) -> list[Submission]:
        """Return every revision of one submission, first revision first."""
        documents = self._read(placement_file(placement_id), "submissions")
        revisions = [Submission.from_document(d) for d in documents if d["submission_id"] == submission_id]
        return sorted(revisions, key=lambda s: s.revision)

    # -- activities outside placements --------------------------------------------------------

    def submit_activity(
        self,
        person_id: str,
        form_id: str,
        answers: dict[str, Any],
        language: str = "en",
        form_version: int = 1,
        activity_id: str | None = None,
        submitted_at: dt.datetime | None = None,
    ) -> Activity:
        """Store a person's activity outside placements, such as a job-shadowing visit, and return it.

        The person must be in the registry. Passing the same `activity_id` twice stores it once: the
        second call returns the first record.
        """
        activity = Activity(
            activity_id=activity_id or new_submission_id(), person_id=person_id, form_id=form_id,
            form_version=form_version, language=language, answers=answers,
            submitted_at=submitted_at or dt.datetime.now(dt.timezone.utc),
        )
        activity.validate()
        self.person(person_id)
        saved = self._insert_once(activity_file(person_id), ACTIVITY_TABLE, activity)
        log.info("stored activity %s (%s) of person %s", activity.activity_id, form_id, person_id)
        return saved

    def revise_activity(self, person_id: str, activity_id: str, answers: dict[str, Any]) -> Activity:
        """Store new answers for an activity as its next revision; earlier revisions stay."""
        check_submission_id(activity_id)
        revised = self._add_revision(activity_file(person_id), ACTIVITY_TABLE, activity_id, {"answers": answers},
                                     f"activity {activity_id!r} not found for person {person_id!r}")
        log.info("stored revision %s of activity %s", revised.revision, activity_id)
        return revised

    def activities(self, person_id: str, form_id: str | None = None) -> list[Activity]:
        """Return the current revision of each activity of a person, oldest first."""
        documents = self._read(activity_file(person_id), ACTIVITY_TABLE.name)
        chosen = [Activity.from_document(d) for d in latest_revisions(documents, ACTIVITY_TABLE.id_name)
                  if form_id in (None, d["form_id"])]
        return sorted(chosen, key=lambda a: (a.submitted_at, a.activity_id))

    # -- records kept as revisions ---------------------------------------------------------------

    def _insert_once(self, relative: str, records: RevisionTable[R], record: R) -> R:
        """Insert the first revision of `record` and return it; return the stored one when its id exists."""
        document = record.to_document()
        record_id = document[records.id_name]

        def mutate(database: TinyDB) -> dict[str, Any]:
            table = database.table(records.name)
            # A plain function, not a TinyDB Query: this scan runs on every new record.
            existing = table.get(lambda stored: stored[records.id_name] == record_id)
            if existing is not None:
                return dict(existing)
            table.insert(document)
            return document

        return records.record_type.from_document(self._change(relative, mutate))

    def _add_revision(self, relative: str, records: RevisionTable[R], record_id: str, changes: dict[str, Any],
                      not_found: str) -> R:
        """Insert the next revision of a record: its latest revision with `changes` and the time now.

        Raises NotFoundError with the message `not_found` when the file has no revision of `record_id`.
        """
        def mutate(database: TinyDB) -> dict[str, Any]:
            table = database.table(records.name)
            history = table.search(Query()[records.id_name] == record_id)
            if not history:
                raise NotFoundError(not_found)
            latest = records.record_type.from_document(dict(max(history, key=lambda d: d["revision"])))
            revised = dataclasses.replace(latest, **changes, revision=latest.revision + 1,
                                          submitted_at=dt.datetime.now(dt.timezone.utc))
            revised.validate()
            document = revised.to_document()
            table.insert(document)
            return document

        return records.record_type.from_document(self._change(relative, mutate))

    # -- drafts --------------------------------------------------------------------------------

    def save_draft(self, key: DraftKey, answers: dict[str, Any]) -> Draft:
        """Store what a form page holds for `key`, replacing the previous draft, and return it.

        `answers` is the page's content as JSON, which may include entries that are not valid
        answers yet. A draft is not a submission: reports and the journey never read it. A key
        without a placement needs an author in the registry, whose file then keeps the draft.
        """
        check_id(key.author_id, "author_id")
        if key.placement_id is None:
            self.person(key.author_id)
        draft = Draft(values=to_json_value(answers, "draft"), saved_at=dt.datetime.now(dt.timezone.utc))
        document = {"form_id": key.form_id, "author_id": key.author_id, "values": draft.values,
                    "saved_at": draft.saved_at.isoformat(timespec="seconds")}
        condition = (Query().form_id == key.form_id) & (Query().author_id == key.author_id)
        self._change(draft_path(key), lambda database: database.table("drafts").upsert(document, condition))
        return draft

    def draft(self, key: DraftKey) -> Draft | None:
        """Return the draft stored for `key`, or None when there is none."""
        for document in self._read(draft_path(key), "drafts"):
            if key.matches(document):
                return Draft(values=document["values"], saved_at=dt.datetime.fromisoformat(document["saved_at"]))
        return None

    def clear_draft(self, key: DraftKey) -> None:
        """Delete the draft stored for `key`; nothing is written when there is none."""
        if self.draft(key) is None:
            return
        condition = (Query().form_id == key.form_id) & (Query().author_id == key.author_id)
        self._change(draft_path(key), lambda database: database.table("drafts").remove(condition))

    # -- training ----------------------------------------------------------------------------

    def record_attempt(self, attempt: Attempt) -> Attempt:
        attempt.validate()
        document = attempt.to_document()
        self._change(TRAINING, lambda database: database.table("attempts").insert(document))
        log.info("stored attempt of %s at %s/%s", attempt.trainee, attempt.module, attempt.exercise_id)
        return attempt

    def save_trainee_name(self, profile: str, name: str) -> str:
        """Remember the trainee's name for one profile (one account on one machine)."""
        name = name.strip()
        Attempt(trainee=name, module="-", exercise_id="-", answer=None, correct=None).validate()
        self._upsert(TRAINING, "trainees", "profile", {"profile": profile, "name": name})
        return name

    def trainee_name(self, profile: str) -> str | None:
        """Return the name remembered for `profile`, or None when it was never given."""
        for document in self._read(TRAINING, "trainees"):
            if document["profile"] == profile:
                return document["name"]
        return None

    def attempts(self, trainee: str | None = None, module: str | None = None) -> list[Attempt]:
        documents = self._read(TRAINING, "attempts")
        chosen = [Attempt.from_document(d) for d in documents
                  if trainee in (None, d["trainee"]) and module in (None, d["module"])]
        return sorted(chosen, key=lambda a: a.answered_at)


def latest_revisions(documents: list[dict[str, Any]], id_name: str) -> list[dict[str, Any]]:
    """Return the document of the highest revision of each record, keyed by the field `id_name`."""
    latest: dict[str, dict[str, Any]] = {}
    for document in documents:
        known = latest.get(document[id_name])
        if known is None or document["revision"] > known["revision"]:
            latest[document[id_name]] = document
    return list(latest.values())


def draft_path(key: DraftKey) -> str:
    """Return the path, relative to the store folder, of the file that keeps the draft of `key`."""
    if key.placement_id is None:
        return person_draft_file(key.author_id)
    return draft_file(key.placement_id)


def reference_problems(placement: Placement, organisations: dict[str, Organisation],
                       people: dict[str, Person]) -> dict[str, str]:
    """Return a message per field of `placement` naming an organisation or person that does not fit."""
    problems: dict[str, str] = {}
    for name in ("sending", "hosting", "coordinating"):
        organisation_id = getattr(placement, f"{name}_organisation_id")
        organisation = organisations.get(organisation_id)
        if organisation is None:
            problems[f"{name}_organisation_id"] = f"organisation {organisation_id!r} not found"
        elif name not in organisation.roles:
            problems[f"{name}_organisation_id"] = (f"organisation {organisation_id!r} does not act as "
                                                   f"{name} organisation")
    for name, role in (("volunteer_id", "volunteer"), ("mentor_id", "mentor"),
                       ("task_supervisor_id", "task_supervisor")):
        person = people.get(getattr(placement, name))
        if person is None:
            problems[name] = f"person {getattr(placement, name)!r} not found"
        elif person.role != role:
            problems[name] = f"person {person.person_id!r} is a {person.role}, not a {role}"
    return problems


def open_store(root: str | os.PathLike[str] | None = None) -> Store:
    """Return the store at `root`, or at the configured location (see `omt.config`)."""
    return Store(root)
