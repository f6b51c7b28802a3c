"""The LLM writer: an OpenAI-compatible chat-completions endpoint asked for JSON that matches
the script schema. Invalid answers are repaired once; any failure falls back to the built-in
writer, and the fallback is written into the script's notes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import httpx
from pydantic import BaseModel, Field, ValidationError, field_validator

from adreel.catalogue import STYLES, Style
from adreel.media.write.lint import lint
from adreel.media.write.model import (
    Scene,
    SceneKind,
    Script,
    ScriptError,
    Visual,
    VisualKind,
    WriteRequest,
)
from adreel.media.write.presets import choose_preset
from adreel.media.write.timing import count_words, estimate_seconds

_PLACEHOLDER = re.compile(r"\{[^}]*\}|\[[A-Z _]+\]|\bTODO\b|\bNone\b|lorem ipsum", re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class LLMScene(BaseModel):
    kind: SceneKind
    text: str = Field(max_length=400)
    visual: VisualKind = "image"

    @field_validator("text")
    @classmethod
    def _spoken_text(cls, value: str) -> str:
        value = value.strip()
        if len(value) < 2:
            raise ValueError("a scene has no text")
        if _PLACEHOLDER.search(value):
            raise ValueError(f"scene text contains a placeholder: {value!r}")
        return value


class LLMScript(BaseModel):
    style: Style
    hook: str
    scenes: list[LLMScene] = Field(min_length=2, max_length=30)
    cta: str | None = None

    @field_validator("cta")
    @classmethod
    def _cta_text(cls, value: str | None) -> str | None:
        if value is not None and _PLACEHOLDER.search(value):
            raise ValueError(f"the call to action contains a placeholder: {value!r}")
        return value.strip() if value else None


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    api_key: str | None
    model: str
    timeout_s: float = 30.0


class LLMFailed(ScriptError):
    """The LLM gave no usable script (the built-in writer takes over)."""


def _facts_payload(request: WriteRequest) -> dict[str, object]:
    product = request.product
    return {
        "title": product.title, "brand": product.brand, "description": product.description,
        "price": str(product.price) if product.price is not None else None,
        "currency": product.currency,
        "compare_at_price": str(product.compare_at_price) if product.compare_at_price else None,
        "discount_percent": product.discount_percent, "features": product.features,
        "rating": product.rating, "review_count": product.review_count,
        "reviews": [r.body for r in product.reviews[:5]], "category": product.category,
    }


def _messages(request: WriteRequest) -> list[dict[str, str]]:
    words = round(request.duration * request.words_per_second * 0.85)
    system = (
        "You write short UGC-style video ad scripts spoken to camera. Answer with JSON only: "
        '{"style": one of ' + json.dumps(list(STYLES)) + ', "hook": str, "cta": str or null, '
        '"scenes": [{"kind": "actor"|"product"|"cta", "text": str, "visual": '
        '"image"|"price"|"rating"|"feature"|"review"|"offer"|"end_card"}]}. '
        "Use only facts from the product data: never invent prices, discounts, ratings, reviews "
        "or claims. Write numbers as they should be spoken. The first scene is the hook."
    )
    user = {
        "product": _facts_payload(request),
        "language": request.language,
        "style": request.style or "choose the best",
        "content_type": request.content_type,
        "target_words": words,
        "duration_seconds": request.duration,
        "variant": request.variant,
        "user_instructions": request.user_instructions,
        "target_audience": request.target_audience,
    }
    return [{"role": "system", "content": system},
            {"role": "user", "content": json.dumps(user, ensure_ascii=False)}]


def _known_numbers(request: WriteRequest) -> set[str]:
    text = json.dumps(_facts_payload(request), ensure_ascii=False)
    found = set()
    for raw in _NUMBER.findall(text):
        found.update({raw, raw.replace(",", "")})
        if raw.endswith((".00", ".0")):
            found.add(raw.split(".")[0])   # a price of 39.00 may be said as 39
    return found


def _check(content: str, request: WriteRequest) -> LLMScript:
    try:
        script = LLMScript.model_validate(json.loads(content))
    except (ValueError, ValidationError) as exc:
        raise ValueError(f"not valid script JSON: {exc}") from exc
    known = _known_numbers(request)
    for line in [*(s.text for s in script.scenes), script.cta or ""]:
        for raw in _NUMBER.findall(line):
            if raw not in known and raw.replace(",", "") not in known:
                raise ValueError(f"the number {raw} in {line!r} is not in the product data")
    # The copy lint the built-in writer keeps: a reply that breaks it is repaired once.
    problems = lint([s.text for s in script.scenes], request.product.title, request.duration)
    if problems:
        raise ValueError("the copy breaks these rules: " + "; ".join(problems[:5]))
    return script


class LLMWriter:
    """Writes through a chat-completions endpoint; raises `LLMFailed` when it cannot."""

    def __init__(self, config: LLMConfig, client: httpx.Client | None = None) -> None:
        self.config = config
        self._client = client or httpx.Client()
        self._owns_client = client is None

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def _ask(self, messages: list[dict[str, str]]) -> str:
        headers = {"Authorization": f"Bearer {self.config.api_key}"} if self.config.api_key else {}
        try:
            response = self._client.post(
                f"{self.config.base_url.rstrip('/')}/chat/completions",
                json={"model": self.config.model, "messages": messages, "temperature": 0.7,
                      "response_format": {"type": "json_object"}},
                headers=headers, timeout=self.config.timeout_s)
        except httpx.TimeoutException as exc:
            raise LLMFailed(f"the LLM did not answer within {self.config.timeout_s:g} s") from exc
        except httpx.HTTPError as exc:
            raise LLMFailed(f"the LLM could not be reached ({type(exc).__name__})") from exc
        if response.status_code != 200:
            raise LLMFailed(f"the LLM answered {response.status_code}")
        try:
            return str(response.json()["choices"][0]["message"]["content"])
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMFailed("the LLM's answer is not a chat completion") from exc

    def write(self, request: WriteRequest) -> Script:
        messages = _messages(request)
        content = self._ask(messages)
        notes: list[str] = []
        try:
            parsed = _check(content, request)
        except ValueError as first:
            repair = [*messages, {"role": "assistant", "content": content},
                      {"role": "user", "content": f"That answer was rejected: {first}. "
                                                  "Reply with corrected JSON only."}]
            try:
                parsed = _check(self._ask(repair), request)
            except ValueError as second:
                raise LLMFailed(f"the LLM's script was invalid twice ({second})") from second
            notes.append(f"The LLM's first answer was repaired ({first}).")
        return self._script(parsed, request, notes)

    @staticmethod
    def _script(parsed: LLMScript, request: WriteRequest, notes: list[str]) -> Script:
        images = len(request.product.images)
        scenes = [Scene(kind=s.kind, text=s.text, display=s.text,
                        visual=Visual(kind=s.visual, image=(i % images) if s.visual == "image"
                                      and images else None))
                  for i, s in enumerate(parsed.scenes)]
        texts = [s.text for s in scenes]
        seconds = estimate_seconds(texts, request.language, request.words_per_second)
        rate = 1.0
        if not 0.9 * request.duration <= seconds <= 1.1 * request.duration:
            rate = min(max(seconds / request.duration, 0.85), 1.15)
            notes.append(f"The LLM's script runs {seconds:.0f} s at the voice's pace; "
                         f"the voice is set to {rate:.2f}×.")
            seconds = estimate_seconds(texts, request.language, request.words_per_second, rate)   # as heard
        return Script(
            style=parsed.style, content_type=request.content_type, language=request.language,
            format_preset=choose_preset(request.format_preset, variant=request.variant,
                                        images=images, actors_available=request.actors_available),
            hook=scenes[0].text, cta=parsed.cta, scenes=scenes,
            word_count=sum(count_words(t, request.language) for t in texts),
            estimated_seconds=round(seconds, 2), rate=round(rate, 3), writer="llm", notes=notes)
