"""Run the survey analysis notebook under nbval against a throw-away store.

    pytest surveys/   (nbval and nbval_sanitize.cfg come from pyproject.toml)

The notebook builds its demo sample in a temporary folder of its own. OMT_STORE is set here as
well, in `pytest_configure` before any kernel starts, so that a notebook run with
`use_demo_sample = False` reads a throw-away store, never the project's. The variable is restored
when pytest ends.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_saved_environment: dict[str, str | None] = {}
_temporary_folders: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    folder = tempfile.mkdtemp(prefix="omt-nbval-surveys-")
    _temporary_folders.append(folder)
    _saved_environment.setdefault("OMT_STORE", os.environ.get("OMT_STORE"))
    os.environ["OMT_STORE"] = os.path.join(folder, "store")


def pytest_unconfigure(config: pytest.Config) -> None:
    for name, value in _saved_environment.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _saved_environment.clear()
    while _temporary_folders:
        shutil.rmtree(_temporary_folders.pop(), ignore_errors=True)
