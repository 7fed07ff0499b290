"""Batches of reports: warm kernels reused without leaks, timeouts, PDF, incremental builds, selection."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from omt.store import Store
from omt.tools.cli import main
from omt.tools.commands.reports import selected_placements
from omt.tools.reports.builder import PapermillRunner, load_template, placement_template
from omt.tools.reports.kernels import KernelPoolRunner

DEMO_DAY = "2026-12-04"
PARAMETERS = 'placement_id = None\nlanguage = "en"\nas_of = None\nstore = None'


def build(store: Store, out: Path, *arguments: str) -> int:
    return main(["--store", str(store.root), "reports", "build", "--out", str(out), "--as-of", DEMO_DAY,
                 "--jobs", "1", *arguments])


def write_template(path: Path, *sources: str) -> Path:
    cells = [new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]})]
    cells.extend(new_code_cell(source) for source in sources)
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                      "display_name": "Python 3"}}), path)
    return path


def parameters(store: Store, placement_id: str) -> dict[str, str]:
    return {"placement_id": placement_id, "language": "en", "as_of": DEMO_DAY, "store": str(store.root)}


def comparable(notebook: nbformat.NotebookNode) -> list[tuple]:
    """Return each cell's execution count and outputs, without timings and other run metadata."""
    return [(cell.get("execution_count"), cell.get("outputs")) for cell in notebook.cells]


LEAK_PROBE = (
    "import os, sys\n"
    "names = sorted(name for name in globals() if not name.startswith('_')\n"
    "               and name not in ('In', 'Out', 'get_ipython', 'exit', 'quit', 'open'))\n"
    "print(names)\n"
    "print('earlier report' if 'left_behind' in globals() else 'clean namespace')\n"
    "print(os.environ.get('OMT_LEFT_BEHIND'), os.getcwd() == os.environ['HOME'], 'leaked/path' in sys.path)"
)
LEAK = (
    "import os, sys\n"
    "left_behind = placement_id\n"
    "os.environ['OMT_LEFT_BEHIND'] = placement_id\n"
    "os.chdir(os.environ['HOME'])\n"
    "sys.path.append('leaked/path')\n"
    "print(os.getpid())"
)


def test_pool_reuse_leaks_nothing(demo_store: Store, tmp_path: Path) -> None:
    template = load_template(write_template(tmp_path / "leak.ipynb", LEAK_PROBE, LEAK))
    with KernelPoolRunner() as pool:
        first = pool.execute(template, tmp_path / "a.ipynb", parameters(demo_store, "FR-VN-01"))
        second = pool.execute(template, tmp_path / "b.ipynb", parameters(demo_store, "FR-VN-01"))
        [kernel] = pool._kernels
        assert kernel.reports_run == 2
    fresh = PapermillRunner().execute(template, tmp_path / "fresh.ipynb", parameters(demo_store, "FR-VN-01"))

    probe = second.cells[2].outputs[0].text
    assert "clean namespace" in probe
    assert "left_behind" not in probe
    assert "None False False" in probe
    assert first.cells[3].outputs[0].text == second.cells[3].outputs[0].text  # the same kernel process
    assert comparable(second)[:3] == comparable(fresh)[:3]
    assert comparable(first)[:3] == comparable(fresh)[:3]


def test_pool_output_matches_papermill(demo_store: Store, tmp_path: Path) -> None:
    template = load_template(placement_template())
    arguments = {"placement_id": "TH-US-05", "language": "th", "as_of": DEMO_DAY, "store": str(demo_store.root)}
    with KernelPoolRunner() as pool:
        pool.execute(template, tmp_path / "before.ipynb", {**arguments, "placement_id": "VN-IT-04"})
        pooled = pool.execute(template, tmp_path / "pooled.ipynb", arguments)
    fresh = PapermillRunner().execute(template, tmp_path / "fresh.ipynb", arguments)

    assert comparable(pooled) == comparable(fresh)
    assert [cell.metadata.get("tags", []) for cell in pooled.cells] == \
        [cell.metadata.get("tags", []) for cell in fresh.cells]
    assert pooled.metadata.papermill.parameters == fresh.metadata.papermill.parameters
    assert [cell.metadata.papermill.status for cell in pooled.cells] == ["completed"] * len(pooled.cells)


