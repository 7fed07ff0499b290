"""Personal access links: a secret key in a form's URL that names one person of the registry.

A link's key is `secrets.token_urlsafe(32)` (256 random bits, never starting with "-"). The store keeps only its SHA-256
hex digest in `links.json`, so a copy of the store or of a backup does not open any form. A link
has an expiry and can be revoked; `person_for_key` returns the person only while neither applies.

`placement_parties` is the one rule of who acts for whom: a person acts for a placement as its
volunteer, mentor or task supervisor, and a coordinator acts for the placement's organisations
that are theirs (sending, hosting, coordinating). Forms and the board build on it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tinydb import TinyDB

from omt.errors import ValidationError
from omt.store.codec import decode_moment, encode_moment
from omt.store.ids import check_id
from omt.store.models import Person, Placement
from omt.store.store import Store

log = logging.getLogger(__name__)

LINKS = "links.json"
TABLE = "links"
DEFAULT_DAYS = 120
# `key=` in a URL, plain or percent-encoded (as in a `next=` parameter), at the start of a query
# parameter. The value runs to the next parameter, space or quote; an encoded value stops at `%`.
KEY_IN_URL = re.compile(r"(?:(?<=[?&;\s'\"(])|(?<=%3[Ff])|(?<=%26)|^)key(?:=([^&\s'\"#<>]+)|%3[Dd]([^&\s'\"#<>%]+))")
REDACTED = "[redacted]"
PERSON_PARTIES = ("volunteer", "mentor", "task_supervisor")
ORGANISATION_PARTIES = ("sending", "hosting", "coordinating")


@dataclass(frozen=True)
class AccessLink:
    """One issued link: whose it is, when it expires and whether it was revoked; never the key."""

    key_hash: str
    person_id: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None = None
    label: str = ""

    def validate(self) -> None:
        problems: dict[str, str] = {}
        if not re.fullmatch(r"[0-9a-f]{64}", str(self.key_hash)):
            problems["key_hash"] = "is not a SHA-256 digest (64 hexadecimal digits)"
        try:
            check_id(self.person_id, "person_id")
        except ValidationError as error:
            problems.update(error.problems)
        if self.expires_at <= self.created_at:
            problems["expires_at"] = (f"expiry {encode_moment(self.expires_at)} is not after creation "
                                      f"{encode_moment(self.created_at)}")
        if problems:
            raise ValidationError(problems)

    def status(self, now: dt.datetime) -> str:
        """Return "revoked", "expired" or "valid" at `now`."""
        if self.revoked_at is not None:
            return "revoked"
        if now >= self.expires_at:
            return "expired"
        return "valid"

    def to_document(self) -> dict[str, Any]:
        return {"key_hash": self.key_hash, "person_id": self.person_id, "label": self.label,
                "created_at": encode_moment(self.created_at), "expires_at": encode_moment(self.expires_at),
                "revoked_at": encode_moment(self.revoked_at) if self.revoked_at else None}

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> AccessLink:
        return cls(key_hash=document["key_hash"], person_id=document["person_id"],
                   created_at=decode_moment(document["created_at"]),
                   expires_at=decode_moment(document["expires_at"]),
                   revoked_at=decode_moment(document.get("revoked_at")), label=document.get("label", ""))


def new_key() -> str:
    """Return a new random key that does not start with "-".

    One `token_urlsafe` key in 64 starts with "-", and `omt links revoke --key -abc` then reads the
    key as an option. Drawing again in that case costs less than a bit of the key's 256.
    """
    while True:
        key = secrets.token_urlsafe(32)
        if not key.startswith("-"):
            return key


def hash_key(key: str) -> str:
    """Return the SHA-256 hex digest under which a link's key is stored."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def issue_link(store: Store, person_id: str, days: int = DEFAULT_DAYS, label: str = "",
               now: dt.datetime | None = None) -> tuple[str, AccessLink]:
    """Store a new link for `person_id`, valid for `days` days, and return its key with the link.

    The key is returned once and never stored; whoever issues the link must pass it on now.
    """
    if days < 1:
        raise ValidationError({"days": f"{days} is less than 1; give the number of days the link stays valid"})
    store.person(person_id)
    now = now or utc_now()
    key = new_key()
    link = AccessLink(key_hash=hash_key(key), person_id=person_id, created_at=now,
                      expires_at=now + dt.timedelta(days=days), label=label)
    store._change(LINKS, lambda database: database.table(TABLE).insert(link.to_document()))
    log.info("issued an access link for person %s, valid until %s", person_id, link.expires_at.date())
    return key, link


