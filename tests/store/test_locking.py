"""The store's lock: timeouts, reentrancy, and waiters that gave up."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from omt.store.locking import LockTimeout, StoreLock


def test_busy_lock_times_out(tmp_path: Path) -> None:
    with StoreLock(tmp_path / ".lock", timeout=5):
        started = time.monotonic()
        with pytest.raises(LockTimeout):
            StoreLock(tmp_path / ".lock", timeout=0.2).acquire()
        assert time.monotonic() - started < 2


def test_abandoned_waiter_releases_lock(tmp_path: Path) -> None:
    holder = StoreLock(tmp_path / ".lock", timeout=5)
    holder.acquire()
    with pytest.raises(LockTimeout):
        StoreLock(tmp_path / ".lock", timeout=0.1).acquire()
    holder.release()

    # The helper thread of the waiter that gave up takes the lock, then releases it at once.
    with StoreLock(tmp_path / ".lock", timeout=2):
        pass


def test_same_lock_reentrant(tmp_path: Path) -> None:
    lock = StoreLock(tmp_path / ".lock", timeout=1)
    with lock, lock:
        with pytest.raises(LockTimeout):
            StoreLock(tmp_path / ".lock", timeout=0.1).acquire()

    with StoreLock(tmp_path / ".lock", timeout=1):
        pass


def test_threads_take_turns(tmp_path: Path) -> None:
    inside = []
    overlaps = []

    def work() -> None:
        lock = StoreLock(tmp_path / ".lock", timeout=10)
        for _ in range(50):
            with lock:
                inside.append(1)
                if len(inside) > 1:
                    overlaps.append(len(inside))
                time.sleep(0.0005)
                inside.pop()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert overlaps == []
    assert not any(thread.is_alive() for thread in threads)