def test_hanging_reports_time_out(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = write_template(
        tmp_path / "hang.ipynb",
        "import signal, time\n"
        "if placement_id == 'FR-VN-01':\n"
        "    time.sleep(120)\n"
        "if placement_id == 'IT-FR-03':  # ignores the interrupt, so the kernel must be killed\n"
        "    signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "    time.sleep(120)\n"
        "print('report of', placement_id)",
    )
    out = tmp_path / "reports"
    code = build(demo_store, out, "--template", str(template), "--timeout", "3", "--placement", "FR-VN-01",
                 "--placement", "VN-IT-04", "--placement", "IT-FR-03", "--placement", "TH-US-05")
    printed = capsys.readouterr()
    entries = {entry["placement_id"]: entry for entry in json.loads((out / "index.json").read_text("utf-8"))}

    assert code == 1
    assert entries["FR-VN-01"]["reason"] == "timed out after 3 s"
    assert entries["IT-FR-03"]["reason"] == "timed out after 3 s"
    assert entries["VN-IT-04"]["status"] == "ok"
    assert entries["TH-US-05"]["status"] == "ok"  # on a new kernel, after the killed one
    assert "report of TH-US-05" in (out / "TH-US-05.html").read_text("utf-8")
    assert "2 reports failed" in printed.err
    assert "FR-VN-01: timed out after 3 s" in printed.err


def test_pdf_printed(demo_store: Store, tmp_path: Path, chromium_path: str) -> None:
    out = tmp_path / "reports"
    assert build(demo_store, out, "--placement", "TH-US-05", "--lang", "th", "--format", "html,pdf") == 0
    pdf = (out / "TH-US-05.pdf").read_bytes()
    index_page = (out / "index.html").read_text("utf-8")

    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 20_000
    assert b"/Type /Page" in pdf or b"/Type/Page" in pdf
    assert '<a href="TH-US-05.pdf">PDF</a>' in index_page
    assert not list(out.glob(".*.tmp"))


def test_unchanged_reports_skipped(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    selection = ("--placement", "FR-VN-01", "--placement", "FR-TH-02")
    assert build(demo_store, out, *selection) == 0
    first = json.loads((out / "index.json").read_text("utf-8"))
    capsys.readouterr()

    assert build(demo_store, out, *selection) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 built, 2 unchanged, 0 failed")
    assert json.loads((out / "index.json").read_text("utf-8")) == first

    demo_store.submit("FR-VN-01", "meeting_log",
                      {"meeting_date": dt.date(2026, 12, 2), "duration_minutes": 20, "topics": ["tasks"],
                       "notes": "Short call.", "actions": ""},
                      author_id="M-VN-HAN", role="mentor",
                      submitted_at=dt.datetime(2026, 12, 2, 9, tzinfo=dt.timezone.utc))
    assert build(demo_store, out, *selection) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("ok       FR-VN-01") for line in lines)
    assert any(line.startswith("skipped  FR-TH-02") for line in lines)

    (out / "FR-TH-02.html").unlink()
    assert build(demo_store, out, *selection) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("1 built, 1 unchanged, 0 failed")
    assert any(line.startswith("ok       FR-TH-02") for line in lines)

    assert build(demo_store, out, *selection, "--force") == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("2 built, 0 unchanged, 0 failed")
    assert build(demo_store, out, *selection, "--lang", "fr") == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("2 built, 0 unchanged, 0 failed")


def test_thai_vietnamese_parameters(demo_store: Store, tmp_path: Path) -> None:
    store_root = tmp_path / "kho dữ liệu ข้อมูล"
    shutil.copytree(demo_store.root, store_root)
    out = tmp_path / "báo cáo รายงาน"
    code = main(["--store", str(store_root), "reports", "build", "--out", str(out), "--as-of", "2026-09-15",
                 "--jobs", "1", "--lang", "vi", "--placement", "VN-IT-04", "--placement", "TH-US-05"])
    executed = nbformat.read(out / "TH-US-05.ipynb", as_version=4)
    page = (out / "TH-US-05.html").read_text("utf-8")

    assert code == 0
    assert executed.metadata.papermill.parameters == {"placement_id": "TH-US-05", "language": "vi",
                                                      "as_of": "2026-09-15", "store": str(store_root)}
    assert "Tính đến ngày 2026-09-15" in page
    assert "สมชาย ใจดี" in page
    assert "Lộ trình" in page
    assert "Nhật ký các buổi gặp với người cố vấn" in (out / "VN-IT-04.html").read_text("utf-8")


def test_organisation_selects_its_placements(demo_store: Store) -> None:
    class Arguments:
        placements = None
        all = False
        organisations = ["VN-HAN"]

    assert selected_placements(demo_store, Arguments()) == ["FR-VN-01", "IT-VN-08", "VN-FR-07", "VN-IT-04"]


def test_unknown_organisation_named(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(demo_store, tmp_path / "reports", "--organisation", "XX-NONE") == 2
    assert "organisation 'XX-NONE' not found" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()


def test_organisation_reports_built(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    assert build(demo_store, out, "--organisation", "US-PDX", "--jobs", "2") == 0
    entries = json.loads((out / "index.json").read_text("utf-8"))
    assert [entry["placement_id"] for entry in entries] == ["FR-US-09", "TH-US-05", "US-FR-06", "US-TH-11"]
    assert {entry["status"] for entry in entries} == {"ok"}
