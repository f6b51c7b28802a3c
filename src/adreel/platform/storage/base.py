"""The storage contract. Keys are checked by `keys.check_key`; every failure of the store is a
`StorageError` (`storage_failed`) whose message names the store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int


class Storage(Protocol):
    name: str   # where it is, for messages and `adreel doctor` ("s3://bucket/prefix at http://...")

    def put_bytes(self, key: str, data: bytes) -> None: ...

    def put_file(self, key: str, path: Path) -> None:
        """Store a file (large ones in parts); readers see the whole object or none of it."""

    def get_bytes(self, key: str) -> bytes: ...

    def get_file(self, key: str, path: Path) -> None: ...

    def size(self, key: str) -> int | None:
        """The object's size in bytes, or None when there is none."""

    def read_range(self, key: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes `start`..`end` (inclusive) of the object, in chunks."""

    def list(self, prefix: str) -> list[ObjectInfo]:
        """Every object under `prefix` (which ends in `/`), sorted by key."""

    def delete(self, key: str) -> None:
        """Remove one object (nothing happens when there is none)."""

    def delete_prefix(self, prefix: str) -> None: ...

    def folder(self, prefix: str) -> Path | None:
        """The prefix as a folder of this machine, when the store is a local folder."""

    def local_path(self, key: str) -> Path | None:
        """The object as a file of this machine, when the store is a local folder."""

    def presigned_url(self, key: str, expires_s: int) -> str | None:
        """A time-limited URL that fetches the object directly, when the store offers one."""

    def check(self) -> None:
        """Raise `StorageError` saying what to fix when the store cannot be used."""
