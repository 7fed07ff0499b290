"""Export an executed report notebook to one self-contained, printable HTML file.

The HTML shows outputs only (no code, no prompts) and carries its images as base64 `data:` URLs.
It loads nothing from the network, because nbconvert's require.js, MathJax and Mermaid links are
emptied. `external_references` finds any other script, module, style sheet, image or frame that a
browser would fetch.
"""

from __future__ import annotations

import copy
import logging
import re
import threading

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

log = logging.getLogger(__name__)

# Styles of the report's own tables, and of the page on paper. The alignment is `!important`
# because nbconvert's lab theme aligns every table cell of an output to the right with a
# more specific selector (`:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`).
REPORT_CSS = """
<style>
table.omt-table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.95em; }
table.omt-table th, table.omt-table td { border: 1px solid #bbb; padding: 0.3em 0.6em;
  text-align: left !important; vertical-align: top; overflow-wrap: anywhere; }
table.omt-summary th { background: #f2f2f2; white-space: nowrap; }
table.omt-meetings thead th { background: #f2f2f2; white-space: nowrap; }
table.omt-meetings td:nth-child(1), table.omt-meetings td:nth-child(2) { white-space: nowrap; }
table.omt-incidents thead th, table.omt-open-actions thead th { background: #f2f2f2; }
table.omt-incidents td:first-child, table.omt-open-actions td:nth-child(2) { white-space: nowrap; }
tr.omt-overdue td:last-child, tr.omt-open td:nth-child(6) { color: #a40000; font-weight: 600; }
.omt-as-of, .omt-empty { color: #555; }
.omt-chart { max-width: 100%; height: auto; }
ul.omt-points li, ul.omt-actions li { margin: 0.2em 0; }
@media print {
  @page { size: A4; margin: 15mm; }
  body, .jp-Notebook { padding: 0 !important; margin: 0 !important; }
  .omt-summary, .omt-chart, tr, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .omt-chart { max-height: 120mm; }
  thead { display: table-header-group; }
}
</style>
"""

# A tag attribute whose URL a browser loads when it renders the page (links with href on <a> are
# followed only when clicked, so they are not listed).
_LOADED_URL = re.compile(
    r"<(?:script|img|iframe|embed|source|audio|video)\b[^>]*?\bsrc\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)"
    r"|<link\b[^>]*?\bhref\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)"
    r"|@import\s+(?:url\()?\s*[\"']?((?:https?:)?//[^\"')\s]+)"
    r"|url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)"
    r"|\bimport\s*\(\s*[\"']((?:https?:)?//[^\"']+)",
    re.IGNORECASE,
)


_exporters = threading.local()


def html_exporter(language: str = "en") -> HTMLExporter:
    """Return this thread's HTMLExporter for `language`, made once by `new_html_exporter`.

    A new exporter compiles its Jinja templates again, which took about a fifth of a pooled report's
    time. An exporter keeps no state from one notebook to the next, so reusing it changes no page.
    """
    cache = getattr(_exporters, "by_language", None)
    if cache is None:
        cache = _exporters.by_language = {}
    if language not in cache:
        cache[language] = new_html_exporter(language)
    return cache[language]


def new_html_exporter(language: str = "en") -> HTMLExporter:
    """Return an HTMLExporter that hides code and prompts, links no CDN and marks the page's language."""
    config = Config()
    config.HTMLExporter.language_code = language
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.HTMLExporter.embed_images = True
    config.HTMLExporter.require_js_url = ""
    config.HTMLExporter.mathjax_url = ""
    exporter = HTMLExporter(config=config)
    # nbconvert 7.17 imports Mermaid from a CDN only when the page has a diagram, and a report has
    # none. These two traits are not configurable there, so they are set on the instance.
    exporter.mermaid_js_url = ""
    exporter.mermaid_layout_elk_js_url = ""
    return exporter


def without_stderr(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of `notebook` without standard-error output, logging each one dropped.

    Warnings printed by libraries are for the people who maintain the reports, not its readers.
    """
    cleaned = copy.deepcopy(notebook)
    for cell in cleaned.cells:
        if cell.cell_type != "code":
            continue
        shown = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                log.warning("left out of the report, from cell %s: %s", cell.get("id", "?"), output.get("text", "").strip())
                continue
            shown.append(output)
        cell.outputs = shown
    return cleaned


def export_html(notebook: nbformat.NotebookNode, title: str, language: str = "en") -> str:
    """Return the self-contained HTML page of an executed report notebook written in `language`."""
    resources = {"metadata": {"name": title}}
    body, _ = html_exporter(language).from_notebook_node(without_stderr(notebook), resources=resources)
    return body.replace("</head>", f"{REPORT_CSS}</head>", 1)


def external_references(page: str) -> list[str]:
    """Return the URLs on other hosts that a browser would load when opening `page`."""
    return [next(url for url in match.groups() if url) for match in _LOADED_URL.finditer(page)]
