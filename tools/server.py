"""The commands that start the course (JupyterLab) and the forms server (Voilà).

The forms server runs as `python -m omt.tools.server VOILA_ARGUMENTS`: this module's `main` prepares
the environment Voilà needs for the project's page template, then runs Voilà in the same process.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from omt.config import project_root
from omt.errors import ConfigError
from omt.store.links import redact_record

FORMS_FOLDER = "voila_apps"
COURSE_FOLDER = "modules"

# The Jupyter data folder that contains the page template `omt` (voila/templates/omt), shipped with
# this package. Voilà finds templates only under the Jupyter data folders, so `main` adds it to
# JUPYTER_PATH.
TEMPLATE_DATA_FOLDER = Path(__file__).with_name("jupyter_data")
TEMPLATE_NAME = "omt"

# Kernels kept running with the notebook already executed up to `wait_for_request()`. Each costs
# about 55 MB while it waits, and the culler never stops it. So only the pages opened most often get
# a pool: the meeting log, the check-in and the board. Other forms start a kernel when opened.
DEFAULT_POOL_SIZE = 1
PREHEATED_NOTEBOOKS = ("meeting_log.ipynb", "volunteer_checkin.ipynb", "board.ipynb")
# A page's kernel counts as idle when no message went through it for this long; the culler then
# shuts it down. Voilà never shuts a kernel down when its page closes.
DEFAULT_CULL_IDLE_SECONDS = 300
DEFAULT_CULL_INTERVAL_SECONDS = 60
# Seconds to wait after a pre-heated kernel is used before starting its replacement, so that the
# replacement does not compete for the processor with the page being opened.
POOL_FILL_DELAY_SECONDS = 3
# The URL path, under the base URL, of the front-end extensions, whose file names change with
# their content, so browsers may keep them for a year without asking again.
IMMUTABLE_STATIC_PATH = "voila/labextensions/"
# One request line: Tornado's message is "<status> <method> <uri> (<client address>) <milliseconds>ms".
REQUEST_LOG_FORMAT = "[Request %(asctime)s] %(message)s"


def checkout_folder(name: str) -> Path:
    """Return a top-level folder of the source checkout, such as `voila_apps`."""
    root = project_root()
    if root is None or not (root / name).is_dir():
        raise ConfigError(f"folder {name!r} not found: run this command from a source checkout of 2IQM OMT "
                          "installed with `pip install -e .`")
    return root / name


def forms_server_command(ip: str = "127.0.0.1", port: int = 8866, *,
                         pool_size: int = DEFAULT_POOL_SIZE,
                         cull_idle_seconds: int = DEFAULT_CULL_IDLE_SECONDS,
                         cull_interval_seconds: int = DEFAULT_CULL_INTERVAL_SECONDS,
                         base_url: str = "/") -> list[str]:
    """Return the command that serves only `voila_apps/` with Voilà on `ip`:`port`.

    The server shows no tracebacks, renders pages with the template `omt` (no request to another
    host), keeps `pool_size` pre-heated kernels for each of PREHEATED_NOTEBOOKS (none for the other
    notebooks), and shuts down page kernels idle for
    `cull_idle_seconds`. `base_url` is the path prefix behind a reverse proxy, such as "/forms/".
    """
    if pool_size < 0:
        raise ConfigError(f"pool size {pool_size} is negative; give 0 to turn pre-heating off, or more")
    if cull_idle_seconds < 1 or cull_interval_seconds < 1:
        raise ConfigError(f"cull times {cull_idle_seconds} s and {cull_interval_seconds} s must be 1 s or more")
    base_url = normal_base_url(base_url)
    return [
        sys.executable, "-m", "omt.tools.server", str(checkout_folder(FORMS_FOLDER)),
        "--no-browser", f"--Voila.ip={ip}", f"--port={port}", f"--Voila.base_url={base_url}",
        "--show_tracebacks=False",
        f"--template={TEMPLATE_NAME}",
        f"--preheat_kernel={pool_size > 0}", f"--pool_size={pool_size}",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(kernel_pools(pool_size))}",
        f"--VoilaKernelManager.fill_delay={POOL_FILL_DELAY_SECONDS}",
        # Pygments styles only colour code cells, and the forms show no code.
        "--VoilaConfiguration.extension_denylist=jupyterlab_pygments",
        # The browser's language, for pages whose link names nobody (omt.widgets.language).
        "--VoilaConfiguration.http_header_envs=Accept-Language",
        f"--Voila.tornado_settings=static_immutable_cache={json.dumps([base_url + IMMUTABLE_STATIC_PATH])}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_seconds}",
        f"--MappingKernelManager.cull_interval={cull_interval_seconds}",
        # A page still open keeps its kernel however long its reader pauses, so no answers are lost.
        "--MappingKernelManager.cull_connected=False",
    ]


def kernel_pools(pool_size: int) -> dict[str, dict[str, int]]:
    """Return Voilà's pool configuration: `pool_size` kernels for each preheated notebook, 0 for others."""
    pools = {"default": {"pool_size": 0}}
    pools.update({notebook: {"pool_size": pool_size} for notebook in PREHEATED_NOTEBOOKS})
    return pools


