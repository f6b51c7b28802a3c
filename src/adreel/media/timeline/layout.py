"""Where things go in each aspect ratio: the platform safe zone, the caption zone, the card
and product areas, and the actor's place in each preset (the actor itself is drawn by the
actor renderer; product_showcase has none)."""

from __future__ import annotations

from dataclasses import dataclass

from adreel.catalogue import SIZES

Rect = tuple[int, int, int, int]          # x, y, width, height



@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    safe: Rect          # inside every platform's UI (TikTok's right rail and bottom bar, Reels, Shorts)
    captions: Rect      # captions are centred in here and never leave it
    hero: Rect          # the product picture on card scenes
    card: Rect          # the card on card scenes
    actor: Rect | None  # the actor's frame; None when the preset has no actor

    @property
    def stacked(self) -> bool:
        return self.height >= self.width


def layout_for(aspect: str, preset: str = "product_showcase") -> Layout:
    """The layout of one aspect ratio and preset. Caption and card zones never overlap, and
    both stay inside the safe zone."""
    width, height = SIZES[aspect]
    if aspect == "9:16":
        # TikTok: ~150 px right rail, ~400 px bottom bar, ~200 px top bar at 1080×1920.
        safe = (60, 200, 870, 1320)
        captions = (60, 1270, 870, 250)
        hero = (60, 170, 960, 610)
        card = (60, 800, 870, 450)
    elif aspect == "16:9":
        safe = (96, 54, 1728, 972)
        captions = (192, 800, 1536, 200)
        hero = (110, 80, 860, 680)
        card = (1000, 100, 820, 660)
    else:
        safe = (54, 54, 972, 972)
        captions = (80, 826, 920, 190)
        hero = (90, 60, 900, 380)
        card = (90, 450, 900, 350)
    actor = {
        "talking_head": (0, 0, width, height),
        "green_screen": (0, height // 3, width * 2 // 3, height * 2 // 3),
        "split_screen": (0, 0, width // 2, height) if width > height else (0, height // 2, width, height // 2),
    }.get(preset)
    return Layout(width, height, safe, captions, hero, card, actor)
