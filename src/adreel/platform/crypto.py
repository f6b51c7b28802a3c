"""Secrets at rest: API keys are stored as hashes, webhook secrets encrypted.

API keys carry 192+ bits of randomness, so a plain SHA-256 is the right hash (slow password
hashes only matter for guessable secrets) and lets a key be found by its hash in one lookup.
Webhook secrets must be read back to sign payloads, so they are encrypted with Fernet under
`ADREEL_SECRET_KEY`, generated into the data directory on first start when not set.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

KEY_PREFIX = "nvl_"
WEBHOOK_PREFIX = "whsec_"


def new_api_key() -> str:
    """`nvl_` + 43 URL-safe characters (256 bits)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def new_webhook_secret() -> str:
    return WEBHOOK_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class SecretBox:
    """Encrypts and decrypts small secrets with one Fernet key."""

    def __init__(self, key: str | bytes) -> None:
        try:
            self._fernet = Fernet(key if isinstance(key, bytes) else key.encode())
        except (ValueError, TypeError) as exc:
            raise ValueError("ADREEL_SECRET_KEY must be a Fernet key (32 url-safe base64 bytes); "
                             "generate one with python -c 'from cryptography.fernet import Fernet; "
                             "print(Fernet.generate_key().decode())'") from exc

    def seal(self, secret: str) -> bytes:
        return self._fernet.encrypt(secret.encode("utf-8"))

    def open(self, token: bytes) -> str:
        try:
            return self._fernet.decrypt(token).decode("utf-8")
        except InvalidToken as exc:
            raise ValueError("A stored secret could not be decrypted: ADREEL_SECRET_KEY changed") from exc


def load_or_create_key(folder: Path, configured: str | None) -> str:
    """The configured key, else the one in `folder/secret.key`, created (mode 0600) if absent."""
    if configured:
        return configured
    path = folder / "secret.key"
    if path.is_file():
        return path.read_text("ascii").strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode("ascii")
    partial = folder / f".secret.key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    try:
        os.link(partial, path)   # first process to start wins; the others read its key
    except FileExistsError:
        pass
    finally:
        partial.unlink(missing_ok=True)
    return path.read_text("ascii").strip()
