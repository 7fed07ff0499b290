"""`omt serve` (the forms server) and `omt start` (demo store, course and forms together)."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import socket
import subprocess
import time

from omt.errors import OmtError
from omt.store import Store
from omt.tools.demo import build_demo
from omt.tools.server import course_server_command, forms_server_command

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_SECONDS = 60.0
EXAMPLE_PLACEMENT = "FR-VN-01"


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


def run_serve(args: argparse.Namespace) -> int:
    environment = server_environment(args)
    process = subprocess.Popen(forms_server_command(args.ip, args.port), env=environment)
    try:
        wait_for_port(args.ip, args.port, process)
        print_forms_urls(args.ip, args.port)
        return process.wait()
    finally:
        stop(process)


def run_start(args: argparse.Namespace) -> int:
    store = Store(args.store)
    if not store.exists():
        build_demo(store)
        print(f"Created the demo store at {store.root}")
    environment = server_environment(args)
    token = secrets.token_hex(16)
    processes = [
        subprocess.Popen(course_server_command(args.ip, args.lab_port, token), env=environment),
        subprocess.Popen(forms_server_command(args.ip, args.port), env=environment),
    ]
    try:
        wait_for_port(args.ip, args.lab_port, processes[0])
        wait_for_port(args.ip, args.port, processes[1])
        print("\nThe course, in JupyterLab:")
        print(f"  http://{args.ip}:{args.lab_port}/lab/tree/modules?token={token}")
        print_forms_urls(args.ip, args.port)
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


def print_forms_urls(ip: str, port: int) -> None:
    print("\nThe forms, in Voilà:")
    print(f"  mentor meeting log: http://{ip}:{port}/voila/render/meeting_log.ipynb?placement={EXAMPLE_PLACEMENT}")


def wait_for_port(ip: str, port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise OmtError(f"the server on port {port} stopped at start with code {process.returncode}; "
                           "is the port already in use? Choose another with --port")
        try:
            with socket.create_connection((ip, port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise OmtError(f"the server on {ip}:{port} did not start within {STARTUP_TIMEOUT_SECONDS:.0f} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
