"""`omt reports build`: build placement reports as self-contained HTML and PDF, with an index."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from omt.errors import ConfigError
from omt.store import Store
from omt.store.vocabulary import LANGUAGES

if TYPE_CHECKING:
    from omt.tools.reports.builder import ReportOutcome

DEFAULT_OUT = "reports_out"  # ignored by git, so a run inside the checkout adds no untracked file
DEFAULT_TIMEOUT_SECONDS = 300


def register(subparsers: argparse._SubParsersAction) -> None:
    reports = subparsers.add_parser(
        "reports", help="build placement reports as HTML and PDF",
        description="Build the per-placement tutoring reports.",
    )
    actions = reports.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build", help="build the reports of some or all placements",
        description="Run the placement report template for each placement and export it to one "
                    "self-contained HTML file (no code, images embedded, nothing loaded from the network), "
                    "and print it to PDF when asked. Writes OUT/<placement>.html (and .pdf), keeps the "
                    "executed notebook OUT/<placement>.ipynb beside it for audit, and updates OUT/index.html, "
                    "which lists every report in OUT with its day and status. A report whose placement, "
                    "template and options have not changed since it was last built is skipped unless "
                    "--force is given. A failing or hanging placement does not stop the others; the exit "
                    "code is 1 when any report failed.",
    )
    selection = build.add_mutually_exclusive_group(required=True)
    selection.add_argument("--placement", action="append", metavar="ID", dest="placements",
                           help="placement to report on, such as FR-VN-01; repeat the option for several")
    selection.add_argument("--organisation", action="append", metavar="ID", dest="organisations",
                           help="report on every placement in which this organisation is the sending, "
                                "hosting or coordinating organisation; repeat the option for several")
    selection.add_argument("--all", action="store_true", help="report on every placement of the store")
    build.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), metavar="DIR",
                       help=f"output folder, created if needed (default: {DEFAULT_OUT}/ in the current folder)")
    build.add_argument("--format", default="html", type=parse_formats, metavar="html[,pdf]", dest="formats",
                       help="files to write: html, or html,pdf to also print each report to PDF with the "
                            "system Chromium (default: html)")
    build.add_argument("--as-of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                       help="day the reports are seen from: it sets the stage and leaves out later "
                            "submissions (default: today)")
    build.add_argument("--lang", choices=LANGUAGES, default="en",
                       help="language of the reports' headings and labels (default: en)")
    build.add_argument("--jobs", type=positive_int, default=os.cpu_count() or 1, metavar="N",
                       help="reports built at once, each on its own kernel (default: the number of CPU cores)")
    build.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_SECONDS, metavar="SECONDS",
                       help="time limit of one report; a report still running then is stopped and "
                            f"counted as failed (default: {DEFAULT_TIMEOUT_SECONDS})")
    build.add_argument("--force", action="store_true",
                       help="build every selected report, even those unchanged since their last build")
    build.add_argument("--fresh-kernels", action="store_true",
                       help="start a new kernel for each report with papermill, instead of reusing warm "
                            "kernels; slower, and --timeout then limits each cell rather than each report")
    build.add_argument("--template", type=Path, metavar="NOTEBOOK",
                       help="report template with one cell tagged 'parameters' "
                            "(default: the placement report shipped with omt)")
    build.set_defaults(run=run_build)


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if not formats or any(name not in ("html", "pdf") for name in formats) or "html" not in formats:
        raise argparse.ArgumentTypeError(f"{text!r} is not html or html,pdf")
    return formats


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not 1 or more")
    return value


def run_build(args: argparse.Namespace) -> int:
    # Imported here because papermill and nbconvert take over a second to import, which every
    # other `omt` command would otherwise pay.
    from tqdm import tqdm

    from omt.tools.reports.builder import PapermillRunner, ReportBuilder
    from omt.tools.reports.index import update_index
    from omt.tools.reports.kernels import KernelPoolRunner

    store = Store(args.store)
    if not store.exists():
        raise ConfigError(f"no store at {store.root}; create one with `omt demo`, "
                          "or give its folder with --store or OMT_STORE")
    if args.timeout <= 0:
        raise ConfigError(f"--timeout {args.timeout:g} is invalid: give a number of seconds above 0")
    if "pdf" in args.formats:
        from omt.tools.pdf import chromium_path

        chromium_path()  # a missing browser is reported before any report runs
    runner = (PapermillRunner(cell_timeout_seconds=int(args.timeout)) if args.fresh_kernels
              else KernelPoolRunner(report_timeout_seconds=args.timeout))
    builder = ReportBuilder(store, args.out, language=args.lang, as_of=args.as_of, template=args.template,
                            runner=runner, formats=args.formats)
    placement_ids = selected_placements(store, args)
    if not placement_ids:
        print(f"the store at {store.root} has no placement to report on; nothing to build")
        return 0

    with tqdm(total=len(placement_ids), unit="report", file=sys.stderr, disable=None, leave=False) as progress:
        def on_outcome(outcome: ReportOutcome) -> None:
            progress.write(outcome_line(outcome), file=sys.stdout)
            progress.update()

        try:
            outcomes = builder.build_all(placement_ids, on_outcome=on_outcome, jobs=args.jobs, force=args.force)
        finally:
            if isinstance(runner, KernelPoolRunner):
                runner.close()
    index = update_index(builder.out_dir, outcomes)
    return print_summary(outcomes, index)


def selected_placements(store: Store, args: argparse.Namespace) -> list[str]:
    """Return the placement ids chosen by --placement, --organisation or --all, without repeats."""
    if args.placements:
        return list(dict.fromkeys(args.placements))
    placements = store.placements()
    if args.all:
        return [placement.placement_id for placement in placements]
    requested = {store.organisation(organisation_id).organisation_id for organisation_id in args.organisations}
    return [placement.placement_id for placement in placements
            if requested & {placement.sending_organisation_id, placement.hosting_organisation_id,
                         placement.coordinating_organisation_id}]


def outcome_line(outcome: ReportOutcome) -> str:
    if outcome.status == "ok":
        files = "  ".join(name for name in (outcome.html_file, outcome.pdf_file) if name)
        return f"ok       {outcome.placement_id}  {files}  ({outcome.seconds:.1f} s)"
    if outcome.status == "skipped":
        return f"skipped  {outcome.placement_id}  {outcome.reason}"
    return f"failed   {outcome.placement_id}  {outcome.reason}"


def print_summary(outcomes: list[ReportOutcome], index: Path) -> int:
    counts = {status: sum(1 for outcome in outcomes if outcome.status == status)
              for status in ("ok", "skipped", "failed")}
    print(f"{counts['ok']} built, {counts['skipped']} unchanged, {counts['failed']} failed "
          f"of {len(outcomes)} reports; index: {index}")
    failures = [outcome for outcome in outcomes if outcome.status == "failed"]
    if not failures:
        return 0
    print(f"omt: {len(failures)} report{'' if len(failures) == 1 else 's'} failed:", file=sys.stderr)
    for outcome in sorted(failures, key=lambda failed: failed.placement_id):
        print(f"  {outcome.placement_id}: {outcome.reason}", file=sys.stderr)
    return 1
