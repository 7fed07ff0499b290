"""`omt demo`: create the demo store of the pilot exchange."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil

from omt.errors import ConfigError
from omt.store import Store
from omt.tools.demo import build_demo


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="create the demo store: six organisations, twelve placements at every stage",
        description="Create a deterministic demo store for a fictional pilot exchange. "
                    "An existing store is kept unless --force is given, and then moved aside, not deleted.",
    )
    parser.add_argument("--as-of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="day the demo is seen from (default: today); the same day gives the same store")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing store; the old one is renamed with a timestamp suffix")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    store = Store(args.store)
    if store.exists():
        if not args.force:
            raise ConfigError(f"a store already exists at {store.root}; use `omt demo --force` to replace it "
                              "(the old one is kept beside it)")
        aside = store.root.with_name(f"{store.root.name}.replaced-{dt.datetime.now():%Y%m%d-%H%M%S}")
        shutil.move(store.root, aside)
        print(f"moved the old store to {aside}")
        store = Store(store.root)
    build_demo(store, args.as_of)
    print(f"demo store created at {store.root}: {len(store.placements())} placements")
    return 0
