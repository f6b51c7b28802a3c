"""The writer's contract: what it is asked for and the script it returns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from adreel.catalogue import ContentType, Preset, Style
from adreel.errors import AdreelError
from adreel.media.extract.model import Product

SceneKind = Literal["actor", "product", "cta"]
VisualKind = Literal["image", "price", "rating", "feature", "review", "offer", "end_card"]


class ScriptError(AdreelError):
    code = "script_failed"


class Visual(BaseModel):
    """What the screen shows during a scene: a product image or one of the cards."""

    model_config = ConfigDict(frozen=True)

    kind: VisualKind
    image: int | None = None          # index into the product's images, for image scenes
    text: str | None = None           # the card's words (feature, quote, offer) as displayed


class Scene(BaseModel):
    kind: SceneKind
    text: str                         # what the voice says (numbers spelled out)
    display: str                      # the same words for the screen (digits, symbols)
    visual: Visual
    emphasis: list[str] = Field(default_factory=list)


class Script(BaseModel):
    """A written ad: its scenes and what the writer decided and why."""

    style: Style
    degraded_from: Style | None = None
    content_type: ContentType = "ad"
    language: str
    format_preset: Preset
    hook: str
    cta: str | None
    scenes: list[Scene]
    word_count: int
    estimated_seconds: float
    rate: float = 1.0                 # speaking rate that lands the script on its duration
    writer: Literal["builtin", "llm", "override"] = "builtin"
    notes: list[str] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(scene.text for scene in self.scenes)

    def as_cli_json(self) -> dict[str, object]:
        """The shape `adreel script --json` prints (spec/API.md §11)."""
        return {
            "style": self.style,
            "degraded_from": self.degraded_from,
            "language": self.language,
            "hook": self.hook,
            "cta": self.cta,
            "text": self.text,
            "word_count": self.word_count,
            "estimated_seconds": round(self.estimated_seconds, 1),
            "scenes": [{"kind": s.kind, "text": s.text, "visual": s.visual.kind}
                       for s in self.scenes],
        }


class WriteRequest(BaseModel):
    """Everything a writer is given."""

    product: Product
    style: Style | None = None        # None: auto (variant 0 problem_solution, then others)
    content_type: ContentType = "ad"
    duration: int = 15                # seconds: 15, 30, 45, 60
    variant: int = 0
    language: str = "en"
    words_per_second: float = 2.6     # the chosen voice's measured rate
    user_instructions: str | None = None
    target_audience: str | None = None
    override_script: str | None = None
    format_preset: Preset | None = None   # None: auto
    actors_available: bool = False
