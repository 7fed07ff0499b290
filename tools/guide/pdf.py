"""Print the guide's HTML to PDF with Debian's Chromium, driven by Playwright.

Playwright cannot download its own browser on the partners' machines, so this launches the system
Chromium (OMT_CHROMIUM, default /usr/bin/chromium). The page is loaded from memory and every
request it makes is aborted, so printing does not depend on the network.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from omt.tools.guide.chapters import GuideError

log = logging.getLogger(__name__)

CHROMIUM_ENV = "OMT_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PRINT_TIMEOUT_MS = 60_000

# Chromium fills the spans with these classes; the footer has its own small style because it
# does not inherit the page's CSS.
FOOTER_TEMPLATE = (
    '<div style="width: 100%; font-size: 8pt; color: #555; padding: 0 15mm; '
    'font-family: \'Noto Sans\', \'DejaVu Sans\', sans-serif; display: flex; justify-content: space-between;">'
    "<span>{title}</span>"
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)
MARGINS = {"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"}


def chromium_path() -> Path:
    """Return the Chromium to print with; raise GuideError naming the fix when it is missing."""
    path = Path(os.environ.get(CHROMIUM_ENV, DEFAULT_CHROMIUM))
    if not path.exists():
        raise GuideError(f"Chromium not found at {path}, so the PDF cannot be printed: install Debian's "
                         f"package with `sudo apt-get install chromium`, set {CHROMIUM_ENV} to its path, "
                         "or build only the HTML with `--format html`")
    return path


def print_pdf(html: str, pdf_file: Path, footer_title: str) -> Path:
    """Print `html` to `pdf_file` on A4 paper, with the page number and total in each footer."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise GuideError("the PDF needs the playwright package: install it with "
                         "`pip install -e '.[test]'`, or build only the HTML with `--format html`") from None

    executable = chromium_path()
    blocked: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(executable), headless=True,
                                                 args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.route("**/*", lambda route: (blocked.append(route.request.url), route.abort()))
                page.set_content(html, wait_until="load", timeout=PRINT_TIMEOUT_MS)
                page.emulate_media(media="print")
                page.pdf(path=str(pdf_file), format="A4", print_background=True, margin=MARGINS,
                         display_header_footer=True, header_template="<div></div>",
                         footer_template=FOOTER_TEMPLATE.format(title=footer_title))
            finally:
                browser.close()
    except PlaywrightError as error:
        raise GuideError(f"Chromium at {executable} failed to print the guide: {error.message}") from None
    if blocked:
        # The page is checked for external references before printing, so this means a bug.
        log.warning("the guide's page requested %d external URLs while printing: %s",
                    len(blocked), blocked[:5])
    return pdf_file
