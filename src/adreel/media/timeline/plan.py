"""Planning the timeline from the script and the voice's word timings: cuts land in the
pauses between words, long scenes are split so the picture changes every few seconds, and
every shot gets a picture, a move, a card and a transition chosen by the style and the seed."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

from babel.numbers import format_decimal

from adreel.media.captions.cues import Word
from adreel.media.extract.model import Product
from adreel.media.timeline.model import Card, Move, Shot, Timeline, Transition
from adreel.media.write.model import Script
from adreel.media.write.speech import show_price

MAX_SHOT_S = 3.2          # longer scenes are split: the picture changes at least this often
MIN_SHOT_S = 1.0
TRANSITIONS: dict[str, tuple[Transition, ...]] = {
    "problem_solution": ("punch", "cut", "slide", "cut"),
    "three_reasons": ("slide", "cut", "slide", "punch"),
    "discovery": ("fade", "cut", "slide", "fade"),
    "social_proof": ("fade", "slide", "cut", "fade"),
    "special_offers": ("punch", "punch", "cut", "slide"),
}
MOVES: tuple[Move, ...] = ("zoom_in", "pan_right", "zoom_out", "pan_left")
REVIEWS_WORD = {"en": "reviews", "es": "reseñas", "de": "Bewertungen", "fr": "avis", "ja": "件のレビュー"}
CTA_WORDS = {
    "ad": {"en": "Shop now", "es": "Compra ya", "de": "Jetzt kaufen", "fr": "Acheter", "ja": "今すぐ購入"},
    "organic": {"en": "Learn more", "es": "Descubre más", "de": "Mehr erfahren", "fr": "En savoir plus",
                "ja": "詳しくはこちら"},
}


@dataclass(frozen=True)
class PlanInput:
    script: Script
    words: Sequence[Word]
    product: Product
    image_count: int              # downloaded pictures available (≥ 1)
    image_for: dict[int, int]     # the script's picture index → downloaded picture index
    aspect: str
    width: int
    height: int
    duration: float               # the video's length (voice plus a short tail)
    caption_style: str
    seed: int
    fps: int = 30


def _scene_starts(words: Sequence[Word], scenes: int) -> list[float | None]:
    firsts: list[float | None] = [None] * scenes
    for word in words:
        if 0 <= word.scene < scenes and firsts[word.scene] is None:
            firsts[word.scene] = word.start
    return firsts


def _cut_before(words: Sequence[Word], start: float) -> float:
    """A cut just before the word that starts at `start`: in the pause, after the word before."""
    before = max((w.end for w in words if w.end <= start + 1e-6), default=0.0)
    return max(before, start - 0.08) if start - before < 0.16 else (before + start) / 2 + 0.02


def _split_points(words: Sequence[Word], start: float, end: float) -> list[float]:
    """Word boundaries that split [start, end) into pieces no longer than MAX_SHOT_S where the
    pauses allow: cuts snap to the nearest word start, so when snapping leaves a long piece,
    one more piece is tried."""
    length = end - start
    if length <= MAX_SHOT_S or length < 2 * MIN_SHOT_S:
        return []
    bounds = [w.start for w in words if start + MIN_SHOT_S <= w.start <= end - MIN_SHOT_S]
    if not bounds:
        return []
    first = max(2, int(length // MAX_SHOT_S) + (1 if length % MAX_SHOT_S > 0.5 else 0))
    best_points: list[float] = []
    for pieces in range(first, first + 3):
        points: list[float] = []
        for k in range(1, pieces):
            goal = start + length * k / pieces
            cut = _cut_before(words, min(bounds, key=lambda b: abs(b - goal)))
            if (not points or cut - points[-1] >= MIN_SHOT_S) and cut - start >= MIN_SHOT_S \
                    and end - cut >= MIN_SHOT_S * 0.5:
                points.append(cut)
        edges = [start, *points, end]
        longest = max(b - a for a, b in itertools.pairwise(edges))
        if not best_points or longest < max(b - a for a, b in itertools.pairwise([start, *best_points, end])):
            best_points = points
        if longest <= MAX_SHOT_S * 1.1:
            break
    return best_points


def _draft_card(kind: str, text: str | None, product: Product, language: str, content_type: str) -> Card | None:
    if kind == "image":
        return None
    price = show_price(product.price, product.currency, language) if product.price is not None else None
    compare = (show_price(product.compare_at_price, product.currency, language)
               if product.compare_at_price is not None and product.price is not None
               and product.compare_at_price > product.price else None)
    count_label = None
    if product.review_count:
        count = format_decimal(product.review_count, locale=language)
        word = REVIEWS_WORD.get(language, "reviews")
        count_label = f"{count}{word}" if language == "ja" else f"{count} {word}"
    review = product.reviews[0] if product.reviews else None
    common = {"language": language}
    if kind == "price":
        return Card(kind="price", price=price, compare_at=compare, discount_percent=product.discount_percent,
                    text=text, **common)
    if kind == "rating":
        return Card(kind="rating", rating=product.rating, review_count=product.review_count,
                    review_count_label=count_label, text=text, **common)
    if kind == "review":
        return Card(kind="review", text=text or (review.body if review else None),
                    author=review.author if review else None,
                    rating=review.rating if review and review.rating else product.rating, **common)
    if kind == "end_card":
        cta = CTA_WORDS.get(content_type, CTA_WORDS["ad"]).get(language, "Shop now")
        return Card(kind="end_card", text=cta, title=product.title, brand=product.brand,
                    price=price if content_type == "ad" else None, **common)
    return Card(kind=kind, text=text, discount_percent=product.discount_percent if kind == "offer" else None,
                **common)  # type: ignore[arg-type]


def _card(kind: str, text: str | None, product: Product, language: str, content_type: str) -> Card | None:
    """The card for a scene, or None when the page lacks what the card would show (a price
    card without a price, a rating without stars, an end card without a name)."""
    card = _draft_card(kind, text, product, language, content_type)
    if card is None:
        return None
    needs = {"price": card.price, "rating": card.rating, "feature": card.text, "review": card.text,
             "offer": card.text, "end_card": card.title or card.brand}
    value = needs.get(card.kind)
    return card if value is not None and (not isinstance(value, str) or value.strip()) else None


def _prompt(kind: str, move: str, image: int, card: Card | None) -> str:
    motion = move.replace("_", " ")
    if card is None:
        return f"Product picture {image + 1}, slow {motion}."
    what = {"price": "Price card", "rating": "Star rating card", "feature": "Feature call-out",
            "review": "Review quote card", "offer": "Offer badge", "end_card": "End card with call to action"}
    detail = card.text or card.price or (f"{card.rating}" if card.rating else "")
    return f"{what[kind]}{': ' + detail if detail else ''} over product picture {image + 1}, slow {motion}."


def plan_timeline(plan: PlanInput) -> Timeline:
    """Shots covering [0, duration) with cuts on word boundaries."""
    script = plan.script
    rng = random.Random(plan.seed)
    transitions = TRANSITIONS.get(script.style, TRANSITIONS["problem_solution"])
    starts = _scene_starts(plan.words, len(script.scenes))
    spans: list[tuple[int, float, float]] = []
    cursor = 0.0
    for index in range(len(script.scenes)):
        nxt = next((s for s in starts[index + 1:] if s is not None), None)
        end = plan.duration if nxt is None else _cut_before(plan.words, nxt)
        if starts[index] is None or end - cursor < 0.2:
            continue          # a scene with no spoken words gets no shot of its own
        spans.append((index, cursor, end))
        cursor = end
    if not spans:
        spans = [(0, 0.0, plan.duration)]
    spans[-1] = (spans[-1][0], spans[-1][1], plan.duration)

    shots: list[Shot] = []
    picture = 0
    move_offset = rng.randrange(len(MOVES))
    for scene_index, start, end in spans:
        scene = script.scenes[scene_index]
        kind = scene.visual.kind
        # The end card stays up, on one picture, to the end: it is not split.
        splits = [] if kind == "end_card" else _split_points(plan.words, start, end)
        points = [start, *splits, end]
        for piece in range(len(points) - 1):
            if scene.visual.image is not None and piece == 0:
                image = plan.image_for.get(scene.visual.image, scene.visual.image) % plan.image_count
            else:
                image = picture % plan.image_count
            picture = image + 1
            # A split card scene shows its card once; the later pieces are pictures (an end
            # card stays up to the end).
            shown = kind if piece == 0 or kind == "end_card" else "image"
            # A feature or offer card with no words of its own shows the scene's (never a
            # review: a quote must be a shopper's).
            words = scene.visual.text or (scene.display if shown in ("feature", "offer") else None)
            card = _card(shown, words, plan.product, script.language, script.content_type)
            if card is None:
                shown = "image"     # a card without its facts becomes a plain picture shot
            move = MOVES[(len(shots) + move_offset) % len(MOVES)]
            if not shots:
                transition: Transition = "cut"
            elif piece > 0:
                transition = "cut"          # within a scene: a plain cut to the next picture
            else:
                transition = transitions[(len(shots) + rng.randrange(2)) % len(transitions)]
            # The actor speaks the hook, the bridges and the call to action; a card scene shows
            # the actor only full frame (talking_head), where the card overlays them.
            on_camera = script.format_preset != "product_showcase" and scene.kind in ("actor", "cta") \
                and piece == 0 and (card is None or script.format_preset == "talking_head")
            prompt = _prompt(shown, move, image, card)
            if on_camera:
                prompt = f"The actor says it to camera ({script.format_preset.replace('_', ' ')}). " + prompt
            shots.append(Shot(index=len(shots), scene=scene_index, start=points[piece], end=points[piece + 1],
                              visual=shown, image=image, move=move, transition=transition, card=card,
                              actor=on_camera, prompt=prompt))
    return Timeline(width=plan.width, height=plan.height, fps=plan.fps, duration=plan.duration,
                    aspect=plan.aspect, preset=script.format_preset, caption_style=plan.caption_style,
                    language=script.language, shots=shots)
