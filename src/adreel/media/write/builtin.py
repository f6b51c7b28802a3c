"""The built-in writer: offline, deterministic per seed, never states what the page does not.

A style is a plan of beats (hook, problem, reveal, benefit, proof, ..., call to action). Each
beat picks a line of the language's copy library whose slots the product's facts can fill.
The core beats always run; extra beats (more benefits, a review, an objection handled) are
added until the script reaches its duration, then lines are swapped for longer or shorter
alternatives to land on it.
"""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass, field

from adreel.catalogue import STYLES, Style
from adreel.media.extract.model import Product
from adreel.media.write.copy import load
from adreel.media.write.directions import Directions, read_directions
from adreel.media.write.facts import Said, ScriptFacts, product_facts
from adreel.media.write.library import Library, fill
from adreel.media.write.lint import lint, title_limit
from adreel.media.write.model import (
    Scene,
    SceneKind,
    Script,
    Visual,
    VisualKind,
    WriteRequest,
)
from adreel.media.write.presets import choose_preset
from adreel.media.write.speech import speakable
from adreel.media.write.timing import count_words, estimate_seconds

LOGGER = logging.getLogger("adreel.write")
# The nearest styles to fall back on when the page lacks a style's facts.
_FALLBACK: dict[str, tuple[Style, ...]] = {
    "social_proof": ("three_reasons", "discovery", "problem_solution"),
    "special_offers": ("problem_solution", "discovery"),
    "three_reasons": ("discovery", "problem_solution"),
    "problem_solution": ("discovery",),
    "discovery": ("problem_solution",),
}
# Styles tried for variants after the first when the request names none.
_AUTO_ORDER: tuple[Style, ...] = ("social_proof", "special_offers", "three_reasons", "discovery")
# Core and extra beats per style: (group, scene kind, visual). "benefit" and "quote" beats take
# the next unused benefit or quote.
_PLANS: dict[str, tuple[list[str], list[str]]] = {
    "problem_solution": (["hook", "problem", "reveal", "benefit", "cta"],
                         ["benefit", "proof", "quote", "benefit", "detail", "objection", "look",
                          "usage", "detail", "benefit", "quote", "price", "detail", "usage"]),
    "three_reasons": (["hook", "reason", "reason", "reason", "cta"],
                      ["proof", "quote", "detail", "benefit", "look", "objection", "usage",
                       "detail", "quote", "price", "detail", "usage"]),
    "discovery": (["hook", "discovery", "benefit", "cta"],
                  ["benefit", "look", "detail", "proof", "quote", "benefit", "usage", "objection",
                   "detail", "benefit", "price", "detail", "usage"]),
    "social_proof": (["hook", "quote", "benefit", "cta"],
                     ["proof", "quote", "benefit", "detail", "quote", "objection", "look",
                      "benefit", "usage", "detail", "price", "detail", "usage"]),
    "special_offers": (["hook", "offer", "benefit", "urgency", "cta"],
                       ["benefit", "proof", "quote", "detail", "benefit", "look", "usage",
                        "detail", "objection", "benefit", "detail", "usage"]),
}
# Beats any style can add once the page's own facts are used up: looks at the product, how it
# fits a day, a doubt answered, the product named again. Each line is used at most once.
_GENERIC_TAIL = ["look", "usage", "objection", "reveal", "discovery", "price", "proof"] * 4
# Groups whose beats each carry a new fact (a benefit, a quote, a sentence): their lines may
# repeat, the facts do not.
_FACT_GROUPS = frozenset({"benefit", "reason", "quote", "detail"})
# Core beats a tight duration may drop, first to last.
_SOFT = ("problem", "urgency", "tone", "discovery", "audience")
_VISUALS: dict[str, tuple[SceneKind, VisualKind]] = {
    "hook": ("actor", "image"), "problem": ("actor", "image"), "reveal": ("product", "image"),
    "discovery": ("product", "image"), "reason": ("product", "feature"),
    "benefit": ("product", "feature"), "proof": ("product", "rating"),
    "quote": ("product", "review"), "offer": ("product", "offer"), "price": ("product", "price"),
    "urgency": ("actor", "offer"), "objection": ("actor", "image"), "usage": ("actor", "image"),
    "detail": ("product", "image"), "look": ("product", "image"), "cta": ("cta", "end_card"),
    "tone": ("actor", "image"), "audience": ("actor", "image"), "mention": ("product", "image"),
}


