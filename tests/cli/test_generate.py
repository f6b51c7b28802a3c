"""`adreel generate` as a user runs it (README command 1): a real process, the bundled example
page saved with its pictures, a finished video folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from adreel.media.encode.probe import probe_mp4
from tests.video_checks import check_video

ROOT = Path(__file__).parents[2]


def generate(*args: str, data: Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ADREEL_")}
    environment["ADREEL_DATA_DIR"] = str(data)
    return subprocess.run([sys.executable, "-m", "adreel", "generate", *args], capture_output=True, text=True,
                          cwd=ROOT, env=environment, timeout=timeout, check=False)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_generate_the_bundled_example_into_a_video_folder(tmp_path: Path) -> None:
    out = tmp_path / "videos"
    result = generate("examples/product-page.html", "--out", str(out), "--aspect", "1:1", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    folders = sorted(out.iterdir())
    assert [f.name for f in folders] == ["01-trailpress-travel-coffee-maker"]
    folder = folders[0]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["video.mp4", "thumbnail.jpg", "captions.srt", "captions.vtt", "script.json"])
    report = check_video(folder, size=(1080, 1080), target=15)
    script = json.loads((folder / "script.json").read_text("utf-8"))
    assert script["scenes"] and script["language"] == "en"
    assert "done" in result.stderr and f"{probe_mp4(folder / 'video.mp4').duration:.2f}"[:4] in result.stderr
    assert report.cues > 5
    # Nothing of the run is left behind in the data folder: the video folder is the result.
    assert not any((tmp_path / "data" / "work").iterdir())


def test_bad_flags_exit_2_with_the_contract_message(tmp_path: Path) -> None:
    wrong = generate("examples/product-page.html", "--aspect", "4:3", data=tmp_path)
    assert wrong.returncode == 2 and "aspectRatio must be one of" in wrong.stderr
    actor = generate("examples/product-page.html", "--actor", "nobody", data=tmp_path)
    assert actor.returncode == 2 and "not an actor id" in actor.stderr


def test_a_page_that_is_not_a_product_fails_with_the_reason(tmp_path: Path) -> None:
    negative = next(sorted((ROOT / "tests" / "fixtures" / "pages").glob("neg-*.html")).__iter__())
    result = generate(str(negative), "--out", str(tmp_path / "v"), data=tmp_path / "data")
    assert result.returncode == 1
    assert "not_a_product" in result.stderr and "is not a product page" in result.stderr


def test_folder_names_are_ascii_slugs_and_never_overwrite(tmp_path: Path) -> None:
    from adreel.cli.generate import _free_folder, _slug

    assert _slug("Gipfelstürmer 30 L — Wanderrucksack") == "gipfelsturmer-30-l-wanderrucksack"
    assert _slug("ワイヤレス") == "waiyaresu"        # Japanese through its reading, in romaji
    first = _free_folder(tmp_path, "01-bottle")
    second = _free_folder(tmp_path, "01-bottle")
    assert (first.name, second.name) == ("01-bottle", "01-bottle-2")


def test_an_avatar_photo_without_a_face_is_refused_before_any_work(serve, tmp_path: Path) -> None:
    from tests.fixtures.shop import picture

    site = serve({"/packshot.jpg": (200, {"Content-Type": "image/jpeg"}, picture("ember-pour-over", "packshot"))})
    result = generate("examples/product-page.html", "--avatar-image", site.url("/packshot.jpg"), "--allow-private",
                      "--out", str(tmp_path / "v"), data=tmp_path / "data")
    assert result.returncode == 1
    assert "no_face" in result.stderr and "No face was found" in result.stderr
    assert not (tmp_path / "v").exists()
