"""Draw every built-in actor onto one PNG contact sheet, to look at by eye.

    .venv/bin/python scripts/actors_sheet.py /tmp/actors.png [--height 600] [--only maya,jordan]

Each row: the actor's preview (room, figure, open eyes, resting mouth), the same with each gesture
(pointing; holding up a stand-in card pasted into the hold box), then their face in each of the 11
mouth shapes at full openness (a few at half too), closed eyes, lifted brows and the head turned 2°
each way over the body. Build, patch and gesture timings are printed."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from adreel.media.actors import BUILTIN_ACTORS, GESTURES, SHAPES, ActorRig, build_rig, preview

EXTRA = [("open", 0.5), ("round", 0.5), ("wide", 0.3), ("teeth", 0.4)]


def _face(rig: ActorRig, eyes: Image.Image, mouth: Image.Image, turn: float = 0.0) -> Image.Image:
    """The head, cropped from the composited rig with these patches (and the head turned `turn`°
    about its pivot over the body, patches and all, as the compositor does)."""
    frame = rig.background.convert("RGBA")
    if turn:
        head = rig.head.copy()
        head.alpha_composite(eyes, rig.eyes_box[:2])
        head.alpha_composite(mouth, rig.mouth_box[:2])
        frame.alpha_composite(rig.body)
        frame.alpha_composite(head.rotate(turn, center=rig.head_pivot, resample=Image.Resampling.BICUBIC))
    else:
        frame.alpha_composite(rig.person)
        frame.alpha_composite(eyes, rig.eyes_box[:2])
        frame.alpha_composite(mouth, rig.mouth_box[:2])
    cx, cy = (rig.head_box[0] + rig.head_box[2]) // 2, (rig.eyes_box[1] + rig.mouth_box[3]) // 2
    half = round((rig.mouth_box[3] - rig.eyes_box[1]) * 0.7)
    return frame.crop((cx - half, cy - half, cx + half, cy + half)).convert("RGB")


def _gesture(rig: ActorRig, name: str) -> tuple[Image.Image, float]:
    """The actor at rest making a gesture (holding a stand-in card), and how long it took to draw."""
    t0 = time.perf_counter()
    overlay = rig.gesture(name)
    took = time.perf_counter() - t0
    frame = rig.background.convert("RGBA")
    frame.alpha_composite(rig.person)
    frame.alpha_composite(rig.eyes(0.0), rig.eyes_box[:2])
    frame.alpha_composite(rig.mouth("rest", 0.0), rig.mouth_box[:2])
    if name == "hold":
        x0, y0, x1, y1 = rig.hold_box
        card = Image.new("RGBA", (x1 - x0, y1 - y0), (248, 246, 240, 255))
        draw = ImageDraw.Draw(card)
        draw.rectangle((0, 0, card.width - 1, card.height - 1), outline=(200, 196, 188), width=max(1, card.width // 99))
        draw.rectangle((card.width * 0.1, card.height * 0.1, card.width * 0.9, card.height * 0.6), fill=(120, 170, 210))
        frame.paste(card, (x0, y0))
    frame.alpha_composite(overlay)
    return frame.convert("RGB"), took


def row(look_index: int, height: int, tile: int) -> Image.Image:
    look = BUILTIN_ACTORS[look_index]
    t0 = time.perf_counter()
    rig = build_rig(look, height)
    built = time.perf_counter() - t0
    big = preview(look, height)
    pw = round(big.width * tile * 2 / big.height)
    cells: list[tuple[str, Image.Image]] = []
    open_eyes = rig.eyes(0.0)
    times = []
    for shape in SHAPES:
        t1 = time.perf_counter()
        mouth = rig.mouth(shape, 1.0)
        times.append(time.perf_counter() - t1)
        cells.append((shape, _face(rig, open_eyes, mouth)))
    for shape, amount in EXTRA:
        cells.append((f"{shape} {amount}", _face(rig, open_eyes, rig.mouth(shape, amount))))
    rest = rig.mouth("rest", 0.0)
    t1 = time.perf_counter()
    half = rig.eyes(0.5)
    eye_time = time.perf_counter() - t1
    cells.append(("blink 0.5", _face(rig, half, rest)))
    cells.append(("blink 1", _face(rig, rig.eyes(1.0), rest)))
    raised = rig.eyes(0.0)
    raised.alpha_composite(rig.brows(1.0))
    cells.append(("brows up", _face(rig, raised, rig.mouth("wide", 0.6))))
    for turn in (-2.0, 2.0):
        cells.append((f"head {turn:+.0f}°", _face(rig, open_eyes, rig.mouth("wide", 0.6), turn)))
    gestures = [(name, *_gesture(rig, name)) for name in GESTURES]
    cols = 8
    rows = -(-len(cells) // cols)
    left = (pw + 10) * (1 + len(gestures))
    out = Image.new("RGB", (left + cols * tile + 10, max(tile * 2, rows * (tile + 18)) + 26), (250, 250, 250))
    out.paste(big.resize((pw, tile * 2), Image.Resampling.LANCZOS), (0, 26))
    draw = ImageDraw.Draw(out)
    font = ImageFont.load_default(14)
    for i, (name, frame, _took) in enumerate(gestures, 1):
        out.paste(frame.resize((pw, tile * 2), Image.Resampling.LANCZOS), ((pw + 10) * i, 26))
        draw.text(((pw + 10) * i + 4, 26 + tile * 2 - 18), name, fill=(250, 250, 250), font=font)
    drawn = ", ".join(f"{name} {took * 1000:.0f} ms" for name, _frame, took in gestures)
    draw.text((4, 4), f"{look.name}: {look.gender}, {look.age}, {look.hair}, {look.clothing}, {look.setting}"
              f"   build {built * 1000:.0f} ms, mouth {max(times) * 1000:.1f} ms, eyes {eye_time * 1000:.1f} ms, "
              f"{drawn}", fill=(20, 20, 20), font=font)
    for i, (label, img) in enumerate(cells):
        x, y = left + (i % cols) * tile, 26 + (i // cols) * (tile + 18)
        out.paste(img.resize((tile - 4, tile - 4), Image.Resampling.LANCZOS), (x, y))
        draw.text((x + 2, y + tile - 4), label, fill=(60, 60, 60), font=font)
    print(f"{look.id}: build {built:.2f} s, slowest mouth {max(times) * 1000:.1f} ms, eyes {eye_time * 1000:.1f} ms, "
          f"{drawn}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--height", type=int, default=1200, help="rig height")
    parser.add_argument("--tile", type=int, default=150)
    parser.add_argument("--only", default="", help="comma-separated actor ids")
    args = parser.parse_args()
    wanted = {s for s in args.only.split(",") if s}
    rows = [row(i, args.height, args.tile) for i, look in enumerate(BUILTIN_ACTORS) if not wanted or look.id in wanted]
    sheet = Image.new("RGB", (max(r.width for r in rows), sum(r.height + 10 for r in rows)), (230, 230, 230))
    y = 0
    for r in rows:
        sheet.paste(r, (0, y))
        y += r.height + 10
    sheet.save(args.out)
    print(f"wrote {args.out} ({sheet.width}×{sheet.height})")


if __name__ == "__main__":
    main()
