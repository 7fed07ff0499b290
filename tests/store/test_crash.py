"""Writers killed with SIGKILL at random moments: the store stays whole and keeps every returned write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from store_helpers import StartWorker, printed_ids, submission_counts

from omt.errors import StoreError
from omt.store import Store
from omt.store import store as store_module
from omt.store.check import check_store
from omt.store.layout import temporary_files
from omt.tools.cli import main

KILLS = 60
WRITERS = 4
PLACEMENTS = ("FR-VN-01", "IT-FR-03", "TH-US-05")
# A kill lands this long after the writer's last printed id, at most: within one or two submissions.
MAX_KILL_DELAY_SECONDS = 0.02


class Writers:
    """Writer processes that loop on submissions, each printing the ids it got to its own log."""

    def __init__(self, start_worker: StartWorker, root: Path, logs: Path):
        self.start_worker = start_worker
        self.root = root
        self.logs = logs
        self.running: list[tuple[subprocess.Popen, Path]] = []
        self.started = 0
        logs.mkdir()

    def top_up(self, count: int) -> None:
        while len(self.running) < count:
            log = self.logs / f"writer-{self.started}.log"
            self.started += 1
            with log.open("w", encoding="utf-8") as stream:
                process = self.start_worker("loop", str(self.root), ",".join(PLACEMENTS), stdout=stream)
            self.running.append((process, log))

    def writing(self) -> list[tuple[subprocess.Popen, Path]]:
        """Return the writers that have stored at least one submission."""
        return [(process, log) for process, log in self.running if log.stat().st_size > 0]

    def kill(self, writer: tuple[subprocess.Popen, Path]) -> None:
        process, _ = writer
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        self.running.remove(writer)

    def logs_written(self) -> list[Path]:
        return sorted(self.logs.glob("writer-*.log"))


@pytest.mark.slow
def test_killed_writers_keep_returned_submissions(demo_store: Store, start_worker: StartWorker,
                                                  tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    before = submission_counts(demo_store.root)
    writers = Writers(start_worker, demo_store.root, tmp_path / "logs")

    kills = 0
    while kills < KILLS:
        writers.top_up(WRITERS)
        writing = writers.writing()
        if not writing:
            time.sleep(0.01)
            continue
        time.sleep(chance.uniform(0, MAX_KILL_DELAY_SECONDS))
        writers.kill(chance.choice(writing))
        kills += 1
    for writer in list(writers.running):
        writers.kill(writer)

    returned = [submission_id for log in writers.logs_written() for submission_id in printed_ids(log)]
    counts = submission_counts(demo_store.root)
    new = counts - before
    missing = [submission_id for submission_id in returned if counts[submission_id] == 0]
    duplicated = [submission_id for submission_id, count in new.items() if count > 1]
    report = check_store(demo_store.root)

    assert len(returned) >= KILLS, f"seed {seed}"  # each killed writer had printed an id
    assert missing == [], f"seed {seed}"
    assert duplicated == [], f"seed {seed}"
    assert report.problems == [], f"seed {seed}"
    for placement_id in PLACEMENTS:
        assert demo_store.submissions(placement_id), f"seed {seed}"

    # A writer killed between its temporary file and the rename leaves the file: repair removes it.
    leftovers = temporary_files(demo_store.root)
    print(f"seed {seed}: {writers.started} writers, {len(returned)} submissions returned, "
          f"{len(leftovers)} temporary files left")
    assert leftovers, f"seed {seed}: no kill landed inside a write"
    assert main(["--store", str(demo_store.root), "store", "check", "--repair"]) == 0
    assert temporary_files(demo_store.root) == []


def test_killed_lock_holder_releases_lock(demo_store: Store, start_worker: StartWorker,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.5)
    holder = start_worker("hold-lock", str(demo_store.root))
    assert holder.stdout.readline().strip() == "locked"

    with pytest.raises(StoreError, match="stayed locked"):
        Store(demo_store.root).submit("FR-VN-01", "test_form", {}, author_id="M-VN-HAN", role="mentor")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    # This Store also gives up after 0.5 s, so the submission succeeds only if the lock was released.
    saved = Store(demo_store.root).submit("FR-VN-01", "test_form", {}, author_id="M-VN-HAN", role="mentor")

    assert saved.submission_id in {s.submission_id for s in demo_store.submissions("FR-VN-01")}


def test_temporary_files_ignored_then_repaired(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    placement = demo_store.root / "placements" / "FR-VN-01.json"
    leftovers = [placement.with_name(".FR-VN-01.json.k1ll3d.tmp"), demo_store.root / ".registry.json.x7q2.tmp"]
    leftovers[0].write_bytes(placement.read_bytes()[:100])
    leftovers[1].write_bytes(b"")
    submissions = demo_store.submissions("FR-VN-01")

    assert main(["--store", str(demo_store.root), "store", "check"]) == 0
    listed = capsys.readouterr().out
    assert main(["--store", str(demo_store.root), "store", "check", "--repair"]) == 0
    repaired = capsys.readouterr().out

    assert Store(demo_store.root).submissions("FR-VN-01") == submissions
    assert len(Store(demo_store.root).placements()) == 12
    assert "placements/.FR-VN-01.json.k1ll3d.tmp" in listed
    assert ".registry.json.x7q2.tmp" in listed
    assert "removed temporary file placements/.FR-VN-01.json.k1ll3d.tmp" in repaired
    assert not leftovers[0].exists()
    assert not leftovers[1].exists()
