"""Time placement reports built the naive way against the warm-kernel pool, on the same store.

    python benchmarks/reports_bench.py [--count 100] [--jobs N] [--keep DIR]

The store is the demo store (seen from 2026-12-04) with its placements cloned, through the Store
API, until it has COUNT placements. Both ways build the same template for every placement:

- naive: for each placement, one after another, the `papermill` command, then
  `jupyter nbconvert --to html --no-input` on the executed notebook;
- pool: one `omt reports build --all --force --jobs N` command (warm kernels, reset between
  reports, HTML exported in the same process).

It then compares the outputs of each placement's two executed notebooks: a pooled report must show
exactly what the same template shows when run in a fresh kernel.

Peak memory is the largest sum of the resident memory of each command's process tree, sampled
every 0.1 s with psutil. Without psutil only the largest single child process is known
(`getrusage(RUSAGE_CHILDREN)`), and that misses the kernels.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat

from omt.store import Store
from omt.tools.demo import build_demo
from omt.tools.reports.builder import placement_template

DEMO_DAY = dt.date(2026, 12, 4)
BIN = Path(sys.executable).parent


def clone_placements(store: Store, count: int) -> list[str]:
    """Add copies of the demo placements, with their submissions, until the store has `count`."""
    originals = store.placements()
    ids = [placement.placement_id for placement in originals][:count]
    number = 0
    while len(ids) < count:
        original = originals[number % len(originals)]
        clone_id = f"BENCH-{number + 1:03d}"
        store.save_placement(dataclasses.replace(original, placement_id=clone_id))
        for submission in store.submissions(original.placement_id):
            store.submit(clone_id, submission.form_id, submission.answers, author_id=submission.author_id,
                         role=submission.role, language=submission.language,
                         form_version=submission.form_version, submitted_at=submission.submitted_at)
        ids.append(clone_id)
        number += 1
    return ids


class PeakMemory:
    """Samples the resident memory of a process and its descendants; `peak` is in bytes."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                processes = [root, *root.children(recursive=True)]
                total = 0
                for process in processes:
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()


def run(command: list[str], env: dict[str, str]) -> int:
    """Run `command`, raising on failure, and return the peak memory of its process tree in bytes."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with PeakMemory(process.pid) as memory:
        _, errors = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed with code {process.returncode}:\n{errors[-2000:]}")
    return memory.peak


def naive(store: Store, ids: list[str], out: Path, env: dict[str, str]) -> tuple[float, int]:
    out.mkdir(parents=True)
    peak = 0
    started = time.perf_counter()
    for placement_id in ids:
        executed = out / f"{placement_id}.ipynb"
        peak = max(peak, run([str(BIN / "papermill"), str(placement_template()), str(executed),
                              "-p", "placement_id", placement_id, "-p", "as_of", DEMO_DAY.isoformat(),
                              "-p", "store", str(store.root), "-k", "python3", "--no-progress-bar"], env))
        peak = max(peak, run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)], env))
    return time.perf_counter() - started, peak


def pool(store: Store, out: Path, jobs: int, env: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    peak = run([str(BIN / "omt"), "--store", str(store.root), "reports", "build", "--all", "--force",
                "--as-of", DEMO_DAY.isoformat(), "--jobs", str(jobs), "--out", str(out)], env)
    return time.perf_counter() - started, peak


def outputs(notebook_path: Path) -> list[list[dict]]:
    """Return each code cell's outputs without execution counts, as a report's reader would see them."""
    notebook = nbformat.read(notebook_path, as_version=4)
    shown = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            shown.append([{key: value for key, value in output.items() if key != "execution_count"}
                          for output in cell.outputs])
    return shown


def differing_reports(ids: list[str], pool_out: Path, naive_out: Path) -> list[str]:
    """Return the placements whose pooled report shows other outputs than their fresh-kernel run."""
    return [placement_id for placement_id in ids
            if outputs(pool_out / f"{placement_id}.ipynb") != outputs(naive_out / f"{placement_id}.ipynb")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="placements in the store (default: 100)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="kernels of the pool (default: the number of CPU cores)")
    parser.add_argument("--keep", type=Path, help="work in this new folder and keep it, instead of a temporary one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="omt-reports-bench-") as temporary:
        work = args.keep or Path(temporary)
        store = Store(work / "store")
        started = time.perf_counter()
        build_demo(store, DEMO_DAY)
        ids = clone_placements(store, args.count)
        print(f"store with {len(ids)} placements made in {time.perf_counter() - started:.1f} s")
        env = {**os.environ, "OMT_STORE": str(store.root)}

        pool_seconds, pool_peak = pool(store, work / "pool", args.jobs, env)
        print(f"pool ({args.jobs} kernels): {pool_seconds:.1f} s, {pool_seconds / len(ids):.2f} s per report, "
              f"peak memory {pool_peak / 2**20:.0f} MiB")
        naive_seconds, naive_peak = naive(store, ids, work / "naive", env)
        print(f"naive (papermill + nbconvert commands): {naive_seconds:.1f} s, "
              f"{naive_seconds / len(ids):.2f} s per report, peak memory {naive_peak / 2**20:.0f} MiB")
        largest_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"speed-up: {naive_seconds / pool_seconds:.1f}x; largest single child process: {largest_child:.0f} MiB")
        differing = differing_reports(ids, work / "pool", work / "naive")
        print(f"content: {len(ids) - len(differing)} of {len(ids)} pooled reports show the same outputs as the "
              f"fresh-kernel run" + (f"; differing: {', '.join(differing)}" if differing else ""))
        print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
              f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
