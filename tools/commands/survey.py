"""`omt survey export`: survey responses as a CSV file, one row per response."""

from __future__ import annotations

import argparse
from pathlib import Path

from omt.store import Store
from omt.store.surveys import WAVES, responses

DEFAULT_OUT = "survey_responses.csv"


def register(subparsers: argparse._SubParsersAction) -> None:
    survey = subparsers.add_parser(
        "survey", help="export the responses to surveys such as the needs survey",
        description="Work with the responses to surveys, such as the needs survey that volunteers "
                    "and tutors answer at the start and at the end of the experimentation.",
    )
    actions = survey.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="write the responses as CSV, one row per response",
        description="Write the responses as a UTF-8 CSV file, one row per response: response id, "
                    "survey, wave, role, country, the language it was answered in, whether it is "
                    "anonymous, person id and name (empty when anonymous), date, then the problems "
                    "ticked at each stage and the other answers.",
    )
    export.add_argument("--survey", metavar="ID", help="export one survey only, such as needs_survey "
                                                      "(default: every survey)")
    export.add_argument("--wave", choices=WAVES, help="export one wave only (default: both)")
    export.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), metavar="FILE",
                        help=f"file to write (default: {DEFAULT_OUT} in the current folder); an existing "
                             "file is replaced")
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    # Imported here because importing pandas takes about 2 s on a 2-core machine.
    from omt.tools.export.surveys import write_responses_csv

    chosen = responses(Store(args.store), survey_id=args.survey, wave=args.wave)
    write_responses_csv(chosen, args.out)
    print(f"exported {len(chosen)} responses to {args.out}")
    return 0
