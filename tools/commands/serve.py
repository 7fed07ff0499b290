"""`omt serve` (the forms server) and `omt start` (demo store, course and forms together)."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time

from omt.errors import NotFoundError, OmtError
from omt.store import Store
from omt.store.links import issue_link, revoke_person
from omt.tools.commands.links import page_url
from omt.tools.demo import build_demo
from omt.tools.server import (
    DEFAULT_CULL_IDLE_SECONDS,
    DEFAULT_POOL_SIZE,
    course_server_command,
    forms_server_command,
    normal_base_url,
)

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_SECONDS = 60.0
# The demo people `omt start` issues links for, one per kind of user, and the pages printed with each
# person's key: a form or the board, and for two of them their version of the needs survey.
DEMO_LINKS = (
    ("M-VN-HAN", "mentor", "meeting_log"),
    ("V-01", "volunteer", "volunteer_checkin"),
    ("C-VN-HAN", "hosting organisation's coordinator", "arrival_checklist"),
    ("C-FR-LYON", "coordinating organisation's coordinator", "board"),
    ("V-01", "volunteer's needs survey", "needs_survey_volunteer"),
    ("M-VN-HAN", "mentor's needs survey", "needs_survey_tutor"),
)
DEMO_LINK_LABEL = "demo"
DEMO_LINK_DAYS = 7


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser(
        "serve", help="serve the forms in voila_apps/ with Voilà",
        description="Serve the companion notebooks of voila_apps/ as web forms. This server runs only "
                    "those notebooks and shows no tracebacks; it is the one to give tutors and volunteers.",
    )
    add_forms_options(serve)
    serve.set_defaults(run=run_serve)

    start = subparsers.add_parser(
        "start", help="create the demo store if there is none, then start the course and the forms",
        description="Start JupyterLab on the course (modules/) and Voilà on the forms (voila_apps/), "
                    "both on 127.0.0.1, creating the demo store first if the store is empty. Ctrl-C stops both.",
    )
    add_forms_options(start)
    start.add_argument("--lab-port", type=int, default=8888, help="port of JupyterLab (default: 8888)")
    start.set_defaults(run=run_start)


def add_forms_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1; give a LAN address to share the forms)")
    parser.add_argument("--port", type=int, default=8866, help="port of the forms server (default: 8866)")
    parser.add_argument("--pool-size", type=int, default=DEFAULT_POOL_SIZE,
                        help="kernels kept ready for each of the meeting log, the check-in and the board, "
                             "about 55 MB each; 0 turns this off "
                             f"(default: {DEFAULT_POOL_SIZE})")
    parser.add_argument("--cull-idle", type=int, default=DEFAULT_CULL_IDLE_SECONDS, metavar="SECONDS",
                        help="shut down the kernel of a closed page after this many idle seconds "
                             f"(default: {DEFAULT_CULL_IDLE_SECONDS})")
    parser.add_argument("--base-url", default="/",
                        help="path prefix of every URL, behind a reverse proxy such as /forms/ (default: /)")


def forms_command(args: argparse.Namespace) -> list[str]:
    return forms_server_command(args.ip, args.port, pool_size=args.pool_size, cull_idle_seconds=args.cull_idle,
                                base_url=args.base_url)


def stop_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so that `finally` stops the servers instead of orphaning them."""
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))


def run_serve(args: argparse.Namespace) -> int:
    # A server logs its start and stop whatever the verbosity.
    log.setLevel(min(log.getEffectiveLevel(), logging.INFO))
    stop_on_sigterm()
    environment = server_environment(args)
    process = subprocess.Popen(forms_command(args), env=environment)
    log.info("forms server started: pid %d on %s:%d, store %s", process.pid, args.ip, args.port,
             environment["OMT_STORE"])
    try:
        wait_for_port(args.ip, args.port, process)
        print_forms_urls(args.ip, args.port, args.base_url)
        return_code = process.wait()
        log.info("forms server pid %d stopped with code %d", process.pid, return_code)
        return return_code
    finally:
        stop(process)


def run_start(args: argparse.Namespace) -> int:
    stop_on_sigterm()
    store = Store(args.store)
    if not store.exists():
        build_demo(store)
        print(f"Created the demo store at {store.root}")
    demo_keys = issue_demo_links(store)
    environment = server_environment(args)
    token = secrets.token_hex(16)
    processes = [
        subprocess.Popen(course_server_command(args.ip, args.lab_port, token), env=environment),
        subprocess.Popen(forms_command(args), env=environment),
    ]
    try:
        wait_for_port(args.ip, args.lab_port, processes[0])
        wait_for_port(args.ip, args.port, processes[1])
        print("\nThe course, in JupyterLab:")
        print(f"  http://{args.ip}:{args.lab_port}/lab/tree/modules?token={token}")
        print_forms_urls(args.ip, args.port, args.base_url)
        print_demo_links(demo_keys, forms_base_url(args.ip, args.port, args.base_url))
        print("\nPress Ctrl-C to stop both servers.")
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        return 1
    finally:
        for process in processes:
            stop(process)


def server_environment(args: argparse.Namespace) -> dict[str, str]:
    """Return the environment for the servers, so that their kernels open the same store."""
    environment = dict(os.environ)
    environment["OMT_STORE"] = str(Store(args.store).root)
    return environment


def forms_base_url(ip: str, port: int, base_url: str = "/") -> str:
    return f"http://{ip}:{port}{normal_base_url(base_url)}"


def print_forms_urls(ip: str, port: int, base_url: str = "/") -> None:
    base = forms_base_url(ip, port, base_url)
    print(f"\nThe forms and the board, in Voilà, at {base}voila/render/<form>.ipynb?key=<access key>.")
    print(f"Issue a person's links with: omt links issue --person ID --base-url {base}")


def issue_demo_links(store: Store) -> dict[str, str]:
    """Issue a fresh link for each person of DEMO_LINKS found in the store; return person id → key.

    The person's earlier demo links are revoked first, so repeated starts do not pile links up.
    A person named twice in DEMO_LINKS gets one link. A store without the demo's people gets no link.
    """
    keys = {}
    for person_id in dict.fromkeys(person_id for person_id, _kind, _page in DEMO_LINKS):
        try:
            store.person(person_id)
        except NotFoundError:
            continue
        revoke_person(store, person_id, label=DEMO_LINK_LABEL)
        keys[person_id], _link = issue_link(store, person_id, days=DEMO_LINK_DAYS, label=DEMO_LINK_LABEL)
    return keys


def print_demo_links(keys: dict[str, str], base_url: str) -> None:
    if not keys:
        return
    print(f"\nDemo links, valid {DEMO_LINK_DAYS} days (`omt links list` shows them):")
    for person_id, kind, page in DEMO_LINKS:
        if person_id in keys:
            print(f"  {kind} ({person_id}): {page_url(base_url, page, keys[person_id])}")


def wait_for_port(ip: str, port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise OmtError(f"the server on port {port} stopped at start with code {process.returncode}; "
                           "its log above says why (a port in use: choose another with --port or --lab-port)")
        try:
            with socket.create_connection((ip, port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise OmtError(f"the server on {ip}:{port} did not start within {STARTUP_TIMEOUT_SECONDS:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server by its PID: SIGTERM lets Voilà shut its kernels down; SIGKILL after 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            log.warning("server pid %d did not stop within 10 s of SIGTERM; killing it", process.pid)
            process.kill()
        log.info("server pid %d stopped", process.pid)
