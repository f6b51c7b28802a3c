"""Review product pages as a viewer would: every preset × aspect ratio, one contact sheet per
video and a defect report.

    .venv/bin/python scripts/review.py PAGE [PAGE ...] [--out DIR] [--duration 15] [--every 1.0]
        [--presets talking_head,...] [--aspects 9:16,...] [--allow-private]

PAGE is a URL or a saved HTML file. Each video runs the real stages up to lip sync (the page
read, the script, the voice, the layers, the mouth), then frames are composed every `--every`
seconds exactly as stitching composes them (no encoding, so a page's twelve videos take a few
minutes, not an hour). Found from the layout, not by eye:

- a glyph missing from the face that draws it, a Latin word split without a hyphen, a kinsoku
  break (every card's text blocks and every caption's lines);
- a caption or a card outside the platform's safe zone;
- a caption over the actor's face or over a card.

Writes DIR/<nn>-<page slug>/<preset>-<aspect>.png and DIR/report.md (and report.json)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from adreel.catalogue import PRESETS
from adreel.media.captions.style import cue_lines
from adreel.media.compose.yuv import yuv_to_rgb
from adreel.media.scenes.cards import CardSpec, draw_card
from adreel.media.scenes.palette import Palette
from adreel.media.scenes.text_audit import line_defects
from adreel.media.scenes.text_fit import recording
from adreel.media.slugs import slug

Rect = tuple[int, int, int, int]
ASPECTS = ("9:16", "16:9", "1:1")


def overlap(a: Rect, b: Rect) -> int:
    """The area two rectangles (x, y, w, h) share."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0)


def inside(inner: Rect, outer: Rect) -> bool:
    return overlap(inner, outer) == inner[2] * inner[3]


def frame_defects(t: float, safe: Rect, caption: Rect | None, card: Rect | None, held: Rect | None,
                  face: Rect | None) -> list[str]:
    """What is wrong with where one frame put its caption and card."""
    found = []
    if caption is not None and not inside(caption, safe):
        found.append(f"{t:.1f} s: the caption {caption} leaves the safe zone {safe}")
    if card is not None and not inside(card, safe):
        found.append(f"{t:.1f} s: the card {card} leaves the safe zone {safe}")
    for name, other in (("the face", face), ("a card", card), ("the held card", held)):
        if caption is not None and other is not None and overlap(caption, other) > 0:
            found.append(f"{t:.1f} s: the caption {caption} covers {name} {other}")
    return found


def text_defects(composition: Any) -> list[str]:
    """Every card's text blocks (drawn again, recorded) and every caption's lines, audited."""
    timeline, renderer = composition.timeline, composition.renderer
    palette: Palette = renderer.palette
    found = []
    with recording() as blocks:
        for shot in timeline.shots:
            if shot.card is not None:
                draw_card(CardSpec(**shot.card.model_dump()), renderer.layout.card[2:], palette)
    for text, block in blocks:
        found += [f"card: {d}" for d in line_defects(text, block.lines, block.face.face_name, cjk=block.face.cjk)]
    zone = renderer.layout.captions[2:]
    for cue in composition.cues:
        face, lines = cue_lines(cue, timeline.caption_style, zone, timeline.language)
        found += [f"caption: {d}" for d in line_defects(cue.text, lines, face, cjk=not cue.joiner)]
    return list(dict.fromkeys(found))


def sampled_frames(composition: Any, every: float) -> Iterator[tuple[float, Image.Image, list[str]]]:
    """Frames every `every` seconds with what is wrong with each."""
    renderer, timeline = composition.renderer, composition.timeline
    actor = renderer.actor
    t = every / 2
    while t < timeline.duration:
        number = int(t * timeline.fps)
        buffer = renderer.frame(number)
        image = Image.fromarray(yuv_to_rgb(buffer, timeline.width, timeline.height))
        shot = next((s for s in timeline.shots if t < s.end), timeline.shots[-1])
        face = actor.face(t) if shot.actor and hasattr(actor, "face") else None
        yield t, image, frame_defects(t, renderer.layout.safe, renderer.caption_rect, renderer.card_rect,
                                      renderer.held_card, face)
        t += every


