"""`omt organisations|people|placements list`: print what the store contains."""

from __future__ import annotations

import argparse
import datetime as dt

from omt.store import Store
from omt.store.journey import STAGE_LABELS, stage_on


def register(subparsers: argparse._SubParsersAction) -> None:
    for kind, lister in (("organisations", list_organisations), ("people", list_people),
                         ("placements", list_placements)):
        parser = subparsers.add_parser(kind, help=f"show the {kind} of the store",
                                       description=f"Show the {kind} of the store.")
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        listing = actions.add_parser("list", help=f"print one line per {kind.rstrip('s')}",
                                     description=f"Print one line per record of {kind}, sorted by id.")
        listing.set_defaults(run=lister)


def list_organisations(args: argparse.Namespace) -> int:
    for organisation in Store(args.store).organisations():
        print(f"{organisation.organisation_id}\t{organisation.country}\t{','.join(organisation.roles)}\t"
              f"{organisation.name}")
    return 0


def list_people(args: argparse.Namespace) -> int:
    for person in Store(args.store).people():
        print(f"{person.person_id}\t{person.role}\t{person.organisation_id or '-'}\t{person.name}")
    return 0


def list_placements(args: argparse.Namespace) -> int:
    today = dt.date.today()
    for placement in Store(args.store).placements():
        stage = STAGE_LABELS[stage_on(placement, today)]
        print(f"{placement.placement_id}\t{placement.status}\t{placement.start_date}..{placement.end_date}\t{stage}")
    return 0
