"""Build the good-tutoring guide: chapters, funding map and demo figure to one HTML file and a PDF."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from omt.config import project_root
from omt.tools.guide.blocks import guide_blocks
from omt.tools.guide.chapters import Anchors, GuideError, render_chapters
from omt.tools.guide.figures import DEMO_DAY, demo_overview, long_date
from omt.tools.guide.funding import load_funding_map
from omt.tools.guide.page import GUIDE_TITLE, TOC_ANCHOR, external_references, guide_page

log = logging.getLogger(__name__)

FORMATS = ("html", "pdf")
FUNDING_MAP_FILE = "funding_map.yaml"
HTML_NAME = "good-tutoring-guide.html"
PDF_NAME = "good-tutoring-guide.pdf"
PDF_MARGINS = {"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"}


@dataclass
class GuideOutcome:
    """The files one build wrote, by format."""

    files: dict[str, Path] = field(default_factory=dict)


def default_source_dir() -> Path:
    """Return docs/guide of the source checkout; raise GuideError for a normal install."""
    root = project_root()
    if root is None:
        raise GuideError("the guide's sources ship with the source checkout, not with the installed "
                         "package: give their folder with --source")
    return root / "docs" / "guide"


def render_guide(source_dir: Path, demo_day: dt.date = DEMO_DAY) -> str:
    """Return the guide as one self-contained HTML document; raise GuideError on invalid sources."""
    if not source_dir.is_dir():
        raise GuideError(f"guide sources not found at {source_dir}; give the folder that contains "
                         f"the chapters and {FUNDING_MAP_FILE} with --source")
    entries = load_funding_map(source_dir / FUNDING_MAP_FILE)
    overview = demo_overview(demo_day)
    anchors = Anchors(reserved=(TOC_ANCHOR,))
    blocks = guide_blocks(entries, overview, anchors)
    chapters = render_chapters(source_dir, blocks, anchors)
    about = (f"Figures come from the invented demo exchange as seen on {long_date(demo_day)}. "
             "Each entry of the funding map gives the year its source was read: check the current "
             "programme guide before you rely on it.")
    html = guide_page(chapters, about)
    external = external_references(html)
    if external:
        raise GuideError(f"the guide would load or link {len(external)} address(es) outside itself, "
                         f"such as {external[0]!r}; name sources in plain text instead of linking them")
    return html


def build_guide(out_dir: Path, formats: Iterable[str] = FORMATS, source_dir: Path | None = None,
                demo_day: dt.date = DEMO_DAY) -> GuideOutcome:
    """Write the guide to `out_dir` in each of `formats` ("html", "pdf"); return the files written."""
    formats = list(dict.fromkeys(formats))
    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not formats:
        raise GuideError(f"unknown format {', '.join(unknown) or '(none)'}; use html, pdf or both")
    html = render_guide(source_dir or default_source_dir(), demo_day)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GuideError(f"cannot create the output folder {out_dir}: {error.strerror}") from None

    outcome = GuideOutcome()
    if "html" in formats:
        outcome.files["html"] = write_text(out_dir / HTML_NAME, html)
        log.info("wrote %s", outcome.files["html"])
    if "pdf" in formats:
        # Imported here: only the PDF needs Playwright.
        from omt.tools.pdf import PdfPrinter

        with PdfPrinter() as printer:
            outcome.files["pdf"] = printer.print_pdf(html, out_dir / PDF_NAME, GUIDE_TITLE, margins=PDF_MARGINS)
        log.info("wrote %s", outcome.files["pdf"])
    return outcome


def write_text(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise GuideError(f"cannot write {path}: {error.strerror}") from None
    return path
