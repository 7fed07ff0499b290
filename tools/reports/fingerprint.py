"""Fingerprints of reports: a report whose fingerprint has not changed need not be built again.

A fingerprint covers everything a report is made from: the placement's submissions file as
stored, the registry entries of the placement and of its people and organisations, the template,
the report's parameters (language and day) and the code and rules that turn them into the page.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from omt.store import Store
from omt.store.layout import placement_file

# The sources whose change changes what a report shows, relative to the `omt` package.
REPORT_SOURCES = (
    ("omt.tools.reports", "content.py"), ("omt.tools.reports", "render.py"), ("omt.tools.reports", "charts.py"),
    ("omt.tools.reports", "labels.py"), ("omt.tools.reports", "export.py"), ("omt.store", "journey.py"),
    ("omt.store", "journey_rules.yaml"), ("omt.widgets", "forms/definitions/meeting_log.yaml"),
)


@lru_cache(maxsize=1)
def report_code_digest() -> str:
    """Return the digest of the report's code and rules; a missing file counts as empty."""
    digest = hashlib.sha256()
    for package, name in REPORT_SOURCES:
        try:
            digest.update((resources.files(package) / name).read_bytes())
        except (OSError, ModuleNotFoundError):
            digest.update(b"-")
    return digest.hexdigest()


class Fingerprinter:
    """Computes the fingerprints of one batch's reports; the registry is read once per batch."""

    def __init__(self, store: Store, template_bytes: bytes, language: str, as_of: str):
        self.store = store
        self.people = {person.person_id: person for person in store.people()}
        self.organisations = {organisation.organisation_id: organisation for organisation in store.organisations()}
        self.constant = hashlib.sha256()
        self.constant.update(hashlib.sha256(template_bytes).digest())
        self.constant.update(json.dumps({"language": language, "as_of": as_of}, sort_keys=True).encode("utf-8"))
        self.constant.update(report_code_digest().encode("ascii"))

    def fingerprint(self, placement_id: str) -> str:
        """Return the fingerprint of one placement's report, as a hexadecimal SHA-256 digest."""
        placement = self.store.placement(placement_id)
        registry = {
            "placement": placement.to_document(),
            "people": [self._document(self.people, person_id) for person_id in
                       (placement.volunteer_id, placement.mentor_id, placement.task_supervisor_id)],
            "organisations": [self._document(self.organisations, organisation_id) for organisation_id in
                              (placement.sending_organisation_id, placement.hosting_organisation_id,
                               placement.coordinating_organisation_id)],
        }
        digest = self.constant.copy()
        digest.update(read_bytes(self.store.root / placement_file(placement_id)))
        digest.update(json.dumps(registry, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        return digest.hexdigest()

    @staticmethod
    def _document(records: dict, record_id: str) -> dict | None:
        record = records.get(record_id)
        return None if record is None else record.to_document()


def read_bytes(path: Path) -> bytes:
    """Return the file's bytes, or none when it does not exist (a placement without submissions)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