def supports(style: str, facts: ScriptFacts) -> bool:
    if style == "social_proof":
        return bool(facts.quotes) or (facts.rating is not None and facts.reviews is not None)
    if style == "special_offers":
        return facts.discount is not None or facts.old_price is not None
    if style == "three_reasons":
        return len(facts.benefits) >= 3
    return True


def choose_style(request: WriteRequest, facts: ScriptFacts) -> tuple[Style, Style | None]:
    """The style to write and, when the page forced a change, the style that was asked for."""
    if request.style is None:
        if request.variant == 0:
            return "problem_solution", None
        usable = [s for s in _AUTO_ORDER if supports(s, facts)]
        return usable[(request.variant - 1) % len(usable)], None
    if supports(request.style, facts):
        return request.style, None
    for fallback in _FALLBACK[request.style]:
        if supports(fallback, facts):
            return fallback, request.style
    return "discovery", request.style


@dataclass
class _Beat:
    group: str
    options: list[Said]          # renderings, in preference order
    chosen: int = 0
    core: bool = True
    preferred: int = 0           # options before this index are preferred (0: all equal)
    visual: Visual = field(default_factory=lambda: Visual(kind="image", image=0))

    @property
    def said(self) -> Said:
        return self.options[self.chosen]


class _Composer:
    """Turns a plan of beats into candidate lines, drawing facts without repeating them."""

    def __init__(self, library: Library, facts: ScriptFacts, directions: Directions,
                 rng: random.Random, content_type: str, topic: str | None = None) -> None:
        self.lib = library
        self.facts = facts
        self.topic = topic
        self.directions = directions
        self.rng = rng
        self.organic = content_type == "organic"
        self.tight = False
        self.used_lines: set[str] = set()
        self.benefit_index = 0
        self.quote_index = 0
        self.detail_index = 0
        self.reason_index = 0
        self.image_index = 0

    def _slots(self) -> dict[str, Said]:
        values = self.facts.slots()
        if self.directions.audience:
            values["audience"] = Said(speakable(self.directions.audience, self.lib.language),
                                      self.directions.audience)
        return values

    def _avoided(self, said: Said) -> bool:
        text = f"{said.text} {said.display}".lower()
        return any(term.lower() in text for term in self.directions.avoid)

    def _lines(self, group: str, extra: dict[str, Said] | None = None,
               remember: bool = True, fresh_only: bool = False) -> list[Said]:
        templates = getattr(self.lib, group)
        if group == "problem" and self.topic in self.lib.pains:
            templates = self.lib.pains[self.topic]   # the pains of this kind of product
        values = {**self._slots(), **(extra or {})}
        options = []
        for template in self.rng.sample(templates, len(templates)):
            said = fill(template, values, self.lib.language)
            if said is not None and not self._avoided(said):
                options.append((template, said))
        # Lines not used yet come first; used ones stay as fallbacks for fitting the length.
        options.sort(key=lambda item: item[0] in self.used_lines)
        if options and fresh_only and options[0][0] in self.used_lines:
            return []   # every line of the group has been said: an extra beat adds nothing new
        if options and remember:
            self.used_lines.add(options[0][0])
        return [said for _t, said in options]

    def _next_image(self) -> Visual:
        index = self.image_index % max(self.facts.images, 1)
        self.image_index += 1
        return Visual(kind="image", image=index if self.facts.images else None)

    def beat(self, group: str, core: bool, style: str, hook_offset: int) -> _Beat | None:
        facts = self.facts
        extra: dict[str, Said] = {}
        card_text: str | None = None
        if group == "hook":
            pool = (self.lib.organic_hooks if self.organic else self.lib.hooks)[style]
            if style == "problem_solution" and not self.organic:
                pool = [*self.lib.pain_hooks.get(self.topic or "", []), *pool]
            candidates = [s for s in (fill(t, self._slots()) for t in pool) if s and not self._avoided(s)]
            if not candidates:
                return None
            # Variants take hooks at different offsets so they never share one; short videos
            # prefer short hooks.
            if self.tight:
                candidates.sort(key=lambda said: len(said.text))
            ordered = candidates[hook_offset % len(candidates):] + candidates[:hook_offset % len(candidates)]
            return _Beat("hook", ordered, core=True, visual=Visual(kind="image", image=0 if facts.images else None))
        shorter: dict[str, Said] = {}
        if group in ("benefit", "reason"):
            if self.benefit_index >= len(facts.benefits):
                return None
            benefit = facts.benefits[self.benefit_index]
            shorter["benefit"] = facts.short_benefits[self.benefit_index]
            self.benefit_index += 1
            extra["benefit"] = benefit
            card_text = facts.cards[self.benefit_index - 1]
            if group == "reason":
                ordinal = self.lib.ordinals[min(self.reason_index, len(self.lib.ordinals) - 1)]
                self.reason_index += 1
                extra["ordinal"] = Said(ordinal, ordinal)
        elif group == "quote":
            if self.quote_index >= len(facts.quotes):
                return None
            quote, reviewer = facts.quotes[self.quote_index]
            short_quote = facts.short_quotes[self.quote_index]
            if self.tight and len(short_quote.text.split()) > 12:
                return None     # no review short enough to quote whole in a short video
            self.quote_index += 1
            extra["quote"] = quote
            shorter["quote"] = short_quote
            if reviewer:
                extra["reviewer"] = Said(reviewer, reviewer)
            card_text = quote.display
        elif group == "detail":
            if self.detail_index >= len(facts.sentences):
                return None
            sentence = facts.sentences[self.detail_index]
            self.detail_index += 1
            extra["sentence"] = sentence
        elif group in ("proof", "price", "offer", "urgency") and (
                group == "urgency" and self.organic):
            return None
        elif group == "cta":
            return self._cta()
        elif group in ("tone",):
            lines = self.lib.tone_lines.get(self.directions.tone or "", [])
            options = [Said(line, line) for line in self.rng.sample(lines, len(lines))]
            return _Beat("tone", options, core=True, visual=self._next_image()) if options else None
        lines = self._lines(group, extra, fresh_only=not core and group not in _FACT_GROUPS)
        preferred = 0
        if group == "offer" and facts.old_price is not None:
            # The hook already says "x % off": the offer beat shows the price drop.
            old = facts.old_price.display
            lines.sort(key=lambda said: old not in said.display)
            preferred = sum(old in said.display for said in lines)
        if shorter and lines:
            # The same lines with a shorter benefit or quote, for tight durations; a benefit as
            # a bare list item only in the lines made for one.
            item_group = "item" if group == "benefit" and self.lib.item else group
            lines += [s for s in self._lines(item_group, {**extra, **shorter}, remember=False)
                      if s not in lines]
        if not lines:
            return None
        scene_kind, visual_kind = _VISUALS[group]
        if visual_kind == "image" or scene_kind == "actor":
            visual = self._next_image() if visual_kind == "image" else Visual(kind=visual_kind)
        else:
            visual = Visual(kind=visual_kind, text=card_text)
        return _Beat(group, lines, core=core, visual=visual, preferred=preferred)

    def _cta(self) -> _Beat | None:
        if self.organic:
            lines = self._lines("organic_endings")
            return _Beat("cta", lines, core=True, visual=Visual(kind="end_card")) if lines else None
        lines = self._lines("cta")
        # An ad ends on its price or offer when the page gives one.
        priced = [s for s in lines if (self.facts.price and self.facts.price.display in s.display)
                  or (self.facts.discount and self.facts.discount.display in s.display)]
        # Unpriced lines stay available for a video too short to say the price in.
        ordered = priced + [s for s in lines if s not in priced]
        return _Beat("cta", ordered, core=True, visual=Visual(kind="end_card"),
                     preferred=len(priced)) if ordered else None


