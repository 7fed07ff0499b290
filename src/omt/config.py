"""Where the shared store lives.

The store location is resolved the same way by every command, notebook, Voilà app and papermill run:

1. an explicit path (`--store PATH`, or a `store` parameter of a report);
2. the `OMT_STORE` environment variable;
3. `var/store` inside the project folder, when the package runs from a source checkout;
4. otherwise `$XDG_DATA_HOME/omt/store` (by default `~/.local/share/omt/store`).

The current folder never matters, so a kernel started in `modules/` or `voila_apps/` finds the same
store as the command line started at the top of the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

STORE_ENV = "OMT_STORE"
PROJECT_MARKER = "pyproject.toml"
PROJECT_NAME_LINE = 'name = "omt-2iqm"'


def project_root() -> Path | None:
    """Return the source checkout this package runs from, or None for a normal install."""
    candidate = Path(__file__).resolve().parents[2]
    marker = candidate / PROJECT_MARKER
    try:
        if PROJECT_NAME_LINE in marker.read_text(encoding="utf-8"):
            return candidate
    except OSError:
        return None
    return None


def default_store_path() -> Path:
    """Return the store location used when neither `--store` nor `OMT_STORE` is given."""
    root = project_root()
    if root is not None:
        return root / "var" / "store"
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "omt" / "store"


def resolve_store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the store folder from an explicit path, `OMT_STORE`, or the default, in that order."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(STORE_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return default_store_path()
