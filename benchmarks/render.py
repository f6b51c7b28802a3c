"""The whole job for a 30 s 9:16 ad, measured side by side in one run.

    python benchmarks/render.py [--duration 30] [--aspect 9:16] [--preset veryfast]

Runs all five stages on the bundled example page (offline: its pictures are saved beside it)
and prints each stage's wall time, then encodes the same frames again with the bare encoder
(libx264 at the same settings, frames decoded from the finished video; the decode time is
measured on its own and subtracted) and prints the ratios. Goals on 2 cores (issue "The finished
video"): whole job ÷ bare encoder ≤ 1.3; whole job ≤ 1.0 × the video's duration; peak RSS ≤
1.5 GB. Stitching ÷ bare encoder shows what composing, audio and muxing add to the encode.
"""

from __future__ import annotations

import argparse
import resource
import time
import uuid
from pathlib import Path
from tempfile import TemporaryDirectory

import av

from adreel.app import make_fetcher, make_toolkit, make_voice_registry
from adreel.config import Settings
from adreel.pipeline.stages import STAGE_FUNCTIONS, LocalRun

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "product-page.html"


def decoded_frames(path: Path):
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            yield frame.to_ndarray(format="yuv420p")


def bare_encode(source: Path, out: Path, preset: str) -> tuple[float, float, int]:
    """(decode seconds alone, decode + encode seconds, frames) for the bare libx264 encoder."""
    started = time.perf_counter()
    count = sum(1 for _ in decoded_frames(source))
    decode_only = time.perf_counter() - started
    with av.open(str(source)) as probe:
        stream = probe.streams.video[0]
        width, height = stream.codec_context.width, stream.codec_context.height
    started = time.perf_counter()
    with av.open(str(out), "w", format="mp4") as container:
        video = container.add_stream("libx264", rate=30)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": preset, "crf": "23"}
        video.thread_type = "AUTO"
        for number, pixels in enumerate(decoded_frames(source)):
            frame = av.VideoFrame.from_ndarray(pixels, format="yuv420p")
            frame.pts = number
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode():
            container.mux(packet)
    return decode_only, time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--aspect", default="9:16")
    parser.add_argument("--preset", default="veryfast")
    args = parser.parse_args()
    with TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data), x264_preset=args.preset)
        times: dict[str, float] = {}
        started = time.perf_counter()
        with make_voice_registry(settings) as voices, make_fetcher(settings) as fetcher:
            kit = make_toolkit(settings, fetcher, voices, local_root=EXAMPLE.parent)

            def job(format_preset: str, into: dict[str, float]) -> LocalRun:
                run = LocalRun(project_id=str(uuid.uuid4()), url=EXAMPLE.as_uri(), variant=0,
                               request={"aspect_ratio": args.aspect, "ad_duration": args.duration,
                                        "format_preset": format_preset}, report=lambda *_: None)
                for name, function in STAGE_FUNCTIONS.items():
                    run.stage = name
                    begun = time.perf_counter()
                    run.outputs.update(function(run, kit) or {})
                    into[name] = time.perf_counter() - begun
                return run

            run = job("product_showcase", times)
            whole = time.perf_counter() - started
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            # The actor's cost: the same ad as talking_head, voice already loaded in both timings.
            warm_showcase: dict[str, float] = {}
            job("product_showcase", warm_showcase)
            actor: dict[str, float] = {}
            job("talking_head", actor)
        video = kit.storage.root / run.outputs["media_token"] / "video.mp4"
        length = float(run.outputs["duration_seconds"])
        decode, decode_and_encode, frames = bare_encode(video, Path(data) / "bare.mp4", args.preset)
        bare = decode_and_encode - decode

    print(f"{args.duration} s {args.aspect} ad from the bundled example ({frames} frames, {length:.2f} s, "
          f"x264 {args.preset})")
    for name, seconds in times.items():
        print(f"  {name:10s} {seconds:7.2f} s")
    print(f"  {'whole job':10s} {whole:7.2f} s   (incl. loading the voice)   "
          f"÷ video length = {whole / length:.2f}   (goal ≤ 1.0)")
    print(f"  bare encoder, same {frames} frames: {bare:.2f} s ({frames / bare:.0f} fps; decoding them "
          f"took {decode:.2f} s more, not counted)")
    print(f"  whole job ÷ bare encoder = {whole / bare:.2f}   (goal ≤ 1.3)")
    print(f"  stitching ÷ bare encoder = {times['stitching'] / bare:.2f}   (compose + audio + mux over the encode)")
    print(f"  peak RSS {peak_mb:.0f} MB   (goal ≤ 1536 MB; the whole job above, neural voice included)")
    showcase, talking = sum(warm_showcase.values()), sum(actor.values())
    print(f"  talking_head {talking:.2f} s ÷ product_showcase {showcase:.2f} s (voice loaded in both) = "
          f"{talking / showcase:.2f}   (goal ≤ 1.25)")
    print("    talking_head stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in actor.items()))


if __name__ == "__main__":
    main()
