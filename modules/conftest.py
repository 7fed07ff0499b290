"""Run the course notebooks under nbval against a throw-away store.

    pytest --nbval modules/

nbval starts each notebook's kernel with the environment of the pytest process. Setting OMT_STORE
in `pytest_configure`, before any kernel starts, therefore sends every write of the notebooks to a
temporary folder, never to the project's store. OMT_TRAINEE is fixed too, so that a developer's own
setting cannot change what the kernels see. Both variables are restored when pytest ends.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

TEST_TRAINEE = "Course Test"

_saved_environment: dict[str, str | None] = {}
_temporary_folders: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    folder = tempfile.mkdtemp(prefix="omt-nbval-")
    _temporary_folders.append(folder)
    _set_environment({"OMT_STORE": os.path.join(folder, "store"), "OMT_TRAINEE": TEST_TRAINEE})


def pytest_unconfigure(config: pytest.Config) -> None:
    for name, value in _saved_environment.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _saved_environment.clear()
    while _temporary_folders:
        shutil.rmtree(_temporary_folders.pop(), ignore_errors=True)


def _set_environment(values: dict[str, str]) -> None:
    for name, value in values.items():
        _saved_environment.setdefault(name, os.environ.get(name))
        os.environ[name] = value
