"""The visual concept of one video, decided in the preparing stage and stored as
`concept.json`: layout, palette, caption style, music, seed. Variants differ on purpose (the
seed includes the variant); reruns do not (nothing here is random without the seed)."""

from __future__ import annotations

import hashlib

from pydantic import BaseModel

from adreel.media.captions.style import CAPTION_STYLES
from adreel.media.scenes.palette import palette_from_colours
from adreel.media.timeline.layout import SIZES

# Each script style has a caption look; variants move along the list so they look different.
CAPTION_BY_STYLE = {"problem_solution": 0, "three_reasons": 2, "discovery": 1, "social_proof": 3,
                    "special_offers": 2}


class Concept(BaseModel):
    aspect: str
    width: int
    height: int
    fps: int = 30
    preset: str
    palette: dict[str, str]
    caption_style: str
    seed: int
    voice_id: str
    language: str
    target_seconds: float | None    # None: an override script sets its own length
    actor_id: str | None = None     # None: product_showcase (no actor)


def seed_for(*parts: object) -> int:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:4], "big")


def make_concept(*, aspect: str, preset: str, style: str, variant: int, url: str, colours: list[str],
                 voice_id: str, language: str, target_seconds: float | None,
                 actor_id: str | None = None) -> Concept:
    width, height = SIZES[aspect]
    seed = seed_for(url, variant, style)
    caption = CAPTION_STYLES[(CAPTION_BY_STYLE.get(style, 0) + variant) % len(CAPTION_STYLES)]
    palette = palette_from_colours(colours, seed=variant)
    return Concept(aspect=aspect, width=width, height=height, preset=preset, palette=palette.as_json(),
                   caption_style=caption, seed=seed, voice_id=voice_id, language=language,
                   target_seconds=target_seconds, actor_id=actor_id)
