"""Where artifacts and finished media live: one interface, a local folder or an S3 bucket
behind it (chosen at start-up by `ADREEL_STORAGE`)."""

from adreel.platform.storage.base import ObjectInfo, Storage
from adreel.platform.storage.keys import BadKey, StorageError, check_key, check_prefix
from adreel.platform.storage.local import LocalStorage

__all__ = ["BadKey", "LocalStorage", "ObjectInfo", "Storage", "StorageError", "check_key", "check_prefix"]
