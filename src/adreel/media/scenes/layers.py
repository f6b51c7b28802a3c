"""The video stage's work: every shot's prepared layers (backdrop, hero picture, card) drawn
once at full size. Shots that share a picture share its layers. Frames are composed from these
in the stitching stage; nothing here is per frame."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from PIL import Image
from pydantic import BaseModel

from adreel.media.scenes.cards import CardSpec, draw_card
from adreel.media.scenes.palette import Palette
from adreel.media.scenes.pictures import (
    OVERSIZE,
    blurred_backdrop,
    cover_crop,
    cut_out,
    fit,
    framing_for,
    gradient_backdrop,
    rounded_photo,
    with_shadow,
)
from adreel.media.timeline.layout import Layout, Rect
from adreel.media.timeline.model import Timeline


class ShotLayers(BaseModel):
    """Names of a shot's layer files and where they go."""

    backdrop: str | None            # full-frame picture under everything (None: the hero covers the frame)
    hero: str | None                # None: the actor fills the frame (talking_head actor shots)
    hero_rect: Rect                 # where the hero shows, at rest
    hero_mode: str                  # "crop": the move crops an oversized picture; "scale": the sprite scales
    card: str | None = None


@dataclass(frozen=True)
class _Job:
    key: str
    draw: Callable[[], Image.Image]


def _image_region(layout: Layout) -> Rect:
    """Where a whole (contained) picture sits on a picture shot: above the captions in 9:16."""
    if layout.stacked and layout.height > layout.width:
        return (0, 150, layout.width, layout.captions[1] - 150 + 40)
    return (0, 0, layout.width, layout.height)


