"""Helpers of the store tests that read what the store and the worker processes wrote."""

from __future__ import annotations

import collections
import subprocess
from collections.abc import Callable
from pathlib import Path

from omt.store.layout import PLACEMENTS
from omt.store.storage import read_json_file

WORKER = Path(__file__).with_name("store_worker.py")
SUBMISSION_ID_LENGTH = 32

# The `start_worker` fixture: called with the worker's arguments, returns the started process.
StartWorker = Callable[..., subprocess.Popen]


def submission_counts(root: Path) -> collections.Counter[str]:
    """Return how many documents each submission id has, over every placement file."""
    counts: collections.Counter[str] = collections.Counter()
    for path in sorted((root / PLACEMENTS).glob("*.json")):
        data = read_json_file(path) or {}
        counts.update(document["submission_id"] for document in data.get("submissions", {}).values())
    return counts


def printed_ids(path: Path) -> list[str]:
    """Return the submission ids a worker printed, ignoring a last line cut short by a kill."""
    complete_lines = path.read_text(encoding="utf-8").split("\n")[:-1]
    return [line for line in complete_lines if len(line) == SUBMISSION_ID_LENGTH]
