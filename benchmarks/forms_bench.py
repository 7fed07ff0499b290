"""Time to interactive of the meeting log under `omt serve` and under plain `voila`, in one run.

Both servers serve `voila_apps/` on 127.0.0.1 from copies of the demo store. For each, Chromium
opens the meeting log and the time runs from navigation until the Save button is enabled. A first
visit uses a new browser context (empty cache); a return visit reuses the context of the previous
visit. Visits alternate between the two servers so that other load on the machine falls on both.

Chromium runs with a dead proxy (127.0.0.1:9) and 127.0.0.1 bypassing it: any request to another
host fails at once and is counted. Playwright's `route()` would also block them, but it turns the
browser's cache off and adds about 0.2 s per load.

    python benchmarks/forms_bench.py --repetitions 7
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, sync_playwright

from omt.store import Store
from omt.tools.demo import build_demo
from omt.tools.server import FORMS_FOLDER, checkout_folder, forms_server_command

HOST = "127.0.0.1"
OMT_PORT, PLAIN_PORT = 8896, 8897
CHROMIUM = os.environ.get("OMT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]
PAGE = "/voila/render/meeting_log.ipynb?placement=FR-VN-01"
READY_TIMEOUT_SECONDS = 120
# Seconds between visits: `omt serve` refills its kernel pool 3 s after a visit, and a kernel
# takes about 2 s to start and run the notebook on 2 cores.
PAUSE_SECONDS = 7


def plain_voila_command(port: int) -> list[str]:
    return [sys.executable, "-m", "voila", str(checkout_folder(FORMS_FOLDER)), "--no-browser",
            f"--Voila.ip={HOST}", f"--port={port}"]


def wait_until_ready(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server on port {port} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server on port {port} did not answer within {READY_TIMEOUT_SECONDS} s")


def time_visit(context: BrowserContext, port: int, other_hosts: list[str]) -> float:
    """Return the seconds from navigation until the meeting log's Save button is enabled."""
    page = context.new_page()
    page.on("requestfailed", lambda request: other_hosts.append(request.url)
            if not request.url.startswith(f"http://{HOST}:") else None)
    start = time.perf_counter()
    page.goto(f"http://{HOST}:{port}{PAGE}", wait_until="commit")
    page.locator(".omt-submit").wait_for(state="visible", timeout=120_000)
    page.wait_for_function("document.querySelector('.omt-submit') && !document.querySelector('.omt-submit').disabled",
                           timeout=120_000)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def measure(browser: Browser, ports: dict[str, int], repetitions: int) -> dict[str, dict[str, list[float]]]:
    times: dict[str, dict[str, list[float]]] = {name: {"first": [], "return": []} for name in ports}
    failed: dict[str, list[str]] = {name: [] for name in ports}
    contexts = {name: browser.new_context() for name in ports}
    for name, port in ports.items():  # a warm-up visit per server, not counted
        time_visit(contexts[name], port, [])
    for _ in range(repetitions):
        for name, port in ports.items():
            time.sleep(PAUSE_SECONDS)
            fresh = browser.new_context()
            times[name]["first"].append(time_visit(fresh, port, failed[name]))
            fresh.close()
            time.sleep(PAUSE_SECONDS)
            times[name]["return"].append(time_visit(contexts[name], port, failed[name]))
    for name, urls in failed.items():
        print(f"{name}: {len(urls)} requests to other hosts failed ({', '.join(sorted(set(urls)))[:200]})")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=7, help="visits of each kind per server (default: 7)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="forms-bench-"))
    servers: list[subprocess.Popen] = []
    try:
        commands = {"omt serve": forms_server_command(HOST, OMT_PORT), "plain voila": plain_voila_command(PLAIN_PORT)}
        ports = {"omt serve": OMT_PORT, "plain voila": PLAIN_PORT}
        for name, command in commands.items():
            root = folder / name.replace(" ", "_")
            build_demo(Store(root))
            environment = {**os.environ, "OMT_STORE": str(root)}
            servers.append(subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL))
        for (name, port), process in zip(ports.items(), servers):
            wait_until_ready(port, process)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            times = measure(browser, ports, args.repetitions)
            browser.close()
    finally:
        for process in servers:
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"\nmachine: {os.cpu_count()} cores, {platform.machine()}, load average {os.getloadavg()[0]:.2f} "
          f"(1 min) at the end; {args.repetitions} visits of each kind per server")
    print(f"{'server':<12} {'first visit':>12} {'return visit':>13}   (median seconds to interactive)")
    medians = {name: {kind: statistics.median(values) for kind, values in kinds.items()} for name, kinds in times.items()}
    for name, kinds in medians.items():
        print(f"{name:<12} {kinds['first']:>12.2f} {kinds['return']:>13.2f}")
    for kind in ("first", "return"):
        ratio = medians["omt serve"][kind] / medians["plain voila"][kind]
        print(f"ratio omt serve / plain voila, {kind} visit: {ratio:.2f} (target 0.6 or less)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
