"""`omt store check|backup|backups|restore`, run through the command line's `main`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_helpers import StartWorker

from omt.store import Store
from omt.store import store as store_module
from omt.store.backups import list_backups
from omt.store.layout import backups_folder, data_files
from omt.tools.cli import main


def omt(store: Store, *args: str) -> int:
    return main(["--store", str(store.root), "store", *args])


def edit_document(path: Path, table: str, doc_id: str, **changes: object) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data[table][doc_id].update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_check_clean_store(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(demo_store, "check") == 0
    assert "0 problems" in capsys.readouterr().out


def test_check_names_damaged_file(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    (demo_store.root / "placements" / "IT-FR-03.json").write_text('{"submissions": {"1": {', encoding="utf-8")

    assert omt(demo_store, "check") == 1
    output = capsys.readouterr().out
    assert "problem: placements/IT-FR-03.json: store file" in output
    assert "1 problem" in output


def test_check_names_invalid_document(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    edit_document(demo_store.root / "placements" / "FR-VN-01.json", "submissions", "1", role="pirate")
    edit_document(demo_store.root / "registry.json", "people", "1", email="not-an-address")

    assert omt(demo_store, "check") == 1
    output = capsys.readouterr().out
    assert "placements/FR-VN-01.json: document 1 of table 'submissions' is invalid" in output
    assert "'pirate'" in output
    assert "registry.json: document 1 of table 'people' is invalid" in output


def test_check_finds_duplicate_and_misplaced(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    path = demo_store.root / "placements" / "FR-VN-01.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["submissions"]["999"] = dict(data["submissions"]["1"])
    data["submissions"]["998"] = {**data["submissions"]["2"], "placement_id": "IT-FR-03"}
    path.write_text(json.dumps(data), encoding="utf-8")

    assert omt(demo_store, "check") == 1
    output = capsys.readouterr().out
    assert "is stored more than once (again in document 999)" in output
    assert "document 998 belongs to placement 'IT-FR-03'" in output


def test_check_without_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", str(tmp_path / "nothing"), "store", "check"]) == 1
    assert "no store files found" in capsys.readouterr().out


def test_backup_copies_every_file(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(demo_store, "backup") == 0

    [backup] = list_backups(demo_store.root)
    assert backup.parent == demo_store.root.with_name("store.backups")
    assert str(backup) in capsys.readouterr().out
    assert data_files(backup) == data_files(demo_store.root)
    for relative in data_files(demo_store.root):
        assert (backup / relative).read_bytes() == (demo_store.root / relative).read_bytes(), relative


def test_backup_includes_other_store_files(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    # A module may keep its own file in the store folder, as omt.store.surveys does with surveys.json.
    extra = demo_store.root / "extra.json"
    extra.write_text('{"things": {"1": {"name": "kept"}}}', encoding="utf-8")

    assert omt(demo_store, "backup") == 0
    extra.unlink()
    assert omt(demo_store, "restore") == 0
    assert omt(demo_store, "check") == 0

    assert extra.read_text(encoding="utf-8") == '{"things": {"1": {"name": "kept"}}}'
    assert "extra.json: parsed but not validated" in capsys.readouterr().out


def test_backup_keeps_newest(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(4):
        assert omt(demo_store, "backup", "--keep", "2") == 0
    made = [line.split("/")[-1] for line in capsys.readouterr().out.splitlines() if line.startswith("backed up")]

    assert [backup.name for backup in list_backups(demo_store.root)] == made[-2:]


def test_backup_rejects_keep_zero(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(demo_store, "backup", "--keep", "0") == 2
    assert "keep at least 1" in capsys.readouterr().err


def test_backup_refuses_damaged_store(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(demo_store, "backup") == 0
    (demo_store.root / "registry.json").write_text("{", encoding="utf-8")

    assert omt(demo_store, "backup") == 2
    assert "registry.json is damaged" in capsys.readouterr().err
    assert len(list_backups(demo_store.root)) == 1
    assert [entry.name for entry in backups_folder(demo_store.root).iterdir() if "partial" in entry.name] == []


def test_backup_waits_for_lock(demo_store: Store, start_worker: StartWorker, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.3)
    holder = start_worker("hold-lock", str(demo_store.root))
    assert holder.stdout.readline().strip() == "locked"

    assert omt(demo_store, "backup") == 2
    assert "stayed locked" in capsys.readouterr().err
    assert list_backups(demo_store.root) == []


def test_backups_lists_names(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(demo_store, "backups") == 0
    assert "no backups" in capsys.readouterr().out
    omt(demo_store, "backup")
    capsys.readouterr()

    assert omt(demo_store, "backups") == 0
    [backup] = list_backups(demo_store.root)
    assert capsys.readouterr().out == f"{backup.name}\t12 files\n"


def test_restore_latest_keeps_damaged_aside(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(demo_store, "backup") == 0
    placement = demo_store.root / "placements" / "FR-VN-01.json"
    good = placement.read_bytes()
    placement.write_bytes(b"{ damaged")

    assert omt(demo_store, "restore") == 0
    output = capsys.readouterr().out
    [aside] = demo_store.root.parent.glob("store.before-restore-*")

    assert placement.read_bytes() == good
    assert (aside / "placements" / "FR-VN-01.json").read_bytes() == b"{ damaged"
    assert str(aside) in output
    assert omt(demo_store, "check") == 0
    assert len(Store(demo_store.root).submissions("FR-VN-01")) > 0


def test_restore_named_backup(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(demo_store, "backup") == 0
    first, = list_backups(demo_store.root)
    extra = demo_store.submit("FR-VN-01", "test_form", {}, author_id="M-VN-HAN", role="mentor")
    assert omt(demo_store, "backup") == 0

    assert omt(demo_store, "restore", first.name) == 0
    ids = {s.submission_id for s in Store(demo_store.root).submissions("FR-VN-01")}
    assert extra.submission_id not in ids

    assert omt(demo_store, "restore") == 0
    ids = {s.submission_id for s in Store(demo_store.root).submissions("FR-VN-01")}
    assert extra.submission_id in ids
    assert len(list(demo_store.root.parent.glob("store.before-restore-*"))) == 2


def test_restore_reaches_open_store(demo_store: Store) -> None:
    assert omt(demo_store, "backup") == 0
    extra = demo_store.submit("FR-VN-01", "test_form", {}, author_id="M-VN-HAN", role="mentor")

    assert omt(demo_store, "restore") == 0
    assert extra.submission_id not in {s.submission_id for s in demo_store.submissions("FR-VN-01")}


def test_restore_without_backup(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(demo_store, "restore") == 2
    assert "no backup found" in capsys.readouterr().err
    assert omt(demo_store, "restore", "20990101-000000-000000") == 2
    assert "not found" in capsys.readouterr().err
    assert omt(demo_store, "check") == 0


def test_restore_refuses_damaged_backup(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(demo_store, "backup") == 0
    [backup] = list_backups(demo_store.root)
    (backup / "registry.json").write_text("[", encoding="utf-8")
    before = (demo_store.root / "registry.json").read_bytes()

    assert omt(demo_store, "restore") == 2
    assert "backup file" in capsys.readouterr().err
    assert (demo_store.root / "registry.json").read_bytes() == before
    assert list(demo_store.root.parent.glob("store.before-restore-*")) == []
    assert list(demo_store.root.parent.glob("store.restoring-*")) == []
