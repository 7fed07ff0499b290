"""`omt person export|erase`: everything the store keeps about one person, to hand over or to erase."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from omt.store import Store
from omt.store.people import (CopyReport, ErasureReport, TextFields, copies_with_person, erase_person,
                              export_person, require_target, scrub_copies)
from omt.store.storage import write_text_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "person", help="export or erase everything the store keeps about one person",
        description="Export or erase the personal data of one person of the registry.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    export = actions.add_parser(
        "export", help="write everything stored about one person as JSON",
        description="Write, as JSON, the person's registry record, the placements they take part in and "
                    "their roles, the submissions they wrote (every revision), the submissions about the "
                    "placements where they are the volunteer, their activities, drafts, training attempts "
                    "and survey responses.",
    )
    export.add_argument("person_id", metavar="ID", help="the person's id, such as V-01")
    export.add_argument("--out", type=Path, metavar="FILE",
                        help="file to write (default: standard output); an existing file is replaced")
    export.set_defaults(run=run_export)

    erase = actions.add_parser(
        "erase", help="erase one person's personal data everywhere in the store",
        description="Replace the person's name by 'erased person' and empty their e-mail and phone; replace "
                    "free text by '[erased]' in every revision of the submissions they wrote and of the "
                    "submissions of the placements where they are the volunteer, and in their activities; "
                    "remove their name and id from survey responses and training attempts; delete their "
                    "drafts. Dates, scores, choices and ids stay, so reports keep their counts. Without "
                    "--yes, prints what would change and changes nothing.",
    )
    erase.add_argument("person_id", metavar="ID", help="the person's id, such as V-01")
    erase.add_argument("--yes", action="store_true", help="erase; without it, only print what would change")
    erase.add_argument("--include-backups", action="store_true",
                       help="also erase the person in the backups and in the folders that restores set aside "
                            "(a backup of an older schema version is deleted instead)")
    erase.set_defaults(run=run_erase)


def run_export(args: argparse.Namespace) -> int:
    exported = export_person(Store(args.store), args.person_id)
    text = json.dumps(exported, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    write_text_file(args.out, text)
    print(f"exported the data of person {args.person_id} to {args.out}", file=sys.stderr)
    return 0


def run_erase(args: argparse.Namespace) -> int:
    store = Store(args.store)
    target = require_target(store, args.person_id)
    fields = text_fields()
    if not args.yes:
        report = erase_person(store, args.person_id, fields, dry_run=True)
        print(f"would erase person {args.person_id} in {store.root}:")
        print_changes(report)
        copies = copies_with_person(store, target)
        print_copies_left(copies, would=True)
        print("nothing was changed; run the command again with --yes to erase"
              + ("" if args.include_backups else " (add --include-backups to erase in the copies too)"))
        return 1

    report = erase_person(store, args.person_id, fields)
    print(f"erased person {args.person_id} in {store.root}:")
    print_changes(report)
    clean = print_remaining(report)
    if args.include_backups:
        for result in scrub_copies(store, target, fields):
            clean = print_copy_result(result) and clean
    else:
        print_copies_left(copies_with_person(store, target), would=False)
    return 0 if clean else 1


def text_fields() -> TextFields:
    """Return the text fields of every shipped form definition, by form id."""
    # Imported here: the definitions pull in the widgets, which the other commands do not need.
    from omt.widgets.forms.definition import load_definition, shipped_form_ids

    found: TextFields = {}
    for form_id in shipped_form_ids():
        names: set[str] = set()
        pending = list(load_definition(form_id).fields)
        while pending:
            field = pending.pop()
            if field.type in ("short_text", "long_text"):
                names.add(field.name)
            pending.extend(field.fields)
        found[form_id] = frozenset(names)
    return found


def print_changes(report: ErasureReport) -> None:
    if not report.changes:
        print("  nothing to change")
    for relative, counts in sorted(report.changes.items()):
        listed = ", ".join(f"{what}: {number}" for what, number in sorted(counts.items()))
        print(f"  {relative}: {listed}")


def print_remaining(report: ErasureReport, indent: str = "") -> bool:
    """Print the files that still contain the person's name, e-mail or phone; return whether there are none."""
    for relative, values in sorted(report.remaining.items()):
        print(f"{indent}warning: {relative} still contains {', '.join(values)}: erase it by hand, then run "
              "`omt store check`")
    return not report.remaining


def print_copies_left(copies: list[CopyReport], would: bool) -> None:
    if not copies:
        print("no backup contains this person's data")
        return
    verb = "contain" if would else "still contain"
    counted = "1 copy" if len(copies) == 1 else f"{len(copies)} copies"
    print(f"{counted} of the store {verb} this person's data; `--include-backups` erases it there:")
    for found in copies:
        print(f"  {found.path}")


def print_copy_result(result: CopyReport) -> bool:
    if result.erasure is None:
        print(f"deleted {result.path}: it is of an older schema version and cannot be changed in place")
        return True
    print(f"erased in {result.path}:")
    print_changes(result.erasure)
    return print_remaining(result.erasure, indent="  ")
