"""A project's work folder over an object store: what a stage reads comes from the store, what
it writes, rewrites or deletes goes back, and its scratch never outlives the stage or stands in
for the store. The store here is a local folder that refuses to be used in place, so it
behaves as a bucket does (the same code runs against S3 in test_shared_storage)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from adreel.pipeline.toolkit import Toolkit
from adreel.platform.storage import LocalStorage


class Bucket(LocalStorage):
    """A store that is never a folder of this machine."""

    def folder(self, prefix: str) -> Path | None:
        return None

    def local_path(self, key: str) -> Path | None:
        return None


@pytest.fixture
def kit(tmp_path: Path) -> Toolkit:
    return Toolkit(fetcher=None, voices=None, storage=Bucket(tmp_path / "bucket"),  # type: ignore[arg-type]
                   scratch_root=tmp_path / "scratch")


def stored(kit: Toolkit, name: str) -> bytes:
    return kit.storage.get_bytes(f"work/p1/{name}")


def test_what_a_stage_writes_reaches_the_store_and_its_scratch_goes(kit: Toolkit, tmp_path: Path) -> None:
    with kit.stage_work("p1") as work:
        work.write_json("script.json", {"v": 1})
        (work.fresh("layers") / "shot-01.png").write_bytes(b"png")
        assert kit.work("p1") is work            # the stage's own calls get the same folder
    assert json.loads(stored(kit, "script.json")) == {"v": 1}
    assert stored(kit, "layers/shot-01.png") == b"png"
    assert not (tmp_path / "scratch" / "p1").exists()
    with kit.stage_work("p1") as work:           # the next stage reads it from the store
        assert work.read_json("script.json") == {"v": 1}
        assert (work.path("layers") / "shot-01.png").read_bytes() == b"png"


def test_a_same_size_rewrite_is_sent_even_when_the_clock_did_not_move(kit: Toolkit) -> None:
    kit.storage.put_bytes("work/p1/concept.json", b'{"voice": "aaaa"}')
    with kit.stage_work("p1") as work:
        path = work.path("concept.json")
        before = path.stat()
        path.write_bytes(b'{"voice": "bbbb"}')
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))   # a coarse clock: same stamp
    assert stored(kit, "concept.json") == b'{"voice": "bbbb"}'


def test_a_scratch_left_by_a_killed_stage_is_not_taken_for_the_store(kit: Toolkit, tmp_path: Path) -> None:
    kit.storage.put_bytes("work/p1/script.json", b'{"v": "new, from another machine"}')
    left = tmp_path / "scratch" / "p1" / "script.json"
    left.parent.mkdir(parents=True)
    left.write_bytes(b'{"v": "old"}')
    with kit.stage_work("p1") as work:
        assert work.read_json("script.json") == {"v": "new, from another machine"}
    assert stored(kit, "script.json") == b'{"v": "new, from another machine"}'


def test_deleted_files_stay_deleted_and_leave_the_store(kit: Toolkit) -> None:
    kit.storage.put_bytes("work/p1/actor_synced.mp4", b"clip")
    with kit.stage_work("p1") as work:
        work.path("actor_synced.mp4").unlink()
        assert not work.path("actor_synced.mp4").exists()
    assert kit.storage.size("work/p1/actor_synced.mp4") is None


def test_a_folder_is_completed_after_one_of_its_files_was_fetched(kit: Toolkit) -> None:
    for name in ("a.png", "b.png"):
        kit.storage.put_bytes(f"work/p1/actor/{name}", name.encode())
    with kit.stage_work("p1") as work:
        assert work.path("actor/a.png").read_bytes() == b"a.png"
        assert sorted(p.name for p in work.path("actor").iterdir()) == ["a.png", "b.png"]


def test_a_failing_stage_sends_nothing_and_leaves_no_scratch(kit: Toolkit, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), kit.stage_work("p1") as work:
        work.write_json("script.json", {"half": "done"})
        raise RuntimeError("the stage broke")
    assert kit.storage.size("work/p1/script.json") is None
    assert not (tmp_path / "scratch" / "p1").exists()
