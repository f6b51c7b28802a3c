"""Photo actors: a portrait animated in place. Face landmarks (adreel.media.actors.landmarks)
place everything: the mouth patch is the photo's own lower face warped along the mesh for each
shape and opening (lips stay the person's lips; the jaw drops), with the inside of the mouth
drawn within the inner lip contour; blinks slide the upper lids down the same way. The rig
keeps a generous crop of the photo around the face, so each aspect ratio can frame it (see
ActorLayer), and a GrabCut person matte for cut-outs (green_screen)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import cv2
import numpy as np
from PIL import Image

from adreel.errors import AdreelError
from adreel.media.actors.landmarks import (
    CHIN,
    EYE_LEFT,
    EYE_RIGHT,
    FACE_OVAL,
    LIPS_INNER,
    LIPS_OUTER,
    MOUTH_CORNERS,
    Face,
    detect_faces,
    face_near,
    find_faces,
)
from adreel.media.actors.matte import person_matte
from adreel.media.actors.warp import MeshWarp

MIN_FACE_PX = 80        # narrower faces cannot carry a readable mouth once scaled up
CLEAR_SHARE = 0.45      # a second face at least this share of the first's width is a second person
# How far each shape pulls the mouth's corners in (< 1) or out (> 1).
SHAPE_WIDTH = {"round": 0.78, "narrow": 0.7, "ch": 0.86, "r": 0.86, "wide": 1.08, "teeth": 1.04, "open": 0.96}
TEETH_SHOWN = frozenset({"fv", "th", "teeth", "wide", "open", "ch", "r", "rest"})
DROP = 0.62             # the inner lips' gap at full openness, in mouth widths
OVERLAP = 0.02          # how far past each other shut lips go, in mouth widths
NOSE_BASE = 2
# Inner-lip pairs (upper, lower) across the mouth, and the inner corners.
INNER_PAIRS = ((191, 95), (80, 88), (81, 178), (82, 87), (13, 14), (312, 317), (311, 402), (310, 318), (415, 324))
INNER_CORNERS = (78, 308)
UPPER_LID = ((246, 161, 160, 159, 158, 157, 173), (398, 384, 385, 386, 387, 388, 466))
LOWER_LID = ((7, 163, 144, 145, 153, 154, 155), (382, 381, 380, 374, 373, 390, 249))
CAVITY, TONGUE, TEETH = np.array((52, 18, 22)), np.array((150, 62, 70)), np.array((222, 214, 200))


class NoFace(AdreelError):
    code = "no_face"


@dataclass(frozen=True)
class DetectedFace:
    box: tuple[int, int, int, int]                  # x, y, w, h around the face oval
    eyes: tuple[tuple[int, int], tuple[int, int]]   # left and right eye centres
    mouth: tuple[int, int]                          # centre of the lips
    mouth_width: int
    landmarks: Face


def find_face(image: Image.Image) -> DetectedFace:
    """The one clear face of a portrait, or `NoFace` saying why not (none, several people, too small)."""
    rgb = np.asarray(image.convert("RGB"))
    boxes = detect_faces(rgb)
    clear = [b for b in boxes if b[2] >= boxes[0][2] * CLEAR_SHARE]
    if len(clear) > 1:
        raise NoFace(f"The photo shows {len(clear)} people; use a portrait of one person.")
    face = face_near(rgb, boxes[0]) if boxes else None
    if face is None:
        meshes = find_faces(rgb, max_faces=1)      # a face the detector missed may still carry a mesh
        face = meshes[0] if meshes else None
    if face is None:
        raise NoFace("No face was found in the photo; use a clear, front-facing portrait of one person.")
    if face.width < MIN_FACE_PX:
        raise NoFace(f"The face is only {face.width:.0f} px wide; use a photo where it is at least {MIN_FACE_PX} px"
                     " wide.")
    left, right = face.at(EYE_LEFT).mean(axis=0), face.at(EYE_RIGHT).mean(axis=0)
    mouth = face.at(MOUTH_CORNERS).mean(axis=0)
    return DetectedFace(face.box, (_int(left), _int(right)), _int(mouth), round(face.mouth_width), face)


def _int(point: np.ndarray) -> tuple[int, int]:
    return round(float(point[0])), round(float(point[1]))


def _feather(size: tuple[int, int], edge: float) -> np.ndarray:
    """Alpha (float 0…1): opaque inside, fading to nothing over `edge` px at the box's edges."""
    w, h = size
    ys = np.minimum(np.arange(h), np.arange(h)[::-1])[:, None]
    xs = np.minimum(np.arange(w), np.arange(w)[None, ::-1][0])[None, :]
    near = np.minimum(ys, xs).astype(np.float32)
    return np.clip((near - edge * 0.15) / (edge * 0.85), 0, 1) ** 1.5


