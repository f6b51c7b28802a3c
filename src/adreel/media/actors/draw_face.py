"""The features that move: eyes with lids that close, brows that lift, and a mouth in eleven shapes
whose jaw drop follows `openness`. They are drawn onto patches of skin cut from the figure, so
each function just draws with a `Pen` in design units.

Shapes are built column by column (numpy, so a patch takes a few milliseconds): an opening is the
band between an upper and a lower curve sampled over x, and teeth, tongue and iris are bands
clipped to it, so nothing needs a raster mask."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from adreel.media.actors.anatomy import INTERIOR, LASH, PUPIL, SCLERA, TEETH, TONGUE, Anatomy, Tones
from adreel.media.actors.pen import Pen, bezier, mix


def _band(xs: np.ndarray, top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """The polygon between two curves sampled at `xs`, trimmed to where top lies above bottom."""
    keep = bottom > top
    if keep.sum() < 2:
        return np.zeros((0, 2))
    x, a, b = xs[keep], top[keep], bottom[keep]
    return np.concatenate([np.stack([x, a], 1), np.stack([x[::-1], b[::-1]], 1)])


def _dome(u: np.ndarray, power: float) -> np.ndarray:
    """(1 - u²)^power, 0 outside -1…1: the profile of lids, lips and openings."""
    return np.maximum(0.0, 1 - np.clip(u, -1, 1) ** 2) ** power


# ---- eyes -------------------------------------------------------------------------------------

def draw_eyes(pen: Pen, an: Anatomy, t: Tones, closed: float, raise_: float, female: bool) -> None:
    closed = min(1.0, max(0.0, closed))
    for side in (-1, 1):
        _eye(pen, an, t, an.cx + side * an.eye_dx, side, closed, female)
    draw_brows(pen, an, t, raise_)


def _eye(pen: Pen, an: Anatomy, t: Tones, ex: float, side: int, closed: float, female: bool) -> None:
    ey, rx, ry = an.eye_y, an.eye_rx, an.eye_ry
    xs = np.linspace(ex - rx, ex + rx, 41)
    u = (xs - ex) / rx
    tilt = -2.0 * u * side                                  # outer corners a little higher
    upper = ey - ry * _dome((xs - side * 3 - ex) / rx, 0.6) + tilt
    lower = ey + ry * 0.62 * _dome(u, 0.8) + tilt
    lid = upper + closed * (lower - 0.5 - upper)
    crease = mix(t.skin, t.skin_deep, 0.45)
    inner = (u > -0.78) & (u < 0.86)
    pen.line(list(zip(xs[inner], (upper - 7 - 3 * (1 - u * u))[inner], strict=True)), crease, 1.8)
    pen.polygon(_band(xs, upper, lower), t.lid)
    if closed < 0.97:
        pen.polygon(_band(xs, lid, lower), SCLERA)
        ir = ry * 1.02
        icx, icy = ex - side * 1.5, ey + 1

        def disc(r: float, cx: float, cy: float, colour: tuple[int, int, int]) -> None:
            dx = np.linspace(cx - r, cx + r, 21)
            h = np.sqrt(np.maximum(0.0, r * r - (dx - cx) ** 2))
            top = np.maximum(cy - h, np.interp(dx, xs, lid))
            bottom = np.minimum(cy + h, np.interp(dx, xs, lower))
            pen.polygon(_band(dx, top, bottom), colour)

        disc(ir, icx, icy, t.iris)
        disc(ir * 0.8, icx, icy, mix(t.iris, PUPIL, 0.25))
        disc(ir * 0.46, icx, icy, PUPIL)
        disc(ir * 0.24, icx + ir * 0.34, icy - ir * 0.36, (255, 255, 255))
        pen.polygon(_band(xs, lid, np.minimum(lower, lid + 2.2)), mix(SCLERA, t.skin_shadow, 0.5))   # lid's shadow
    # lashes on the lid's edge, heavier at the outer corner; a faint lower lid
    pts = list(zip(xs[::2], lid[::2], strict=True))
    if side < 0:
        pts = pts[::-1]                                     # run inner → outer
    w = an.lash_w
    pen.stroke(pts, LASH, lambda f: w * (0.55 + 0.45 * f))
    if female:
        ox, oy = pts[-1]
        flick = bezier((ox - side * 4, oy), (ox + side * 2, oy - 1), (ox + side * 6, oy - 3 - 2 * (1 - closed)),
                       (ox + side * 8, oy - 5 - 3 * (1 - closed)), steps=6)
        pen.stroke(flick, LASH, lambda f: w * (1 - 0.7 * f))
    low = (u * side > -0.6) & (u * side < 0.9)
    pen.line(list(zip(xs[low], lower[low] + 0.6, strict=True)), mix(t.skin, LASH, 0.3), 1.2)


def draw_brows(pen: Pen, an: Anatomy, t: Tones, raise_: float) -> None:
    lift = 11 * max(0.0, min(1.0, raise_))
    w = an.brow_w
    for side in (-1, 1):
        ex = an.cx + side * an.eye_dx
        x_in, x_out = ex - side * an.eye_rx * 0.95, ex + side * an.eye_rx * 1.3
        by = an.brow_y
        pts = bezier((x_in, by + 5 - lift * 1.2), (x_in + side * 14, by - 3 - lift * 1.1),
                     (x_out - side * 16, by - 9 - lift), (x_out, by - lift * 0.7), steps=20)
        pen.stroke(pts, t.brow, lambda f: w * (1 - 0.6 * f ** 1.4))


# ---- mouth ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MouthShape:
    width: float = 1.0          # half-width, × the relaxed mouth's
    gap: float = 0.0            # height of the opening at openness 1, × the relaxed half-width
    up: float = 0.35            # share of the opening above the lip line (the rest is the jaw's drop)
    round: float = 0.0          # 0: almond opening with pointed corners … 1: round
    pucker: float = 0.0         # lips pushed forward: fuller, rounder outline
    top_teeth: float = 0.0      # how much of the upper teeth shows (0…1)
    low_teeth: float = 0.0
    tongue: float = 0.0
    lift: float = 0.0           # upper lip raised off the teeth whatever the openness (f/v)
    smile: float = 1.0          # corners raised, design units
    press: float = 1.0          # lip thickness factor (pressed lips are thinner)


# Gaps are set so that the dark inside at a given openness is much the same for every shape: the
# track's openness already carries how far each sound opens the jaw.
MOUTHS: dict[str, MouthShape] = {
    "rest": MouthShape(gap=0.3, up=0.4, smile=4.0),
    "closed": MouthShape(width=0.96, smile=1.5, press=0.78),
    "fv": MouthShape(gap=0.2, up=0.0, top_teeth=1.0, lift=6.0, press=0.85),
    "th": MouthShape(width=0.96, gap=0.9, up=0.35, round=0.1, top_teeth=1.0, low_teeth=0.4, tongue=1.0),
    "teeth": MouthShape(width=1.06, gap=0.8, up=0.42, top_teeth=1.0, low_teeth=1.0, smile=2.0),
    "ch": MouthShape(width=0.8, gap=0.95, up=0.42, round=0.55, pucker=0.6, top_teeth=1.0, low_teeth=1.0),
    "r": MouthShape(width=0.8, gap=0.85, up=0.36, round=0.5, pucker=0.4, top_teeth=0.6),
    "wide": MouthShape(width=1.18, gap=0.85, up=0.38, round=0.1, top_teeth=1.0, low_teeth=0.6, smile=3.0),
    "open": MouthShape(gap=1.3, up=0.28, round=0.45, top_teeth=1.0, tongue=1.0, smile=1.5),
    "round": MouthShape(width=0.72, gap=1.06, up=0.36, round=0.9, pucker=0.5, top_teeth=0.5, tongue=0.6),
    "narrow": MouthShape(width=0.5, gap=1.0, up=0.4, round=1.0, pucker=1.0, smile=0.0),
}


def draw_mouth(pen: Pen, an: Anatomy, t: Tones, shape: str, openness: float, fullness: float) -> None:
    sh = MOUTHS.get(shape, MOUTHS["rest"])
    openness = min(1.0, max(0.0, openness))
    mx, my, base = an.cx, an.mouth_y, an.mouth_hw
    hw = base * sh.width
    height = sh.gap * openness * base
    hu, hl = height * sh.up, height * (1 - sh.up)
    corner = 3.0 * (1 - 0.6 * sh.pucker)
    span = hw + corner
    tu = base * 0.24 * fullness * sh.press * (1 + 0.5 * sh.pucker)
    tl = base * 0.31 * fullness * sh.press * (1 + 0.35 * sh.pucker) * (0.7 if sh.lift else 1.0)

    xs = np.linspace(mx - span, mx + span, 49)              # the lips' whole width, corners included
    u = np.clip((xs - mx) / hw, -1, 1)
    f = _dome(u, 1 - 0.5 * sh.round)                        # the opening's profile
    mid = my - sh.smile * u * u
    upper = mid - hu * f - sh.lift * _dome(u, 0.5)
    lower = mid + hl * f
    v = np.abs(xs - mx) / span
    g = np.maximum(0.0, 1 - v ** 1.7) ** (0.9 - 0.5 * sh.pucker)
    bow = 1.8 * np.exp(-(v / 0.12) ** 2) - 1.2 * np.exp(-((v - 0.3) / 0.15) ** 2)   # the cupid's bow
    outer_upper = upper - tu * g + bow * g
    outer_lower = lower + tl * np.maximum(0.0, 1 - v * v) ** (0.7 - 0.3 * sh.pucker)

    pen.polygon(_band(xs, outer_upper, outer_lower), t.lip)
    pen.polygon(_band(xs, outer_upper, upper), t.lip_upper)
    opening = _band(xs, upper, lower)
    if len(opening):
        pen.polygon(opening, INTERIOR)
        top_h = min(7.0 * sh.top_teeth, 0.4 * height) + sh.lift
        low_h = min(5.0 * sh.low_teeth, 0.2 * height)
        teeth_bottom = np.minimum(lower, upper + top_h * f ** 0.3)
        if top_h > 0:
            pen.polygon(_band(xs, upper, teeth_bottom), TEETH)
        if low_h > 0:
            pen.polygon(_band(xs, np.maximum(lower - low_h * f ** 0.3, upper + top_h), lower), TEETH)
        if sh.tongue > 0 and height > 0:
            tw, th = hw * (0.62 if sh.tongue >= 1 else 0.5), min(0.3 * height * sh.tongue, 12.0)
            bottom = lower
            if shape == "th":                               # the tip between the teeth, over the lower lip
                tw, th = hw * 0.42, hl * 0.75 + 2.5
                bottom = lower + 2.5 * _dome((xs - mx) / tw, 1.0)
            inside = np.abs(xs - mx) < tw
            top = np.maximum(lower - th * _dome((xs - mx) / tw, 0.5), teeth_bottom)
            pen.polygon(_band(xs[inside], top[inside], bottom[inside]), TONGUE)
    else:
        seam = list(zip(xs[1:-1], mid[1:-1], strict=True))
        pen.line(seam, t.lip_line, 2.4)
    # light on the lower lip, creases at the corners
    lx = hw * 0.34
    near = np.abs(xs - mx) < lx
    d = ((xs - mx) / lx) ** 2
    pen.polygon(_band(xs[near], (lower + tl * 0.32 + 2.2 * d)[near], (lower + tl * 0.6 - 1.6 * d)[near]),
                mix(t.lip, (255, 240, 236), 0.22))
    if sh.pucker < 0.5:
        crease = mix(t.skin, t.skin_deep, 0.5)
        for s in (-1, 1):
            cx, cy = mx + s * (span + 1), my - sh.smile
            pen.line([(cx - s * 1, cy - 3), (cx + s * 1.5, cy), (cx - s * 0.5, cy + 3)], crease, 1.6)
