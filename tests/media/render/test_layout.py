"""Layouts: for every aspect ratio and preset, the caption and card zones lie inside the frame,
captions (and cards) inside the platform safe zone, and nothing the viewer reads overlaps."""

from __future__ import annotations

import pytest

from adreel.media.timeline.layout import SIZES, Layout, Rect, layout_for

ASPECTS = list(SIZES)
PRESETS = ["product_showcase", "talking_head", "green_screen", "split_screen"]
CASES = [(aspect, preset) for aspect in ASPECTS for preset in PRESETS]


def inside(inner: Rect, outer: Rect) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return w > 0 and h > 0 and ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def overlap(a: Rect, b: Rect) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def frame(layout: Layout) -> Rect:
    return 0, 0, layout.width, layout.height


def test_the_helpers_can_tell() -> None:
    assert inside((10, 10, 5, 5), (0, 0, 20, 20)) and not inside((10, 10, 11, 5), (0, 0, 20, 20))
    assert overlap((0, 0, 10, 10), (9, 9, 5, 5)) and not overlap((0, 0, 10, 10), (10, 0, 5, 5))


@pytest.mark.parametrize(("aspect", "preset"), CASES)
def test_size_matches_the_aspect(aspect: str, preset: str) -> None:
    layout = layout_for(aspect, preset)
    assert (layout.width, layout.height) == SIZES[aspect]
    w, h = (int(n) for n in aspect.split(":"))
    assert layout.width * h == layout.height * w
    assert layout.stacked == (aspect != "16:9")


@pytest.mark.parametrize(("aspect", "preset"), CASES)
def test_every_zone_lies_inside_the_frame(aspect: str, preset: str) -> None:
    layout = layout_for(aspect, preset)
    for name in ("safe", "captions", "card", "hero"):
        assert inside(getattr(layout, name), frame(layout)), name
    if layout.actor is not None:
        assert inside(layout.actor, frame(layout))


@pytest.mark.parametrize(("aspect", "preset"), CASES)
def test_captions_stay_inside_the_safe_zone(aspect: str, preset: str) -> None:
    layout = layout_for(aspect, preset)
    assert inside(layout.captions, layout.safe)


@pytest.mark.parametrize(("aspect", "preset"), CASES)
def test_card_and_captions_never_overlap(aspect: str, preset: str) -> None:
    layout = layout_for(aspect, preset)
    assert not overlap(layout.card, layout.captions)


@pytest.mark.parametrize(("aspect", "preset"), CASES)
def test_hero_and_card_sit_side_by_side(aspect: str, preset: str) -> None:
    layout = layout_for(aspect, preset)
    assert not overlap(layout.hero, layout.card)


@pytest.mark.parametrize("preset", PRESETS)
def test_vertical_hero_stays_clear_of_the_captions(preset: str) -> None:
    layout = layout_for("9:16", preset)
    assert not overlap(layout.hero, layout.captions)


@pytest.mark.parametrize("aspect", ["16:9", "1:1"])
def test_card_stays_inside_the_safe_zone(aspect: str) -> None:
    layout = layout_for(aspect)
    assert inside(layout.card, layout.safe)


def test_vertical_card_stays_inside_the_safe_zone() -> None:
    layout = layout_for("9:16")
    assert inside(layout.card, layout.safe)


def test_vertical_safe_zone_keeps_clear_of_tiktok_bars() -> None:
    x, y, w, h = layout_for("9:16").safe
    assert y >= 150                     # top bar
    assert 1080 - (x + w) >= 120        # right rail
    assert 1920 - (y + h) >= 350        # bottom bar and description


def test_actor_frames_per_preset() -> None:
    assert layout_for("9:16").actor is None
    assert layout_for("9:16", "talking_head").actor == (0, 0, 1080, 1920)
    assert layout_for("16:9", "split_screen").actor == (0, 0, 960, 1080)        # left half side by side
    assert layout_for("9:16", "split_screen").actor == (0, 960, 1080, 960)      # bottom half stacked
    assert layout_for("1:1", "green_screen").actor == (0, 360, 720, 720)


def test_unknown_aspect_is_refused() -> None:
    with pytest.raises(KeyError):
        layout_for("4:3")
