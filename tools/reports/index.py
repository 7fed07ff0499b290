"""The index of an output folder of reports: `index.json` for programs, `index.html` for people.

Each batch updates the entries of the placements it built and keeps the others, so the index lists
every report in the folder, each with the day it was built for, when it was built and its status.
A report skipped as unchanged keeps its entry, with the day it was really built. The next batch
compares an entry's `fingerprint` with its own to find out whether the report is still current.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from html import escape
from pathlib import Path
from typing import Any

from omt.tools.reports.builder import INDEX_JSON, ReportOutcome, write_text_atomically

log = logging.getLogger(__name__)

INDEX_HTML = "index.html"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Placement reports</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }}
th {{ background: #f2f2f2; }}
.failed {{ color: #a40000; }}
@media print {{ body {{ margin: 0; }} tr {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<h1>Placement reports</h1>
<p>{summary}</p>
<table>
<thead><tr><th>Placement</th><th>PDF</th><th>Report day</th><th>Language</th><th>Built (UTC)</th><th>Status</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


def update_index(out_dir: Path, outcomes: list[ReportOutcome], built_at: dt.datetime | None = None) -> Path:
    """Merge `outcomes` into the folder's index and rewrite `index.html`; return its path."""
    built_at = built_at or dt.datetime.now(dt.timezone.utc)
    entries = read_entries(out_dir / INDEX_JSON)
    for outcome in outcomes:
        if outcome.status == "skipped" and outcome.placement_id in entries:
            continue
        entries[outcome.placement_id] = {
            "placement_id": outcome.placement_id,
            "status": outcome.status,
            "reason": outcome.reason,
            "as_of": outcome.as_of.isoformat(),
            "language": outcome.language,
            "built_at": built_at.isoformat(timespec="seconds"),
            "html_file": outcome.html_file,
            "pdf_file": outcome.pdf_file,
            "fingerprint": outcome.fingerprint,
        }
    out_dir.mkdir(parents=True, exist_ok=True)
    ordered = [entries[key] for key in sorted(entries)]
    write_text_atomically(out_dir / INDEX_JSON, json.dumps(ordered, ensure_ascii=False, indent=1))
    write_text_atomically(out_dir / INDEX_HTML, index_page(ordered))
    return out_dir / INDEX_HTML


def read_entries(path: Path) -> dict[str, dict[str, Any]]:
    """Return the entries of an existing `index.json` by placement id; none when it is unreadable."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return {str(entry["placement_id"]): entry for entry in entries}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError) as error:
        log.warning("%s is unreadable (%s); the index is started afresh", path.name, error)
        return {}


def index_page(entries: list[dict[str, Any]]) -> str:
    """Return the HTML page listing `entries`, every value escaped."""
    rows = []
    for entry in entries:
        placement_id = escape(str(entry["placement_id"]))
        built = entry["status"] in ("ok", "skipped")
        if entry.get("html_file") and built:
            placement_cell = f'<a href="{escape(str(entry["html_file"]))}">{placement_id}</a>'
        else:
            placement_cell = placement_id
        pdf_cell = f'<a href="{escape(str(entry["pdf_file"]))}">PDF</a>' if entry.get("pdf_file") and built else "\u2013"
        if built:
            status_cell = "ok"
        else:
            status_cell = f'<span class="failed">failed: {escape(str(entry.get("reason") or "unknown reason"))}</span>'
        cells = (placement_cell, pdf_cell, escape(str(entry["as_of"])), escape(str(entry["language"])),
                 escape(str(entry["built_at"])), status_cell)
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    failed = sum(1 for entry in entries if entry["status"] == "failed")
    count = f"{len(entries)} report{'' if len(entries) == 1 else 's'}"
    summary = f"{count}, {failed} failed." if failed else f"{count}, all built."
    return PAGE.format(summary=summary, rows="\n".join(rows))
