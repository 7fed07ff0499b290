"""`omt store check|backup|backups|restore`: keep the shared store healthy."""

from __future__ import annotations

import argparse

from omt.store import Store
from omt.store.backups import DEFAULT_KEEP, list_backups, restore_backup, rotate_backups, take_backup
from omt.store.check import check_store, remove_temporary_files
from omt.store.layout import backups_folder


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "store", help="check, back up and restore the store",
        description="Check, back up and restore the shared store. Backups are kept beside the store "
                    "folder, in <store>.backups/.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    check = actions.add_parser(
        "check", help="parse every store file and validate every document",
        description="Parse every store file and validate every document; print one line per problem, "
                    "naming the file. Exits with 1 when there is a problem, 0 otherwise. Temporary files "
                    "left by interrupted writes are listed but harmless: readers never open them.",
    )
    check.add_argument("--repair", action="store_true",
                       help="also delete the temporary files (.*.tmp) that interrupted writes left behind")
    check.set_defaults(run=run_check)

    backup = actions.add_parser(
        "backup", help="copy the whole store into a new backup, then delete the oldest ones",
        description="Copy every store file into <store>.backups/<timestamp>/ while holding the store's lock, "
                    "so that the copy is one consistent state. Refuses to back up a damaged store.",
    )
    backup.add_argument("--keep", type=int, default=DEFAULT_KEEP, metavar="N",
                        help=f"number of newest backups to keep; older ones are deleted (default: {DEFAULT_KEEP})")
    backup.set_defaults(run=run_backup)

    listing = actions.add_parser("backups", help="list the backups, oldest first",
                                 description="Print the name and the number of files of each backup, oldest first.")
    listing.set_defaults(run=run_backups)

    restore = actions.add_parser(
        "restore", help="replace the store by a backup; the current files are moved aside, not deleted",
        description="Replace the store's files by those of a backup, while holding the store's lock. The "
                    "current files are moved to <store>.before-restore-<timestamp>/, never deleted.",
    )
    restore.add_argument("backup", nargs="?", metavar="BACKUP",
                         help="name of a backup (see `omt store backups`) or path of a backup folder "
                              "(default: the newest backup)")
    restore.set_defaults(run=run_restore)


def run_check(args: argparse.Namespace) -> int:
    store = Store(args.store)
    report = check_store(store.root)
    for problem in report.problems:
        print(f"problem: {problem}")
    for note in report.notes:
        print(f"note: {note}")
    if args.repair and report.temporary_files:
        for path in remove_temporary_files(store):
            print(f"removed temporary file {path.relative_to(store.root)}")
    else:
        for path in report.temporary_files:
            print(f"note: {path.relative_to(store.root)}: temporary file left by an interrupted write; "
                  "`omt store check --repair` deletes it")
    count = len(report.problems)
    print(f"checked {report.files_checked} files and {report.documents_checked} documents in {store.root}: "
          f"{count} {'problem' if count == 1 else 'problems'}")
    return 0 if report.ok else 1


def run_backup(args: argparse.Namespace) -> int:
    store = Store(args.store)
    backup = take_backup(store)
    print(f"backed up the store to {backup}")
    for removed in rotate_backups(store.root, args.keep):
        print(f"deleted old backup {removed.name}")
    return 0


def run_backups(args: argparse.Namespace) -> int:
    store = Store(args.store)
    backups = list_backups(store.root)
    if not backups:
        print(f"no backups in {backups_folder(store.root)}")
    for backup in backups:
        files = sum(1 for path in backup.rglob("*.json"))
        print(f"{backup.name}\t{files} files")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    store = Store(args.store)
    result = restore_backup(store, args.backup)
    print(f"restored the store at {store.root} from backup {result.backup.name}")
    if result.moved_aside is not None:
        print(f"the files it replaced are in {result.moved_aside}")
    return 0
