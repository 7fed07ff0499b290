"""Several real processes writing and reading one store at the same time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import WORKER, StartWorker, printed_ids, submission_counts

from omt.store import Store
from omt.store.check import check_store
from omt.store.layout import data_files
from omt.store.storage import read_json_file

WRITERS = 8
SUBMISSIONS_PER_WRITER = 250


def start_writers(start_worker: StartWorker, root: Path, logs: Path, placements: str, count: int,
                  writers: int) -> list[tuple[subprocess.Popen, Path]]:
    logs.mkdir()
    started = []
    for number in range(writers):
        log = logs / f"writer-{number}.log"
        with log.open("w", encoding="utf-8") as stream:
            started.append((start_worker("submit", str(root), placements, str(count), stdout=stream), log))
    return started


@pytest.mark.slow
def test_eight_writers_one_placement(demo_store: Store, start_worker: StartWorker, tmp_path: Path) -> None:
    before = submission_counts(demo_store.root)
    writers = start_writers(start_worker, demo_store.root, tmp_path / "logs", "FR-VN-01",
                            SUBMISSIONS_PER_WRITER, WRITERS)

    for process, _ in writers:
        assert process.wait(timeout=300) == 0
    printed = {log.name: printed_ids(log) for _, log in writers}
    after = submission_counts(demo_store.root)
    new = after - before

    for name, ids in printed.items():
        assert len(ids) == SUBMISSIONS_PER_WRITER, name
    all_printed = [submission_id for ids in printed.values() for submission_id in ids]
    assert sum(new.values()) == WRITERS * SUBMISSIONS_PER_WRITER
    assert set(new) == set(all_printed)
    assert max(new.values()) == 1
    for relative in data_files(demo_store.root):
        assert read_json_file(demo_store.root / relative) is not None, relative
    assert check_store(demo_store.root).problems == []

    # The writers took turns: consecutive documents of the file come from different processes.
    writer_of = {submission_id: name for name, ids in printed.items() for submission_id in ids}
    documents = read_json_file(demo_store.root / "placements" / "FR-VN-01.json")["submissions"]
    order = [writer_of[d["submission_id"]] for _, d in sorted(documents.items(), key=lambda item: int(item[0]))
             if d["submission_id"] in writer_of]
    switches = sum(1 for previous, current in zip(order, order[1:]) if previous != current)
    assert switches >= 100


def test_writers_on_several_placements(demo_store: Store, start_worker: StartWorker, tmp_path: Path) -> None:
    before = submission_counts(demo_store.root)
    placements = "FR-VN-01,IT-FR-03,TH-US-05,FR-IT-12"
    writers = start_writers(start_worker, demo_store.root, tmp_path / "logs", placements, 30, 4)

    for process, _ in writers:
        assert process.wait(timeout=120) == 0
    all_printed = [submission_id for _, log in writers for submission_id in printed_ids(log)]
    new = submission_counts(demo_store.root) - before

    assert len(all_printed) == 120
    assert set(new) == set(all_printed)
    assert max(new.values()) == 1
    assert check_store(demo_store.root).problems == []


def ask_ids(reader: subprocess.Popen) -> list[str]:
    reader.stdin.write("ids\n")
    reader.stdin.flush()
    return reader.stdout.readline().split()


def test_reader_sees_other_process_write(demo_store: Store, start_worker: StartWorker) -> None:
    root = str(demo_store.root)
    reader = start_worker("reader", root, "FR-VN-01", stdin=subprocess.PIPE)

    for _ in range(3):
        seen_before = ask_ids(reader)
        written = subprocess.run([sys.executable, str(WORKER), "submit", root, "FR-VN-01", "1"],
                                 capture_output=True, text=True, check=True, timeout=60)
        new_id = written.stdout.strip()
        seen_after = ask_ids(reader)

        assert new_id not in seen_before
        assert new_id in seen_after
        assert len(seen_after) == len(seen_before) + 1
