"""scripts/review.py: the frame checks find what a viewer would, and a real page reviewed in
the actor presets gives contact sheets and a report with nothing wrong in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from scripts.review import frame_defects, review, write_report

from tests.fixtures.shop import routes

SAFE = (60, 200, 870, 1320)


def test_frame_checks_find_a_caption_over_the_face_a_card_or_the_edge() -> None:
    caption = (60, 1300, 870, 150)
    assert not frame_defects(1.0, SAFE, caption, None, None, (300, 900, 200, 240))
    assert "covers the face" in frame_defects(1.0, SAFE, caption, None, None, (300, 1100, 200, 240))[0]
    assert "covers a card" in frame_defects(1.0, SAFE, caption, (60, 1250, 870, 100), None, None)[0]
    assert "covers the held card" in frame_defects(1.0, SAFE, caption, None, (300, 1400, 300, 300), None)[0]
    assert "leaves the safe zone" in frame_defects(1.0, SAFE, (60, 1450, 870, 150), None, None, None)[0]
    assert "leaves the safe zone" in frame_defects(1.0, SAFE, None, (900, 800, 200, 200), None, None)[0]


@pytest.mark.slow
def test_a_page_reviewed_in_the_actor_presets_has_no_defects(serve, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADREEL_DATA_DIR", str(tmp_path / "data"))
    site = serve()
    site.routes.update(routes("ember-pour-over", site.url("")))
    page = site.url("/products/ember-pour-over")
    report = review([page], tmp_path / "out", duration=15, every=1.5, presets=["green_screen", "split_screen"],
                    aspects=["9:16"], allow_private=True)
    write_report(report, tmp_path / "out")
    videos = report["videos"]
    assert [(v["preset"], v["aspect"]) for v in videos] == [("green_screen", "9:16"), ("split_screen", "9:16")]
    for video in videos:
        assert video["defects"] == []
        with Image.open(video["sheet"]) as sheet:
            assert sheet.width > 1000 and sheet.height > 300        # ten frames or so, in rows
    saved = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert saved == report
    assert "2 videos, 0 with defects" in (tmp_path / "out" / "report.md").read_text("utf-8")
