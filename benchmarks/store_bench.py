"""Measure the cost of a submission as the store grows, against one TinyDB file for everything.

    .venv/bin/python benchmarks/store_bench.py [--placements 500] [--sizes 200,2000,20000]

For each size N, the store is filled to N - SAMPLE submissions spread evenly over the placements,
then SAMPLE more submissions are timed one by one through `Store.submit`, so that the window ends
at N. The filling between windows goes through the store's write path too (`Store._change`), one
change per placement with many documents, because 20,000 single submissions would take minutes.

The baseline is what the store replaced: every document in one TinyDB file, with a lock, and the
database opened, inserted into and closed for each document (without the reopening, processes lose
documents). It is filled to N - BASELINE_SAMPLE documents in one insert, then BASELINE_SAMPLE inserts
are timed: at 20,000 documents each takes about a tenth of a second, so fewer are sampled.

Last, the script times what a coordination board loads: every placement and its submissions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tinydb
from filelock import FileLock
from tinydb import TinyDB

from omt.store import Organisation, Person, Placement, Store, Submission
from omt.store.ids import new_submission_id
from omt.store.layout import REGISTRY, placement_file

SAMPLE = 200
BASELINE_SAMPLE = 30
BOARD_REPEATS = 5
MENTOR_ID = "M-BENCH"
START = dt.date(2026, 9, 1)


def answers(number: int) -> dict[str, Any]:
    """Return the answers of a meeting log of ordinary length."""
    return {
        "meeting_date": START + dt.timedelta(days=number % 300),
        "duration_minutes": 30 + 15 * (number % 4),
        "topics": ["tasks", "wellbeing"],
        "notes": "Settling in well; asked for help with the local bus pass and the language course.",
        "actions": "Check in again in two weeks.",
    }


def build_registry(store: Store, placements: int) -> list[str]:
    """Save two organisations, the staff, one volunteer per placement and the placements."""
    store.save_organisation(Organisation("FR-SEND", "Sending Association", "FR", ("sending", "coordinating")))
    store.save_organisation(Organisation("VN-HOST", "Hosting Centre", "VN", ("hosting",)))
    store.save_person(Person(MENTOR_ID, "Mentor", "mentor", "VN-HOST"))
    store.save_person(Person("S-BENCH", "Supervisor", "task_supervisor", "VN-HOST"))
    volunteers = [Person(f"V-{n:04d}", f"Volunteer {n}", "volunteer", "FR-SEND") for n in range(placements)]
    records = [Placement(f"P-{n:04d}", f"V-{n:04d}", "FR-SEND", "VN-HOST", "FR-SEND", MENTOR_ID, "S-BENCH",
                         START, START + dt.timedelta(days=300), "on_site") for n in range(placements)]
    # One change per table: saving 1,000 records one by one is not what is measured here.
    for table, items in (("people", volunteers), ("placements", records)):
        for item in items:
            item.validate()
        documents = [item.to_document() for item in items]
        store._change(REGISTRY, lambda database, t=table, d=documents: database.table(t).insert_multiple(d))
    return [record.placement_id for record in records]


def submission_document(placement_id: str, number: int) -> dict[str, Any]:
    submission = Submission(new_submission_id(), placement_id, "meeting_log", 1, MENTOR_ID, "mentor", "en",
                            answers(number), dt.datetime.now(dt.timezone.utc))
    submission.validate()
    return submission.to_document()


def fill_store(store: Store, placement_ids: list[str], first: int, last: int) -> None:
    """Add submissions number `first` to `last - 1`, placement by placement, in one change each."""
    by_placement: dict[str, list[dict[str, Any]]] = {}
    for number in range(first, last):
        placement_id = placement_ids[number % len(placement_ids)]
        by_placement.setdefault(placement_id, []).append(submission_document(placement_id, number))
    for placement_id, documents in by_placement.items():
        store._change(placement_file(placement_id),
                      lambda database, d=documents: database.table("submissions").insert_multiple(d))


def time_calls(call: Callable[[int], object], numbers: range) -> list[float]:
    """Return the duration of `call(number)` for each number, in milliseconds."""
    durations = []
    for number in numbers:
        started = time.perf_counter()
        call(number)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def percentiles(durations: list[float]) -> tuple[float, float]:
    """Return the 50th and 95th percentiles."""
    return statistics.median(durations), statistics.quantiles(durations, n=20, method="inclusive")[18]


def time_store_submits(store: Store, placement_ids: list[str], size: int, filled: int) -> list[float]:
    fill_store(store, placement_ids, filled, size - SAMPLE)

    def submit(number: int) -> None:
        store.submit(placement_ids[number % len(placement_ids)], "meeting_log", answers(number),
                     author_id=MENTOR_ID, role="mentor")

    return time_calls(submit, range(size - SAMPLE, size))


def time_single_file_inserts(folder: Path, size: int) -> list[float]:
    """Time inserts into one TinyDB file that already contains `size - BASELINE_SAMPLE` documents."""
    path = folder / f"single-{size}.json"
    lock = FileLock(str(path) + ".lock")
    with lock:
        database = TinyDB(path)
        database.insert_multiple(submission_document("P-0000", n) for n in range(size - BASELINE_SAMPLE))
        database.close()

    def insert(number: int) -> None:
        with lock:
            database = TinyDB(path)
            database.insert(submission_document("P-0000", number))
            database.close()

    return time_calls(insert, range(BASELINE_SAMPLE))


def time_board(store: Store) -> float:
    """Return the median time, in milliseconds, to load every placement and its submissions."""
    def load(_: int) -> None:
        for placement in store.placements():
            store.submissions(placement.placement_id)

    return statistics.median(time_calls(load, range(BOARD_REPEATS)))


def describe_machine() -> str:
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"tinydb {tinydb.__version__}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placements", type=int, default=500, help="number of placements (default: 500)")
    parser.add_argument("--sizes", default="200,2000,20000",
                        help="comma-separated numbers of submissions, each at least 200 (default: 200,2000,20000)")
    parser.add_argument("--folder", type=Path, help="folder for the stores (default: a new temporary folder)")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if sizes[0] < SAMPLE:
        parser.error(f"each size must be at least {SAMPLE}, the number of timed submissions")
    folder = args.folder or Path(tempfile.mkdtemp(prefix="omt-store-bench-"))
    store = Store(folder / "store")

    print(describe_machine())
    print(f"{args.placements} placements; folder {folder}")
    print(f"{'submissions':>11} | {'store p50':>9} {'p95':>7} | {'single p50':>10} {'p95':>7} | "
          f"{'single/store p50':>16} | {'board load':>10}")
    started = time.perf_counter()
    placement_ids = build_registry(store, args.placements)
    filled = 0
    results = {}
    for size in sizes:
        store_p50, store_p95 = percentiles(time_store_submits(store, placement_ids, size, filled))
        filled = size
        single_p50, single_p95 = percentiles(time_single_file_inserts(folder, size))
        board = time_board(store)
        results[size] = store_p50
        print(f"{size:>11,} | {store_p50:>7.2f}ms {store_p95:>5.2f}ms | {single_p50:>8.2f}ms {single_p95:>5.2f}ms | "
              f"{single_p50 / store_p50:>15.1f}x | {board:>8.0f}ms")
    smallest, largest = sizes[0], sizes[-1]
    print(f"store p50 at {largest:,} / at {smallest:,}: {results[largest] / results[smallest]:.2f} (target: at most 2)")
    print(f"run time {time.perf_counter() - started:.0f} s; ms are milliseconds per submission, "
          f"{SAMPLE} timed for the store and {BASELINE_SAMPLE} for the single file at each size")
    return 0


if __name__ == "__main__":
    sys.exit(main())
