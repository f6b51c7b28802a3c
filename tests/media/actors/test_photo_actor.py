"""Photo actors, measured on composed frames: the submit-time check takes every portrait of one
person and refuses a group; each aspect ratio and preset shows exactly one face (found by
OpenCV's Haar cascade, independent of the landmark model); the mouth opens as the voice asks
(measured with the landmark model on the frames), shuts on m / b / p and stays lips; the lids
close on a blink. Portraits: scikit-image's astronaut, and the public-domain portraits in
../shared/faces beside the checkout (skipped where that folder is absent)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest
import skimage.data
from PIL import Image

from adreel.media.actors.landmarks import LIPS_INNER, LIPS_OUTER, Face, detect_faces, face_near
from adreel.media.actors.layer import ActorLayer
from adreel.media.actors.photo import NoFace, PhotoRig, find_face
from adreel.media.actors.track import MouthTrack
from adreel.media.compose.yuv import Canvas
from adreel.media.timeline.layout import layout_for
from adreel.media.timeline.model import Shot
from adreel.pipeline.checks import FaceCheck

FACES = Path(__file__).resolve().parents[3].parent / "shared" / "faces"
PORTRAITS = sorted(p.name for p in FACES.glob("*.jpg")) if FACES.is_dir() else []
SHOT = Shot(index=0, scene=0, start=0, end=60, visual="image", image=0, move="zoom_in", actor=True)
ASPECTS = ("9:16", "1:1", "16:9")
PRESETS = ("talking_head", "green_screen", "split_screen")
FPS = 30


def _names(limit: int | None = None) -> list:
    shared = [pytest.param(n, id=n.split("_")[1]) for n in PORTRAITS[:limit]]
    if not shared:
        shared = [pytest.param("portraits", marks=pytest.mark.skip(reason=f"no portraits at {FACES.name}/ beside "
                                                                         "the checkout (../shared/faces)"))]
    return [pytest.param("astronaut", id="astronaut"), *shared]


@cache
def photo(name: str) -> Image.Image:
    if name == "astronaut":
        return Image.fromarray(skimage.data.astronaut())
    with Image.open(FACES / name) as image:
        return image.convert("RGB")


@cache
def rig(name: str) -> PhotoRig:
    image = photo(name)
    return PhotoRig(image, find_face(image), 900)


def rgb_of(canvas: Canvas) -> np.ndarray:
    return cv2.cvtColor(canvas.buffer.reshape(canvas.height * 3 // 2, canvas.width), cv2.COLOR_YUV2RGB_I420)


def compose(layer: ActorLayer, size: tuple[int, int], t: float) -> np.ndarray:
    canvas = Canvas(*size)
    canvas.buffer[:] = 128                      # a flat grey product backdrop
    layer(canvas, t, SHOT)
    return rgb_of(canvas)


def haar_faces(rgb: np.ndarray) -> int:
    """Faces OpenCV's frontal-face cascade finds (not the landmark model the product uses)."""
    scale = 720 / max(rgb.shape[:2])
    grey = cv2.cvtColor(cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY)
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_alt2.xml")
    return len(cascade.detectMultiScale(grey, 1.1, 4, minSize=(40, 40)))


def jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


# -- the submit-time check -------------------------------------------------------------------------


@pytest.mark.parametrize("name", _names())
def test_a_portrait_of_one_person_is_accepted(name: str) -> None:
    data = jpeg(photo(name))
    FaceCheck(None, read=lambda url: data).check_face("https://example.com/me.jpg")  # type: ignore[arg-type]
    face = find_face(photo(name))
    assert len(face.landmarks.points) == 478


def test_a_group_photo_is_refused_with_the_count() -> None:
    one = photo(PORTRAITS[0]) if PORTRAITS else photo("astronaut")
    two = photo(PORTRAITS[-1]) if PORTRAITS else photo("astronaut").transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    side = (480, 600)
    group = Image.new("RGB", (side[0] * 2, side[1]))
    group.paste(one.resize(side), (0, 0))
    group.paste(two.resize(side), (side[0], 0))
    with pytest.raises(NoFace, match="shows 2 people") as refused:
        find_face(group)
    assert refused.value.code == "no_face"


def test_no_face_and_a_tiny_face_are_refused_saying_which() -> None:
    with pytest.raises(NoFace, match="No face was found"):
        find_face(Image.new("RGB", (400, 400), (200, 90, 40)))
    tiny = Image.new("RGB", (900, 900), (235, 235, 235))
    tiny.paste(photo("astronaut").resize((120, 120)), (390, 390))
    with pytest.raises(NoFace, match=r"No face|only \d+ px wide"):
        find_face(tiny)


# -- one person, whole and single --------------------------------------------------------------------


