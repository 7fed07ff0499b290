"""A separate process that uses the store, started by the concurrency and crash tests.

    python store_worker.py submit ROOT PLACEMENT[,PLACEMENT...] COUNT
        submit COUNT times, to the placements in turn
    python store_worker.py loop ROOT PLACEMENT[,PLACEMENT...]
        submit to the placements in turn until killed
    python store_worker.py hold-lock ROOT
        take the store's lock, print "locked", then sleep until killed
    python store_worker.py reader ROOT PLACEMENT
        read commands on standard input: "ids" prints the placement's submission ids on one line

`submit` and `loop` print each returned submission id on its own line and flush it at once, so
that an id in the output is a call that returned, even when the process is killed right after.
"""

from __future__ import annotations

import itertools
import sys
import time

from omt.store import Store

AUTHOR_ID = "M-VN-HAN"


def submit_once(store: Store, placement_id: str, number: int) -> None:
    submission = store.submit(placement_id, "stress_test", {"number": number},
                              author_id=AUTHOR_ID, role="mentor")
    print(submission.submission_id, flush=True)


def run_submit(root: str, placement_ids: str, count: str) -> None:
    store = Store(root)
    turns = itertools.cycle(placement_ids.split(","))
    for number in range(int(count)):
        submit_once(store, next(turns), number)


def run_loop(root: str, placement_ids: str) -> None:
    store = Store(root)
    for number, placement_id in enumerate(itertools.cycle(placement_ids.split(","))):
        submit_once(store, placement_id, number)


def run_hold_lock(root: str) -> None:
    with Store(root).locked():
        print("locked", flush=True)
        time.sleep(3600)


def run_reader(root: str, placement_id: str) -> None:
    store = Store(root)
    for line in sys.stdin:
        if line.strip() == "ids":
            print(" ".join(s.submission_id for s in store.submissions(placement_id)), flush=True)


COMMANDS = {"submit": run_submit, "loop": run_loop, "hold-lock": run_hold_lock, "reader": run_reader}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
