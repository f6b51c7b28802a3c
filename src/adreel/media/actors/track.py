"""The mouth track: for every video frame, the mouth shape (from the viseme track) and how far
it opens (from the voice's loudness, shaped by what the viseme allows) — what the lip_sync
stage leaves for stitching (`mouth.json`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from adreel.media.align.visemes import JAW, SHAPES, openness

# Shapes whose lips meet: the mouth is shut on them however loud the frame is.
SHUT = frozenset({"closed"})


@dataclass(frozen=True)
class MouthTrack:
    fps: int
    shapes: list[str]        # per frame
    openness: list[float]    # per frame, 0 shut … 1 wide open

    def at(self, frame: int) -> tuple[str, float]:
        if not self.shapes:
            return "rest", 0.0
        index = min(max(frame, 0), len(self.shapes) - 1)
        return self.shapes[index], self.openness[index]

    def as_json(self) -> dict[str, object]:
        return {"fps": self.fps, "shapes": self.shapes, "openness": [round(v, 3) for v in self.openness]}

    @classmethod
    def from_json(cls, data: dict) -> MouthTrack:
        return cls(int(data["fps"]), list(data["shapes"]), [float(v) for v in data["openness"]])


def mouth_track(visemes: Sequence[dict], audio: np.ndarray, sample_rate: int, fps: int,
                frames: int) -> MouthTrack:
    """Per-frame shapes from `visemes.json` keyframes (`{t, shape, weight}`) and openness from
    the voice: the loudness envelope, scaled between the shape's own jaw range, zero on closures."""
    keys = sorted(((float(v["t"]), str(v["shape"])) for v in visemes), key=lambda k: k[0])
    loud = openness(audio, sample_rate, fps)
    shapes: list[str] = []
    values: list[float] = []
    cursor = 0
    for frame in range(frames):
        t = (frame + 0.5) / fps
        while cursor + 1 < len(keys) and keys[cursor + 1][0] <= t:
            cursor += 1
        shape = keys[cursor][1] if keys and keys[cursor][0] <= t else "rest"
        shape = shape if shape in SHAPES else "rest"
        level = float(loud[frame]) if frame < len(loud) else 0.0
        if shape in SHUT:
            value = 0.0
        elif shape == "rest":
            value = min(level, 0.1)
        else:
            # The voice says how open; the shape says how far this sound can open the jaw.
            value = level * (0.35 + 0.65 * JAW[shape])
        shapes.append(shape)
        values.append(round(min(max(value, 0.0), 1.0), 4))
    return MouthTrack(fps, shapes, values)