@pytest.mark.parametrize("name", _names(2))
def test_every_framing_shows_exactly_one_face(name: str) -> None:
    track = MouthTrack(FPS, ["rest", "open", "closed"], [0.0, 0.8, 0.0])
    found = {}
    for aspect in ASPECTS:
        for preset in PRESETS:
            layout = layout_for(aspect, preset)
            assert layout.actor is not None
            layer = ActorLayer(rig(name), track, layout.actor, with_setting=preset != "green_screen", seed=2)
            for frame in range(0, 3, 2):
                found[aspect, preset, frame] = haar_faces(compose(layer, (layout.width, layout.height), frame / FPS))
    assert all(n == 1 for n in found.values()), {k: n for k, n in found.items() if n != 1}


def test_the_photo_fills_the_talking_head_frame_without_a_copy() -> None:
    layout = layout_for("16:9", "talking_head")
    layer = ActorLayer(rig("astronaut"), MouthTrack(FPS, ["rest"], [0.0]), layout.actor, with_setting=True, seed=1)
    frame = compose(layer, (layout.width, layout.height), 0.0)
    assert layer.plate is not None and layer.setting is None
    assert (frame.reshape(-1, 3) == 128).all(axis=1).mean() < 0.01       # no grey backdrop shows
    assert len(detect_faces(frame)) == 1


# -- the mouth and eyes --------------------------------------------------------------------------------


def face_on(rgb: np.ndarray, near: tuple[int, int, int, int]) -> Face | None:
    return face_near(np.ascontiguousarray(rgb), near)


def lab_of(rgb: np.ndarray, polygon_out: np.ndarray, polygon_in: np.ndarray | None = None) -> np.ndarray:
    mask = np.zeros(rgb.shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round(polygon_out).astype(np.int32)], 1)
    if polygon_in is not None:
        cv2.fillPoly(mask, [np.round(polygon_in).astype(np.int32)], 0)
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(float)
    return lab[mask.reshape(-1) > 0]


@pytest.mark.parametrize("name", _names(2))
def test_the_mouth_follows_the_voice_and_stays_lips(name: str, utterance: MouthTrack) -> None:
    size = (720, 1080)
    layer = ActorLayer(rig(name), utterance, (0, 0, *size), with_setting=True, seed=3)
    still = compose(layer, size, 0.0)
    source = face_on(still, layer.face(0.0))
    assert source is not None
    above_lip = source.at(LIPS_OUTER) - np.array([0, source.mouth_width * 0.5])
    skin = np.median(lab_of(still, above_lip), 0)
    frames = range(0, len(utterance.shapes), 2)
    opening, lips_ok, expected = [], [], []
    for f in frames:
        rgb = compose(layer, size, f / FPS)
        face = face_on(rgb, layer.face(f / FPS))
        assert face is not None, f"frame {f}: the landmark model finds no face"
        opening.append(face.mouth_opening)
        expected.append(utterance.openness[f])
        if utterance.openness[f] >= 0.4:
            # lip-coloured pixels all round the open mouth: redder than the skin above the lip
            ring = lab_of(rgb, face.at(LIPS_OUTER), face.at(LIPS_INNER))
            lips_ok.append(np.median(ring[:, 1]) > skin[1] + 2 or np.median(ring[:, 0]) < skin[0] - 8)
    opening_a, expected_a = np.array(opening), np.array(expected)
    r = float(np.corrcoef(opening_a, expected_a)[0, 1])
    shapes = [utterance.shapes[f] for f in frames]
    closed = [o for o, s in zip(opening, shapes, strict=True) if s == "closed"]
    shut = sum(o < 0.08 for o in closed) / max(len(closed), 1)
    assert r >= 0.7, f"{name}: landmark mouth opening vs expected openness r = {r:.2f}"
    assert len(closed) >= 3 and shut >= 0.9, f"{name}: shut on {shut:.0%} of {len(closed)} m/b/p frames"
    assert lips_ok and np.mean(lips_ok) >= 0.9, f"{name}: lips round {np.mean(lips_ok):.0%} of open mouths"


@pytest.mark.parametrize("name", _names(1))   # not glasses yet: their rims slide down with the lids
def test_a_blink_closes_the_eyelids(name: str) -> None:
    """Where the iris was (landmarks 468 and 473, the irises' centres), lid skin on a blink: at most
    half the dark pixels stay (the lash line lands there on a smiling, narrowed eye)."""
    r = rig(name)
    radius = float(np.hypot(*(r.face.points[469] - r.face.points[468]))) * 0.6
    mask = np.zeros((r.height, r.width), np.uint8)
    for centre in (468, 473):
        cv2.circle(mask, tuple(int(v) for v in np.round(r.face.points[centre])), max(2, round(radius)), 1, -1)
    nose = np.round(r.face.points[4]).astype(int)
    skin = float(np.median(cv2.cvtColor(np.asarray(r.background), cv2.COLOR_RGB2LAB)[..., 0][
        nose[1] - 4: nose[1] + 4, nose[0] - 20: nose[0] + 20]))
    dark = []
    for closed in (0.0, 1.0):
        image = r.background.convert("RGBA")
        image.alpha_composite(r.eyes(closed), r.eyes_box[:2])
        lightness = cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2LAB)[..., 0]
        dark.append(int(((lightness < skin * 0.6) & (mask > 0)).sum()))
    assert dark[0] >= 10 and dark[1] < dark[0] * 0.5, f"{name}: dark iris pixels {dark[0]} → {dark[1]}"


