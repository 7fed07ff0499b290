"""Damaged store files are reported by name, with the command that restores them, and never overwritten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from omt.errors import StoreCorruptedError
from omt.store import Store

DAMAGE = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "garbage": lambda raw: b"\x00\xff\xfe garbage \x9c",
    "empty": lambda raw: b"",
}

# For each file: a read that opens it.
READS: dict[str, Callable[[Store], Any]] = {
    "registry.json": lambda store: store.placements(),
    "placements/FR-VN-01.json": lambda store: store.submissions("FR-VN-01"),
    "meta.json": lambda store: store.submissions("FR-VN-01"),
}


def damage(path: Path, how: str) -> bytes:
    damaged = DAMAGE[how](path.read_bytes())
    path.write_bytes(damaged)
    return damaged


@pytest.mark.parametrize("how", sorted(DAMAGE))
@pytest.mark.parametrize("relative", sorted(READS))
def test_damaged_file_named_on_read(demo_store: Store, relative: str, how: str) -> None:
    path = demo_store.root / relative
    damage(path, how)

    with pytest.raises(StoreCorruptedError) as raised:
        READS[relative](Store(demo_store.root))

    message = str(raised.value)
    assert str(path) in message
    assert "omt store restore" in message
    assert "omt store check" in message


@pytest.mark.parametrize("how", sorted(DAMAGE))
@pytest.mark.parametrize("relative", ["placements/FR-VN-01.json", "meta.json"])
def test_damaged_file_kept_on_write(demo_store: Store, relative: str, how: str) -> None:
    path = demo_store.root / relative
    damaged = damage(path, how)

    with pytest.raises(StoreCorruptedError, match="omt store restore"):
        Store(demo_store.root).submit("FR-VN-01", "test_form", {}, author_id="M-VN-HAN", role="mentor")

    assert path.read_bytes() == damaged


def test_meta_without_version_rejected(demo_store: Store) -> None:
    (demo_store.root / "meta.json").write_text('{"schema": 1}', encoding="utf-8")

    with pytest.raises(StoreCorruptedError, match="schema_version") as raised:
        Store(demo_store.root).placements()

    assert "meta.json" in str(raised.value)