def _centred(size: tuple[int, int], region: Rect) -> Rect:
    x, y, w, h = region
    return (x + (w - size[0]) // 2, y + (h - size[1]) // 2, size[0], size[1])


def plan_layers(timeline: Timeline, pictures: Sequence[Image.Image], palette: Palette,
                layout: Layout) -> tuple[list[ShotLayers], list[_Job]]:
    """Each shot's layer names and the drawing work (deduplicated) that makes them."""
    jobs: dict[str, _Job] = {}
    framing = {i: timeline.framing.get(i) or framing_for(p, layout.width, layout.height)
               for i, p in enumerate(pictures)}
    cutouts: dict[int, Image.Image] = {}

    def cutout(i: int) -> Image.Image:
        if i not in cutouts:
            cutouts[i] = cut_out(pictures[i])
        return cutouts[i]

    def add(key: str, draw: Callable[[], Image.Image]) -> str:
        jobs.setdefault(key, _Job(key, draw))
        return key

    W, H = layout.width, layout.height
    result: list[ShotLayers] = []
    for shot in timeline.shots:
        i, picture = shot.image, pictures[shot.image]
        if shot.actor and timeline.preset == "talking_head":
            back = add("backdrop.jpg", lambda: gradient_backdrop(palette, W, H))
            card = None
            if shot.card is not None:
                spec = CardSpec(**shot.card.model_dump())
                card = add(f"card-{shot.index}.png", lambda s=spec, b=layout.card[2:]: draw_card(s, b, palette))
            result.append(ShotLayers(backdrop=back, hero=None, hero_rect=(0, 0, W, H), hero_mode="none", card=card))
            continue
        if shot.actor and timeline.preset == "split_screen" and layout.actor is not None:
            # The product takes the half the actor leaves.
            _ax, ay, aw, _ah = layout.actor
            other = (aw, 0, W - aw, H) if W > H else (0, 0, W, ay)
            back = add("backdrop.jpg", lambda: gradient_backdrop(palette, W, H))
            if framing[i] == "cutout":
                hero, rect = _sprite(add, f"half-cut-{i}.png", lambda n=i: cutout(n), other)
            else:   # a photo with its own background is framed (rounded, shadowed), as beside a card
                hero, rect = _sprite(add, f"half-photo-{i}.png", lambda p=picture, r=other: _framed(p, r, 0.86), other,
                                     shadowed=True)
            result.append(ShotLayers(backdrop=back, hero=hero, hero_rect=rect, hero_mode="scale"))
            continue
        if shot.card is None:
            region = _image_region(layout)
            if framing[i] == "cover":
                hero = add(f"cover-{i}.jpg", lambda p=picture: cover_crop(p, round(W * OVERSIZE), round(H * OVERSIZE)))
                result.append(ShotLayers(backdrop=None, hero=hero, hero_rect=(0, 0, W, H), hero_mode="crop"))
            elif framing[i] == "contain":
                size = fit(picture.size, region[2:], cover=False)
                back = add(f"blur-{i}.jpg", lambda p=picture: blurred_backdrop(p, W, H))
                hero = add(f"photo-{i}.jpg", lambda p=picture, s=size: p.convert("RGB").resize(
                    (round(s[0] * OVERSIZE), round(s[1] * OVERSIZE)), Image.Resampling.LANCZOS))
                result.append(ShotLayers(backdrop=back, hero=hero, hero_rect=_centred(size, region), hero_mode="crop"))
            else:
                # A cut-out product stands above the captions, never behind them.
                region = (0, layout.safe[1], layout.width, layout.captions[1] - layout.safe[1])
                rx, ry, rw, rh = region
                inner = (rx + rw // 12, ry + rh // 12, rw * 5 // 6, rh * 5 // 6)
                back = add("backdrop.jpg", lambda: gradient_backdrop(palette, W, H))
                hero, rect = _sprite(add, f"cut-{i}.png", lambda n=i: cutout(n), inner)
                result.append(ShotLayers(backdrop=back, hero=hero, hero_rect=rect, hero_mode="scale"))
            continue
        back = add("backdrop.jpg", lambda: gradient_backdrop(palette, W, H))
        if framing[i] == "cutout":
            hero, rect = _sprite(add, f"small-cut-{i}.png", lambda n=i: cutout(n), layout.hero)
        else:
            hero, rect = _sprite(add, f"small-photo-{i}.png", lambda p=picture: _framed(p, layout.hero), layout.hero,
                                 shadowed=True)
        spec = CardSpec(**shot.card.model_dump())
        card_box = layout.card[2:]
        card = add(f"card-{shot.index}.png", lambda s=spec, b=card_box: draw_card(s, b, palette))
        result.append(ShotLayers(backdrop=back, hero=hero, hero_rect=rect, hero_mode="scale", card=card))
    return result, list(jobs.values())


def _framed(picture: Image.Image, region: Rect, share: float = 1.0) -> Image.Image:
    """A photo with its own background, fitted in `share` of `region`, with rounded corners on a
    shadow."""
    size = fit(picture.size, (round(region[2] * share), round(region[3] * share)), cover=False)
    return with_shadow(rounded_photo(picture.convert("RGB").resize(size, Image.Resampling.LANCZOS),
                                     max(12, size[0] // 24)), 18)


def _sprite(add: Callable[[str, Callable[[], Image.Image]], str], key: str, source: Callable[[], Image.Image],
            region: Rect, shadowed: bool = False) -> tuple[str, Rect]:
    """A cut-out (or framed photo) sprite fitted in `region`; its rect is settled when drawn, so
    the rect recorded is the region and the compositor centres the sprite in it."""
    def draw() -> Image.Image:
        image = source()
        if shadowed:
            return image
        size = fit(image.size, (region[2] * 9 // 10, region[3] * 9 // 10), cover=False)
        return with_shadow(image.resize(size, Image.Resampling.LANCZOS))
    return add(key, draw), region


def draw_layers(jobs: Sequence[_Job], progress: Callable[[int, int], None] | None = None) -> Iterator[
        tuple[str, Image.Image]]:
    """Draw each layer once, reporting progress as layers done / total."""
    for done, job in enumerate(jobs, start=1):
        yield job.key, job.draw()
        if progress is not None:
            progress(done, len(jobs))
