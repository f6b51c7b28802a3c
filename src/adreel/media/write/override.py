"""`overrideScript`: the user's own words, used verbatim, split into scenes with visuals chosen
from what each sentence talks about."""

from __future__ import annotations

import re

from adreel.media.write.facts import product_facts
from adreel.media.write.model import Scene, SceneKind, Script, ScriptError, Visual, WriteRequest
from adreel.media.write.presets import choose_preset
from adreel.media.write.timing import count_words, estimate_seconds

MAX_SECONDS = 90.0
_SENTENCES = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])\s*")
_PRICE = re.compile(r"[$€£¥]\s?\d|\d\s?(?:€|円|\$)|\b(?:price|only|just|dollars?|euros?|pounds?)\b|"
                    r"\b(?:precio|preis|prix)\b|円", re.I)
_RATING = re.compile(r"\bstars?\b|★|\brated\b|\bestrellas\b|\bsterne\b|\bétoiles\b|星", re.I)
_REVIEW = re.compile(r"[“\"«„「]|\breviews?\b|\bcustomers?\b|\bsaid\b|レビュー", re.I)
_OFFER = re.compile(r"\d\s?%|\b(?:off|sale|deal|discount|save|descuento|rabatt|réduction|"
                    r"promo)\b|セール|割引|オフ", re.I)
_CTA = re.compile(r"\b(?:link|shop|buy|order|get yours|grab|tap|click|visit|compra|kauf|"
                  r"bestell|achète|commande)\w*|今すぐ|チェック|購入", re.I)


_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){1,3}|\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|vs|etc|No|Nr|approx|"
                           r"incl|Sra|Sr|Mme|Mlle|z\.B|bzw|ca)\.)$")


def split_sentences(text: str) -> list[str]:
    """Sentences, not broken after abbreviations ("Dr.", "U.S.", "e.g.")."""
    sentences: list[str] = []
    for piece in (p.strip() for p in _SENTENCES.split(text.strip())):
        if not piece:
            continue
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


def _visual(sentence: str, image: int | None) -> Visual:
    if _OFFER.search(sentence):
        return Visual(kind="offer", text=sentence)
    if _PRICE.search(sentence):
        return Visual(kind="price")
    if _RATING.search(sentence):
        return Visual(kind="rating")
    if _REVIEW.search(sentence):
        return Visual(kind="review", text=sentence)
    return Visual(kind="image", image=image)


def write_override(request: WriteRequest) -> Script:
    text = (request.override_script or "").strip()
    sentences = split_sentences(text)
    if not sentences:
        raise ScriptError("overrideScript has no sentences to speak.")
    language = request.language
    seconds = estimate_seconds(sentences, language, request.words_per_second)
    if seconds > MAX_SECONDS:
        raise ScriptError(f"overrideScript would run about {seconds:.0f} s at the voice's pace; "
                          f"the limit is {MAX_SECONDS:.0f} s.")
    images = len(request.product.images)
    scenes: list[Scene] = []
    for index, sentence in enumerate(sentences):
        last = index == len(sentences) - 1 and index > 0
        kind: SceneKind = "actor" if index == 0 else "product" if index % 2 else "actor"
        visual = _visual(sentence, index % images if images else None)
        if last and request.content_type == "ad" and _CTA.search(sentence):
            kind, visual = "cta", Visual(kind="end_card")
        scenes.append(Scene(kind=kind, text=sentence, display=sentence, visual=visual))
    facts = product_facts(request.product, language)
    return Script(
        style=request.style or "problem_solution",
        content_type=request.content_type,
        language=language,
        format_preset=choose_preset(request.format_preset, variant=request.variant,
                                    images=facts.images, actors_available=request.actors_available),
        hook=scenes[0].text,
        cta=scenes[-1].text if scenes[-1].kind == "cta" else None,
        scenes=scenes,
        word_count=sum(count_words(s, language) for s in sentences),
        estimated_seconds=round(seconds, 2),
        writer="override",
        notes=["Used the override script verbatim; its length sets the video's duration."],
    )
