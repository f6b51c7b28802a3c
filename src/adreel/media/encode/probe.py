"""What an MP4 really holds, read back from the file (the API reports durations from here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av


@dataclass(frozen=True)
class Probe:
    video_codec: str
    pix_fmt: str
    width: int
    height: int
    fps: float
    frames: int
    duration: float
    audio_codec: str | None
    channels: int | None
    sample_rate: int | None
    faststart: bool           # the index (moov) comes before the media data (mdat)


def _faststart(path: Path) -> bool:
    with path.open("rb") as handle:
        offset = 0
        size = path.stat().st_size
        while offset + 8 <= size:
            handle.seek(offset)
            header = handle.read(16)
            length = int.from_bytes(header[:4], "big")
            kind = header[4:8]
            if kind == b"moov":
                return True
            if kind == b"mdat":
                return False
            if length == 1:
                length = int.from_bytes(header[8:16], "big")
            if length < 8:
                return False
            offset += length
    return False


def probe_mp4(path: Path) -> Probe:
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        audio = container.streams.audio[0] if container.streams.audio else None
        duration = float(container.duration or 0) / av.time_base
        fps = float(video.average_rate or video.guessed_rate or 0)
        return Probe(
            video_codec=video.codec_context.name, pix_fmt=str(video.codec_context.pix_fmt),
            width=video.codec_context.width, height=video.codec_context.height, fps=fps,
            frames=int(video.frames or round(duration * fps)), duration=duration,
            audio_codec=audio.codec_context.name if audio else None,
            channels=audio.codec_context.channels if audio else None,
            sample_rate=audio.codec_context.sample_rate if audio else None,
            faststart=_faststart(path),
        )
