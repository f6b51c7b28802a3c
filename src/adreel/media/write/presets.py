"""Choosing a format preset when the request leaves it to adreel."""

from __future__ import annotations

from adreel.catalogue import ACTOR_PRESETS, Preset


def choose_preset(requested: Preset | None, *, variant: int, images: int,
                  actors_available: bool) -> Preset:
    """The requested preset, or: `product_showcase` when no actor can be rendered or the page
    has no image to cut away to; otherwise variants rotate through the actor presets, with
    `green_screen` first for products with several images to stand in front of."""
    if requested is not None:
        return requested
    if not actors_available or images == 0:
        return "product_showcase"
    order = ("green_screen", "talking_head", "split_screen") if images >= 3 else ACTOR_PRESETS
    return order[variant % len(order)]
