"""Draw every card kind in every box size onto one PNG contact sheet, to look at by eye.

    .venv/bin/python scripts/cards_sheet.py /tmp/cards.png [--colour '#2e86de'] [--scale 0.5]

Each tile is one box over a stand-in for product footage; the card sits centred in it. The time
each card took to draw is printed."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from PIL import Image, ImageDraw

from adreel.media.fonts import font_for
from adreel.media.scenes.cards import CardSpec, draw_card
from adreel.media.scenes.palette import Palette, palette_from_colours

BOXES = [(960, 700), (1700, 800), (960, 560), (500, 300), (1800, 900)]
LONG = ("Made from recycled ocean plastic and lined with soft merino wool, it keeps drinks cold for a full "
        "day, fits every cup holder, survives the dishwasher, and comes with a lifetime warranty included.")
SPECS = [
    CardSpec("price", price="$39", compare_at="$52", discount_percent=25),
    CardSpec("price", price="39,00 €", language="de"),
    CardSpec("price", price="¥4,980", compare_at="¥6,200", language="ja"),
    CardSpec("rating", rating=4.6, review_count_label="2,314 reviews"),
    CardSpec("rating", rating=3.5, review_count=87, language="ja"),
    CardSpec("feature", text="Keeps drinks cold for 24 hours"),
    CardSpec("feature", text=LONG),
    CardSpec("feature", text="食洗機で洗えて、毎日のお手入れがとても簡単です", language="ja"),
    CardSpec("review", text="Honestly the best bottle I have owned. No leaks, no sweat, still cold at night.",
             rating=5, author="Maya R."),
    CardSpec("review", text=LONG, author="Jonathan from Portland, Oregon"),
    CardSpec("review", text="今日は最高の一日でした。買ってよかったです！", rating=4.5, author="さくら", language="ja"),
    CardSpec("offer", text="20% off today only"),
    CardSpec("offer", text="Free shipping on every order over $50 — plus a free cleaning brush while stocks last"),
    CardSpec("end_card", brand="Hydra Co.", title="Insulated Steel Bottle, 750 ml, Matte Black Edition",
             price="$39", compare_at="$52", discount_percent=25, rating=4.6),
    CardSpec("end_card", brand="Hydra Co.", title=LONG, text="Get yours"),
    CardSpec("end_card", brand="ハイドラ", title="真空断熱ステンレスボトル 750ml", price="¥4,980", language="ja"),
]


def backdrop(size: tuple[int, int], palette: Palette, light: bool) -> Image.Image:
    """A stand-in for footage: a deep (or a pale, studio-like) backdrop with a lit blob where a
    product would be, so the shadow can be judged on both."""
    outer, inner = ((205, 200, 192), (245, 243, 238)) if light else (palette.base_dark, palette.base)
    image = Image.new("RGB", size, outer)
    draw = ImageDraw.Draw(image)
    w, h = size
    for i in range(12, 0, -1):
        t = i / 12
        colour = tuple(round(a + (b - a) * (1 - t)) for a, b in zip(outer, inner, strict=True))
        draw.ellipse((w * 0.5 - w * 0.45 * t, h * 0.5 - h * 0.6 * t, w * 0.5 + w * 0.45 * t, h * 0.5 + h * 0.6 * t),
                     fill=colour)
    return image


def sheet(palette: Palette, scale: float) -> Image.Image:
    gap, label = 24, 40
    width = sum(w for w, _ in BOXES) + gap * (len(BOXES) + 1)
    heights = [max(h for _, h in BOXES)] * len(SPECS)
    full = Image.new("RGB", (width, sum(heights) + (gap + label) * len(SPECS) + gap), (236, 236, 236))
    draw = ImageDraw.Draw(full)
    y = gap
    for index, (spec, row_height) in enumerate(zip(SPECS, heights, strict=True)):
        x = gap
        for box in BOXES:
            started = time.perf_counter()
            card = draw_card(spec, box, palette)
            took = (time.perf_counter() - started) * 1000
            tile = backdrop(box, palette, light=index % 2 == 1)
            tile.paste(card, ((box[0] - card.width) // 2, (box[1] - card.height) // 2), card)
            full.paste(tile, (x, y + label))
            caption = f"{spec.kind} {spec.language} box {box[0]}×{box[1]} card {card.width}×{card.height} {took:.0f} ms"
            draw.text((x, y + 4), caption, font=font_for(caption, 26, "semibold"), fill=(40, 40, 40))
            print(caption)
            x += box[0] + gap
        y += row_height + label + gap
    return full.resize((round(full.width * scale), round(full.height * scale)), Image.Resampling.LANCZOS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the PNG")
    parser.add_argument("--colour", default="#d35400", help="a product colour the palette is taken from")
    parser.add_argument("--scale", type=float, default=0.5, help="scale of the sheet (1 = real pixels)")
    args = parser.parse_args()
    sheet(palette_from_colours([args.colour]), args.scale).save(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
