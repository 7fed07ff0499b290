"""Personal access links: keys stored hashed, expiry, revocation, and who acts for which placement."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

import pytest

from omt.errors import NotFoundError, ValidationError
from omt.store import Store
from omt.store.links import (
    LINKS,
    REDACTED,
    KeyRedactingFilter,
    access_links,
    issue_link,
    new_key,
    person_for_key,
    placement_parties,
    placements_of,
    redact_keys,
    revoke_key,
    revoke_person,
)

NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.timezone.utc)


def test_key_stored_only_hashed(demo_store: Store) -> None:
    key, link = issue_link(demo_store, "V-01", now=NOW)
    stored = (demo_store.root / LINKS).read_text()
    assert key not in stored
    assert link.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert link.key_hash in stored
    assert len(key) >= 43


def test_keys_differ_per_issue(demo_store: Store) -> None:
    first, _ = issue_link(demo_store, "V-01", now=NOW)
    second, _ = issue_link(demo_store, "V-01", now=NOW)
    assert first != second
    assert person_for_key(demo_store, first, NOW).person_id == "V-01"
    assert person_for_key(demo_store, second, NOW).person_id == "V-01"


def test_valid_key_names_person(demo_store: Store) -> None:
    key, _ = issue_link(demo_store, "M-VN-HAN", days=10, now=NOW)
    person = person_for_key(demo_store, key, NOW + dt.timedelta(days=9))
    assert (person.person_id, person.role) == ("M-VN-HAN", "mentor")


def test_expired_key_refused(demo_store: Store) -> None:
    key, link = issue_link(demo_store, "M-VN-HAN", days=10, now=NOW)
    assert link.expires_at == NOW + dt.timedelta(days=10)
    assert person_for_key(demo_store, key, NOW + dt.timedelta(days=10)) is None


@pytest.mark.parametrize("key", [None, "", "not-a-key", "x" * 43])
def test_unknown_key_refused(demo_store: Store, key: str | None) -> None:
    issue_link(demo_store, "V-01", now=NOW)
    assert person_for_key(demo_store, key, NOW) is None


def test_revoke_by_key(demo_store: Store) -> None:
    key, _ = issue_link(demo_store, "V-01", now=NOW)
    other, _ = issue_link(demo_store, "V-01", now=NOW)
    assert revoke_key(demo_store, key, now=NOW) == 1
    assert revoke_key(demo_store, key, now=NOW) == 0
    assert person_for_key(demo_store, key, NOW) is None
    assert person_for_key(demo_store, other, NOW) is not None


def test_revoke_person_every_link(demo_store: Store) -> None:
    keys = [issue_link(demo_store, "V-01", now=NOW)[0] for _ in range(3)]
    kept, _ = issue_link(demo_store, "V-02", now=NOW)
    assert revoke_person(demo_store, "V-01", now=NOW) == 3
    assert all(person_for_key(demo_store, key, NOW) is None for key in keys)
    assert person_for_key(demo_store, kept, NOW).person_id == "V-02"


def test_revoke_person_by_label(demo_store: Store) -> None:
    demo, _ = issue_link(demo_store, "V-01", label="demo", now=NOW)
    personal, _ = issue_link(demo_store, "V-01", now=NOW)
    assert revoke_person(demo_store, "V-01", label="demo", now=NOW) == 1
    assert person_for_key(demo_store, demo, NOW) is None
    assert person_for_key(demo_store, personal, NOW) is not None


def test_list_shows_status_not_key(demo_store: Store) -> None:
    key, _ = issue_link(demo_store, "V-01", days=1, now=NOW)
    issue_link(demo_store, "V-02", now=NOW)
    revoke_person(demo_store, "V-02", now=NOW)
    links = access_links(demo_store)
    assert [(link.person_id, link.status(NOW + dt.timedelta(days=2))) for link in links] == [
        ("V-01", "expired"), ("V-02", "revoked")]
    assert key not in repr(links)


def test_issue_checks_person_and_days(demo_store: Store) -> None:
    with pytest.raises(NotFoundError):
        issue_link(demo_store, "V-99")
    with pytest.raises(ValidationError):
        issue_link(demo_store, "V-01", days=0)
    assert not (demo_store.root / LINKS).exists()


def test_refusal_logged_without_key(demo_store: Store, caplog: pytest.LogCaptureFixture) -> None:
    key, _ = issue_link(demo_store, "V-01", now=NOW)
    revoke_key(demo_store, key, now=NOW)
    with caplog.at_level(logging.WARNING, logger="omt.store.links"):
        person_for_key(demo_store, key, NOW)
    assert "revoked access link of person V-01" in caplog.text
    assert key not in caplog.text


# -- who acts for which placement ---------------------------------------------------------------


@pytest.mark.parametrize(("person_id", "parties"), [
    ("V-01", ("volunteer",)), ("M-VN-HAN", ("mentor",)), ("S-VN-HAN", ("task_supervisor",)),
    ("C-FR-LYON", ("sending", "coordinating")), ("C-VN-HAN", ("hosting",)), ("C-IT-BOL", ()),
    ("V-02", ()), ("M-IT-BOL", ()),
])
def test_parties_of_fr_vn_01(demo_store: Store, person_id: str, parties: tuple[str, ...]) -> None:
    placement = demo_store.placement("FR-VN-01")
    assert placement_parties(demo_store.person(person_id), placement) == parties


def test_placements_of_hosting_coordinator(demo_store: Store) -> None:
    person = demo_store.person("C-VN-HAN")
    hosted = [p.placement_id for p in placements_of(demo_store, person, "hosting")]
    assert hosted == ["FR-VN-01", "IT-VN-08"]
    assert [p.placement_id for p in placements_of(demo_store, person, "coordinating")] == []
    assert len(placements_of(demo_store, person)) == 4


def test_coordinating_coordinator_sees_project(demo_store: Store) -> None:
    person = demo_store.person("C-FR-LYON")
    assert len(placements_of(demo_store, person, "coordinating")) == 12


# -- keys in log messages ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("200 GET /voila/render/x.ipynb?key=abc-DEF_1&placement=FR-VN-01 (127.0.0.1)",
     f"200 GET /voila/render/x.ipynb?key={REDACTED}&placement=FR-VN-01 (127.0.0.1)"),
    ("GET /x?placement=A&key=zz9", f"GET /x?placement=A&key={REDACTED}"),
    ("next=%2Fvoila%3Fkey%3DSECRET%26placement%3DX", f"next=%2Fvoila%3Fkey%3D{REDACTED}%26placement%3DX"),
    ('"Referer": "http://h/x?key=SEC"', f'"Referer": "http://h/x?key={REDACTED}"'),
    ("GET /x?apikey=1&monkey=2", "GET /x?apikey=1&monkey=2"),
])
def test_redact_keys(text: str, expected: str) -> None:
    assert redact_keys(text) == expected


def test_filter_redacts_record_arguments() -> None:
    record = logging.LogRecord("tornado.access", logging.INFO, __file__, 1, "%d %s %.2fms",
                               (200, "GET /x.ipynb?key=SECRET (127.0.0.1)", 3.0), None)
    KeyRedactingFilter().filter(record)
    assert record.getMessage() == f"200 GET /x.ipynb?key={REDACTED} (127.0.0.1) 3.00ms"


def test_store_check_validates_links(demo_store: Store) -> None:
    from omt.store.check import check_store

    issue_link(demo_store, "V-01")
    report = check_store(demo_store.root)
    assert report.ok
    assert not [note for note in report.notes if note.file == "links.json"]


def test_erased_person_loses_links(demo_store: Store) -> None:
    from omt.store.people import erase_person

    key, _link = issue_link(demo_store, "V-01")
    assert person_for_key(demo_store, key) is not None
    report = erase_person(demo_store, "V-01")
    assert person_for_key(demo_store, key) is None
    assert report.changes["links.json"]["access link deleted"] == 1


def test_new_keys_never_start_with_dash() -> None:
    # One key in 64 of token_urlsafe starts with "-", so 2,000 keys would show the problem.
    keys = [new_key() for _ in range(2000)]
    assert not [key for key in keys if key.startswith("-")]
    assert len(set(keys)) == len(keys)
