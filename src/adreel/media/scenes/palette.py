"""A brand palette taken from the product's own pictures, so cards and captions look like they
belong to the product rather than to a template."""

from __future__ import annotations

import colorsys
from collections.abc import Sequence
from dataclasses import dataclass

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """Colours as RGB tuples: `base` fills backdrops, `surface` is the card colour, `accent`
    marks prices, badges and the spoken word, `ink` is text on surfaces, `on_accent` text on the
    accent, `light` text over photos."""

    base: RGB
    base_dark: RGB
    surface: RGB
    accent: RGB
    ink: RGB
    on_accent: RGB
    light: RGB = (255, 255, 255)

    def as_json(self) -> dict[str, str]:
        return {name: hex_colour(getattr(self, name)) for name in
                ("base", "base_dark", "surface", "accent", "ink", "on_accent", "light")}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Palette:
        return cls(**{name: parse_hex(value) for name, value in data.items()})


def parse_hex(value: str) -> RGB:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_colour(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(rgb: RGB) -> float:
    """Relative luminance (WCAG), 0 black … 1 white."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _hls(rgb: RGB) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(*(c / 255 for c in rgb))


def _rgb(h: float, lightness: float, s: float) -> RGB:
    r, g, b = colorsys.hls_to_rgb(h % 1.0, min(max(lightness, 0), 1), min(max(s, 0), 1))
    return round(r * 255), round(g * 255), round(b * 255)


def _readable(on: RGB) -> RGB:
    return (17, 17, 17) if contrast(on, (17, 17, 17)) >= contrast(on, (255, 255, 255)) else (255, 255, 255)


def palette_from_colours(colours: Sequence[str], seed: int = 0) -> Palette:
    """Build a palette from dominant colours (most common first, `#rrggbb`). The most saturated
    colour that is neither near-white nor near-black becomes the accent; the backdrop is a deep
    shade of the accent's hue so products and white text stand out. With only greys, a warm
    default accent is used. `seed` nudges the hue a little so variants do not look identical."""
    parsed = [parse_hex(c) for c in colours if isinstance(c, str) and len(c.lstrip("#")) == 6]
    chromatic = [c for c in parsed if _hls(c)[2] > 0.25 and 0.12 < _hls(c)[1] < 0.9]
    if chromatic:
        hue, _light, sat = _hls(max(chromatic, key=lambda c: _hls(c)[2] * (1 - abs(_hls(c)[1] - 0.5))))
    else:
        hue, sat = 0.07, 0.85          # a warm orange when the product is black, white or grey
    hue += ((seed % 3) - 1) * 0.02
    accent = _rgb(hue, 0.55, max(sat, 0.7))
    base = _rgb(hue, 0.16, min(sat, 0.55))
    base_dark = _rgb(hue, 0.08, min(sat, 0.5))
    surface = _rgb(hue, 0.97, 0.35)
    ink = _rgb(hue, 0.12, 0.3)
    return Palette(base=base, base_dark=base_dark, surface=surface, accent=accent, ink=ink,
                   on_accent=_readable(accent))
