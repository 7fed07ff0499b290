"""`omt reports build`: build placement reports as self-contained HTML, with an index."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from omt.errors import ConfigError
from omt.store import Store
from omt.store.vocabulary import LANGUAGES

if TYPE_CHECKING:
    from omt.tools.reports.builder import ReportOutcome

DEFAULT_OUT = "reports_out"  # ignored by git, so a run inside the checkout adds no untracked file


def register(subparsers: argparse._SubParsersAction) -> None:
    reports = subparsers.add_parser(
        "reports", help="build placement reports as HTML",
        description="Build the per-placement tutoring reports.",
    )
    actions = reports.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build", help="build the reports of some or all placements",
        description="Run the placement report template for each placement and export it to one "
                    "self-contained HTML file (no code, images embedded, nothing loaded from the network). "
                    "Writes OUT/<placement>.html, keeps the executed notebook OUT/<placement>.ipynb beside "
                    "it for audit, and updates OUT/index.html, which lists every report in OUT with its "
                    "day and status. A failing placement does not stop the others; the exit code is 1 "
                    "when any report failed.",
    )
    selection = build.add_mutually_exclusive_group(required=True)
    selection.add_argument("--placement", action="append", metavar="ID", dest="placements",
                       help="placement to report on, such as FR-VN-01; repeat the option for several")
    selection.add_argument("--all", action="store_true", help="report on every placement of the store")
    build.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), metavar="DIR",
                       help=f"output folder, created if needed (default: {DEFAULT_OUT}/ in the current folder)")
    build.add_argument("--as-of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                       help="day the reports are seen from: it sets the stage and leaves out later "
                            "submissions (default: today)")
    build.add_argument("--lang", choices=LANGUAGES, default="en",
                       help="language of the reports' headings and labels (default: en)")
    build.add_argument("--template", type=Path, metavar="NOTEBOOK",
                       help="report template with one cell tagged 'parameters' "
                            "(default: the placement report shipped with omt)")
    build.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    # Imported here because papermill and nbconvert take over a second to import, which every
    # other `omt` command would otherwise pay.
    from omt.tools.reports.builder import ReportBuilder
    from omt.tools.reports.index import update_index

    store = Store(args.store)
    if not store.exists():
        raise ConfigError(f"no store at {store.root}; create one with `omt demo`, "
                          "or give its folder with --store or OMT_STORE")
    builder = ReportBuilder(store, args.out, language=args.lang, as_of=args.as_of, template=args.template)
    placement_ids = ([placement.placement_id for placement in store.placements()] if args.all
                     else list(dict.fromkeys(args.placements)))
    if not placement_ids:
        print(f"the store at {store.root} has no placement; nothing to build")
        return 0

    outcomes = builder.build_all(placement_ids, on_outcome=print_outcome)
    index = update_index(builder.out_dir, outcomes)
    failures = [outcome for outcome in outcomes if not outcome.ok]
    print(f"{len(outcomes) - len(failures)} of {len(outcomes)} reports built; index: {index}")
    if not failures:
        return 0
    print(f"omt: {len(failures)} report{'' if len(failures) == 1 else 's'} failed:", file=sys.stderr)
    for outcome in failures:
        print(f"  {outcome.placement_id}: {outcome.reason}", file=sys.stderr)
    return 1


def print_outcome(outcome: ReportOutcome) -> None:
    if outcome.ok:
        print(f"ok      {outcome.placement_id}  {outcome.html_file}  ({outcome.seconds:.1f} s)", flush=True)
    else:
        print(f"failed  {outcome.placement_id}  {outcome.reason}", flush=True)