def test_the_head_moves_smoothly_over_a_still_photo() -> None:
    """Away from the moving head the frame is the framed photo itself; inside it (away from its
    soft edge, the eyes and the mouth) it is the photo moved by the head's own offset."""
    from skimage.metrics import structural_similarity

    layout = layout_for("9:16", "talking_head")
    track = MouthTrack(FPS, ["rest"], [0.0])
    layer = ActorLayer(rig("astronaut"), track, layout.actor, with_setting=True, seed=5, nods=[1.0])
    assert layer.photo_head is not None and layer.plate is not None
    still = rgb_of(_canvas_of(layer.plate))
    head, hx, hy = layer.photo_head
    moves = set()
    for t in (0.0, 0.5, 1.0, 1.7, 2.9):
        frame = compose(layer, (layout.width, layout.height), t)
        offset = layer.offset(t)
        dx, dy = (round(round(h + v) / 2) * 2 - h for h, v in zip((hx, hy), offset, strict=True))  # as pasted
        moves.add((dx, dy))
        outside = np.ones(frame.shape[:2], bool)
        outside[hy - 8: hy + head.height + 8, hx - 8: hx + head.width + 8] = False
        assert (frame[outside] == still[outside]).mean() > 0.99
        # the head's middle: the photo moved by the offset, but for the eyes' and mouth's patches
        x0, y0 = hx + head.width // 4, hy + head.height // 4
        x1, y1 = hx + head.width * 3 // 4, hy + head.height * 3 // 4
        inner = np.ones((y1 - y0, x1 - x0), bool)
        for box in (layer.rig.eyes_box, layer.rig.mouth_box):
            bx0, by0 = (round(layer.origin[i] + box[i] * layer.scale) + (dx, dy)[i] - (x0, y0)[i] - 6 for i in (0, 1))
            bx1, by1 = (round(layer.origin[i] + box[i + 2] * layer.scale) + (dx, dy)[i] - (x0, y0)[i] + 6
                        for i in (0, 1))
            inner[max(0, by0): max(0, by1), max(0, bx0): max(0, bx1)] = False
        moved = still[y0 - dy: y1 - dy, x0 - dx: x1 - dx]
        grey = [cv2.cvtColor(a, cv2.COLOR_RGB2GRAY).astype(float) for a in (frame[y0:y1, x0:x1], moved)]
        ssim = structural_similarity(*grey, data_range=255, full=True)[1]
        assert ssim[inner].mean() >= 0.9, f"t={t}: SSIM {ssim[inner].mean():.2f} against the moved photo"
    assert len(moves) >= 3, f"the head barely moves: {moves}"


def _canvas_of(layer) -> Canvas:
    canvas = Canvas(layer.width, layer.height)
    canvas.paste(layer, 0, 0)
    return canvas


def test_a_transparent_png_portrait_is_read_on_a_light_backdrop() -> None:
    from adreel.pipeline.actors import portrait

    person = photo("astronaut").convert("RGBA")
    alpha = np.full((person.height, person.width), 255, np.uint8)
    alpha[:, :60] = 0                                     # a cut-out: the left strip is transparent
    person.putalpha(Image.fromarray(alpha))
    pixels = np.asarray(person).copy()
    pixels[:, :60, :3] = 0                                # hidden pixels black, as editors often leave them
    out = io.BytesIO()
    Image.fromarray(pixels, "RGBA").save(out, "PNG")
    read = portrait(out.getvalue())
    assert read.mode == "RGB" and np.asarray(read)[:, :60].min() > 200
    assert find_face(read).landmarks.width > 80


def test_a_face_150_px_wide_is_taken_and_opens_its_mouth() -> None:
    small = photo("astronaut").resize((420, 420), Image.Resampling.LANCZOS)   # a 75 px face, enlarged to ~140
    small = small.resize((780, 780), Image.Resampling.BICUBIC)
    face = find_face(small)
    assert 120 <= face.landmarks.width <= 190
    r = PhotoRig(small, face, 1200)
    measured = []
    for shape, amount in (("closed", 0.0), ("open", 0.8)):
        image = r.background.convert("RGBA")
        image.alpha_composite(r.mouth(shape, amount), r.mouth_box[:2])
        found = face_near(np.asarray(image.convert("RGB")), r.face.box)
        assert found is not None
        measured.append(found.mouth_opening)
    assert measured[0] < 0.08 and measured[1] > 0.25, measured