class PhotoRig:
    """The same interface as a drawn actor's rig, made from a portrait and its face."""

    kind = "photo"

    def __init__(self, image: Image.Image, face: DetectedFace, height: int = 1200) -> None:
        photo = np.asarray(image.convert("RGB"))
        x, y, w, h = face.box
        # A generous crop around the face (up to the whole photo): the layer frames it per aspect.
        cw, ch = min(photo.shape[1], round(w * 7)), min(photo.shape[0], round(h * 6.5))
        left = min(max(x + w // 2 - cw // 2, 0), photo.shape[1] - cw)
        top = min(max(y - round(h * 1.6), 0), photo.shape[0] - ch)
        scale = height / ch
        self.width, self.height = max(2, round(cw * scale)), height
        crop = photo[top: top + ch, left: left + cw]
        small = scale < 1
        crop = cv2.resize(crop, (self.width, self.height), interpolation=cv2.INTER_AREA if small else cv2.INTER_CUBIC)
        self._rgb = crop
        self.face = face.landmarks.moved(scale, -left * scale, -top * scale)
        fx, fy, fw, fh = self.face.box
        self.background = Image.fromarray(crop)
        self.head_box = (fx, fy, fx + fw, fy + fh)
        self.head_pivot = (fx + fw // 2, fy + fh)
        matte = person_matte(crop, self.face)
        self.person = Image.fromarray(np.dstack([crop, matte]), "RGBA")
        self._grey = float(cv2.cvtColor(crop, cv2.COLOR_RGB2HSV)[..., 1].mean()) < 18
        self.mouth_box = self._mouth_box()
        self.eyes_box = self._eyes_box()

    # -- boxes ---------------------------------------------------------------------------------

    def _clamped(self, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (max(0, round(x0)) // 2 * 2, max(0, round(y0)) // 2 * 2,
                min(self.width, round(x1)), min(self.height, round(y1)))

    def _mouth_box(self) -> tuple[int, int, int, int]:
        f, mw = self.face, self.face.mouth_width
        nose_y = float(f.points[NOSE_BASE][1])
        oval = f.at(FACE_OVAL)
        jaw = oval[oval[:, 1] > nose_y]
        return self._clamped(jaw[:, 0].min() - mw * 0.15, nose_y - mw * 0.08, jaw[:, 0].max() + mw * 0.15,
                             float(f.points[CHIN][1]) + mw * 0.55)

    def _eyes_box(self) -> tuple[int, int, int, int]:
        eyes = np.vstack([self.face.at(EYE_LEFT), self.face.at(EYE_RIGHT)])
        ew = float(np.ptp(self.face.at(EYE_LEFT)[:, 0]))
        (x0, y0), (x1, y1) = eyes.min(axis=0), eyes.max(axis=0)
        return self._clamped(x0 - ew * 0.5, y0 - ew * 0.7, x1 + ew * 0.5, y1 + ew * 0.45)

    def _inside(self, box: tuple[int, int, int, int], local: np.ndarray | None = None,
                protect: tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
        """The landmark indices well inside `box`, and their points in the box's own pixels."""
        x0, y0, x1, y1 = box
        if local is None:
            local = self.face.points - np.array([x0, y0], np.float32)
        keep = np.nonzero((local[:, 0] > 3) & (local[:, 1] > 3) & (local[:, 0] < x1 - x0 - 4)
                          & (local[:, 1] < y1 - y0 - 4))[0]
        # points within a pixel or two make slivers: keep the first of each (and every protected one)
        free = np.array([i for i in keep if i not in protect], int)
        _, first = np.unique(np.round(local[free] * 0.5), axis=0, return_index=True)
        keep = np.sort(np.concatenate([free[first], [i for i in protect if i in keep]]).astype(int))
        return keep, local[keep]

    @cached_property
    def _mouth_mesh(self) -> tuple[MeshWarp, np.ndarray, np.ndarray]:
        x0, y0, x1, y1 = self.mouth_box
        local = self.face.points - np.array([x0, y0], np.float32)
        # Lips that meet in the photo are parted by a pixel, so the mesh can open them.
        for upper, lower in INNER_PAIRS:
            seam = (local[upper, 1] + local[lower, 1]) / 2
            local[upper, 1] = min(local[upper, 1], seam - 0.75)
            local[lower, 1] = max(local[lower, 1], seam + 0.75)
        keep, local = self._inside(self.mouth_box, local, LIPS_INNER)
        hollow = tuple(int(np.nonzero(keep == j)[0][0]) for j in LIPS_INNER)
        return MeshWarp(self._rgb[y0:y1, x0:x1], local, hollow), keep, local

    @cached_property
    def _eyes_mesh(self) -> tuple[MeshWarp, np.ndarray, np.ndarray]:
        x0, y0, x1, y1 = self.eyes_box
        keep, local = self._inside(self.eyes_box, protect=(*EYE_LEFT, *EYE_RIGHT))
        return MeshWarp(self._rgb[y0:y1, x0:x1], local), keep, local

    def _local(self, index: int | tuple[int, ...], box: tuple[int, int, int, int]) -> np.ndarray:
        return self.face.at(index) - np.array(box[:2], np.float32)

    def _rgba(self, rgb: np.ndarray, edge: float) -> Image.Image:
        h, w = rgb.shape[:2]
        alpha = np.round(_feather((w, h), edge) * 255).astype(np.uint8)
        return Image.fromarray(np.dstack([rgb, alpha]), "RGBA")

    # -- eyes ----------------------------------------------------------------------------------

    def eyes(self, closed: float) -> Image.Image:
        """Both eyes, eyes_box-sized RGBA: `closed` 0 open … 1 shut (the upper lids slid down)."""
        warp, _, local = self._eyes_mesh
        moved = local.copy()
        closed = min(max(closed, 0.0), 1.0)
        if closed > 0.01:
            for upper, lower in zip(UPPER_LID, LOWER_LID, strict=True):
                up, low = self._local(upper, self.eyes_box), self._local(lower, self.eyes_box)
                ux, lx = np.argsort(up[:, 0]), np.argsort(low[:, 0])
                ew = float(np.ptp(low[:, 0]))
                for i, (px, py) in enumerate(local):
                    if not low[lx, 0][0] - ew * 0.25 <= px <= low[lx, 0][-1] + ew * 0.25:
                        continue
                    lid = float(np.interp(px, up[ux, 0], up[ux, 1]))
                    floor = float(np.interp(px, low[lx, 0], low[lx, 1]))
                    gap = max(floor - lid, 0.0) * closed
                    if lid - 1 <= py <= floor:           # the eye between the lids: squeezed onto the lower lid
                        moved[i, 1] = py + (floor - py) * closed
                    elif py < lid:                       # the lid (lashes and all) slides down whole; above
                        above = (lid - py) / ew          # it the skin stretches, less and less towards the brow
                        moved[i, 1] = py + gap * float(np.clip((0.5 - above) / 0.35, 0, 1))
        out = warp(moved)
        return self._rgba(out, min(out.shape[:2]) * 0.22)

    # -- mouth ---------------------------------------------------------------------------------

    def mouth(self, shape: str, openness: float) -> Image.Image:
        """The lower face in one of SHAPES, mouth_box-sized RGBA: `openness` 0…1 drops the jaw; the
        photo's own mouth is first closed (a smile or open mouth in the photo too)."""
        warp, keep, local = self._mouth_mesh
        box, mw = self.mouth_box, self.face.mouth_width
        opening = 0.0 if shape == "closed" else min(max(openness, 0.0), 1.0)
        drop = opening * DROP * mw
        at = {int(j): p for j, p in zip(keep, local, strict=True)}
        pairs = np.array([(at[u], at[lo]) for u, lo in INNER_PAIRS])  # (9, 2, 2)
        corners = np.array([at[c] for c in INNER_CORNERS])
        xs = np.concatenate([[corners[0, 0]], pairs[:, :, 0].mean(axis=1), [corners[1, 0]]])
        seam_ys = np.concatenate([[corners[0, 1]], pairs[:, :, 1].mean(axis=1), [corners[1, 1]]])
        gaps = np.concatenate([[0.0], np.maximum(pairs[:, 1, 1] - pairs[:, 0, 1], 0), [0.0]])
        order = np.argsort(xs)
        xs, seam_ys, gaps = xs[order], seam_ys[order], gaps[order]
        cx = float(xs.mean())
        nose_y = float(self._local(NOSE_BASE, box)[1])
        chin_y = float(self._local(CHIN, box)[1])
        width = SHAPE_WIDTH.get(shape, 1.0) if opening > 0 or shape in ("round", "narrow") else 1.0
        lower_ids = {lo for _, lo in INNER_PAIRS}
        moved = local.copy()
        for i, (px, py) in enumerate(local):
            seam = float(np.interp(px, xs, seam_ys))
            gap = float(np.interp(px, xs, gaps, left=0.0, right=0.0))
            side = abs(px - cx) / mw
            # lips shut a little past each other, so none of a parted mouth's inside shows between them
            overlap = OVERLAP * mw * min(gap, 1.0) * float(np.clip(1 - drop / (0.1 * mw), 0, 1))
            lateral = float(np.clip((1.25 - side) / 1.0, 0, 1)) ** 1.5     # the jaw moves most at the middle
            index = int(keep[i])
            if index in INNER_CORNERS or index in MOUTH_CORNERS:
                dy = 0.3 * drop * lateral
            elif index in lower_ids or py > seam + 0.5:
                shut = -(gap / 2 + overlap) * float(np.clip(1 - (py - seam) / max(chin_y - seam, 1), 0, 1))
                dy = shut + 0.8 * drop * lateral
            else:
                near = float(np.clip(1 - (seam - py) / max(seam - nose_y, 1), 0, 1))
                dy = (gap / 2 + overlap - 0.2 * drop * lateral) * near
            band = float(np.clip(1 - abs(py - seam) / (0.8 * mw), 0, 1))
            moved[i] = (px + (px - cx) * (width - 1) * band, py + dy)
        out = warp(moved)
        inner = np.array([moved[list(keep).index(j)] for j in LIPS_INNER])
        out = self._inside_mouth(out, inner, drop, shape) if drop >= 1.0 else self._seam(out, inner)
        return self._rgba(out, min(out.shape[:2]) * 0.16)

    @cached_property
    def _lip_colour(self) -> np.ndarray:
        """The median colour between the outer and inner lip contours of the photo."""
        mask = np.zeros(self._rgb.shape[:2], np.uint8)
        cv2.fillPoly(mask, [np.round(self.face.at(LIPS_OUTER)).astype(np.int32)], 1)
        cv2.fillPoly(mask, [np.round(self.face.at(LIPS_INNER)).astype(np.int32)], 0)
        lips = np.median(self._rgb[mask > 0], axis=0) if mask.any() else np.array((150, 80, 80))
        # under a moustache the "lips" sampled are hair: never lighter than the face around the mouth
        x0, y0, x1, y1 = self.mouth_box
        return np.minimum(lips, np.median(self._rgb[y0:y1, x0:x1].reshape(-1, 3), axis=0))

    def _seam(self, rgb: np.ndarray, inner: np.ndarray) -> np.ndarray:
        """Lips that meet: lip colour over where the photo's parted lips (teeth and all) were
        squeezed together, and the thin shadow line between them."""
        h, w = rgb.shape[:2]
        ss, mw = 4, self.face.mouth_width
        line = np.round(inner[: len(inner) // 2 + 1] * ss).astype(np.int32)
        out = rgb.astype(np.float32)
        for colour, width in ((self._lip_colour, 0.05), (self._lip_colour * 0.55, 0.018)):
            mask = np.zeros((h * ss, w * ss), np.uint8)
            cv2.polylines(mask, [line], False, 255, max(1, round(width * mw * ss)), cv2.LINE_AA)
            a = cv2.GaussianBlur(cv2.resize(mask, (w, h), interpolation=cv2.INTER_AREA), (0, 0), 0.7)[..., None] / 255
            out = out * (1 - a) + colour * a
        return np.clip(out, 0, 255).astype(np.uint8)

    def _inside_mouth(self, rgb: np.ndarray, inner: np.ndarray, drop: float, shape: str) -> np.ndarray:
        """The mouth's inside within the inner lip contour: shadow, upper teeth, a tongue low down."""
        h, w = rgb.shape[:2]
        ss = 4                                           # drawn at 4× for smooth edges
        hole = np.zeros((h * ss, w * ss), np.uint8)
        cv2.fillPoly(hole, [np.round(inner * ss).astype(np.int32)], 255, cv2.LINE_AA)
        hole = cv2.resize(hole, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
        top = float(inner[:, 1].min())
        yy = np.arange(h, dtype=np.float32)[:, None]
        fill = np.empty((h, w, 3), np.float32)
        depth = np.clip((yy - top) / max(drop, 1.0), 0, 1)[..., None]
        fill[:] = CAVITY * (1.15 - 0.35 * depth)
        mw = self.face.mouth_width
        if shape in TEETH_SHOWN:
            upper = np.interp(np.arange(w), *self._edge(inner, upper=True))[None, :]
            teeth_h = min(0.11 * mw, 0.45 * drop)
            band = np.clip((upper + teeth_h - yy) / 1.5, 0, 1) * np.clip(yy - upper + 1, 0, 1)
            fill = fill * (1 - band[..., None]) + TEETH * band[..., None] * (0.92 + 0.08 * (1 - depth))
        lower = np.interp(np.arange(w), *self._edge(inner, upper=False))[None, :]
        tongue = np.clip((yy - (lower - 0.35 * drop)) / 3, 0, 1) * (drop > 0.12 * mw)
        fill = fill * (1 - tongue[..., None] * 0.7) + TONGUE * tongue[..., None] * 0.7
        if self._grey:
            fill = fill.mean(axis=2, keepdims=True).repeat(3, axis=2)
        fill = cv2.GaussianBlur(fill, (0, 0), 0.8)
        a = hole[..., None]
        return np.clip(rgb * (1 - a) + fill * a, 0, 255).astype(np.uint8)

    @staticmethod
    def _edge(inner: np.ndarray, *, upper: bool) -> tuple[np.ndarray, np.ndarray]:
        """The upper (first half) or lower contour of the inner lips, as x-sorted (xs, ys)."""
        half = inner[: len(inner) // 2 + 1] if upper else np.vstack([inner[len(inner) // 2:], inner[:1]])
        order = np.argsort(half[:, 0])
        return half[order, 0], half[order, 1]
