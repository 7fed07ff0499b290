"""Fixtures of the guide's tests: the repository's sources and a valid funding-map entry to change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from omt.store.vocabulary import COUNTRIES
from omt.tools.guide.builder import default_source_dir

EntryFactory = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def repository_sources() -> Path:
    """Return docs/guide of this checkout; change a copy, never this folder."""
    return default_source_dir()


def valid_entry(entry_id: str = "esc-test") -> dict[str, Any]:
    eligibility = {code: {"status": "check", "conditions": "Differs by action and call; check."}
                   for code in COUNTRIES}
    eligibility["FR"] = {"status": "eligible", "conditions": "EU Member State."}
    return {
        "id": entry_id, "name": "European Solidarity Corps volunteering projects",
        "funder": "European Commission", "funds": "Mentoring of volunteers.",
        "eligibility": eligibility, "cost_kinds": ["mentoring"],
        "source": "European Solidarity Corps Guide, European Commission", "year": 2026,
        "check": "Check the current programme guide.",
    }


@pytest.fixture
def make_entry() -> EntryFactory:
    """Return a function that builds a new valid raw entry of the funding map, with the id given."""
    return valid_entry