def _estimate(beats: list[_Beat], request: WriteRequest) -> float:
    return estimate_seconds([b.said.text for b in beats], request.language, request.words_per_second)


def _fit(beats: list[_Beat], extras: list[_Beat], request: WriteRequest, name: str,
         additive: tuple[str, ...] = ()) -> list[_Beat]:
    """Add extra beats until the script fills its duration, then swap lines to land on it."""
    target = float(request.duration)
    for beat in extras:
        if _estimate(beats, request) >= target * 0.97:
            break
        beats.insert(len(beats) - 1, beat)
        if _estimate(beats, request) > target * 1.08:
            del beats[len(beats) - 2]   # too long a step: try a shorter beat
    while _estimate(beats, request) > target * 1.1 and any(not b.core for b in beats):
        index = max(i for i, b in enumerate(beats) if not b.core)
        del beats[index]
    for beat in beats:  # tight: start from each beat's shortest line
        if beat.group != "hook" and _estimate(beats, request) > target * 1.05:
            beat.chosen = min(range(len(beat.options)), key=lambda i: len(beat.options[i].text))
    soft = [g for g in _SOFT if any(b.group == g for b in beats)]
    while True:
        _swap_lines(beats, request, target, name)
        if _estimate(beats, request) <= target * 1.1 or not soft:
            break
        group = soft.pop(0)
        beats[:] = [b for b in beats if b.group != group]
    _vary(beats)
    _swap_lines(beats, request, target, name, passes=1)
    _first_benefit_stands_alone(beats, additive)
    return beats


