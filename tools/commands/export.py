"""`omt export`: the submissions of the store as CSV files or an Excel workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from omt.errors import ConfigError
from omt.store import Store

FORMATS = ("csv", "xlsx")
DEFAULT_NAME = "submissions"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="export submissions as CSV or Excel, one row per submission",
        description="Export the current revision of each submission, one row per submission, with "
                    "readable column names: submission id, placement, form, author, role, date, "
                    "language and revision, then one column per answer (prefixed with the form's "
                    "title when several forms are exported). Repeatable groups, such as a list of "
                    "action items, go to their own sheet (xlsx) or file (csv: <out>_<group>.csv), "
                    "one row per item, linked by the submission id.",
    )
    parser.add_argument("--format", choices=FORMATS, default="csv",
                        help="file format (default: csv, UTF-8)")
    selection = parser.add_mutually_exclusive_group()
    selection.add_argument("--placement", metavar="ID", help="export one placement, such as FR-VN-01")
    selection.add_argument("--organisation", metavar="ORG",
                           help="export the placements where this organisation is sending, hosting or "
                                "coordinating, such as IT-BOL")
    parser.add_argument("--form", metavar="FORM_ID", help="export one form only, such as meeting_log")
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help=f"file to write (default: {DEFAULT_NAME}.csv or {DEFAULT_NAME}.xlsx in the "
                             "current folder); an existing file is replaced")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here because importing pandas takes about 2 s on a 2-core machine, which every
    # other `omt` command would otherwise pay.
    from omt.tools.export import export_tables, select_placements, write_csv, write_xlsx

    store = Store(args.store)
    if not store.exists():
        raise ConfigError(f"no store at {store.root}; create one with `omt demo`, "
                          "or give its folder with --store or OMT_STORE")
    out = args.out or Path(f"{DEFAULT_NAME}.{args.format}")
    placements = select_placements(store, args.placement, args.organisation)
    tables = export_tables(store, placements, args.form)
    written = (write_xlsx if args.format == "xlsx" else write_csv)(tables, out)
    print(f"exported {len(tables.submissions)} submissions of {len(placements)} placements")
    for path in written:
        print(path)
    return 0
