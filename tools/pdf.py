"""Print HTML pages (the reports, the guide) to PDF with Debian's Chromium, driven by Playwright.

nbconvert's `webpdf` exporter launches Playwright's own Chromium, which cannot be downloaded on
the partners' machines, so the HTML is printed by the system Chromium instead (OMT_CHROMIUM,
default /usr/bin/chromium). One browser serves a whole batch. Each page is loaded from memory and
every request it makes is aborted, so printing never depends on the network.
"""

from __future__ import annotations

import logging
import os
from html import escape
from pathlib import Path
from types import TracebackType
from typing import Any

from omt.errors import ConfigError, OmtError

log = logging.getLogger(__name__)

CHROMIUM_ENV = "OMT_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PRINT_TIMEOUT_MS = 60_000
MARGINS = {"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}
# The footer does not inherit the page's CSS, so it carries its own style; Chromium fills the
# spans with these classes.
FOOTER_TEMPLATE = (
    '<div style="width: 100%; font-size: 8pt; color: #555; padding: 0 15mm; '
    "font-family: 'Noto Sans', 'Noto Sans Thai', 'DejaVu Sans', sans-serif; "
    'display: flex; justify-content: space-between;">'
    '<span>{title}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)


class PdfError(OmtError):
    """A page could not be printed to PDF."""


def chromium_path() -> Path:
    """Return the Chromium to print with; raise ConfigError naming the fix when it is missing."""
    path = Path(os.environ.get(CHROMIUM_ENV, DEFAULT_CHROMIUM))
    if not path.exists():
        raise ConfigError(f"Chromium not found at {path}, so no PDF can be printed: install Debian's "
                          f"package with `sudo apt-get install chromium`, set {CHROMIUM_ENV} to its path, "
                          "or build only HTML with `--format html`")
    return path


class PdfPrinter:
    """One headless Chromium that prints HTML pages to A4 PDF files; use it as a context manager.

    Playwright's sync API belongs to the thread that started it, so one printer is used from one
    thread only.
    """

    def __init__(self) -> None:
        self.executable = chromium_path()
        self._playwright: Any = None
        self._browser: Any = None

    def __enter__(self) -> PdfPrinter:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise ConfigError("PDF output needs the playwright package: install it with "
                              "`pip install playwright`, or build only HTML with `--format html`") from None
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=str(self.executable), headless=True, args=CHROMIUM_ARGS)
        except Exception as error:  # Playwright raises its own Error, or a TimeoutError
            self._playwright.stop()
            raise PdfError(f"Chromium at {self.executable} failed to start: {error}") from None
        log.debug("started Chromium %s for printing", self.executable)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._browser = self._playwright = None

    def print_pdf(self, html: str, pdf_file: Path, footer_title: str,
                  margins: dict[str, str] | None = None) -> Path:
        """Print `html` to `pdf_file` on A4 paper, with the title and page number in each footer."""
        from playwright.sync_api import Error as PlaywrightError

        if self._browser is None:
            raise RuntimeError("PdfPrinter.print_pdf called outside its `with` block")
        blocked: list[str] = []
        page = self._browser.new_page()
        try:
            page.route("**/*", lambda route: (blocked.append(route.request.url), route.abort()))
            page.set_content(html, wait_until="load", timeout=PRINT_TIMEOUT_MS)
            page.emulate_media(media="print")
            page.pdf(path=str(pdf_file), format="A4", print_background=True, margin=margins or MARGINS,
                     display_header_footer=True, header_template="<div></div>",
                     footer_template=FOOTER_TEMPLATE.format(title=escape(footer_title)))
        except PlaywrightError as error:
            raise PdfError(f"Chromium failed to print {pdf_file.name}: {error.message}") from None
        finally:
            page.close()
        if blocked:
            # Pages are checked for external references before printing, so this is a bug to report.
            log.warning("%s requested %d URLs while printing, all aborted: %s", pdf_file.name, len(blocked),
                        blocked[:5])
        return pdf_file

    def screenshot(self, html: str, png_file: Path, width: int = 900) -> Path:
        """Save the page as printed (print media, full height) to `png_file`, to look at the layout."""
        page = self._browser.new_page(viewport={"width": width, "height": 1200})
        try:
            page.route("**/*", lambda route: route.abort())
            page.set_content(html, wait_until="load", timeout=PRINT_TIMEOUT_MS)
            page.emulate_media(media="print")
            page.screenshot(path=str(png_file), full_page=True)
        finally:
            page.close()
        return png_file
