"""The timeline: every shot's time span, picture, move, card and transition, plus the caption
cues. It is data (written as `timeline.json` by the video stage), and a frame is a pure
function of it and the time."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Move = Literal["zoom_in", "zoom_out", "pan_left", "pan_right"]
Transition = Literal["cut", "slide", "punch", "fade"]
VisualKind = Literal["image", "price", "rating", "feature", "review", "offer", "end_card"]
Framing = Literal["cover", "contain", "cutout"]


class Card(BaseModel):
    """What a card shows (see `adreel.media.scenes.cards.CardSpec`)."""

    kind: Literal["price", "rating", "feature", "review", "offer", "end_card"]
    text: str | None = None
    price: str | None = None
    compare_at: str | None = None
    discount_percent: int | None = None
    rating: float | None = None
    review_count: int | None = None
    review_count_label: str | None = None
    author: str | None = None
    title: str | None = None
    brand: str | None = None
    language: str = "en"


class Shot(BaseModel):
    index: int
    scene: int                      # the script scene it belongs to
    start: float                    # seconds, inclusive
    end: float                      # seconds, exclusive
    visual: VisualKind
    image: int                      # which downloaded product picture is the hero
    move: Move
    transition: Transition = "cut"  # how this shot enters
    card: Card | None = None
    actor: bool = False             # the actor is on screen (actor presets: hooks, bridges, CTA)
    prompt: str = ""                # the visual direction, in words (a scene row's `prompt`)

    @property
    def duration(self) -> float:
        return self.end - self.start


class Timeline(BaseModel):
    width: int
    height: int
    fps: int = 30
    duration: float
    aspect: str
    preset: str = "product_showcase"
    caption_style: str
    language: str = "en"
    shots: list[Shot]
    framing: dict[int, Framing] = Field(default_factory=dict)   # per picture: how it is framed

    @property
    def frame_count(self) -> int:
        return round(self.duration * self.fps)

    def shot_at(self, t: float) -> Shot:
        for shot in self.shots:
            if t < shot.end:
                return shot
        return self.shots[-1]
