"""Draw every built-in actor onto one PNG contact sheet, to look at by eye.

    .venv/bin/python scripts/actors_sheet.py /tmp/actors.png [--height 600] [--only maya,jordan]

Each row: the actor's preview (room, figure, open eyes, resting mouth), then their face in each of
the 11 mouth shapes at full openness (a few at half too), then closed eyes and lifted brows. Build
and patch timings are printed."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from adreel.media.actors import BUILTIN_ACTORS, SHAPES, ActorRig, build_rig, preview

EXTRA = [("open", 0.5), ("round", 0.5), ("wide", 0.3), ("teeth", 0.4)]


def _face(rig: ActorRig, eyes: Image.Image, mouth: Image.Image) -> Image.Image:
    """The head, cropped from the composited rig with these patches."""
    frame = rig.background.convert("RGBA")
    frame.alpha_composite(rig.person)
    frame.alpha_composite(eyes, rig.eyes_box[:2])
    frame.alpha_composite(mouth, rig.mouth_box[:2])
    cx, cy = (rig.head_box[0] + rig.head_box[2]) // 2, (rig.eyes_box[1] + rig.mouth_box[3]) // 2
    half = round((rig.mouth_box[3] - rig.eyes_box[1]) * 0.7)
    return frame.crop((cx - half, cy - half, cx + half, cy + half)).convert("RGB")


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
    cols = 8
    rows = -(-len(cells) // cols)
    out = Image.new("RGB", (pw + cols * tile + 20, max(tile * 2, rows * (tile + 18)) + 26), (250, 250, 250))
    out.paste(big.resize((pw, tile * 2), Image.Resampling.LANCZOS), (0, 26))
    draw = ImageDraw.Draw(out)
    font = ImageFont.load_default(14)
    draw.text((4, 4), f"{look.name}: {look.gender}, {look.age}, {look.hair}, {look.clothing}, {look.setting}"
              f"   build {built * 1000:.0f} ms, mouth {max(times) * 1000:.1f} ms, eyes {eye_time * 1000:.1f} ms",
              fill=(20, 20, 20), font=font)
    for i, (label, img) in enumerate(cells):
        x, y = pw + 20 + (i % cols) * tile, 26 + (i // cols) * (tile + 18)
        out.paste(img.resize((tile - 4, tile - 4), Image.Resampling.LANCZOS), (x, y))
        draw.text((x + 2, y + tile - 4), label, fill=(60, 60, 60), font=font)
    print(f"{look.id}: build {built:.2f} s, slowest mouth {max(times) * 1000:.1f} ms, eyes {eye_time * 1000:.1f} ms")
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
