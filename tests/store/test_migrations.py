"""Stores of an older schema version are backed up and upgraded when first used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_helpers import StartWorker, printed_ids

from omt.errors import StoreError
from omt.store import Store
from omt.store.backups import list_backups
from omt.store.check import check_store
from omt.store.layout import PLACEMENTS
from omt.store.migrations import SCHEMA_VERSION, rename_created_at
from omt.store.storage import read_json_file
from omt.tools.cli import main


def make_version_0(root: Path) -> None:
    """Turn a current store into the layout before meta.json: no meta.json, `created_at` in submissions."""
    (root / "meta.json").unlink()
    for path in (root / PLACEMENTS).glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for document in data["submissions"].values():
            document["created_at"] = document.pop("submitted_at")
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")


@pytest.fixture
def old_store(demo_store: Store) -> Store:
    """Return the demo store in schema version 0."""
    make_version_0(demo_store.root)
    return Store(demo_store.root)


def test_version_0_detected(old_store: Store) -> None:
    assert SCHEMA_VERSION == 1
    assert old_store.schema_version() == 0


def test_read_upgrades_version_0(demo_template: Path, old_store: Store) -> None:
    expected = Store(demo_template).submissions("FR-VN-01")

    submissions = old_store.submissions("FR-VN-01")

    assert submissions == expected
    assert old_store.schema_version() == SCHEMA_VERSION
    assert read_json_file(old_store.root / "meta.json") == {"schema_version": SCHEMA_VERSION}
    assert check_store(old_store.root).problems == []


def test_upgrade_backs_up_old_files(old_store: Store) -> None:
    old_placement = (old_store.root / PLACEMENTS / "FR-VN-01.json").read_bytes()

    old_store.placements()

    [backup] = list_backups(old_store.root)
    assert backup.name.endswith(f"-before-schema-{SCHEMA_VERSION}")
    assert not (backup / "meta.json").exists()
    assert (backup / PLACEMENTS / "FR-VN-01.json").read_bytes() == old_placement


def test_write_upgrades_version_0(old_store: Store) -> None:
    saved = old_store.submit("FR-VN-01", "test_form", {"x": 1}, author_id="M-VN-HAN", role="mentor")

    assert old_store.schema_version() == SCHEMA_VERSION
    assert saved in Store(old_store.root).submissions("FR-VN-01")
    assert len(list_backups(old_store.root)) == 1


def test_interrupted_migration_runs_again(old_store: Store) -> None:
    # A crash after some files: one placement file is already renamed, meta.json still missing.
    first = old_store.root / PLACEMENTS / "FR-VN-01.json"
    data = json.loads(first.read_text(encoding="utf-8"))
    for document in data["submissions"].values():
        document["submitted_at"] = document.pop("created_at")
    first.write_text(json.dumps(data), encoding="utf-8")

    old_store.placements()

    assert check_store(old_store.root).problems == []


def test_rename_created_at_idempotent(old_store: Store) -> None:
    rename_created_at(old_store.root)
    once = {path.name: path.read_bytes() for path in (old_store.root / PLACEMENTS).glob("*.json")}
    rename_created_at(old_store.root)
    twice = {path.name: path.read_bytes() for path in (old_store.root / PLACEMENTS).glob("*.json")}

    assert once == twice


def test_check_notes_old_version(old_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", str(old_store.root), "store", "check"]) == 0
    assert "schema version 0 is older than 1" in capsys.readouterr().out
    assert old_store.schema_version() == 0


def test_newer_version_rejected(demo_store: Store) -> None:
    (demo_store.root / "meta.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1}), encoding="utf-8")

    with pytest.raises(StoreError, match="upgrade omt"):
        Store(demo_store.root).placements()
    with pytest.raises(StoreError, match="upgrade omt"):
        Store(demo_store.root).submit("FR-VN-01", "test_form", {}, author_id="M-VN-HAN", role="mentor")


def test_concurrent_first_use_migrates_once(old_store: Store, start_worker: StartWorker, tmp_path: Path) -> None:
    logs = [tmp_path / f"writer-{number}.log" for number in range(4)]
    processes = []
    for log in logs:
        with log.open("w", encoding="utf-8") as stream:
            processes.append(start_worker("submit", str(old_store.root), "FR-VN-01", "5", stdout=stream))

    for process in processes:
        assert process.wait(timeout=120) == 0
    ids = {s.submission_id for s in old_store.submissions("FR-VN-01")}

    assert len(list_backups(old_store.root)) == 1
    for log in logs:
        assert set(printed_ids(log)) <= ids
    assert check_store(old_store.root).problems == []
