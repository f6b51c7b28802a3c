"""A rig written to a folder by the video stage and read back by stitching: the setting, the
person, the eye patches for each blink level and the mouth patch for every shape and opening
level the compositor uses — drawn once, never per frame."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from PIL import Image

from adreel.media.align.visemes import SHAPES

GESTURES = ("point", "hold")
MOUTH_LEVELS = 12        # openness steps (the compositor quantises to these)
EYE_LEVELS = 4           # blink steps

Box = tuple[int, int, int, int]


class Rig(Protocol):
    width: int
    height: int
    background: Image.Image
    person: Image.Image
    eyes_box: Box
    mouth_box: Box

    def eyes(self, closed: float) -> Image.Image: ...

    def mouth(self, shape: str, openness: float) -> Image.Image: ...


def save_rig(rig: Rig, folder: Path) -> int:
    """Write every layer of `rig` under `folder`; returns how many files were written."""
    folder.mkdir(parents=True, exist_ok=True)
    rig.background.convert("RGB").save(folder / "background.jpg", "JPEG", quality=92)
    rig.person.save(folder / "person.png", compress_level=1)
    for level in range(EYE_LEVELS + 1):
        rig.eyes(level / EYE_LEVELS).save(folder / f"eyes-{level}.png", compress_level=0)
    for shape in SHAPES:
        for level in range(MOUTH_LEVELS + 1):
            rig.mouth(shape, level / MOUTH_LEVELS).save(folder / f"mouth-{shape}-{level}.png", compress_level=0)
    meta: dict[str, object] = {"width": rig.width, "height": rig.height, "eyes_box": list(rig.eyes_box),
                               "mouth_box": list(rig.mouth_box)}
    if getattr(rig, "kind", None) == "photo":
        meta["kind"] = "photo"                   # framed per aspect ratio around its face
        meta["head_box"] = list(rig.head_box)  # type: ignore[attr-defined]
    # A drawn actor also has its head apart (it tilts) and gestures; a photo actor has neither.
    body, head = getattr(rig, "body", None), getattr(rig, "head", None)
    if body is not None and head is not None:
        body.save(folder / "body.png", compress_level=1)
        head.save(folder / "head.png", compress_level=1)
        meta["head_pivot"] = list(rig.head_pivot)  # type: ignore[attr-defined]
    if hasattr(rig, "gesture"):
        for name in GESTURES:
            rig.gesture(name).save(folder / f"gesture-{name}.png", compress_level=1)  # type: ignore[attr-defined]
        meta["gestures"] = list(GESTURES)
        meta["hold_box"] = list(rig.hold_box)  # type: ignore[attr-defined]
    (folder / "rig.json").write_text(json.dumps(meta), "utf-8")
    return len(list(folder.iterdir()))


class StoredRig:
    """A saved rig; patches load on first use."""

    def __init__(self, folder: Path) -> None:
        meta = json.loads((folder / "rig.json").read_text("utf-8"))
        self.folder = folder
        self.width, self.height = int(meta["width"]), int(meta["height"])
        self.eyes_box: Box = tuple(meta["eyes_box"])  # type: ignore[assignment]
        self.mouth_box: Box = tuple(meta["mouth_box"])  # type: ignore[assignment]
        self.background = self._open("background.jpg")
        self.person = self._open("person.png")
        self.body = self._open("body.png") if (folder / "body.png").is_file() else None
        self.head = self._open("head.png") if (folder / "head.png").is_file() else None
        self.head_pivot = tuple(meta.get("head_pivot") or (self.width // 2, self.height // 2))
        self.hold_box = tuple(meta["hold_box"]) if meta.get("hold_box") else None
        self.kind = str(meta.get("kind") or "drawn")
        self.head_box: Box | None = tuple(meta["head_box"]) if meta.get("head_box") else None  # type: ignore[assignment]
        self._gestures = list(meta.get("gestures") or [])

    def gesture(self, name: str) -> Image.Image | None:
        return self._open(f"gesture-{name}.png") if name in self._gestures else None

    def _open(self, name: str) -> Image.Image:
        with Image.open(self.folder / name) as image:
            return image.copy()

    def eyes(self, closed: float) -> Image.Image:
        return self._open(f"eyes-{round(min(max(closed, 0), 1) * EYE_LEVELS)}.png")

    def mouth(self, shape: str, openness: float) -> Image.Image:
        shape = shape if shape in SHAPES else "rest"
        return self._open(f"mouth-{shape}-{round(min(max(openness, 0), 1) * MOUTH_LEVELS)}.png")
