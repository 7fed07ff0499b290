"""`omt reports build` and the template as trainers run it: real kernels on the demo store."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from omt.store import Store
from omt.tools.cli import main
from omt.tools.demo import PLACEMENTS
from omt.tools.reports.builder import placement_template
from omt.tools.reports.export import external_references

DEMO_DAY = "2026-12-04"
ATTACK = "<img src=x onerror=alert(1)>"
# Text that appears only in the template's code cells, never in their outputs.
CODE_MARKERS = ("content.load_report(", "render.summary_html(", "from omt.tools.reports import")


def build(store: Store, out: Path, *arguments: str) -> int:
    # One job: most tests build one or two reports, and each extra job starts one more kernel.
    return main(["--store", str(store.root), "reports", "build", "--out", str(out), "--as-of", DEMO_DAY,
                 "--jobs", "1", *arguments])


def assert_self_contained(page: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc=[\"']?(https?:)?//", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref=[\"']?(https?:)?//", page, re.IGNORECASE)
    assert external_references(page) == []


def meeting_rows(page: str) -> int:
    table = page.split('class="omt-table omt-meetings"', 1)[1].split("</table>", 1)[0]
    return table.count("<tr>") - 1  # the header row


def test_thai_report_built(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    assert build(demo_store, out, "--placement", "TH-US-05", "--lang", "th") == 0
    page = (out / "TH-US-05.html").read_text(encoding="utf-8")
    executed = nbformat.read(out / "TH-US-05.ipynb", as_version=4)
    meetings = demo_store.submissions("TH-US-05", "meeting_log")

    assert "สมชาย ใจดี" in page
    assert '<html lang="th">' in page
    assert "บันทึกการพบพี่เลี้ยง" in page
    assert meeting_rows(page) == len(meetings) > 0
    assert meetings[0].answers["notes"] in page
    assert "data:image/png;base64," in page
    for marker in CODE_MARKERS:
        assert marker not in page
    assert "Figure size" not in page
    assert "at 0x" not in page
    assert_self_contained(page)
    assert any("injected-parameters" in cell.metadata.get("tags", []) for cell in executed.cells)
    assert capsys.readouterr().out.startswith("ok       TH-US-05  TH-US-05.html")


@pytest.mark.slow
def test_all_placements_built(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    assert build(demo_store, out, "--all", "--jobs", "2") == 0
    printed = capsys.readouterr().out.splitlines()
    index_page = (out / "index.html").read_text(encoding="utf-8")
    entries = json.loads((out / "index.json").read_text(encoding="utf-8"))

    assert len([line for line in printed if line.startswith("ok ")]) == 12
    assert [entry["placement_id"] for entry in entries] == sorted(demo.placement_id for demo in PLACEMENTS)
    assert {entry["status"] for entry in entries} == {"ok"}
    assert "12 reports, all built." in index_page
    assert printed[-1].startswith("12 built, 0 unchanged, 0 failed of 12 reports")
    for demo in PLACEMENTS:
        page = (out / f"{demo.placement_id}.html").read_text(encoding="utf-8")
        assert demo.volunteer[1] in page, demo.placement_id
        assert (out / f"{demo.placement_id}.ipynb").exists()
        assert f'<a href="{demo.placement_id}.html">{demo.placement_id}</a>' in index_page
        assert_self_contained(page)


def test_failures_do_not_stop_batch(demo_store: Store, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (demo_store.root / "placements" / "VN-FR-07.json").write_text('{"submissions": {', encoding="utf-8")
    out = tmp_path / "reports"

    code = build(demo_store, out, "--placement", "XX-YY-99", "--placement", "VN-FR-07",
                 "--placement", "FR-VN-01", "--placement", "../etc")
    printed = capsys.readouterr()
    entries = {entry["placement_id"]: entry for entry in json.loads((out / "index.json").read_text("utf-8"))}

    assert code == 1
    assert (out / "FR-VN-01.html").exists()
    assert not (out / "VN-FR-07.html").exists()
    assert (out / "VN-FR-07.ipynb").exists()  # kept with the error, for audit
    assert sorted(path.name for path in out.iterdir()) == [
        "FR-VN-01.html", "FR-VN-01.ipynb", "VN-FR-07.ipynb", "index.html", "index.json"]
    statuses = {line.split()[1]: line.split()[0] for line in printed.out.splitlines()[:4]}
    assert statuses == {"XX-YY-99": "failed", "VN-FR-07": "failed", "FR-VN-01": "ok", "../etc": "failed"}
    assert "placement 'XX-YY-99' not found" in entries["XX-YY-99"]["reason"]
    assert entries["VN-FR-07"]["reason"].startswith("StoreCorruptedError")
    assert "is not a valid id" in entries["../etc"]["reason"]
    assert entries["FR-VN-01"]["status"] == "ok"
    assert "3 reports failed" in printed.err
    assert "Traceback" not in printed.err


def test_index_keeps_earlier_reports(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert build(demo_store, out, "--placement", "FR-TH-02") == 0
    assert build(demo_store, out, "--placement", "US-TH-11", "--placement", "NO-SUCH-1") == 1
    index_page = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="FR-TH-02.html">' in index_page
    assert '<a href="US-TH-11.html">' in index_page
    assert "failed: placement &#x27;NO-SUCH-1&#x27; not found" in index_page
    assert "3 reports, 1 failed." in index_page


def test_meeting_notes_escaped(demo_store: Store, tmp_path: Path) -> None:
    demo_store.submit("US-FR-06", "meeting_log",
                      {"meeting_date": dt.date(2026, 5, 10), "duration_minutes": 45, "topics": ["conflict"],
                       "notes": ATTACK, "actions": 'Call "Karim" <b>today</b> & report'},
                      author_id="M-FR-MARS", role="mentor",
                      submitted_at=dt.datetime(2026, 5, 10, 18, tzinfo=dt.timezone.utc))
    demo_store.submit("US-FR-06", "incident_report",
                      {"incident_date": dt.date(2026, 5, 11), "severity": "low", "category": "<b>conflict</b>",
                       "what_happened": ATTACK, "actions_taken": "Talked & agreed", "status": "open",
                       "follow_up": "<script>alert(3)</script>"},
                      author_id="M-FR-MARS", role="mentor",
                      submitted_at=dt.datetime(2026, 5, 11, 18, tzinfo=dt.timezone.utc))
    out = tmp_path / "reports"
    assert build(demo_store, out, "--placement", "US-FR-06") == 0
    page = (out / "US-FR-06.html").read_text(encoding="utf-8")
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") == 2  # in the notes and in the incident
    assert ATTACK not in page
    # nbconvert re-serialises the page with BeautifulSoup, which writes quotes in text unescaped.
    assert 'Call "Karim" &lt;b&gt;today&lt;/b&gt; &amp; report' in page
    assert "<b>today</b>" not in page
    assert "&lt;b&gt;conflict&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page  # the incident table and the next-meeting points
    assert "<script>alert(3)" not in page


@pytest.mark.parametrize(("name", "cells"), [
    ("no parameters cell", [new_code_cell("placement_id = None")]),
    ("two parameters cells", [new_code_cell("placement_id = None", metadata={"tags": ["parameters"]}),
                              new_code_cell("store = None", metadata={"tags": ["parameters"]})]),
])
def test_bad_template_rejected_before_run(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          name: str, cells: list) -> None:
    template = tmp_path / "template.ipynb"
    nbformat.write(new_notebook(cells=cells), template)
    out = tmp_path / "reports"
    assert build(demo_store, out, "--placement", "FR-VN-01", "--template", str(template)) == 2
    assert "exactly one cell tagged 'parameters'" in capsys.readouterr().err
    assert not out.exists()


def test_help_for_each_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    for arguments in (["reports", "--help"], ["reports", "build", "--help"]):
        with pytest.raises(SystemExit) as exited:
            main(arguments)
        assert exited.value.code == 0
    printed = " ".join(capsys.readouterr().out.split())  # argparse wraps lines at the terminal width
    assert "default: reports_out/ in the current folder" in printed


def test_papermill_command_runs_template(demo_store: Store, tmp_path: Path) -> None:
    # A store folder named in Vietnamese and Thai, passed as a parameter as a trainer would.
    store_root = tmp_path / "kho dữ liệu ข้อมูล"
    shutil.copytree(demo_store.root, store_root)
    executed_path = tmp_path / "VN-IT-04.ipynb"
    command = [sys.executable, "-m", "papermill", str(placement_template()), str(executed_path),
               "-p", "placement_id", "VN-IT-04", "-p", "language", "vi", "-p", "as_of", DEMO_DAY,
               "-p", "store", str(store_root), "-k", "python3", "--no-progress-bar"]

    finished = subprocess.run(command, capture_output=True, text=True, timeout=180)
    executed = nbformat.read(executed_path, as_version=4)
    outputs = [output for cell in executed.cells for output in cell.get("outputs", [])]
    html = "".join(output.get("data", {}).get("text/html", "") for output in outputs)

    assert finished.returncode == 0, finished.stderr[-2000:]
    assert [output for output in outputs if output.output_type == "error"] == []
    assert "Nguyễn Thị Hồng Nhung" in html
    assert "Nhật ký các buổi gặp với người cố vấn" in html
    assert "data:image/png;base64," in html


def test_papermill_command_uses_omt_store(demo_store: Store, tmp_path: Path) -> None:
    executed_path = tmp_path / "TH-US-05.ipynb"
    command = [sys.executable, "-m", "papermill", str(placement_template()), str(executed_path),
               "-p", "placement_id", "TH-US-05", "-p", "as_of", DEMO_DAY, "-k", "python3", "--no-progress-bar"]

    finished = subprocess.run(command, capture_output=True, text=True, timeout=180)  # OMT_STORE is set
    executed = nbformat.read(executed_path, as_version=4)
    outputs = [output for cell in executed.cells for output in cell.get("outputs", [])]

    assert finished.returncode == 0, finished.stderr[-2000:]
    assert [output for output in outputs if output.output_type == "error"] == []
    assert "สมชาย ใจดี" in "".join(output.get("data", {}).get("text/html", "") for output in outputs)


def test_missing_store_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-store"
    code = main(["--store", str(missing), "reports", "build", "--all", "--out", str(tmp_path / "reports")])
    printed = capsys.readouterr().err
    assert code == 2
    assert f"no store at {missing}" in printed
    assert "omt demo" in printed
