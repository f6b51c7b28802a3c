"""Test stages whose stitching publishes real files (loaded with
ADREEL_PLUGINS=tests.client.media_plugin): the client downloads them as it would a video.

The stages are those of tests.api.stage_plugin (`?slow=video` and friends still steer them);
stitching then writes a megabyte of seeded bytes as `video.mp4`, a thumbnail and captions under
`DATA_DIR/media/<token>/`, and answers their paths as the real stage does.
"""

from __future__ import annotations

import os
import random
import secrets
from pathlib import Path
from typing import Any

from adreel.engine.stages import STAGE_NAMES, StageContext, StageRegistry
from tests.api import stage_plugin

VIDEO_BYTES = 1024 * 1024
CAPTIONS = {"srt": "1\n00:00:00,000 --> 00:00:01,000\nMeet the TrailPress.\n",
            "vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nMeet the TrailPress.\n"}


def fake_video(project_id: str) -> bytes:
    return random.Random(project_id).randbytes(VIDEO_BYTES)


def _publishing_stitch(context: StageContext) -> dict[str, Any]:
    outputs = stage_plugin._stage("stitching")(context)
    if "final_output_url" not in outputs:      # cancelled
        return outputs
    token = secrets.token_urlsafe(24)
    folder = Path(os.environ["ADREEL_DATA_DIR"]) / "media" / token
    folder.mkdir(parents=True)
    (folder / "video.mp4").write_bytes(fake_video(context.project_id))
    (folder / "thumbnail.jpg").write_bytes(b"\xff\xd8\xff\xe0 thumbnail \xff\xd9")
    for kind, text in CAPTIONS.items():
        (folder / f"captions.{kind}").write_text(text, "utf-8")
    return {**outputs, "media_token": token, "final_output_url": f"/media/{token}/video.mp4",
            "thumbnail_url": f"/media/{token}/thumbnail.jpg",
            "captions_url": {kind: f"/media/{token}/captions.{kind}" for kind in CAPTIONS}}


def register(stages: StageRegistry, **_registries: object) -> None:
    stage_plugin.register(stages)
    stages.register(STAGE_NAMES[-1], _publishing_stitch, poll=stage_plugin._poll(STAGE_NAMES[-1]))
