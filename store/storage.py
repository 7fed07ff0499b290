"""The only code that reads and writes the store's files.

`AtomicJSONStorage` is a TinyDB storage that reads its file once, keeps changes in memory and, when
closed, writes the whole file atomically: a temporary file in the same folder, flush, fsync, rename
over the old file, fsync of the folder. A reader therefore sees the old file or the new one, never a
half-written one, and a process killed at any moment leaves a readable file behind. A process
killed between creating the temporary file and the rename leaves that file behind, named
`.<name>.<random>.tmp`: readers never open it, and `omt store check --repair` removes it.

Locking is the caller's job (see `omt.store.store.Store`): the storage must be opened and closed
inside the store's lock for every change. Keeping a TinyDB handle open across writes loses records
when several processes write, because TinyDB caches the next document id per handle.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from omt.errors import StoreCorruptedError
from omt.store.codec import dumps

log = logging.getLogger(__name__)

# Files get the usual permissions (0666 less the umask), not mkstemp's private 0600.
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK

TEMPORARY_SUFFIX = ".tmp"

RESTORE_HINT = "run `omt store check` for details and `omt store restore` to restore the latest backup"


def read_json_file(path: Path) -> Any:
    """Return the parsed content of a store file, None when it does not exist.

    Raises StoreCorruptedError, naming the file and the restore command, when the file is empty,
    truncated or not valid JSON.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreCorruptedError(
            f"store file {path} is damaged ({error.__class__.__name__}: {error}); {RESTORE_HINT}"
        ) from None


def write_json_file(path: Path, document: Any) -> None:
    """Write a document to `path` atomically and durably (temporary file, fsync, rename)."""
    write_text_file(path, dumps(document))


def write_text_file(path: Path, text: str) -> None:
    """Write `text` to `path` atomically and durably (temporary file, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
    log.debug("wrote %s (%d bytes)", path.name, len(text))


def is_temporary_file(name: str) -> bool:
    """Return whether a file name is one of `write_text_file`'s temporary files."""
    return name.startswith(".") and name.endswith(TEMPORARY_SUFFIX)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk so that a rename survives a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class AtomicJSONStorage(Storage):
    """TinyDB storage that buffers changes and writes the file once, atomically, on close."""

    def __init__(self, path: str | os.PathLike[str], **_: Any):
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._dirty = False

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            self._data = read_json_file(self.path)
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._dirty = True

    def close(self) -> None:
        if self._dirty and self._data is not None:
            write_json_file(self.path, self._data)
        self._dirty = False
