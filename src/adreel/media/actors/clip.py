"""An outside service's lip-synced clip as the actor layer: its frames, decoded in order, take
the actor's place on actor shots (the service answered for the whole voiceover)."""

from __future__ import annotations

from pathlib import Path

import av
import cv2
import numpy as np

from adreel.media.compose.yuv import Canvas, YuvLayer, planes_of
from adreel.media.timeline.layout import Rect
from adreel.media.timeline.model import Shot


class ClipActorLayer:
    def __init__(self, clip: Path, rect: Rect, fps: int) -> None:
        self.rect, self.fps = rect, fps
        self._container = av.open(str(clip))
        self._frames = self._container.decode(video=0)
        self._index = -1
        self._current: YuvLayer | None = None

    def _frame(self, number: int) -> YuvLayer | None:
        while self._index < number:
            try:
                frame = next(self._frames)
            except StopIteration:
                return self._current          # a short clip holds its last frame
            self._index += 1
            if self._index == number:
                w, h = self.rect[2] // 2 * 2, self.rect[3] // 2 * 2
                pixels = frame.to_ndarray(format="yuv420p")
                y, u, v = planes_of(pixels, frame.width, frame.height)
                if (frame.width, frame.height) != (w, h):
                    y = cv2.resize(y, (w, h), interpolation=cv2.INTER_AREA)
                    u = cv2.resize(u, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
                    v = cv2.resize(v, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
                self._current = YuvLayer(np.ascontiguousarray(y), np.ascontiguousarray(u), np.ascontiguousarray(v))
        return self._current

    def __call__(self, canvas: Canvas, t: float, shot: Shot) -> None:
        layer = self._frame(int(t * self.fps))     # decoded every frame so the clip stays in step
        if layer is not None and shot.actor:
            canvas.paste(layer, self.rect[0], self.rect[1])

    def close(self) -> None:
        self._container.close()
