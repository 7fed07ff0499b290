"""Upgrades of the store's files from one schema version to the next, applied in order.

meta.json records the schema version of the files. A folder with data files but no meta.json is
version 0, the layout from before meta.json existed. `Store` calls `migrate` while it holds the
store's lock, after taking a backup, the first time it meets a store older than `SCHEMA_VERSION`.

Each migration reads and rewrites files with the atomic writes of `omt.store.storage`, so a
crash leaves every file whole. A crash can still stop a migration after some files: meta.json then
still names the old version and the next use runs the migration again. Every migration must
therefore be idempotent, leaving a file it already changed as it is.

To change the layout: write a function below, append it to `MIGRATIONS` with the version it
reaches, and add a test that opens a store of the previous version.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from omt.errors import StoreCorruptedError, StoreError
from omt.store.layout import META, PLACEMENTS, data_files, has_data
from omt.store.storage import RESTORE_HINT, read_json_file, write_json_file

log = logging.getLogger(__name__)

Migration = Callable[[Path], None]


def rename_created_at(root: Path) -> None:
    """Version 0 to 1: a submission's moment is `submitted_at`, no longer `created_at`."""
    for relative in data_files(root):
        if not relative.startswith(f"{PLACEMENTS}/"):
            continue
        data = read_json_file(root / relative) or {}
        changed = False
        for document in (data.get("submissions") or {}).values():
            if "created_at" in document and "submitted_at" not in document:
                document["submitted_at"] = document.pop("created_at")
                changed = True
        if changed:
            write_json_file(root / relative, data)


# (version reached, migration), oldest first.
MIGRATIONS: tuple[tuple[int, Migration], ...] = (
    (1, rename_created_at),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def stored_schema_version(root: Path) -> int | None:
    """Return the schema version of the store's files: 0 without meta.json, None for no store."""
    meta = read_json_file(root / META)
    if meta is None:
        return 0 if has_data(root) else None
    version = meta.get("schema_version") if isinstance(meta, dict) else None
    if not isinstance(version, int) or version < 0:
        raise StoreCorruptedError(f"store file {root / META} has no valid schema_version "
                                  f"(found {version!r}); {RESTORE_HINT}")
    return version


def check_supported(root: Path, version: int) -> None:
    """Raise StoreError when the store was written by a newer version of omt."""
    if version > SCHEMA_VERSION:
        raise StoreError(f"the store at {root} has schema version {version}, newer than the {SCHEMA_VERSION} "
                         "this version of omt reads; upgrade omt")


def migrate(root: Path, from_version: int) -> int:
    """Run every migration after `from_version` and record each version reached in meta.json.

    The caller holds the store's lock and has taken a backup.
    """
    for version, migration in MIGRATIONS:
        if version <= from_version:
            continue
        migration(root)
        write_json_file(root / META, meta_document(version))
        log.info("migrated the store at %s to schema version %d (%s)", root, version, migration.__name__)
    return SCHEMA_VERSION


def meta_document(version: int = SCHEMA_VERSION) -> dict[str, Any]:
    """Return the content of meta.json for a store at `version`."""
    return {"schema_version": version}