def _first_benefit_stands_alone(beats: list[_Beat], additive: tuple[str, ...]) -> None:
    """"Plus, ..." needs something before it: the first benefit takes the line of nearest
    length that does not add to anything."""
    first = next((b for b in beats if b.group == "benefit"), None)
    if first is None or not first.said.display.startswith(additive):
        return
    plain = [i for i, o in enumerate(first.options) if not o.display.startswith(additive)]
    if plain:
        length = len(first.said.text)
        first.chosen = min(plain, key=lambda i: abs(len(first.options[i].text) - length))


def _swap_lines(beats: list[_Beat], request: WriteRequest, target: float, name: str,
                passes: int = 3) -> None:
    """Swap each beat's line for the alternative that keeps the product named, lands the
    script inside ±10 % of its duration, prefers a priced call to action, and is closest."""
    for _ in range(passes):
        for beat in beats:
            if beat.group == "hook" or len(beat.options) < 2:
                continue

            others = {b.said.text for b in beats if b is not beat}
            frames = {_frame(b.said) for b in beats if b is not beat and b.group == beat.group
                      and b.group not in ("reason", "hook", "cta")}

            at = beats.index(beat)
            # Neighbours that open the same way ("Plus, … Plus, …", "You get … You get …") read
            # as a list, not as someone talking.
            beside = {_opener(b.said) for b in beats[max(at - 1, 0):at + 2] if b is not beat}

            def key(i: int, beat: _Beat = beat, others: set[str] = others, frames: set[str] = frames,
                    beside: set[str] = beside) -> tuple[bool, bool, bool, bool, float, bool]:
                said = [beat.options[i] if b is beat else b.said for b in beats]
                repeated = (beat.options[i].text in others or _frame(beat.options[i]) in frames
                            or _opener(beat.options[i]) in beside)
                seconds = estimate_seconds([x.text for x in said], request.language,
                                           request.words_per_second)
                off = abs(seconds - target)
                named = any(name.lower() in x.display.lower() for x in said)
                return (not named, repeated, off > 0.1 * target,
                        bool(beat.preferred) and i >= beat.preferred, off, i != beat.chosen)

            beat.chosen = min(range(len(beat.options)), key=key)


def _vary(beats: list[_Beat]) -> None:
    """Beats of one group (several benefits, reviews) use different lines where they can,
    taking the fresh line closest in length to the one it replaces."""
    seen: dict[str, set[str]] = {}
    for beat in beats:
        taken = seen.setdefault(beat.group, set())
        if _frame(beat.said) in taken:
            length = len(beat.said.text)
            fresh = [i for i, option in enumerate(beat.options) if _frame(option) not in taken]
            if fresh:
                beat.chosen = min(fresh, key=lambda i: abs(len(beat.options[i].text) - length))
        taken.add(_frame(beat.said))


def _opener(said: Said) -> str:
    """A line's first word, as the ear hears it."""
    first = said.display.split(" ", 1)[0] if said.display else ""
    return first.strip(",.:;!?“”\"'").lower()


def _frame(said: Said) -> str:
    """A line's wording outside its facts: the first two words say which template it is."""
    return " ".join(said.display.split()[:2]).lower()


