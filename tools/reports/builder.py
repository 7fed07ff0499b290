"""Build placement reports in a batch: check the template, run it per placement, export the HTML.

The steps of one report are: check the placement id, run the template notebook with the report's
parameters (`NotebookRunner`), export the executed notebook to HTML (`omt.tools.reports.export`)
and write `<out>/<placement_id>.html` beside the executed `<out>/<placement_id>.ipynb`. A failure
of one of the kinds in `REPORT_FAILURES` ends that report only: it is returned as a failed
`ReportOutcome` and the batch goes on.

The execution step is the one contract to replace for speed: `PapermillRunner` starts one kernel
per report, and a runner that reuses kernels from a pool only needs the same `execute` method.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
from omt.tools.reports.labels import check_language

log = logging.getLogger(__name__)

PARAMETERS_TAG = "parameters"
KERNEL_NAME = "python3"


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
    still written for audit.
    """

    def execute(self, template: nbformat.NotebookNode, output_path: Path,
                parameters: dict[str, Any]) -> nbformat.NotebookNode: ...


class PapermillRunner:
    """Runs each report in a new kernel with papermill, inside this process."""

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
    """The result of building one report; `html_file` is a name inside the output folder."""

    placement_id: str
    ok: bool
    as_of: dt.date
    language: str
    seconds: float
    reason: str = ""
    html_file: str | None = None

    @property
    def status(self) -> str:
        return "ok" if self.ok else "failed"


# The failures of one report that must not stop the batch: the store's and the template's own
# errors, a failing cell, a dead or slow kernel, a missing kernel and a file that cannot be written.
REPORT_FAILURES = (OmtError, PapermillExecutionError, DeadKernelError, CellTimeoutError, NoSuchKernel,
                   RuntimeError, OSError)


class ReportBuilder:
    """Builds placement reports from one template into one output folder."""

    def __init__(self, store: Store, out_dir: str | os.PathLike[str], language: str = "en",
                 as_of: dt.date | None = None, template: str | os.PathLike[str] | None = None,
                 runner: NotebookRunner | None = None):
        self.store = store
        self.out_dir = Path(out_dir)
        self.language = check_language(language)
        # One day for the whole batch, so that reports built around midnight agree.
        self.as_of = as_of or dt.date.today()
        self.template = load_template(template or placement_template())
        self.runner = runner or PapermillRunner()

    def build(self, placement_id: str) -> ReportOutcome:
        """Build one report and return its outcome; a failure is returned, not raised."""
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
        return ReportOutcome(placement_id, True, self.as_of, self.language, seconds, html_file=html_file)

    def build_all(self, placement_ids: Iterable[str],
                  on_outcome: Callable[[ReportOutcome], None] | None = None) -> list[ReportOutcome]:
        """Build every report in turn, calling `on_outcome` after each, and return the outcomes."""
        outcomes = []
        for placement_id in placement_ids:
            outcome = self.build(placement_id)
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
        return outcomes

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

    def _failed(self, placement_id: str, started: float, reason: str) -> ReportOutcome:
        log.info("the report of %r failed: %s", placement_id, reason)
        return ReportOutcome(placement_id, False, self.as_of, self.language, time.monotonic() - started,
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
