"""Local media storage: files under `DATA_DIR/media/<token>/<name>`, where the token carries
128+ bits of randomness so public URLs cannot be guessed, and no key can leave the root."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def new_folder(self) -> str:
        """A fresh unguessable folder token (192 bits)."""
        token = secrets.token_urlsafe(24)
        (self.root / token).mkdir(parents=True, exist_ok=True)
        return token

    def path(self, token: str, name: str) -> Path | None:
        """The file for a public key, or None when the key is malformed, escapes the root or
        names nothing."""
        if not _TOKEN.match(token) or not _NAME.match(name) or ".." in name:
            return None
        candidate = (self.root / token / name).resolve()
        if candidate.parent.parent != self.root or not candidate.is_file():
            return None
        return candidate

    def write(self, token: str, name: str, data: bytes) -> Path:
        """Write atomically (temporary name, then rename)."""
        if not _TOKEN.match(token) or not _NAME.match(name):
            raise ValueError("invalid storage key")
        folder = self.root / token
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        partial = folder / f".{name}.{os.getpid()}.part"
        partial.write_bytes(data)
        partial.replace(target)
        return target