def write_builtin(request: WriteRequest) -> Script:
    language = request.language
    library = load(language)
    facts = product_facts(request.product, language)
    style, degraded_from = choose_style(request, facts)
    directions = read_directions(library, request.user_instructions, request.target_audience)
    rng = random.Random(f"{request.product.url}|{style}|{request.content_type}")
    composer = _Composer(library, facts, directions, rng, request.content_type, topic(request.product, library))
    composer.tight = request.duration <= 15
    core_groups, extra_groups = _PLANS[style]
    beats: list[_Beat] = []
    for group in core_groups:
        beat = composer.beat(group, True, style, request.variant)
        if beat is not None:
            beats.append(beat)
        if group == "hook":
            for lead in ("tone", "audience"):
                wanted = directions.tone if lead == "tone" else directions.audience
                if wanted and (lead_beat := composer.beat(lead, True, style, 0)) is not None:
                    beats.append(lead_beat)
    for term in directions.mention:
        extra = {"term": Said(speakable(term, language), term)}
        lines = [s for s in (fill(t, extra) for t in library.mention) if s]
        if lines:
            beats.insert(len(beats) - 1, _Beat("mention", lines, core=True))
    extras = [b for g in [*extra_groups, *_GENERIC_TAIL]
              if (b := composer.beat(g, False, style, 0)) is not None]
    beats = _fit(beats, extras, request, facts.name.display, library.additive)
    _name_once(beats, facts, request.duration)
    seconds = _estimate(beats, request)
    notes = []
    if degraded_from:
        notes.append(f"The page has no facts for {degraded_from}; wrote {style} instead.")
    rate = 1.0
    if not 0.9 * request.duration <= seconds <= 1.1 * request.duration:
        rate = min(max(seconds / request.duration, 0.85), 1.15)
        notes.append(f"The page's facts fill {seconds:.0f} s at the voice's pace; "
                     f"the voice is set to {rate:.2f}× to land on {request.duration} s.")
        # The estimate is of what will be heard: at the rate the voice is set to.
        seconds = estimate_seconds([b.said.text for b in beats], request.language, request.words_per_second, rate)
    scenes = [_scene(b, library.language) for b in beats]
    for problem in lint([scene.display for scene in scenes], facts.name.display, request.duration):
        LOGGER.warning("copy lint (%s, %s, %d s): %s", language, style, request.duration, problem)
    return Script(
        style=style,
        degraded_from=degraded_from,
        content_type=request.content_type,
        language=language,
        format_preset=choose_preset(request.format_preset, variant=request.variant,
                                    images=facts.images, actors_available=request.actors_available),
        hook=scenes[0].text,
        cta=scenes[-1].text if request.content_type == "ad" else None,
        scenes=scenes,
        word_count=sum(count_words(s.text, language) for s in scenes),
        estimated_seconds=round(seconds, 2),
        rate=round(rate, 3),
        writer="builtin",
        notes=notes,
    )


def topic(product: Product, library: Library) -> str | None:
    """The copy library's topic the product belongs to (its title counts double), if any."""
    title = (product.title or "").lower()
    rest = " ".join([product.category or "", *product.breadcrumbs]).lower()
    scores: dict[str, int] = {}
    for name, words in library.topics.items():
        for word in words:
            pattern = rf"\b{re.escape(word)}\b"
            scores[name] = scores.get(name, 0) + 2 * len(re.findall(pattern, title)) + len(re.findall(pattern, rest))
    best = max(scores, key=lambda name: scores[name], default=None)
    return best if best is not None and scores[best] > 0 else None


def _name_once(beats: list[_Beat], facts: ScriptFacts, duration: int) -> None:
    """The full name as often as `title_limit` allows, in the first lines that say it; later
    lines say the short name ("this coffee maker")."""
    if facts.short is None or facts.short.display == facts.name.display:
        return
    budget = title_limit(duration)
    pairs = [(facts.name, facts.short), (_upper_first(facts.name), _upper_first(facts.short))]
    for beat in beats:
        said = beat.said
        for full, short in pairs:
            while full.display in said.display:
                if budget > 0:
                    budget -= said.display.count(full.display)
                    break
                said = Said(said.text.replace(full.text, short.text, 1),
                            said.display.replace(full.display, short.display, 1))
        beat.options[beat.chosen] = said


def _upper_first(said: Said) -> Said:
    return Said(said.text[:1].upper() + said.text[1:], said.display[:1].upper() + said.display[1:])


def _scene(beat: _Beat, language: str) -> Scene:
    kind, _visual = _VISUALS.get(beat.group, ("product", "image"))
    said = beat.said
    emphasis = [w for w in said.text.split() if any(ch.isdigit() for ch in w)]
    return Scene(kind=kind, text=said.text, display=said.display, visual=beat.visual,
                 emphasis=emphasis[:3])


__all__ = ["STYLES", "choose_style", "supports", "write_builtin"]
