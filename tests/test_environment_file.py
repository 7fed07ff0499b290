"""environment.yml lists the same packages as pyproject.toml, so conda users get the same stack."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def test_environment_mirrors_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = requirement_names(project["dependencies"] + project["optional-dependencies"]["test"])
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed = requirement_names([entry for entry in environment["dependencies"] if isinstance(entry, str)])
    assert wanted - listed == set()
