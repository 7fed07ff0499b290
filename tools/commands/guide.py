"""`omt guide build`: build the good-tutoring guide as one HTML file and a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_OUT = "guide_out"  # to be ignored by git, like reports_out/
FORMAT_NAMES = ("html", "pdf")


def register(subparsers: argparse._SubParsersAction) -> None:
    guide = subparsers.add_parser(
        "guide", help="build the good-tutoring guide and its funding map",
        description="Build the guide for youth workers: good practice at each stage of a placement, "
                    "coordination between organisations, tutoring quality, learning recognition and "
                    "the funding map.",
    )
    actions = guide.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build", help="build the guide as HTML and PDF",
        description="Render the Markdown chapters and the funding map of docs/guide/ to one "
                    "self-contained HTML file (styles inline, images embedded, nothing loaded from "
                    "the network) and print it to PDF with Chromium, with page numbers in the footer. "
                    "The figures come from the demo exchange, built in a temporary folder: the store "
                    "is neither read nor changed. An invalid funding map stops the build with the "
                    "entry and the field to fix.",
    )
    build.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), metavar="DIR",
                       help=f"output folder, created if needed (default: {DEFAULT_OUT}/ in the current folder)")
    build.add_argument("--format", type=parse_formats, default=FORMAT_NAMES, metavar="html,pdf",
                       help="formats to write, separated by commas (default: html,pdf); the PDF needs "
                            "Chromium at /usr/bin/chromium or at $OMT_CHROMIUM")
    build.add_argument("--source", type=Path, metavar="DIR",
                       help="folder of the chapters and funding_map.yaml (default: docs/guide of the "
                            "source checkout)")
    build.set_defaults(run=run_build)


def parse_formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(name.strip().lower() for name in value.split(",") if name.strip()))
    unknown = [name for name in names if name not in FORMAT_NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"invalid format {value!r}: use html, pdf or html,pdf")
    return names


def run_build(args: argparse.Namespace) -> int:
    # Imported here because matplotlib and mistune slow down every other `omt` command.
    from omt.tools.guide import build_guide

    outcome = build_guide(args.out, args.format, source_dir=args.source)
    for name, path in outcome.files.items():
        print(f"{name:<5} {path}")
    return 0
