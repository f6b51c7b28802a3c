"""A stand-in outside lip-sync service, plugged in the way an operator would
(`ADREEL_PLUGINS=tests.api.lipsync_plugin`): it takes the actor clip and the voice, reports
progress over a few polls, and hands back the clip with a magenta tag in its corner (so a test
can see that the service's frames, not the local rig, reached the video).
`ADREEL_TEST_LIPSYNC=fail` makes it fail the job instead."""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path
from typing import Any

import av

from adreel.media.actors.provider import LipSyncSlot, LipSyncStatus

TAG = (255, 0, 255)


def _tagged(video: Path) -> bytes:
    out = io.BytesIO()
    with av.open(str(video)) as source, av.open(out, "w", format="mp4") as target:
        stream = source.streams.video[0]
        encoder = target.add_stream("libx264", rate=30)
        encoder.width, encoder.height, encoder.pix_fmt = stream.width, stream.height, "yuv420p"
        for number, frame in enumerate(source.decode(stream)):
            pixels = frame.to_ndarray(format="rgb24")
            pixels[:40, :40] = TAG
            picture = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            picture.pts = number
            for packet in encoder.encode(picture):
                target.mux(packet)
        for packet in encoder.encode():
            target.mux(packet)
    return out.getvalue()


class StandInService:
    name = "stand-in"
    poll_after_s = 0.3

    def __init__(self) -> None:
        self.jobs: dict[str, dict[str, Any]] = {}

    def submit(self, video: Path, audio: Path) -> dict[str, Any]:
        assert video.is_file() and audio.is_file()
        ticket = str(uuid.uuid4())
        self.jobs[ticket] = {"video": video, "polls": 0}
        return {"ticket": ticket}

    def poll(self, handle: dict[str, Any]) -> LipSyncStatus:
        job = self.jobs[handle["ticket"]]
        job["polls"] += 1
        if os.environ.get("ADREEL_TEST_LIPSYNC") == "fail":
            return LipSyncStatus(error="the stand-in service is out of GPUs")
        if job["polls"] < 3:
            return LipSyncStatus(progress=job["polls"] / 3)
        return LipSyncStatus(progress=1.0, done=True, video=_tagged(job["video"]))


def register(lip_sync: LipSyncSlot) -> None:
    lip_sync.set(StandInService())