def write_sheet(out: Path, title: str, frames: list[Image.Image], height: int = 360) -> None:
    scaled = [f.resize((round(f.width * height / f.height), height)) for f in frames]
    per_row = max(1, 2400 // (scaled[0].width + 4)) if scaled else 1
    rows = [scaled[i:i + per_row] for i in range(0, len(scaled), per_row)] or [[]]
    width = max(sum(f.width + 4 for f in row) for row in rows) or 400
    sheet = Image.new("RGB", (width, 28 + len(rows) * (height + 4)), (24, 24, 24))
    ImageDraw.Draw(sheet).text((6, 6), title, fill=(220, 220, 220))
    for r, row in enumerate(rows):
        x = 0
        for frame in row:
            sheet.paste(frame, (x, 28 + r * (height + 4)))
            x += frame.width + 4
    sheet.save(out)


def review(pages: list[str], out: Path, *, duration: int, every: float, presets: list[str], aspects: list[str],
           allow_private: bool) -> dict[str, Any]:
    from adreel.app import make_fetcher, make_toolkit, make_voice_registry
    from adreel.config import Settings
    from adreel.engine.request import GenerateContext, check_generate
    from adreel.pipeline.checks import VoiceCheck
    from adreel.pipeline.outside import Pending
    from adreel.pipeline.stages import STAGE_FUNCTIONS, LocalRun, poll_stage, run_stage
    from adreel.pipeline.stitching import compose

    settings = Settings()
    report: dict[str, Any] = {"videos": []}
    with make_voice_registry(settings) as voices, make_fetcher(settings, allow_private=allow_private) as fetcher:
        kit = make_toolkit(settings, fetcher, voices)
        context = GenerateContext(voices=VoiceCheck(voices), actor_ids=tuple(kit.actors), llm_available=False)
        for number, page in enumerate(pages, start=1):
            path = Path(page)
            url = path.resolve().as_uri() if path.is_file() else page
            local = dataclasses.replace(kit, local_root=path.resolve().parent) if path.is_file() else kit
            folder = out / f"{number:02d}-{slug(path.stem if path.is_file() else page)}"
            folder.mkdir(parents=True, exist_ok=True)
            for preset in presets:
                for aspect in aspects:
                    body = {"urls": ["https://file.invalid/0" if path.is_file() else page], "aspectRatio": aspect,
                            "adDuration": duration, "formatPreset": preset}
                    run = LocalRun(project_id=str(uuid.uuid4()), url=url, variant=0,
                                   request=check_generate(body, context).model_dump(), report=lambda *_: None)
                    entry: dict[str, Any] = {"page": page, "preset": preset, "aspect": aspect, "defects": []}
                    try:
                        for name in list(STAGE_FUNCTIONS)[:-1]:        # all but stitching
                            run.stage = name
                            result = run_stage(name, run, local)
                            while isinstance(result, Pending):
                                time.sleep(result.poll_after_s)
                                result = poll_stage(name, run, local, result.handle)
                            run.outputs.update(result or {})
                        with local.stage_work(run.project_id):
                            composition = compose(local.work(run.project_id))
                            frames, defects = [], text_defects(composition)
                            for _t, image, found in sampled_frames(composition, every):
                                frames.append(image)
                                defects += found
                        sheet = folder / f"{preset}-{aspect.replace(':', 'x')}.png"
                        write_sheet(sheet, f"{page} · {preset} · {aspect}", frames)
                        entry.update(sheet=str(sheet), defects=defects)
                    except Exception as exc:   # a crash is the worst defect: report it, go on
                        entry["defects"] = [f"failed in {run.stage}: {type(exc).__name__}: {exc}"]
                    finally:
                        kit.storage.delete_prefix(f"work/{run.project_id}/")
                    report["videos"].append(entry)
                    print(f"{preset:>16} {aspect:>5}  {len(entry['defects'])} defects  {page}", flush=True)
    return report


def write_report(report: dict[str, Any], out: Path) -> None:
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    videos = report["videos"]
    lines = ["# Review", "", f"{len(videos)} videos, {sum(1 for v in videos if v['defects'])} with defects, "
             f"{sum(len(v['defects']) for v in videos)} defects in all.", ""]
    for video in videos:
        lines.append(f"## {video['page']} · {video['preset']} · {video['aspect']}: {len(video['defects'])}")
        lines += [f"- {d}" for d in video["defects"]] + [""]
    (out / "report.md").write_text("\n".join(lines), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("adreel-review"))
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--every", type=float, default=1.0)
    parser.add_argument("--presets", default=",".join(PRESETS))
    parser.add_argument("--aspects", default=",".join(ASPECTS))
    parser.add_argument("--allow-private", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    report = review(args.pages, args.out, duration=args.duration, every=args.every,
                    presets=args.presets.split(","), aspects=args.aspects.split(","), allow_private=args.allow_private)
    write_report(report, args.out)
    print(f"{args.out / 'report.md'}: {sum(len(v['defects']) for v in report['videos'])} defects")


if __name__ == "__main__":
    main()
