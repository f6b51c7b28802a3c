"""What the drawn parts of a video cost, each beside the budget it spends.

    python benchmarks/parts.py

Per-frame work (an actor's mouth and eyes) is printed as a share of one frame's time at 30 fps;
per-video work (building a rig, drawing a card, generating a 60 s music bed) as a share of the
30 s video it goes into. Medians of several runs, first-call costs left out. These figures
used to be asserted in tests, where a busy machine made them fail; here they are read.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from adreel.media.actors import BUILTIN_ACTORS, SHAPES, build_rig
from adreel.media.audio import BEDS, generate_bed
from adreel.media.scenes.cards import CardSpec, draw_card
from adreel.media.scenes.palette import palette_from_colours

FRAME_S = 1 / 30
VIDEO_S = 30.0
CARDS = [
    CardSpec("price", price="$39", compare_at="$52", discount_percent=25),
    CardSpec("rating", rating=4.6, review_count_label="2,314 reviews"),
    CardSpec("feature", text="Keeps drinks cold for 24 hours"),
    CardSpec("review", text="Best bottle I have owned. No leaks.", rating=5, author="Maya R."),
    CardSpec("offer", text="20% off today only"),
    CardSpec("end_card", brand="Hydra Co.", title="Insulated Steel Bottle 750 ml", price="$39",
             text="Shop now"),
]


def median_s(work: Callable[[int], object], runs: int) -> float:
    work(0)   # imports, caches and first-call costs out of the measurement
    times = []
    for i in range(runs):
        started = time.perf_counter()
        work(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def row(name: str, seconds: float, budget: float, unit: str) -> None:
    print(f"{name:<28} {seconds * 1000:9.2f} ms   {seconds / budget:7.2%} of {unit}")


def main() -> None:
    look = BUILTIN_ACTORS[0]
    rig = build_rig(look)
    palette = palette_from_colours(["#2e86de"])
    print("per frame (budget: one frame at 30 fps)")
    row("actor mouth", median_s(lambda i: rig.mouth(SHAPES[i % len(SHAPES)], (i % 5) / 4), 40), FRAME_S, "a frame")
    row("actor eyes", median_s(lambda i: rig.eyes((i % 5) / 4), 40), FRAME_S, "a frame")
    row("actor gesture (a copy)", median_s(lambda _i: rig.gesture("point"), 20), FRAME_S, "a frame")
    print(f"per video (budget: a {VIDEO_S:.0f} s video's own length)")
    row("build an actor rig", median_s(lambda _i: build_rig(look), 3), VIDEO_S, "the video")
    row("draw a card (1080x700)", median_s(lambda i: draw_card(CARDS[i % len(CARDS)], (1080, 700), palette),
                                           len(CARDS) * 2), VIDEO_S, "the video")
    for name in BEDS:
        row(f"60 s music bed '{name}'", median_s(lambda _i, n=name: generate_bed(n, 60.0, seed=3), 3),
            VIDEO_S, "the video")


if __name__ == "__main__":
    main()
