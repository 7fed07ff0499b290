"""Build placement reports in a batch: check the template, run it per placement, export the pages.

The steps of one report are: check the placement id, run the template notebook with the report's
parameters (`NotebookRunner`), export the executed notebook to HTML (`omt.tools.reports.export`)
and write `<out>/<placement_id>.html` beside the executed `<out>/<placement_id>.ipynb`, then,
when asked, print the HTML to `<out>/<placement_id>.pdf` (`omt.tools.pdf`). A failure of
one of the kinds in `REPORT_FAILURES` ends that report only: it is returned as a failed
`ReportOutcome` and the batch goes on.

A batch skips the placements whose report is current: built before with the same fingerprint
(`omt.tools.reports.fingerprint`) and with its files still in the output folder.

The execution step is the one contract to replace: `PapermillRunner` starts one kernel per
report, and `omt.tools.reports.kernels.KernelPoolRunner` reuses warm kernels.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import nbformat
from jupyter_client.kernelspec import NoSuchKernel
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from papermill.exceptions import PapermillExecutionError

from omt.errors import ConfigError, OmtError
from omt.store import Store
from omt.store.ids import check_id
from omt.tools.reports.export import export_html, external_references
from omt.tools.reports.fingerprint import Fingerprinter
from omt.tools.reports.labels import check_language

log = logging.getLogger(__name__)

PARAMETERS_TAG = "parameters"
KERNEL_NAME = "python3"
FORMATS = ("html", "pdf")
INDEX_JSON = "index.json"


class TemplateError(ConfigError):
    """A report template cannot be used: unreadable, or without exactly one `parameters` cell."""


def placement_template() -> Path:
    """Return the path of the placement report template shipped with the package."""
    return Path(str(resources.files("omt.tools.reports.templates") / "placement_report.ipynb"))


def load_template(path: str | os.PathLike[str]) -> nbformat.NotebookNode:
    """Read a report template and check that exactly one code cell is tagged `parameters`."""
    try:
        template = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as error:  # nbformat.reader.NotJSONError is a ValueError
        raise TemplateError(f"report template {path} cannot be read: {error}") from None
    tagged = [index for index, cell in enumerate(template.cells)
              if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        found = "none" if not tagged else f"{len(tagged)}, at cells {', '.join(str(i + 1) for i in tagged)}"
        raise TemplateError(
            f"report template {path} must have exactly one cell tagged '{PARAMETERS_TAG}' (found {found}); "
            "tag the cell that sets placement_id, language, as_of and store, and only that one"
        )
    if template.cells[tagged[0]].cell_type != "code":
        raise TemplateError(f"report template {path}: the cell tagged '{PARAMETERS_TAG}' must be a code cell")
    return template


class NotebookRunner(Protocol):
    """Runs a template notebook with parameters and writes the executed notebook to `output_path`.

    Raises PapermillExecutionError when a cell fails; the executed notebook, with the error, is
    still written for audit. A runner may be called from several threads at once.
    """

    def execute(self, template: nbformat.NotebookNode, output_path: Path,
                parameters: dict[str, Any]) -> nbformat.NotebookNode: ...


class PapermillRunner:
    """Runs each report in a new kernel with papermill, inside this process.

    Its timeout bounds each cell, not the whole report as `KernelPoolRunner`'s does.
    """

    def __init__(self, kernel_name: str = KERNEL_NAME, cell_timeout_seconds: int | None = 120):
        self.kernel_name = kernel_name
        self.cell_timeout_seconds = cell_timeout_seconds

    def execute(self, template: nbformat.NotebookNode, output_path: Path,
                parameters: dict[str, Any]) -> nbformat.NotebookNode:
        import papermill  # imported here: it costs about a second, and --help does not need it

        return papermill.execute_notebook(
            copy.deepcopy(template), str(output_path), parameters=parameters, kernel_name=self.kernel_name,
            progress_bar=False, execution_timeout=self.cell_timeout_seconds,
        )


@dataclass(frozen=True)
class ReportOutcome:
    """The result of one report of a batch: built ("ok"), current and left as it was ("skipped"),
    or "failed" with a reason. File names are names inside the output folder."""

    placement_id: str
    status: str
    as_of: dt.date
    language: str
    seconds: float
    reason: str = ""
    html_file: str | None = None
    pdf_file: str | None = None
    fingerprint: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"


# The failures of one report that must not stop the batch: the store's and the template's own
# errors, a failing cell, a dead or slow kernel, a missing kernel and a file that cannot be written.
REPORT_FAILURES = (OmtError, PapermillExecutionError, DeadKernelError, CellTimeoutError, NoSuchKernel,
                   RuntimeError, OSError)


class ReportBuilder:
    """Builds placement reports from one template into one output folder."""

    def __init__(self, store: Store, out_dir: str | os.PathLike[str], language: str = "en",
                 as_of: dt.date | None = None, template: str | os.PathLike[str] | None = None,
                 runner: NotebookRunner | None = None, formats: Iterable[str] = ("html",)):
        self.store = store
        self.out_dir = Path(out_dir)
        self.language = check_language(language)
        # One day for the whole batch, so that reports built around midnight agree.
        self.as_of = as_of or dt.date.today()
        template_path = Path(template or placement_template())
        self.template = load_template(template_path)
        self.template_bytes = template_path.read_bytes()
        self.runner = runner or PapermillRunner()
        self.formats = tuple(dict.fromkeys(formats))
        unknown = [name for name in self.formats if name not in FORMATS]
        if unknown or "html" not in self.formats:
            raise ConfigError(f"report formats {','.join(self.formats)!r} are invalid: choose html or html,pdf "
                              "(the PDF is printed from the HTML)")

    def build(self, placement_id: str, fingerprint: str = "") -> ReportOutcome:
        """Build one report's HTML and return its outcome; a failure is returned, not raised."""
        started = time.monotonic()
        try:
            html_file = self._build(placement_id)
        except PapermillExecutionError as error:
            return self._failed(placement_id, started, f"{error.ename}: {error.evalue}")
        except REPORT_FAILURES as error:
            log.debug("report %r failed", placement_id, exc_info=True)
            return self._failed(placement_id, started, str(error) or error.__class__.__name__)
        seconds = time.monotonic() - started
        log.info("built the report of %s in %.1f s", placement_id, seconds)
        return ReportOutcome(placement_id, "ok", self.as_of, self.language, seconds, html_file=html_file,
                             fingerprint=fingerprint)

    def build_all(self, placement_ids: Iterable[str], on_outcome: Callable[[ReportOutcome], None] | None = None,
                  jobs: int = 1, force: bool = False) -> list[ReportOutcome]:
        """Build the reports of `placement_ids` on `jobs` threads, calling `on_outcome` after each.

        Reports that are current are skipped unless `force` is true. Outcomes come in the order the
        reports finish; PDF files are printed on this thread, one browser for the batch.
        """
        outcomes: list[ReportOutcome] = []

        def emit(outcome: ReportOutcome) -> None:
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)

        pending = self._plan(list(dict.fromkeys(placement_ids)), force, emit)
        if not pending:
            return outcomes
        with ExitStack() as stack:
            printer = None
            if "pdf" in self.formats:
                from omt.tools.pdf import PdfPrinter

                printer = stack.enter_context(PdfPrinter())
            executor = stack.enter_context(ThreadPoolExecutor(max_workers=max(1, jobs),
                                                               thread_name_prefix="omt-report"))
            futures = [executor.submit(self.build, placement_id, fingerprint) for placement_id, fingerprint in pending]
            for future in as_completed(futures):
                outcome = future.result()
                if outcome.ok and printer is not None:
                    outcome = self._print_pdf(outcome, printer)
                emit(outcome)
        return outcomes

    def _plan(self, placement_ids: list[str], force: bool,
              emit: Callable[[ReportOutcome], None]) -> list[tuple[str, str]]:
        """Return the placements to build with their fingerprints; emit the skipped and failed ones."""
        from omt.tools.reports.index import read_entries

        previous = read_entries(self.out_dir / INDEX_JSON)
        fingerprinter = Fingerprinter(self.store, self.template_bytes, self.language, self.as_of.isoformat())
        pending = []
        for placement_id in placement_ids:
            started = time.monotonic()
            try:
                check_id(placement_id, "placement_id")
                fingerprint = fingerprinter.fingerprint(placement_id)
            except REPORT_FAILURES as error:
                emit(self._failed(placement_id, started, str(error) or error.__class__.__name__))
                continue
            entry = previous.get(placement_id)
            if not force and self._is_current(entry, fingerprint):
                emit(ReportOutcome(placement_id, "skipped", self.as_of, self.language, 0.0,
                                   reason="unchanged since the last build", html_file=entry["html_file"],
                                   pdf_file=entry.get("pdf_file"), fingerprint=fingerprint))
                continue
            pending.append((placement_id, fingerprint))
        return pending

    def _is_current(self, entry: dict[str, Any] | None, fingerprint: str) -> bool:
        """Return whether an index entry is a successful build with this fingerprint and all its files."""
        if not entry or entry.get("status") != "ok" or entry.get("fingerprint") != fingerprint:
            return False
        files = [entry.get("html_file"), f"{entry['placement_id']}.ipynb"]
        if "pdf" in self.formats:
            files.append(entry.get("pdf_file"))
        return all(name and (self.out_dir / name).is_file() for name in files)

    def _build(self, placement_id: str) -> str:
        check_id(placement_id, "placement_id")
        placement = self.store.placement(placement_id)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        parameters = {"placement_id": placement.placement_id, "language": self.language,
                      "as_of": self.as_of.isoformat(), "store": str(self.store.root)}
        executed = self.runner.execute(self.template, self.out_dir / f"{placement_id}.ipynb", parameters)
        page = export_html(executed, f"{placement_id} report", self.language)
        loaded = external_references(page)
        if loaded:
            raise OmtError(f"the HTML of report {placement_id} loads {loaded[0]} from the network, but reports "
                           "must be self-contained: remove the output that links it from the template")
        html_file = f"{placement_id}.html"
        write_text_atomically(self.out_dir / html_file, page)
        return html_file

    def _print_pdf(self, outcome: ReportOutcome, printer: Any) -> ReportOutcome:
        started = time.monotonic()
        pdf_file = f"{outcome.placement_id}.pdf"
        page = (self.out_dir / str(outcome.html_file)).read_text(encoding="utf-8")
        temporary = self.out_dir / f".{pdf_file}.tmp"
        try:
            printer.print_pdf(page, temporary, f"{outcome.placement_id} \u2013 {self.as_of.isoformat()}")
            os.replace(temporary, self.out_dir / pdf_file)
        except REPORT_FAILURES as error:
            temporary.unlink(missing_ok=True)
            log.info("the PDF of %r failed: %s", outcome.placement_id, error)
            return replace(outcome, status="failed", reason=f"PDF: {error}",
                           seconds=outcome.seconds + time.monotonic() - started)
        return replace(outcome, pdf_file=pdf_file, seconds=outcome.seconds + time.monotonic() - started)

    def _failed(self, placement_id: str, started: float, reason: str) -> ReportOutcome:
        log.info("the report of %r failed: %s", placement_id, reason)
        return ReportOutcome(placement_id, "failed", self.as_of, self.language, time.monotonic() - started,
                             reason=reason)


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a reader never sees half a report."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
