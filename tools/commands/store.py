"""`omt store`: placeholder until its module lands."""

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add no subcommand yet."""
