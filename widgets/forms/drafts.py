"""Drafts: what a person has entered in a form but not saved yet, kept across page reloads.

Voilà starts a new kernel for every page load, so nothing in the kernel outlives a reload. The
draft is kept in the store instead, by `Store.save_draft` in `<store>/drafts/<placement id>.json`.
A page that belongs to no placement, such as placement registration or job shadowing, uses a
`DraftKey` without a placement; its draft is kept in `<store>/person_drafts/<author id>.json`.

A draft is the page's content as JSON (`Field.draft_value`), even entries that are not valid
answers yet, such as "4x" typed as a duration. It is not a submission: reports and the journey
ignore it, and saving the form deletes it. Backups and restores include drafts, and
`omt person erase` deletes a person's drafts.
"""

from __future__ import annotations

from typing import Any

from omt.store import Draft, DraftKey, Store

__all__ = ["Draft", "DraftKey", "clear_draft", "load_draft", "save_draft"]


def save_draft(store: Store, key: DraftKey, values: dict[str, Any]) -> None:
    """Store the page's content for `key`, replacing the previous draft."""
    store.save_draft(key, values)


def load_draft(store: Store, key: DraftKey) -> Draft | None:
    """Return the draft stored for `key`, or None when there is none."""
    return store.draft(key)


def clear_draft(store: Store, key: DraftKey) -> None:
    """Delete the draft stored for `key`; nothing happens when there is none."""
    store.clear_draft(key)
