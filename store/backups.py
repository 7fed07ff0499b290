"""Backups of the whole store, and restoring one of them.

Backups live beside the store folder, in `<store>.backups/<timestamp>[-label]/`, so that moving
or replacing the store folder leaves them alone, and a copy of the store does not copy them.
Each backup is a copy of the data files, taken while the store's lock is held: no change can
land between two files, so the backup is one consistent state of the store. The copy is written
to `<name>.partial` first and renamed when complete, so a backup stopped halfway is never listed.

A restore never deletes the current store: it moves the current files into
`<store>.before-restore-<timestamp>/` and moves a staged copy of the backup in, under the lock.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from omt.errors import NotFoundError, StoreCorruptedError, StoreError
from omt.store.layout import LOCK, SUBFOLDERS, backups_folder, data_files
from omt.store.storage import RESTORE_HINT, sync_folder

if TYPE_CHECKING:
    from omt.store.store import Store

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"
OTHER_BACKUP_HINT = "nothing was restored; choose another backup from `omt store backups` with `omt store restore NAME`"
DEFAULT_KEEP = 10


@dataclass(frozen=True)
class RestoreResult:
    """The backup that was restored, and where the files it replaced were moved."""

    backup: Path
    moved_aside: Path | None


def timestamp() -> str:
    """Return the current UTC time as a name that sorts in time order, to the microsecond."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S-%f")


def take_backup(store: Store, label: str = "") -> Path:
    """Copy every data file of the store into a new backup folder and return that folder.

    Raises StoreCorruptedError, and keeps no backup, when a store file is damaged: a copy of a
    damaged store would push good backups out of the rotation.
    """
    folder = backups_folder(store.root)
    name = timestamp() + (f"-{label}" if label else "")
    partial = folder / (name + PARTIAL_SUFFIX)
    with store.locked():
        relatives = data_files(store.root)
        if not relatives:
            raise NotFoundError(f"there is no store at {store.root} to back up")
        try:
            copy_checked(store.root, partial, relatives, what="store file", hint=f"not backed up; {RESTORE_HINT}")
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
    # The files were copied under the lock, so flushing them to disk can wait until writers resume.
    sync_tree(partial, relatives)
    backup = folder / name
    os.replace(partial, backup)
    sync_folder(folder)
    log.info("backed up %d files of %s to %s", len(relatives), store.root, backup)
    return backup


def copy_checked(source: Path, target: Path, relatives: list[str], what: str, hint: str) -> None:
    """Copy files from `source` to `target`, raising StoreCorruptedError on one that does not parse.

    The error names the file as `what` and ends with `hint`, the next step for the user.
    """
    for subfolder in SUBFOLDERS:
        (target / subfolder).mkdir(parents=True, exist_ok=True)
    for relative in relatives:
        raw = (source / relative).read_bytes()
        try:
            json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise StoreCorruptedError(f"{what} {source / relative} is damaged ({error}); {hint}") from None
        (target / relative).write_bytes(raw)


def sync_tree(root: Path, relatives: list[str]) -> None:
    """Flush copied files and their folders to disk."""
    for relative in relatives:
        descriptor = os.open(root / relative, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    for subfolder in SUBFOLDERS:
        sync_folder(root / subfolder)
    sync_folder(root)


def list_backups(root: Path) -> list[Path]:
    """Return the complete backups of the store at `root`, oldest first."""
    folder = backups_folder(root)
    if not folder.is_dir():
        return []
    return sorted(entry for entry in folder.iterdir()
                  if entry.is_dir() and not entry.name.endswith(PARTIAL_SUFFIX))


def rotate_backups(root: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest backups and return the deleted ones."""
    if keep < 1:
        raise StoreError(f"keeping {keep} backups would delete every backup; keep at least 1")
    backups = list_backups(root)
    removed = backups[:-keep]
    for backup in removed:
        shutil.rmtree(backup)
        log.info("removed old backup %s", backup)
    return removed


def find_backup(root: Path, name: str | None) -> Path:
    """Return the backup called `name` (a folder name or a path), or the newest one."""
    backups = list_backups(root)
    if name is None:
        if not backups:
            raise NotFoundError(f"no backup found in {backups_folder(root)}; `omt store backup` makes one")
        return backups[-1]
    for backup in backups:
        if backup.name == name:
            return backup
    candidate = Path(name).expanduser()
    if candidate.is_dir():
        return candidate.resolve()
    raise NotFoundError(f"backup {name!r} not found in {backups_folder(root)}; "
                        "run `omt store backups` to see their names")


def restore_backup(store: Store, name: str | None = None) -> RestoreResult:
    """Replace the store's files by a backup's, keeping the replaced files aside.

    The backup is checked and copied to a staging folder before the lock is taken, so that
    writers wait only for a few renames. Readers that do not take the lock may, during those
    renames, see some files of the old store and some of the backup.
    """
    backup = find_backup(store.root, name)
    relatives = data_files(backup)
    if not relatives:
        raise StoreCorruptedError(f"backup {backup} contains no store files; {OTHER_BACKUP_HINT}")
    stamp = timestamp()
    staging = store.root.with_name(f"{store.root.name}.restoring-{stamp}")
    try:
        copy_checked(backup, staging, relatives, what="backup file", hint=OTHER_BACKUP_HINT)
        sync_tree(staging, relatives)
        with store.locked():
            moved_aside = move_current_aside(store.root, stamp)
            for entry in sorted(staging.iterdir()):
                os.replace(entry, store.root / entry.name)
            sync_folder(store.root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    store.forget_schema_check()
    log.info("restored the store at %s from %s; the replaced files are in %s", store.root, backup, moved_aside)
    return RestoreResult(backup=backup, moved_aside=moved_aside)


def move_current_aside(root: Path, stamp: str) -> Path | None:
    """Move every entry of the store folder except the lock file aside, and return the new folder.

    Returns None when the store folder contained nothing else.
    """
    entries = [entry for entry in root.iterdir() if entry.name != LOCK]
    if not entries:
        return None
    aside = root.with_name(f"{root.name}.before-restore-{stamp}")
    aside.mkdir()
    for entry in entries:
        os.replace(entry, aside / entry.name)
    sync_folder(aside)
    return aside
