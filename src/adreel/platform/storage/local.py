"""A local folder as the store: `<root>/<key>`, written atomically (a temporary name, then a
rename), so a reader never sees half a file. Embedded mode's `DATA_DIR` layout: `work/...`
for stage artifacts, `media/<token>/...` for finished media."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from adreel.platform.storage.base import ObjectInfo
from adreel.platform.storage.keys import StorageError, check_key, check_prefix

CHUNK = 256 * 1024


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.name = f"the folder {self.root}"

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def _write(self, key: str, write: Callable[[Path], object]) -> None:
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
            write(partial)
            partial.replace(target)
        except OSError as exc:
            raise StorageError(f"Could not write {key} to {self.name}: {exc.strerror or exc}.") from exc

    def put_bytes(self, key: str, data: bytes) -> None:
        self._write(key, lambda path: path.write_bytes(data))

    def put_file(self, key: str, path: Path) -> None:
        self._write(key, lambda target: shutil.copyfile(path, target))

    def get_bytes(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except OSError as exc:
            raise StorageError(f"Could not read {key} from {self.name}: {exc.strerror or exc}.") from exc

    def get_file(self, key: str, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._path(key), path)
        except OSError as exc:
            raise StorageError(f"Could not read {key} from {self.name}: {exc.strerror or exc}.") from exc

    def size(self, key: str) -> int | None:
        path = self._path(key)
        return path.stat().st_size if path.is_file() else None

    def read_range(self, key: str, start: int, end: int) -> Iterator[bytes]:
        try:
            handle = self._path(key).open("rb")     # opened now: a missing file fails before any answer
        except OSError as exc:
            raise StorageError(f"Could not read {key} from {self.name}: {exc.strerror or exc}.") from exc

        def chunks() -> Iterator[bytes]:
            with handle:
                handle.seek(start)
                left = end - start + 1
                while left > 0:
                    chunk = handle.read(min(CHUNK, left))
                    if not chunk:
                        return
                    left -= len(chunk)
                    yield chunk

        return chunks()

    def list(self, prefix: str) -> list[ObjectInfo]:
        folder = self.root / check_prefix(prefix)
        if not folder.is_dir():
            return []
        found = []
        for path in folder.rglob("*"):
            relative = path.relative_to(self.root).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in relative.split("/")):
                found.append(ObjectInfo(relative, path.stat().st_size))
        return sorted(found, key=lambda item: item.key)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def folder(self, prefix: str) -> Path | None:
        return self.root / check_prefix(prefix)

    def delete_prefix(self, prefix: str) -> None:
        shutil.rmtree(self.root / check_prefix(prefix), ignore_errors=True)

    def local_path(self, key: str) -> Path | None:
        path = self._path(key)
        return path if path.is_file() else None

    def presigned_url(self, key: str, expires_s: int) -> str | None:
        return None

    def check(self) -> None:
        probe = f".ready-{os.getpid()}-{uuid.uuid4().hex}"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / probe).write_bytes(b"")
            (self.root / probe).unlink()
        except OSError as exc:
            raise StorageError(f"{self.name} is not writable ({exc.strerror or exc}); make it writable "
                               "or point ADREEL_DATA_DIR elsewhere.") from exc
