"""The `omt` command line: one subcommand module per concept, under `omt.tools.commands`."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from omt import __version__
from omt.errors import OmtError
from omt.logs import configure_logging

log = logging.getLogger(__name__)

# Each module has `register(subparsers)`, which adds its subcommands and sets `run` on them.
COMMAND_MODULES = (
    "omt.tools.commands.demo",
    "omt.tools.commands.records",
    "omt.tools.commands.serve",
    "omt.tools.commands.store",
    "omt.tools.commands.reports",
    "omt.tools.commands.guide",
    "omt.tools.commands.survey",
    "omt.tools.commands.export",
    "omt.tools.commands.person",
    "omt.tools.commands.links",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omt",
        description="2IQM Online Mentoring Tool: demo data, forms server, reports and store maintenance.",
    )
    parser.add_argument("--version", action="version", version=f"omt {__version__}")
    parser.add_argument("--store", metavar="PATH",
                        help="store folder (default: $OMT_STORE, else var/store in the project folder)")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log more: -v for progress, -vv for debugging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    try:
        return int(args.run(args) or 0)
    except OmtError as error:
        print(f"omt: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away, as in `omt placements list | head`.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
