"""A contact sheet of sample frames from rendered videos, for reviewing the look by eye.

    python scripts/contact_sheet.py OUT.png VIDEO.mp4 [VIDEO.mp4 ...] [--every 1.0] [--height 400]

One row per video: a frame every `--every` seconds, scaled to `--height` pixels high."""

from __future__ import annotations

import argparse
from pathlib import Path

import av
from PIL import Image, ImageDraw


def frames(path: Path, every: float, height: int) -> list[Image.Image]:
    picked: list[Image.Image] = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        next_at = every / 2
        for frame in container.decode(stream):
            if frame.time is not None and frame.time >= next_at:
                image = frame.to_image()
                picked.append(image.resize((round(image.width * height / image.height), height)))
                next_at += every
    return picked


def write_sheet(out: Path, videos: list[Path], every: float = 1.0, height: int = 400) -> int:
    """Write the sheet; returns how many frames it holds."""
    rows = [(video, frames(video, every, height)) for video in videos]
    width = max(sum(f.width + 4 for f in row) for _v, row in rows)
    sheet = Image.new("RGB", (width, len(rows) * (height + 28)), (24, 24, 24))
    draw = ImageDraw.Draw(sheet)
    for number, (video, row) in enumerate(rows):
        top = number * (height + 28)
        draw.text((6, top + 6), str(video), fill=(220, 220, 220))
        x = 0
        for frame in row:
            sheet.paste(frame, (x, top + 24))
            x += frame.width + 4
    sheet.save(out)
    return sum(len(r) for _v, r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("videos", type=Path, nargs="+")
    parser.add_argument("--every", type=float, default=1.0)
    parser.add_argument("--height", type=int, default=400)
    args = parser.parse_args()
    count = write_sheet(args.out, args.videos, args.every, args.height)
    print(f"{args.out}: {len(args.videos)} videos, {count} frames")


if __name__ == "__main__":
    main()
