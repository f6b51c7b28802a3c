"""Photo actors: a portrait animated in place. The face and eyes are found with OpenCV's Haar
cascades (they ship inside the opencv-python-headless 4.x wheel; no model is fetched); the
mouth is placed from the face's proportions and the lip line found in the pixels. The rig
paints the photo's own mouth closed and opens a dark, toothed interior over it as far as each
frame asks; eyelids in the sampled skin colour close for blinks.

Cut-outs (green_screen) use a soft head-and-shoulders matte drawn from the face box — no
segmentation model ships in a wheel that works here, so this is the documented fallback."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from adreel.errors import AdreelError

MIN_FACE_PX = 80        # narrower faces cannot carry a readable mouth once scaled up
SHAPE_WIDTH = {"rest": 0.5, "closed": 0.5, "fv": 0.55, "th": 0.55, "teeth": 0.6, "ch": 0.45, "r": 0.45,
               "wide": 0.78, "open": 0.66, "round": 0.46, "narrow": 0.32}
TEETH = frozenset({"fv", "th", "teeth", "wide", "open"})
INTERIOR = (38, 12, 16)


class NoFace(AdreelError):
    code = "no_face"


@dataclass(frozen=True)
class DetectedFace:
    box: tuple[int, int, int, int]                  # x, y, w, h
    eyes: tuple[tuple[int, int], tuple[int, int]]   # left and right eye centres
    mouth: tuple[int, int]                          # centre of the lip line
    mouth_width: int


@lru_cache(maxsize=4)
def _cascade(name: str) -> cv2.CascadeClassifier:
    return cv2.CascadeClassifier(cv2.data.haarcascades + name)


def find_face(image: Image.Image) -> DetectedFace:
    """The one clear face of a portrait, or `NoFace` saying why not."""
    rgb = np.asarray(image.convert("RGB"))
    scale = min(1.0, 900 / max(rgb.shape[:2]))
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    gray = cv2.equalizeHist(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY))
    found = _cascade("haarcascade_frontalface_alt2.xml").detectMultiScale(gray, 1.1, 5, minSize=(36, 36))
    faces = sorted(((int(x / scale), int(y / scale), int(w / scale), int(h / scale)) for x, y, w, h in found),
                   key=lambda f: -f[2])
    if not faces:
        raise NoFace("No face was found in the photo; use a clear, front-facing portrait of one person.")
    clear = [f for f in faces if f[2] >= faces[0][2] * 0.5]
    if len(clear) > 1:
        raise NoFace(f"The photo shows {len(clear)} faces; use a portrait of one person.")
    x, y, w, h = faces[0]
    if w < MIN_FACE_PX:
        raise NoFace(f"The face is only {w} px wide; use a photo where it is at least {MIN_FACE_PX} px wide.")
    full = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    eyes = _eyes(full, (x, y, w, h))
    cx = (eyes[0][0] + eyes[1][0]) // 2
    distance = max(eyes[1][0] - eyes[0][0], w // 3)
    guess = int((eyes[0][1] + eyes[1][1]) / 2 + 0.46 * h)
    band = full[max(guess - h // 10, 0): guess + h // 10, max(cx - distance // 3, 0): cx + distance // 3]
    seam = guess - h // 10 + int(np.argmin(band.mean(axis=1))) if band.size else guess
    return DetectedFace((x, y, w, h), eyes, (cx, seam), int(distance * 0.95))


def _eyes(gray: np.ndarray, box: tuple[int, int, int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    x, y, w, h = box
    top = gray[y: y + int(h * 0.58), x: x + w]
    found = _cascade("haarcascade_eye.xml").detectMultiScale(top, 1.1, 4, minSize=(w // 8, w // 8))
    centres = sorted(((x + ex + ew // 2, y + ey + eh // 2) for ex, ey, ew, eh in
                      sorted(found, key=lambda e: -e[2])[:2]), key=lambda c: c[0])
    if len(centres) == 2 and centres[1][0] - centres[0][0] > w * 0.25:
        return centres[0], centres[1]
    return (x + int(w * 0.32), y + int(h * 0.4)), (x + int(w * 0.68), y + int(h * 0.4))


class PhotoRig:
    """The same interface as a drawn actor's rig, made from a portrait and its face."""

    def __init__(self, image: Image.Image, face: DetectedFace, height: int = 1200) -> None:
        x, y, w, h = face.box
        photo = image.convert("RGB")
        # Head and shoulders around the face, inside the photo.
        cw, ch = min(photo.width, int(w * 3.0)), min(photo.height, int(h * 4.0))
        left = min(max(x + w // 2 - cw // 2, 0), photo.width - cw)
        top = min(max(y - int(h * 0.8), 0), photo.height - ch)
        scale = height / ch
        self.width, self.height = max(2, round(cw * scale)), height
        crop = photo.crop((left, top, left + cw, top + ch)).resize((self.width, self.height), Image.Resampling.LANCZOS)

        def at(px: float, py: float) -> tuple[int, int]:
            return round((px - left) * scale), round((py - top) * scale)

        self.background = crop
        fx, fy = at(x, y)
        fw, fh = round(w * scale), round(h * scale)
        matte = Image.new("L", crop.size, 0)
        draw = ImageDraw.Draw(matte)
        draw.ellipse((fx - fw * 0.15, fy - fh * 0.45, fx + fw * 1.15, fy + fh * 1.2), fill=255)
        draw.rounded_rectangle((fx - fw * 0.9, fy + fh * 1.15, fx + fw * 1.9, self.height + fh), radius=fw // 2,
                               fill=255)
        self.person = crop.copy()
        self.person.putalpha(matte.filter(ImageFilter.GaussianBlur(fw * 0.06)))
        self.head_pivot = (fx + fw // 2, fy + fh)
        self.head_box = (fx, fy, fx + fw, fy + fh)
        (lx, ly), (rx, ry) = at(*face.eyes[0]), at(*face.eyes[1])
        eye = max(8, round((rx - lx) * 0.36))
        self.eyes_box = (lx - eye, min(ly, ry) - eye, rx + eye, max(ly, ry) + eye)
        self._eye_centres = ((lx, ly), (rx, ry))
        self._eye_size = eye
        mx, my = at(*face.mouth)
        self._mw = max(12, round(face.mouth_width * scale))
        self.mouth_box = (mx - self._mw, my - self._mw // 2, mx + self._mw, my + self._mw)
        self._skin = self._sample(crop, (fx + fw // 2, fy + round(fh * 0.62)), fw // 10)
        lips = crop.crop(self.mouth_box)
        pixels = np.asarray(lips).reshape(-1, 3).astype(int)
        redness = pixels[:, 0] - pixels[:, 1]
        self._lips = tuple(int(v) for v in np.median(pixels[redness >= np.percentile(redness, 80)], axis=0))

    @staticmethod
    def _sample(image: Image.Image, centre: tuple[int, int], radius: int) -> tuple[int, int, int]:
        r = max(radius, 2)
        patch = np.asarray(image.crop((centre[0] - r, centre[1] - r, centre[0] + r, centre[1] + r)))
        return tuple(int(v) for v in np.median(patch.reshape(-1, 3), axis=0))  # type: ignore[return-value]

    def _feathered(self, patch: Image.Image, mask: Image.Image) -> Image.Image:
        # Painted shapes are softened to the photo's own sharpness, then feathered into it.
        patch = patch.filter(ImageFilter.GaussianBlur(max(0.8, patch.width / 160)))
        rgba = patch.convert("RGBA")
        rgba.putalpha(mask.filter(ImageFilter.GaussianBlur(max(1.5, patch.width / 40))))
        return rgba

    def eyes(self, closed: float) -> Image.Image:
        x0, y0, _x1, _y1 = self.eyes_box
        patch = self.background.crop(self.eyes_box)
        mask = Image.new("L", patch.size, 0)
        if closed > 0.05:
            draw, mdraw = ImageDraw.Draw(patch), ImageDraw.Draw(mask)
            e = self._eye_size
            for cx, cy in self._eye_centres:
                lid = (cx - x0 - e * 0.62, cy - y0 - e * 0.4,
                       cx - x0 + e * 0.62, cy - y0 - e * 0.4 + e * 0.85 * closed)
                draw.ellipse(lid, fill=self._skin)
                mdraw.ellipse((lid[0] - 3, lid[1] - 3, lid[2] + 3, lid[3] + 3), fill=255)
                lash = lid[3] - 1
                draw.line((lid[0] + e * 0.12, lash, lid[2] - e * 0.12, lash), fill=(52, 36, 30), width=max(2, e // 10))
        return self._feathered(patch, mask)

    def mouth(self, shape: str, openness: float) -> Image.Image:
        patch = self.background.crop(self.mouth_box)
        draw = ImageDraw.Draw(patch)
        mask = Image.new("L", patch.size, 0)
        mdraw = ImageDraw.Draw(mask)
        mw = self._mw
        cx, seam = mw, mw // 2
        half = mw * 0.48
        lip = max(3, mw // 9)
        # Paint the photo's own mouth shut: lips over whatever it shows, a seam between them.
        mdraw.ellipse((cx - half - lip, seam - lip * 2.2, cx + half + lip, seam + lip * 2.6), fill=255)
        draw.ellipse((cx - half, seam - lip * 1.6, cx + half, seam + lip * 1.9), fill=self._lips)
        opening = 0.0 if shape == "closed" else min(max(openness, 0.0), 1.0)
        if opening < 0.04:
            draw.line((cx - half * 0.9, seam, cx + half * 0.9, seam), fill=tuple(int(c * 0.45) for c in self._lips),
                      width=max(2, lip // 2))
            return self._feathered(patch, mask)
        width = mw * SHAPE_WIDTH.get(shape, 0.55)
        drop = opening * mw * 0.62
        inner = (cx - width / 2, seam - drop * 0.25, cx + width / 2, seam + drop * 0.75)
        outer = (inner[0] - lip, inner[1] - lip, inner[2] + lip, inner[3] + lip * 1.3)
        mdraw.ellipse((outer[0] - lip, outer[1] - lip, outer[2] + lip, outer[3] + lip * 2), fill=255)
        draw.ellipse(outer, fill=self._lips)
        draw.ellipse(inner, fill=INTERIOR)
        if shape in TEETH:
            band = (inner[0] + width * 0.12, inner[1], inner[2] - width * 0.12, inner[1] + max(2.0, drop * 0.22))
            draw.rectangle(band, fill=(236, 230, 220))
            draw.ellipse(inner, outline=self._lips, width=max(1, lip // 3))
        return self._feathered(patch, mask)
