"""The real pipeline with its store in S3 (moto's server over HTTP): every stage reads what the
one before it stored and stores what it made, under keys an operator can read; the process's
data folder keeps nothing but empty scratch."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from adreel.app import make_fetcher, make_toolkit
from adreel.config import Settings
from adreel.media.timeline.layout import SIZES
from adreel.pipeline.stages import LocalRun, run_project, run_stage
from adreel.platform.storage import StorageError
from tests.video_checks import check_video


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_video_made_through_s3_leaves_every_artifact_in_the_bucket(shop, registry, s3, tmp_path) -> None:
    bucket = s3.new_bucket()
    data_dir = tmp_path / "data"
    settings = Settings(data_dir=data_dir, allow_private_networks=True, storage=f"s3://{bucket}/adreel",
                        s3_endpoint_url=s3.url)
    run = LocalRun(project_id=str(uuid.uuid4()), url=shop.url("/products/kumo-wireless-headphones"), variant=0,
                   request={"aspect_ratio": "1:1", "ad_duration": 15, "content_type": "ad",
                            "script_style": "three_reasons", "format_preset": "split_screen"},
                   report=lambda *_: None)
    with make_fetcher(settings) as fetcher:
        kit = make_toolkit(settings, fetcher, registry, public_url="http://media.test")
        outputs = run_project(run, kit)
        keys = [item.key for item in kit.storage.list("work/") + kit.storage.list("media/")]
        work = f"work/{run.project_id}/"
        media = f"media/{outputs['media_token']}/"
        for name in ("product.json", "pictures.json", "script.json", "concept.json", "audio.json", "voice.wav",
                     "words.json", "visemes.json", "timeline.json", "layers.json", "mouth.json", "actor/rig.json"):
            assert work + name in keys, name
        for folder in ("images/", "layers/", "takes/"):
            assert any(key.startswith(work + folder) for key in keys), folder
        assert sorted(k for k in keys if k.startswith(media)) == [
            media + name for name in ("captions.srt", "captions.vtt", "script.json", "thumbnail.jpg", "video.mp4")]
        assert all(re.fullmatch(r"[A-Za-z0-9_./-]+", key) for key in keys)
        # The finished video comes back whole from the bucket and meets the contract.
        local = tmp_path / "downloaded"
        for name in ("video.mp4", "thumbnail.jpg", "captions.srt", "captions.vtt", "script.json"):
            kit.storage.get_file(media + name, local / name)
        words = json.loads(kit.storage.get_bytes(work + "words.json"))
        shots = json.loads(kit.storage.get_bytes(work + "timeline.json"))["shots"]
        check_video(local, size=SIZES["1:1"], target=15, words=words, shots=shots)
        # A stage re-run on another machine starts from the bucket alone.
        stitched = run_stage("stitching", run, kit)
        assert stitched["media_token"] == outputs["media_token"]
        assert stitched["duration_seconds"] == outputs["duration_seconds"]
    # Nothing a job needs stayed in this process's data folder: only the (emptied) scratch and caches.
    left = files_under(data_dir)
    assert not [name for name in left if not name.startswith(("scratch/", "cache/"))], left
    assert not [name for name in left if name.startswith("scratch/")], left
    assert not (data_dir / "work").exists() and not (data_dir / "media").exists()


def test_a_store_that_refuses_fails_the_stage_with_storage_failed(shop, registry, tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, allow_private_networks=True, storage="s3://gone/adreel",
                        s3_endpoint_url="http://127.0.0.1:9")
    run = LocalRun(project_id=str(uuid.uuid4()), url=shop.url("/products/kumo-wireless-headphones"), variant=0,
                   request={"aspect_ratio": "1:1", "ad_duration": 15, "content_type": "ad",
                            "format_preset": "product_showcase"}, report=lambda *_: None)
    with make_fetcher(settings) as fetcher:
        kit = make_toolkit(settings, fetcher, registry, public_url="http://media.test")
        with pytest.raises(StorageError, match=r"http://127\.0\.0\.1:9") as info:
            run_stage("preparing", run, kit)
    assert info.value.code == "storage_failed"
    assert not (tmp_path / "scratch").exists() or not files_under(tmp_path / "scratch")
