"""The commands that start the course (JupyterLab) and the forms server (Voilà)."""

from __future__ import annotations

import sys
from pathlib import Path

from omt.config import project_root
from omt.errors import ConfigError

FORMS_FOLDER = "voila_apps"
COURSE_FOLDER = "modules"


def checkout_folder(name: str) -> Path:
    """Return a top-level folder of the source checkout, such as `voila_apps`."""
    root = project_root()
    if root is None or not (root / name).is_dir():
        raise ConfigError(f"folder {name!r} not found: run this command from a source checkout of 2IQM OMT "
                          "installed with `pip install -e .`")
    return root / name


def forms_server_command(ip: str = "127.0.0.1", port: int = 8866) -> list[str]:
    """Return the command that serves only `voila_apps/` with Voilà, without tracebacks."""
    return [
        sys.executable, "-m", "voila", str(checkout_folder(FORMS_FOLDER)),
        "--no-browser", f"--Voila.ip={ip}", f"--port={port}",
        "--show_tracebacks=False",
        "--MappingKernelManager.cull_idle_timeout=300",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
    ]


def course_server_command(ip: str = "127.0.0.1", port: int = 8888, token: str = "") -> list[str]:
    """Return the command that opens the course in JupyterLab, rooted at the checkout."""
    root = checkout_folder(COURSE_FOLDER).parent
    return [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--ServerApp.ip={ip}", f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
    ]