def normal_base_url(base_url: str) -> str:
    """Return `base_url` with one slash at each end, as Voilà expects ("/", "/forms/")."""
    return "/" + "/".join(part for part in base_url.split("/") if part) + "/" if base_url.strip("/") else "/"


def course_server_command(ip: str = "127.0.0.1", port: int = 8888, token: str = "") -> list[str]:
    """Return the command that opens the course in JupyterLab, rooted at the checkout."""
    root = checkout_folder(COURSE_FOLDER).parent
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--ServerApp.ip={ip}", f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # JupyterLab does not start as root without --allow-root, and workshop laptops and
        # containers often run the quick start as root.
        command.append("--allow-root")
    return command


def prepare_voila_environment(arguments: Sequence[str], environment: dict[str, str]) -> None:
    """Set what Voilà and its kernels need in `environment` (normally `os.environ`).

    - JUPYTER_PATH starts with this package's data folder, so Voilà finds the template `omt`.
    - VOILA_APP_IP is the address Voilà listens on. A pre-heated kernel's `wait_for_request()`
      connects back to the server at that address, and Voilà 0.5.13 never sets it, so the kernel
      tries 127.0.0.1, where a server bound to one LAN address does not listen.
    """
    paths = [str(TEMPLATE_DATA_FOLDER)] + [p for p in environment.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    environment["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    ip = next((argument.split("=", 1)[1] for argument in arguments if argument.startswith("--Voila.ip=")), "")
    if ip and ip not in ("0.0.0.0", "::"):
        environment["VOILA_APP_IP"] = f"[{ip}]" if ":" in ip else ip


def redact_access_keys_in_logs() -> None:
    """Redact access keys (`key=...`) from every log record this process creates, once.

    Tornado's access log, Jupyter Server's request log and Voilà's debug messages write request URIs
    with their query string, and a form's URI contains the person's access key. A record factory
    sees every record of every logger before any handler or formatter, including handlers that
    Voilà adds while it starts. Text written to standard error without `logging` is not covered.
    """
    factory = logging.getLogRecordFactory()
    if getattr(factory, "omt_redacts_keys", False):
        return

    def make_record(*args: object, **kwargs: object) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        redact_record(record)
        return record

    make_record.omt_redacts_keys = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(make_record)


def log_requests() -> None:
    """Write one line per request to standard error, as Tornado's access log, with keys redacted.

    Voilà 0.5.13 gives Tornado's `tornado.access` logger no handler, so without this the server
    logs no request at all: a failed page load then leaves nothing to look up.
    """
    access_log = logging.getLogger("tornado.access")
    if any(getattr(handler, "omt_request_log", False) for handler in access_log.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(REQUEST_LOG_FORMAT, datefmt="%Y-%m-%d %H:%M:%S"))
    handler.omt_request_log = True  # type: ignore[attr-defined]
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False


def main(arguments: Sequence[str]) -> int:
    """Run Voilà with `arguments` in this process, after `prepare_voila_environment`."""
    redact_access_keys_in_logs()
    log_requests()
    prepare_voila_environment(arguments, os.environ)
    from voila.app import Voila

    Voila.launch_instance(argv=list(arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
