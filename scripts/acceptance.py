"""The finished-video acceptance run: every fixture product × aspect ratio × duration rendered by
the real pipeline from pages served on loopback, each MP4 checked against the contract.

    python scripts/acceptance.py [--products a,b] [--aspects 9:16,1:1] [--durations 15,30,60]
                                 [--presets product_showcase,talking_head,green_screen,split_screen]
                                 [--sheet DIR]   # also write a contact sheet per video

Takes about 40 minutes on 2 cores for the full 6 × 3 × 3 matrix; CI runs a covering subset
(tests/pipeline/test_video.py)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import LocalSite, start_site  # noqa: E402
from tests.fixtures.shop import PRODUCTS, all_routes  # noqa: E402
from tests.video_checks import check_video  # noqa: E402

from adreel.app import make_fetcher, make_toolkit, make_voice_registry  # noqa: E402
from adreel.catalogue import STYLES  # noqa: E402
from adreel.config import Settings  # noqa: E402
from adreel.media.timeline.layout import SIZES  # noqa: E402
from adreel.pipeline.stages import LocalRun, run_project  # noqa: E402


def serve_shop() -> LocalSite:
    site, _server = start_site()       # runs until the script ends
    site.routes.update(all_routes(site.url("")))
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", default=",".join(PRODUCTS))
    parser.add_argument("--aspects", default="9:16,16:9,1:1")
    parser.add_argument("--durations", default="15,30,60")
    parser.add_argument("--presets", default="product_showcase",
                        help="comma-separated format presets (talking_head, green_screen, split_screen, ...)")
    parser.add_argument("--sheet", type=Path, default=None)
    args = parser.parse_args()
    site = serve_shop()
    failures = 0
    count = 0
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data), allow_private_networks=True)
        with make_voice_registry(settings) as voices, make_fetcher(settings) as fetcher:
            kit = make_toolkit(settings, fetcher, voices, public_url="http://media.test")
            print(f"{'product':28s} {'aspect':6s} {'target':>6s} {'length':>7s} {'LUFS':>6s} {'cues':>5s} "
                  f"{'still':>6s} {'render':>7s}  result")
            for slug in args.products.split(","):
                for aspect, preset in ((a, p) for a in args.aspects.split(",") for p in args.presets.split(",")):
                    for seconds in (int(d) for d in args.durations.split(",")):
                        # The styles rotate through the matrix, and with them the caption styles.
                        style = STYLES[count % len(STYLES)]
                        count += 1
                        run = LocalRun(project_id=str(uuid.uuid4()), url=site.url(f"/products/{slug}"), variant=0,
                                       request={"aspect_ratio": aspect, "ad_duration": seconds,
                                                "script_style": style, "format_preset": preset},
                                       report=lambda *_: None)
                        started = time.perf_counter()
                        try:
                            outputs = run_project(run, kit)
                            took = time.perf_counter() - started
                            work = kit.work(run.project_id).root
                            words = json.loads((work / "words.json").read_text("utf-8"))
                            shots = json.loads((work / "timeline.json").read_text("utf-8"))["shots"]
                            folder = kit.storage.folder(f"media/{outputs['media_token']}/")
                            report = check_video(folder, size=SIZES[aspect], target=seconds, words=words,
                                                 shots=shots)
                            print(f"{slug:28s} {aspect:6s} {seconds:6d} {report.probe.duration:7.2f} "
                                  f"{report.loudness:6.1f} {report.cues:5d} {report.longest_still_s:6.2f} "
                                  f"{took:7.1f}  ok ({preset}, {style}, {outputs['caption_style']}, "
                                  f"actor {outputs.get('avatar_id')})", flush=True)
                            if args.sheet is not None:
                                from scripts.contact_sheet import write_sheet
                                args.sheet.mkdir(parents=True, exist_ok=True)
                                name = f"{slug}-{preset}-{aspect.replace(':', 'x')}-{seconds}.png"
                                write_sheet(args.sheet / name, [folder / "video.mp4"], every=1.5, height=320)
                        except (AssertionError, Exception) as exc:  # report every failure, keep going
                            failures += 1
                            print(f"{slug:28s} {aspect:6s} {seconds:6d} FAILED: {exc}", flush=True)
                            traceback.print_exc(limit=3)
    print("all passed" if not failures else f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
