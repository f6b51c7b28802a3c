"""Actor rigs, checked on real pixels: a varied catalogue, sane geometry, mouths whose dark inside
grows with openness (and never shows on closed lips), eyes that really shut, patches that blend
into the face, previews that differ from actor to actor."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

from adreel.media.actors import (
    BUILTIN_ACTORS,
    GESTURES,
    INTERIOR,
    PUPIL,
    SHAPES,
    ActorLook,
    ActorRig,
    build_rig,
    preview,
)
from adreel.media.actors.anatomy import LASH, SCLERA, tones_for
from adreel.media.actors.pen import luminance

OPEN_SHAPES = [s for s in SHAPES if s != "closed"]


@pytest.fixture(scope="module")
def rigs() -> dict[str, ActorRig]:
    return {look.id: build_rig(look) for look in BUILTIN_ACTORS}


def near(image: Image.Image, colour: tuple[int, int, int], tolerance: int) -> np.ndarray:
    """Opaque pixels within `tolerance` of `colour` on every channel."""
    a = np.asarray(image.convert("RGBA")).astype(int)
    return (np.abs(a[..., :3] - np.array(colour)).max(axis=-1) <= tolerance) & (a[..., 3] > 128)


def dark_area(patch: Image.Image) -> int:
    return int(near(patch, INTERIOR, 24).sum())


def test_catalogue_is_varied() -> None:
    looks = BUILTIN_ACTORS
    assert len(looks) >= 8
    ids = [look.id for look in looks]
    assert len(set(ids)) == len(ids)
    assert all(i == i.lower() and i.isidentifier() for i in ids)
    assert len({look.gender for look in looks}) >= 2
    assert {look.gender for look in looks} <= {"female", "male", "nonbinary"}
    assert {look.age for look in looks} <= {"20s", "30s", "40s", "50s", "60s"}
    skins = {look.skin for look in looks}
    lums = [luminance(s) for s in skins]
    assert len(skins) >= 4 and max(lums) - min(lums) >= 100
    assert len({look.hair for look in looks}) >= 3
    assert len({look.clothing for look in looks}) >= 3
    assert len({look.setting for look in looks}) >= 4
    assert all(look.description and look.name for look in looks)


def test_geometry(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        w, h = rig.width, rig.height
        assert h == 1200 and abs(w / h - 2 / 3) < 0.01
        assert rig.background.mode == "RGB" and rig.background.size == (w, h)
        assert rig.person.mode == "RGBA" and rig.person.size == (w, h)
        for x0, y0, x1, y1 in (rig.head_box, rig.eyes_box, rig.mouth_box):
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h
        assert rig.mouth_box[1] >= rig.eyes_box[3]                      # mouth below the eyes
        hx0, hy0, hx1, hy1 = rig.head_box
        for x0, y0, x1, y1 in (rig.eyes_box, rig.mouth_box):
            assert hx0 <= x0 and x1 <= hx1 and hy0 <= y0 and y1 <= hy1
        px, py = rig.head_pivot
        assert hx0 < px < hx1 and py > hy1 - 10
        alpha = np.asarray(rig.person.getchannel("A"))
        for x, y in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)):
            assert alpha[y, x] == 0
        face = ((rig.eyes_box[0] + rig.eyes_box[2]) // 2, (rig.eyes_box[3] + rig.mouth_box[1]) // 2)
        assert alpha[face[1], face[0]] == 255
        assert alpha[h - 1, w // 2] == 255                              # the body reaches the bottom


def test_patches_are_skin_with_soft_edges(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        for patch, box in ((rig.eyes(0.0), rig.eyes_box), (rig.mouth("closed", 0.0), rig.mouth_box)):
            assert patch.mode == "RGBA" and patch.size == (box[2] - box[0], box[3] - box[1])
            alpha = np.asarray(patch.getchannel("A"))
            assert alpha[alpha.shape[0] // 2, alpha.shape[1] // 2] == 255
            assert alpha[0, 0] == 0 and alpha[-1, -1] == 0 and alpha[0, -1] == 0
            # composited on the figure it changes nothing where it fades out: it is the face's own skin
            under = rig.person.crop(box)
            over = under.copy()
            over.alpha_composite(patch)
            diff = np.abs(np.asarray(over).astype(int) - np.asarray(under).astype(int))[..., :3].max(axis=-1)
            assert diff[alpha < 250].max() <= 3
            assert diff[alpha == 255].max() > 40                       # …and the feature is there


def test_closed_mouth_has_no_inside(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        for amount in (0.0, 0.3, 0.7, 1.0):
            assert dark_area(rig.mouth("closed", amount)) == 0


def test_dark_inside_grows_with_openness(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        at_full = {}
        for shape in OPEN_SHAPES:
            areas = [dark_area(rig.mouth(shape, amount)) for amount in (0.0, 0.2, 0.5, 1.0)]
            assert areas[0] == 0, (shape, areas)
            assert areas[1] < areas[2] < areas[3], (rig.look, shape, areas)
            at_full[shape] = areas[3]
        assert max(at_full, key=at_full.__getitem__) == "open", at_full
        # the vowels' insides track openness alike, whatever the shape
        vowels = [at_full[s] for s in ("wide", "open", "round", "narrow")]
        assert max(vowels) < 2.2 * min(vowels)


def test_open_mouth_shows_teeth_and_tongue(rigs: dict[str, ActorRig]) -> None:
    from adreel.media.actors import TEETH, TONGUE
    for rig in rigs.values():
        wide_open = rig.mouth("open", 1.0)
        assert near(wide_open, TEETH, 6).sum() > 50
        assert near(wide_open, TONGUE, 6).sum() > 50
        assert near(rig.mouth("narrow", 0.6), TEETH, 6).sum() == 0
        assert near(rig.mouth("fv", 0.3), TEETH, 6).sum() > 30


def test_inside_is_darker_than_lips_and_skin() -> None:
    for look in BUILTIN_ACTORS:
        t = tones_for(look)
        for colour in (t.skin, t.lip, t.lip_upper, t.lip_line):
            assert luminance(colour) > luminance(INTERIOR) + 25, (look.id, colour)
        assert sum((a - b) ** 2 for a, b in zip(t.lip, t.skin, strict=True)) ** 0.5 > 30, look.id   # lips show


def drawn(rig: ActorRig, patch: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """The patch where it changes the figure (transparent elsewhere): its feature alone."""
    under = rig.person.crop(box)
    over = under.copy()
    over.alpha_composite(patch)
    changed = np.abs(np.asarray(over).astype(int) - np.asarray(under).astype(int))[..., :3].max(axis=-1) > 12
    out = over.copy()
    out.putalpha(Image.fromarray((changed * 255).astype(np.uint8)))
    return out


def test_eyes_close(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        opened, half, shut = (drawn(rig, rig.eyes(c), rig.eyes_box) for c in (0.0, 0.5, 1.0))
        white = [int(near(e, SCLERA, 4).sum()) for e in (opened, half, shut)]
        pupil = [int(near(e, PUPIL, 5).sum()) for e in (opened, half, shut)]
        iris = [int(near(e, rig.iris, 6).sum()) for e in (opened, half, shut)]
        assert white[0] > white[1] > white[2] == 0, white
        lash = [float(np.nonzero(near(e, LASH, 12)[e.height // 2:])[0].mean()) for e in (opened, half, shut)]
        assert lash[0] + 3 < lash[1] < lash[2], lash                    # the lid's edge comes down
        assert pupil[0] > 20 and pupil[2] == 0, pupil
        assert iris[0] > iris[1] > 0, iris
        # where each pupil was, a shut eye shows lid: nothing like iris or pupil around it
        ys, xs = np.nonzero(near(opened, PUPIL, 5))
        lid = np.asarray(shut.convert("RGB")).astype(int)
        for side in (xs < opened.width / 2, xs >= opened.width / 2):
            cx, cy = round(xs[side].mean()), round(ys[side].mean())
            spot = lid[cy - 1:cy + 2, cx - 1:cx + 2].reshape(-1, 3)
            for colour in (rig.iris, PUPIL):
                assert np.abs(spot - np.array(colour)).max(axis=-1).min() > 30, (rig.look, colour)


def _brow_rows(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """Mean row of the pixels that are darker in `a` than in `b`, and of those darker in `b`."""
    la = np.asarray(a.convert("L")).astype(int)
    lb = np.asarray(b.convert("L")).astype(int)
    rows = np.mgrid[0:la.shape[0], 0:la.shape[1]][0]
    return float(rows[la < lb - 25].mean()), float(rows[lb < la - 25].mean())


def test_brows_lift(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        rest, raised = rig.eyes(0.0), rig.eyes(0.0, raise_=1.0)
        up, down = _brow_rows(raised, rest)
        assert up < down - 5
        over = rig.eyes(0.0)
        over.alpha_composite(rig.brows(1.0))
        assert np.abs(np.asarray(over).astype(int) - np.asarray(raised).astype(int))[..., :3].max(axis=-1).mean() < 1
        assert rig.brows(0.0).getchannel("A").getextrema()[1] == 255


def test_preview_and_variety() -> None:
    images = [preview(look, 300) for look in BUILTIN_ACTORS[:3]]
    for image in images:
        assert image.mode == "RGB" and image.size == (200, 300)
    a, b = (np.asarray(i).astype(int) for i in images[:2])
    assert np.abs(a - b).mean() > 20
    assert np.array_equal(np.asarray(preview(BUILTIN_ACTORS[0], 300)), np.asarray(images[0]))   # deterministic


def test_custom_look_and_odd_sizes() -> None:
    look = ActorLook("test", "Test", "male", "40s", (190, 140, 110), "curly", (90, 60, 40), "hoodie", (40, 120, 90),
                     "somewhere", "A look that is not built in.")
    rig = build_rig(look, 301)
    assert rig.height == 301 and rig.person.size == (rig.width, 301)
    for shape in SHAPES:
        assert rig.mouth(shape, 0.7).size == (rig.mouth_box[2] - rig.mouth_box[0], rig.mouth_box[3] - rig.mouth_box[1])
    assert rig.mouth("unknown", 0.5).size == rig.mouth("rest", 0.5).size
    for image in (rig.body, rig.head, *(rig.gesture(name) for name in GESTURES)):
        assert image.size == rig.person.size and image.getchannel("A").getextrema()[1] == 255


# --- the head apart from the body, and gestures -------------------------------------------------------------------


def alpha_of(image: Image.Image) -> np.ndarray:
    return np.asarray(image.getchannel("A")).astype(int)


def test_body_and_head_make_the_person(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        for part in (rig.body, rig.head):
            assert part.mode == "RGBA" and part.size == (rig.width, rig.height)
        together = rig.body.copy()
        together.alpha_composite(rig.head)
        person = np.asarray(rig.person).astype(int)
        diff = np.abs(np.asarray(together).astype(int) - person)
        opaque = person[..., 3] == 255
        assert diff[opaque].mean() < 2, (rig.look, diff[opaque].mean())
        assert np.abs(alpha_of(together) - person[..., 3]).mean() < 1
        body, head = alpha_of(rig.body), alpha_of(rig.head)
        ex0, ey0, ex1, ey1 = rig.eyes_box
        eyes = (ey0 + ey1) // 2, slice(ex0, ex1)
        assert body[eyes].max() == 0 and head[eyes].min() == 255           # the face is the head's, not the body's
        mouth = (rig.mouth_box[1] + rig.mouth_box[3]) // 2, (rig.mouth_box[0] + rig.mouth_box[2]) // 2
        assert head[mouth] == 255
        assert body[mouth] == 255                                          # the neck reaches up behind the face
        assert head[rig.height - 1].max() == 0 and body[rig.height - 1, rig.width // 2] == 255
        assert head[rig.head_pivot[1] + 100:].max() == 0 or rig.look.hair == "long"   # long hair falls on the shoulders


def test_head_turns_without_a_gap(rigs: dict[str, ActorRig]) -> None:
    """Turned ±2° about the pivot over the body, the head opens no hole between chin and shoulders:
    under the chin and either side of the neck it is all neck and cloth, and anywhere near at most a
    sliver where an edge of the jaw or the hair moved."""
    for rig in rigs.values():
        assert rig.look is not None
        person = alpha_of(rig.person)
        px, py = rig.head_pivot
        chin = rig.mouth_box[3]
        neck = round(40 * rig.height / 1200)                                # the neck's middle, either side
        for angle in (-2.0, 2.0, -1.0, 1.0):
            turned = rig.head.rotate(angle, center=rig.head_pivot, resample=Image.Resampling.BICUBIC)
            frame = rig.body.copy()
            frame.alpha_composite(turned)
            alpha = alpha_of(frame)
            assert alpha[chin - 30:py + 20, px - neck:px + neck].min() >= 250, (rig.look.id, angle)
            hole = (person == 255) & (alpha < 200)
            hole[: chin - 40] = False
            hole[py + 80:] = False
            assert hole[chin:, px - 3 * neck:px + 3 * neck].sum() == 0, (rig.look.id, angle)   # none by the neck
            wide = Image.fromarray((hole * 255).astype(np.uint8)).filter(ImageFilter.MinFilter(5))
            assert wide.getextrema()[1] == 0, (rig.look.id, angle)       # no hole 5 px across


def test_gestures_leave_the_face_clear(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        assert rig.look is not None and rig.look.clothing
        t = tones_for(rig.look)
        for name in GESTURES:
            overlay = rig.gesture(name)
            assert overlay.mode == "RGBA" and overlay.size == (rig.width, rig.height)
            alpha = alpha_of(overlay)
            assert (alpha > 200).sum() > 4000, (rig.look.id, name)
            for x0, y0, x1, y1 in (rig.eyes_box, rig.mouth_box):
                assert alpha[y0:y1, x0:x1].max() == 0, (rig.look.id, name)
            assert near(overlay, t.skin, 10).sum() > 1000                     # hands in the actor's skin…
            if rig.look.clothing != "tshirt":
                assert near(overlay, t.cloth, 10).sum() > 500                 # …and sleeves in their clothes
            # over the figure, it changes something there
            frame = rig.person.copy()
            frame.alpha_composite(overlay)
            change = np.abs(np.asarray(frame).astype(int) - np.asarray(rig.person).astype(int)).max(axis=-1)
            assert (change > 40).sum() > 2000, (rig.look.id, name)


def test_point_raises_a_hand_to_the_upper_left(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        alpha = alpha_of(rig.gesture("point"))
        px, py = rig.head_pivot
        above = alpha[:py] > 200                                             # above the shoulders
        assert above[:, :rig.eyes_box[0]].sum() > 1500                       # beside the head on the image's left…
        assert above[:, px:].sum() == 0                                      # …and nowhere on the right
        ys, xs = np.nonzero(alpha > 200)
        tip = ys.argmin()
        assert xs[tip] < xs[ys < ys[tip] + 200].mean() - 5                   # the finger leans out to the left
        assert ys[tip] < py - 60 and alpha[rig.height - 1].max() == 255      # the arm comes up from below


def test_hold_holds_a_card_by_its_lower_edge(rigs: dict[str, ActorRig]) -> None:
    for rig in rigs.values():
        x0, y0, x1, y1 = rig.hold_box
        w, h = x1 - x0, y1 - y0
        assert 0 <= x0 < x1 <= rig.width and 0 <= y0 < y1 <= rig.height
        assert abs(w - 0.55 * rig.width) <= 2 and abs(h - 0.3 * rig.height) <= 2
        assert y0 > rig.mouth_box[3] and abs((x0 + x1) / 2 - rig.head_pivot[0]) <= 2
        alpha = alpha_of(rig.gesture("hold"))
        edge = alpha[y1 - 3:y1 + 3, x0:x1].max(axis=0) > 200
        assert edge[: w // 2].sum() > 20 and edge[w // 2:].sum() > 20       # a hand on each side of the edge…
        assert (alpha[y1 - round(h * 0.1):y1, x0:x1] > 200).sum() > 400      # …fingers curled over it
        ix, iy = round(w * 0.15), round(h * 0.15)
        assert alpha[y0 + iy:y1 - iy, x0 + ix:x1 - ix].max() == 0           # the card shows inside
        assert alpha[y0:y1 - round(h * 0.14), x0:x1].max() == 0


def test_gestures_are_kept_and_unknown_ones_refused(rigs: dict[str, ActorRig]) -> None:
    from adreel.media.actors import rig as rig_module
    assert rig_module.GESTURES == GESTURES == ("point", "hold")
    rig = rigs[BUILTIN_ACTORS[0].id]
    first = rig.gesture("point")
    first.paste((255, 0, 0, 255), (0, 0, 50, 50))                            # a caller's copy: the rig keeps its own
    again = rig.gesture("point")
    assert alpha_of(again)[:50, :50].max() == 0
    for name in ("wave", "", "Point"):
        with pytest.raises(ValueError, match="gesture"):
            rig.gesture(name)
