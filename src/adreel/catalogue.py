"""The product's fixed vocabulary, written once: aspect ratios and their frame sizes, lengths,
content types, format presets, script styles and the languages the built-in writer knows.

Every layer reads these (the API checks requests against them, the writer and the renderer
plan with them), so they live beside `config` and `errors`, outside the layers.
"""

from __future__ import annotations

from typing import Literal, get_args

AspectRatio = Literal["9:16", "16:9", "1:1"]
ContentType = Literal["ad", "organic"]
Preset = Literal["talking_head", "green_screen", "split_screen", "product_showcase"]
Style = Literal["problem_solution", "three_reasons", "discovery", "social_proof", "special_offers"]

# Frame size (width, height) of each aspect ratio (spec/API.md §3).
SIZES: dict[AspectRatio, tuple[int, int]] = {"9:16": (1080, 1920), "16:9": (1920, 1080), "1:1": (1080, 1080)}
ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)
DURATIONS: tuple[int, ...] = (15, 30, 45, 60)     # seconds a generated script is written to
CONTENT_TYPES: tuple[ContentType, ...] = get_args(ContentType)
PRESETS: tuple[Preset, ...] = get_args(Preset)
ACTOR_PRESETS: tuple[Preset, ...] = ("talking_head", "green_screen", "split_screen")
STYLES: tuple[Style, ...] = get_args(Style)
BUILTIN_LANGUAGES: tuple[str, ...] = ("en", "es", "de", "fr", "ja")
