"""The `omt` command line: help everywhere, store resolution, demo creation."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from omt.store import Store
from omt.tools.cli import build_parser, main


def all_command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                paths.extend(all_command_paths(subparser, (*prefix, name)))
    return paths


@pytest.mark.parametrize("command", all_command_paths(build_parser()), ids=" ".join)
def test_every_command_has_help(command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    assert "usage: omt" in capsys.readouterr().out


def test_omt_executable_runs() -> None:
    omt = Path(sys.executable).with_name("omt")
    result = subprocess.run([str(omt), "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("omt ")


def test_demo_creates_store_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "store"
    assert main(["--store", str(root), "demo", "--as-of", "2026-12-04"]) == 0
    assert len(Store(root).placements()) == 12
    assert main(["--store", str(root), "demo"]) == 2
    assert "omt demo --force" in capsys.readouterr().err


def test_demo_force_keeps_old_store(tmp_path: Path) -> None:
    root = tmp_path / "store"
    main(["--store", str(root), "demo", "--as-of", "2026-12-04"])
    assert main(["--store", str(root), "demo", "--force", "--as-of", "2026-12-04"]) == 0
    kept = list(tmp_path.glob("store.replaced-*"))
    assert len(kept) == 1
    assert (kept[0] / "registry.json").exists()


def test_demo_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    main(["--store", str(first), "demo", "--as-of", "2026-12-04"])
    main(["--store", str(second), "demo", "--as-of", "2026-12-04"])
    for path in sorted(first.rglob("*.json")):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path.name


def test_env_store_used_from_any_folder(demo_store: Store, tmp_path: Path) -> None:
    omt = Path(sys.executable).with_name("omt")
    result = subprocess.run([str(omt), "placements", "list"], cwd=tmp_path, capture_output=True, text=True,
                            check=True)
    assert result.stdout.count("\n") == 12
    assert "FR-VN-01" in result.stdout


def test_unknown_store_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "registry.json").write_text("{ not json", encoding="utf-8")
    assert main(["--store", str(tmp_path / "store"), "placements", "list"]) == 2
    error = capsys.readouterr().err
    assert "registry.json" in error
    assert "omt store restore" in error
    assert "Traceback" not in error
