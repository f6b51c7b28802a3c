"""A photo uploaded in the studio is an `avatarImageUrl` under adreel's own address: it is read
back from the store, so a server on a loopback or LAN address (which the fetcher's guard refuses)
can still use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from adreel.app import make_fetcher
from adreel.config import Settings
from adreel.pipeline.toolkit import Toolkit
from adreel.platform.http import FetchError
from adreel.platform.storage import LocalStorage

BASE = "http://127.0.0.1:8000"


def test_own_media_is_read_from_the_store_and_nothing_else_is(tmp_path: Path) -> None:
    with make_fetcher(Settings(data_dir=tmp_path)) as fetcher:     # the default guard: no loopback
        kit = Toolkit(fetcher=fetcher, voices=None, storage=LocalStorage(tmp_path), scratch_root=tmp_path / "s",
                      public_url=BASE)
        kit.storage.put_bytes("media/abcdefghijklmnopqrstuvwxyz/photo.jpg", b"jpeg bytes")
        assert kit.read_bytes(f"{BASE}/media/abcdefghijklmnopqrstuvwxyz/photo.jpg") == b"jpeg bytes"
        for elsewhere in (f"{BASE}/media/abcdefghijklmnopqrstuvwxyz/missing.jpg",   # not kept: refused
                          f"{BASE}/media/../adreel.db", f"{BASE}/healthz",          # not media: fetched, refused
                          "http://127.0.0.1:8001/media/abcdefghijklmnopqrstuvwxyz/photo.jpg"):
            with pytest.raises(FetchError):
                kit.read_bytes(elsewhere)
