"""Drafts: what a person has entered in a form but not saved yet, kept across page reloads.

Voilà starts a new kernel for every page load, so nothing in the kernel outlives a reload; the
draft is kept on the server instead, in the store's folder:

    <store>/drafts/<placement id>.json   table "drafts": one document per form and author

A draft is the page's content as JSON (`Field.draft_value`), even entries that are not valid
answers yet, such as "4x" typed as a duration. It is not a submission: reports, the journey and
backups ignore it, and saving the form deletes it.

NOTE: these functions use the store's private `_change` and `_read`, so that drafts are written
under the store's lock and atomically like every other store file. They are meant to move into
`omt.store.Store` as `save_draft`, `draft` and `clear_draft`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tinydb import Query, TinyDB

from omt.store import Store
from omt.store.codec import to_json_value
from omt.store.ids import check_id

DRAFTS_FOLDER = "drafts"
TABLE = "drafts"


@dataclass(frozen=True)
class DraftKey:
    """Whose draft of which form for which placement."""

    placement_id: str
    form_id: str
    author_id: str

    @property
    def relative_path(self) -> str:
        return f"{DRAFTS_FOLDER}/{check_id(self.placement_id, 'placement_id')}.json"

    def matches(self, document: dict[str, Any]) -> bool:
        return document.get("form_id") == self.form_id and document.get("author_id") == self.author_id


@dataclass(frozen=True)
class Draft:
    """The page's content as saved, and when (UTC)."""

    values: dict[str, Any]
    saved_at: dt.datetime


def save_draft(store: Store, key: DraftKey, values: dict[str, Any]) -> None:
    """Store the page's content for `key`, replacing the previous draft."""
    document = {"form_id": key.form_id, "author_id": key.author_id, "values": to_json_value(values, "draft"),
                "saved_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    condition = (Query().form_id == key.form_id) & (Query().author_id == key.author_id)

    def mutate(database: TinyDB) -> None:
        database.table(TABLE).upsert(document, condition)

    store._change(key.relative_path, mutate)


def load_draft(store: Store, key: DraftKey) -> Draft | None:
    """Return the draft stored for `key`, or None when there is none."""
    for document in store._read(key.relative_path, TABLE):
        if key.matches(document):
            return Draft(values=document["values"], saved_at=dt.datetime.fromisoformat(document["saved_at"]))
    return None


def clear_draft(store: Store, key: DraftKey) -> None:
    """Delete the draft stored for `key`; nothing happens when there is none."""
    if load_draft(store, key) is None:
        return
    condition = (Query().form_id == key.form_id) & (Query().author_id == key.author_id)
    store._change(key.relative_path, lambda database: database.table(TABLE).remove(condition))