def revoke_key(store: Store, key: str, now: dt.datetime | None = None) -> int:
    """Revoke the link of `key`; return 1, or 0 when no unrevoked link has that key."""
    key_hash = hash_key(key)
    return _revoke(store, lambda document: document["key_hash"] == key_hash, now)


def revoke_person(store: Store, person_id: str, label: str | None = None, now: dt.datetime | None = None) -> int:
    """Revoke every unrevoked link of `person_id` (only those with `label`, when given); return how many."""
    def matches(document: dict[str, Any]) -> bool:
        return document["person_id"] == person_id and label in (None, document.get("label", ""))

    return _revoke(store, matches, now)


def _revoke(store: Store, matches: Callable[[dict[str, Any]], bool], now: dt.datetime | None) -> int:
    revoked_at = encode_moment(now or utc_now())

    def mutate(database: TinyDB) -> int:
        table = database.table(TABLE)
        chosen = [document.doc_id for document in table.all()
                  if matches(document) and document.get("revoked_at") is None]
        if chosen:
            table.update({"revoked_at": revoked_at}, doc_ids=chosen)
        return len(chosen)

    count = store._change(LINKS, mutate)
    log.info("revoked %d access link(s)", count)
    return count


def access_links(store: Store) -> list[AccessLink]:
    """Return every issued link, revoked and expired ones included, oldest first."""
    links = (AccessLink.from_document(document) for document in store._read(LINKS, TABLE))
    return sorted(links, key=lambda link: (link.created_at, link.person_id))


def find_link(store: Store, key: str | None) -> AccessLink | None:
    """Return the link whose key is `key`, whatever its status, or None when there is none."""
    if not key:
        return None
    key_hash = hash_key(key)
    for document in store._read(LINKS, TABLE):
        if secrets.compare_digest(document["key_hash"], key_hash):
            return AccessLink.from_document(document)
    return None


def person_for_key(store: Store, key: str | None, now: dt.datetime | None = None) -> Person | None:
    """Return the person of a valid link, or None for no key, an unknown, expired or revoked one.

    The reason is logged with the person's id, never with the key.
    """
    link = find_link(store, key)
    if link is None:
        if key:
            log.warning("an unknown access key was used")
        return None
    status = link.status(now or utc_now())
    if status != "valid":
        log.warning("a %s access link of person %s was used", status, link.person_id)
        return None
    people = {person.person_id: person for person in store.people()}
    person = people.get(link.person_id)
    if person is None:
        log.warning("person %s of an access link not found in the registry", link.person_id)
    return person


def placement_parties(person: Person, placement: Placement) -> tuple[str, ...]:
    """Return the parties of `placement` that `person` acts for, such as ("sending", "coordinating").

    A person is the volunteer, mentor or task supervisor named in the placement. A coordinator acts
    for each of the placement's organisations that is their own organisation.
    """
    parties = [party for party in PERSON_PARTIES if getattr(placement, f"{party}_id") == person.person_id]
    if person.role == "coordinator" and person.organisation_id is not None:
        parties.extend(party for party in ORGANISATION_PARTIES
                       if getattr(placement, f"{party}_organisation_id") == person.organisation_id)
    return tuple(parties)


def placements_of(store: Store, person: Person, party: str | None = None) -> list[Placement]:
    """Return the placements `person` acts for (as `party` only, when given), by placement id."""
    return [placement for placement in store.placements()
            if (parties := placement_parties(person, placement)) and party in (None, *parties)]


def redact_keys(text: str) -> str:
    """Return `text` with the value of every `key=` URL parameter replaced by REDACTED."""
    return KEY_IN_URL.sub(redacted_match, text)


def redacted_match(match: re.Match[str]) -> str:
    """Return the matched `key=` (or `key%3D`) followed by REDACTED instead of its value."""
    value_start = match.start(1) if match.group(1) is not None else match.start(2)
    return match.group(0)[:value_start - match.start(0)] + REDACTED


class KeyRedactingFilter(logging.Filter):
    """Rewrite each record's message with its access keys redacted, before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def redact_record(record: logging.LogRecord) -> None:
    """Replace the record's message and arguments by the formatted message with keys redacted."""
    try:
        message = record.getMessage()
    except Exception:  # A wrong format string, which logging reports later. Redact the raw parts instead.
        message = f"{record.msg} {record.args}"
    if "key" not in message:
        return
    record.msg = redact_keys(message)
    record.args = None
