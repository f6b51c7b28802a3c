"""What a photo actor costs: the same ad as product_showcase and as talking_head with a photo actor,
measured side by side in one run (issue #16's goal: photo actor ≤ 1.25 × product_showcase).

    python benchmarks/photo_actor.py [--duration 15] [--aspect 9:16] [--photo PORTRAIT.jpg]

Runs all five stages on the bundled example page (offline). The photo is scikit-image's public-domain
astronaut unless --photo names another; it goes into the data folder's actor library and is cast by
its id. Each preset runs once to warm up (voice and models loaded), then is timed; per-stage wall
times are printed, and the ratio of the whole jobs.
"""

from __future__ import annotations

import argparse
import time
import uuid
from pathlib import Path
from tempfile import TemporaryDirectory

from PIL import Image

from adreel.app import make_fetcher, make_toolkit, make_voice_registry
from adreel.config import Settings
from adreel.pipeline.stages import STAGE_FUNCTIONS, LocalRun, run_stage
from adreel.pipeline.toolkit import Toolkit

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "product-page.html"
GOAL = 1.25


def portrait(path: str | None) -> Image.Image:
    if path:
        with Image.open(path) as image:
            return image.convert("RGB")
    import skimage.data  # a test dependency: its astronaut is the portrait always at hand

    return Image.fromarray(skimage.data.astronaut())


def job(kit: Toolkit, args: argparse.Namespace, preset: str, actor: str | None) -> dict[str, float]:
    """Every stage of one ad; wall seconds per stage."""
    request = {"aspect_ratio": args.aspect, "ad_duration": args.duration, "format_preset": preset}
    if actor:
        request["selected_actor_id"] = actor
    run = LocalRun(project_id=str(uuid.uuid4()), url=EXAMPLE.as_uri(), variant=0, request=request,
                   report=lambda *_: None)
    times: dict[str, float] = {}
    for name in STAGE_FUNCTIONS:
        run.stage = name
        started = time.perf_counter()
        run.outputs.update(run_stage(name, run, kit) or {})  # type: ignore[arg-type]
        times[name] = time.perf_counter() - started
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--aspect", default="9:16")
    parser.add_argument("--preset", default="veryfast", help="x264 preset")
    parser.add_argument("--photo", help="a portrait to use instead of the astronaut")
    args = parser.parse_args()
    with TemporaryDirectory() as data:
        (Path(data) / "actors").mkdir()
        portrait(args.photo).save(Path(data) / "actors" / "portrait.jpg", quality=94)
        settings = Settings(data_dir=Path(data), x264_preset=args.preset)
        with make_voice_registry(settings) as voices, make_fetcher(settings) as fetcher:
            kit = make_toolkit(settings, fetcher, voices, local_root=EXAMPLE.parent)
            runs = {"product_showcase": None, "talking_head": "photo-portrait"}
            for preset, actor in runs.items():
                job(kit, args, preset, actor)                        # warm up
            timed = {preset: job(kit, args, preset, actor) for preset, actor in runs.items()}
    print(f"{args.duration} s {args.aspect} ad, x264 {args.preset}; wall seconds per stage")
    print(f"{'stage':<12}" + "".join(f"{preset:>18}" for preset in timed))
    for stage in STAGE_FUNCTIONS:
        print(f"{stage:<12}" + "".join(f"{times[stage]:>18.2f}" for times in timed.values()))
    totals = {preset: sum(times.values()) for preset, times in timed.items()}
    print(f"{'whole job':<12}" + "".join(f"{total:>18.2f}" for total in totals.values()))
    ratio = totals["talking_head"] / totals["product_showcase"]
    print(f"photo actor ÷ product_showcase = {ratio:.2f} (goal ≤ {GOAL})")


if __name__ == "__main__":
    main()
