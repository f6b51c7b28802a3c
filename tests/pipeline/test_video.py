"""The finished video, end to end in-process: real pages on loopback, real voice, real MP4s
probed against the contract. A subset that covers every aspect ratio, duration and caption
style; scripts/acceptance.py renders the full matrix."""

from __future__ import annotations

import json

import pytest

from adreel.media.timeline.layout import SIZES
from tests.pipeline.conftest import render
from tests.video_checks import check_video

CASES = [
    # slug, aspect, seconds, style (its caption style with variant 0), preset
    pytest.param("ember-pour-over", "9:16", 15, "problem_solution", "talking_head",        # bold_outline
                 marks=pytest.mark.slow),
    ("kumo-wireless-headphones", "1:1", 15, "three_reasons", "split_screen"),     # highlight_pill, Japanese
    pytest.param("gipfel-wanderrucksack", "16:9", 30, "discovery", "green_screen",         # boxed, German
                 marks=pytest.mark.slow),
    pytest.param("lumen-amber-candle", "9:16", 60, "social_proof", "product_showcase",     # karaoke
                 marks=pytest.mark.slow),
]
STYLES_SEEN: set[str] = set()


@pytest.mark.timeout(600)
@pytest.mark.parametrize(("slug", "aspect", "seconds", "style", "preset"), CASES)
def test_a_finished_video_meets_the_contract(shop, toolkit, slug, aspect, seconds, style, preset) -> None:
    outputs, work, reports = render(toolkit, shop.url(f"/products/{slug}"), aspect_ratio=aspect,
                                    ad_duration=seconds, script_style=style, format_preset=preset)
    folder = toolkit.storage.folder(f"media/{outputs['media_token']}/")
    words = json.loads((work / "words.json").read_text("utf-8"))
    timeline = json.loads((work / "timeline.json").read_text("utf-8"))
    report = check_video(folder, size=SIZES[aspect], target=seconds, words=words, shots=timeline["shots"])
    STYLES_SEEN.add(outputs["caption_style"])

    # What the API reports comes from the file itself.
    assert outputs["duration_seconds"] == pytest.approx(report.probe.duration, abs=0.01)
    assert outputs["final_output_url"] == f"http://media.test/media/{outputs['media_token']}/video.mp4"
    assert set(outputs["captions_url"]) == {"srt", "vtt"}
    assert (folder / "thumbnail.jpg").stat().st_size > 10_000
    # Scene rows: playback order, durations adding up to the video, every row completed.
    scenes = outputs["scenes"]
    assert [s["scene_order"] for s in scenes] == list(range(len(scenes)))
    assert sum(s["duration_seconds"] for s in scenes) == pytest.approx(report.probe.duration, abs=0.1)
    assert all(s["status"] == "completed" and s["prompt"] for s in scenes)
    on_camera = [s for s in scenes if s["avatar_id"] is not None]
    if preset == "product_showcase":
        assert not on_camera and outputs.get("avatar_id") is None
    else:
        # The actor speaks the hook; product pictures come between; one actor per video.
        assert scenes[0]["avatar_id"] == outputs["avatar_id"] and len({s["avatar_id"] for s in on_camera}) == 1
        assert len(on_camera) < len(scenes)
        assert (work / "mouth.json").is_file()
    # The hook is spoken within the first 2 s, cuts land between words, the ad ends on its end card.
    assert words[0]["start"] < 2.0
    for shot in timeline["shots"][1:]:
        assert not any(w["start"] + 0.02 < shot["start"] < w["end"] - 0.02 for w in words), shot
    assert timeline["shots"][-1]["visual"] == "end_card"
    # Progress moved forward through the stages, frames done / frames total in stitching.
    stitched = [r for r in reports if r[0] == "stitching"]
    assert stitched[-1][1] == stitched[-1][2] == report.probe.frames
    order = [r[0] for r in reports]
    assert order.index("audio") < order.index("video") < order.index("stitching")


@pytest.mark.slow
def test_every_caption_style_was_rendered() -> None:
    if len(STYLES_SEEN) < 4:
        pytest.skip("runs after the renders above, in the same session")
    assert {"bold_outline", "boxed", "highlight_pill", "karaoke"} == STYLES_SEEN
