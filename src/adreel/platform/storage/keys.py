"""Object keys: `/`-separated segments of letters, digits, `.`, `_` and `-`, never empty, never
`.` or `..`, never starting with a dot (those are our own partial files). A key that breaks
the rule names nothing: no key can leave its store's root or prefix."""

from __future__ import annotations

import re

from adreel.errors import AdreelError

_SEGMENT = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$")
MAX_KEY = 900


class StorageError(AdreelError):
    """The store could not be reached or refused the operation; the message names which."""

    code = "storage_failed"


class BadKey(StorageError):
    """A key that breaks the key rule (an attempt to leave the prefix, an odd name)."""

    code = "invalid_request"


def check_key(key: str) -> str:
    if not key or len(key) > MAX_KEY or any(not _SEGMENT.match(part) or part in (".", "..")
                                            for part in key.split("/")):
        raise BadKey(f"{key!r} is not a storage key")
    return key


def check_prefix(prefix: str) -> str:
    """A prefix is a key that ends in `/` (listing and deleting work on whole folders)."""
    if not prefix.endswith("/"):
        raise BadKey(f"{prefix!r} is not a storage prefix (it must end in '/')")
    check_key(prefix[:-1])
    return prefix
