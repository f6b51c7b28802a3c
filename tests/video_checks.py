"""Checks every finished video must pass (shared by the tests and scripts/acceptance.py):
container and streams, duration, loudness, captions against the word timings, no black frames,
no frozen product shots."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pyloudnorm

from adreel.media.encode.probe import Probe, probe_mp4

_CUE = re.compile(r"(\d\d):(\d\d):(\d\d)[,.](\d{3}) --> (\d\d):(\d\d):(\d\d)[,.](\d{3})")


@dataclass(frozen=True)
class Report:
    probe: Probe
    loudness: float
    cues: int
    longest_still_s: float
    darkest_luma: float


def parse_cues(text: str) -> list[tuple[float, float, str]]:
    """(start, end, text) of each SRT or WebVTT cue."""
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().splitlines()
        for i, line in enumerate(lines):
            match = _CUE.search(line)
            if match:
                g = [int(x) for x in match.groups()]
                start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
                end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
                cues.append((start, end, " ".join(lines[i + 1:])))
                break
    return cues


def audio_loudness(path: Path) -> float:
    with av.open(str(path)) as container:
        chunks = [frame.to_ndarray() for frame in container.decode(audio=0)]
        rate = container.streams.audio[0].codec_context.sample_rate
    samples = np.concatenate(chunks, axis=1).T.astype(np.float64)
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


def frame_scan(path: Path, shots: list[dict] | None, fps: int) -> tuple[float, float]:
    """(the longest run of identical frames inside one picture shot in seconds, the darkest
    mean luma of frames sampled twice a second)."""
    longest = 0
    run = 0
    previous: np.ndarray | None = None
    previous_shot: int | None = None
    darkest = 255.0
    shot_of = []
    if shots:
        for shot in shots:
            shot_of.append((shot["start"], shot["end"], shot["index"]))
    with av.open(str(path)) as container:
        for number, frame in enumerate(container.decode(video=0)):
            luma = frame.to_ndarray(format="gray")
            if number % (fps // 2) == 0:
                darkest = min(darkest, float(luma.mean()))
            t = number / fps
            shot = next((index for start, end, index in shot_of if start <= t < end), None)
            if previous is not None and shot is not None and shot == previous_shot and np.array_equal(luma, previous):
                run += 1
                longest = max(longest, run)
            else:
                run = 0
            previous, previous_shot = luma, shot
    return longest / fps, darkest


def check_video(folder: Path, *, size: tuple[int, int], target: float | None, words: list[dict] | None = None,
                shots: list[dict] | None = None) -> Report:
    """Assert everything the contract promises about one video folder; returns the figures."""
    video = folder / "video.mp4"
    probe = probe_mp4(video)
    assert (probe.video_codec, probe.pix_fmt) == ("h264", "yuv420p"), probe
    assert (probe.width, probe.height) == size, probe
    assert abs(probe.fps - 30) < 0.01, probe
    if target is not None:
        assert 0.9 * target <= probe.duration <= 1.1 * target, f"{probe.duration:.2f} s for {target} s"
    assert (probe.audio_codec, probe.channels, probe.sample_rate) == ("aac", 2, 48000), probe
    assert probe.faststart, "moov must come before mdat"
    loudness = audio_loudness(video)
    assert -15.5 <= loudness <= -12.5, f"integrated loudness {loudness:.1f} LUFS"

    srt = parse_cues((folder / "captions.srt").read_text("utf-8"))
    vtt_text = (folder / "captions.vtt").read_text("utf-8")
    assert vtt_text.startswith("WEBVTT")
    vtt = parse_cues(vtt_text)
    assert srt == vtt and srt, "SRT and WebVTT must carry the same cues"
    assert all(s < e for s, e, _ in srt) and all(a[1] <= b[0] + 1e-6 for a, b in itertools.pairwise(srt))
    if words is not None:
        # Every word is on screen while it is spoken, in its own cue, in order.
        starts = iter(srt)
        cue = next(starts)
        for word in words:
            while not cue[0] - 0.0015 <= word["start"] < cue[1] - 0.0005:
                cue = next(starts)
            assert word["word"].upper() in cue[2].upper(), (word, cue)
            assert word["end"] <= cue[1] + 0.0015, (word, cue)
        assert abs(srt[0][0] - words[0]["start"]) < 0.0015
    still, darkest = frame_scan(video, shots, 30)
    assert darkest > 10, f"a black frame (mean luma {darkest:.1f})"
    assert still <= 1.0, f"a product shot holds one frame for {still:.2f} s"
    return Report(probe, loudness, len(srt), still, darkest)


def load_words(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))
