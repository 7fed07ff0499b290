"""The store's files on disk: their names, and which of them hold data.

    <store>/meta.json                 schema version
    <store>/registry.json             organisations, people and placements
    <store>/placements/<id>.json      the submissions of one placement
    <store>/activities/<id>.json      one person's activities outside placements, such as job shadowing
    <store>/drafts/<id>.json          unsent form content, per placement (see `Store.save_draft`)
    <store>/person_drafts/<id>.json   one person's unsent form content on pages outside placements
    <store>/training.json             trainees' attempts and names
    <store>/surveys.json              survey responses (see `omt.store.surveys`)
    <store>/.lock                     the inter-process lock
    <store>.backups/<timestamp>/      backups, beside the store folder
"""

from __future__ import annotations

from pathlib import Path

from omt.store.ids import check_id
from omt.store.storage import is_temporary_file

META = "meta.json"
REGISTRY = "registry.json"
TRAINING = "training.json"
PLACEMENTS = "placements"
ACTIVITIES = "activities"
DRAFTS = "drafts"
# A folder of its own, so that a person's drafts never share a file with a placement of the same id.
PERSON_DRAFTS = "person_drafts"
# The folders of one file per placement or person, in the order `data_files` lists them.
SUBFOLDERS = (PLACEMENTS, ACTIVITIES, DRAFTS, PERSON_DRAFTS)
LOCK = ".lock"
BACKUPS_SUFFIX = ".backups"


def placement_file(placement_id: str) -> str:
    """Return the path, relative to the store folder, of one placement's submissions."""
    return f"{PLACEMENTS}/{check_id(placement_id, 'placement_id')}.json"


def activity_file(person_id: str) -> str:
    """Return the path, relative to the store folder, of one person's activities outside placements."""
    return f"{ACTIVITIES}/{check_id(person_id, 'person_id')}.json"


def draft_file(placement_id: str) -> str:
    """Return the path, relative to the store folder, of the drafts kept for one placement."""
    return f"{DRAFTS}/{check_id(placement_id, 'placement_id')}.json"


def person_draft_file(person_id: str) -> str:
    """Return the path, relative to the store folder, of one person's drafts of pages outside placements."""
    return f"{PERSON_DRAFTS}/{check_id(person_id, 'person_id')}.json"


def data_files(root: Path) -> list[str]:
    """Return the relative paths of the data files that exist: meta.json, the other top-level files,
    then the files of `SUBFOLDERS`.

    Every top-level `*.json` file counts, so that a module adding its own file to the store, as
    `omt.store.surveys` does, has it backed up and restored without a change here. Drafts count
    too: a restore brings back the unsent answers of the moment of the backup.
    """
    found = [META] if (root / META).is_file() else []
    if root.is_dir():
        found.extend(sorted(entry.name for entry in root.iterdir() if entry.is_file() and entry.name != META
                            and entry.name.endswith(".json") and not entry.name.startswith(".")))
    for subfolder in SUBFOLDERS:
        folder = root / subfolder
        if folder.is_dir():
            names = sorted(entry.name for entry in folder.iterdir()
                           if entry.name.endswith(".json") and not entry.name.startswith("."))
            found.extend(f"{subfolder}/{name}" for name in names)
    return found


def has_data(root: Path) -> bool:
    """Return whether the folder contains any store data, with or without meta.json."""
    return any(relative != META for relative in data_files(root))


def temporary_files(root: Path) -> list[Path]:
    """Return the temporary files left by writers that were killed before their rename."""
    found = []
    for folder in (root, *(root / subfolder for subfolder in SUBFOLDERS)):
        if folder.is_dir():
            found.extend(sorted(entry for entry in folder.iterdir() if is_temporary_file(entry.name)))
    return found


def backups_folder(root: Path) -> Path:
    """Return the folder of the store's backups: `<store>.backups` beside the store folder."""
    return root.with_name(root.name + BACKUPS_SUFFIX)
