"""The distribution: one `omt` namespace over the top-level folders, in every kind of install."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]
MAPPED_FOLDERS = {"omt.store": "store", "omt.widgets": "widgets", "omt.tools": "tools"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    [built] = out.glob("omt_2iqm-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_has_every_subpackage(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for package, folder in MAPPED_FOLDERS.items():
        for sub in ["", *find_packages(ROOT / folder)]:
            init = "/".join([*package.split("."), *filter(None, sub.split("."))]) + "/__init__.py"
            assert init in names, f"{init} missing from the wheel"


def test_wheel_has_no_generic_top_level(wheel: zipfile.ZipFile) -> None:
    top_level = {name.split("/")[0] for name in wheel.namelist() if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"omt"}


def test_wheel_ships_form_definitions(wheel: zipfile.ZipFile) -> None:
    assert "omt/widgets/forms/definitions/meeting_log.yaml" in wheel.namelist()


def test_wheel_ships_voila_template(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    for file in ("index.html.j2", "conf.json", "omt.css"):
        assert f"omt/tools/jupyter_data/voila/templates/omt/{file}" in names


def test_wheel_ships_report_template_and_catalogs(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert "omt/tools/reports/templates/placement_report.ipynb" in names
    for language in ("fr", "it", "vi", "th"):
        assert f"omt/locale/{language}/LC_MESSAGES/omt.po" in names


def test_import_from_another_folder(tmp_path: Path) -> None:
    code = "import omt.store, omt.widgets, omt.tools, omt.config; print(omt.store.__name__)"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "omt.store"


def test_kernel_in_another_folder_finds_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Jupyter kernel started in any folder resolves the same store as the command line."""
    from jupyter_client.manager import start_new_kernel

    monkeypatch.delenv("OMT_STORE", raising=False)
    outputs: list[dict] = []
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(tmp_path))
    try:
        reply = client.execute_interactive(
            "import json, omt.config; print(json.dumps(str(omt.config.resolve_store_path())))",
            output_hook=lambda message: outputs.append(message), timeout=60)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok"
    streams = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"]
    assert json.loads(streams[0]) == str(ROOT / "var" / "store")

