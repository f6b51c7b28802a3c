"""What stages are handed: `file:` URLs are read only inside the local root (no `..`, no other
absolute path, no symlink out), http(s) goes through the guarded fetcher, and a missing stored
input is a readable `MissingInput`."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image

from adreel.app import make_fetcher
from adreel.config import Settings
from adreel.pipeline.toolkit import MissingInput, Toolkit, WorkDir, local_path
from adreel.platform.http import FetchError
from adreel.platform.storage import LocalStorage


def url(path: Path) -> str:
    return "file://" + quote(str(path))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """root/ with a picture, a sub-folder and links; a secret next to root and one in a look-alike
    folder `root-evil`."""
    root = tmp_path / "root"
    (root / "pics").mkdir(parents=True)
    (root / "pics" / "bottle.png").write_bytes(b"inside")
    (root / "my photo.jpg").write_bytes(b"spaced")
    (tmp_path / "secret.txt").write_text("outside")
    (tmp_path / "root-evil").mkdir()
    (tmp_path / "root-evil" / "x.png").write_text("outside")
    (root / "escape.png").symlink_to(tmp_path / "secret.txt")
    (root / "alias.png").symlink_to(root / "pics" / "bottle.png")
    (root / "outlink").symlink_to(tmp_path, target_is_directory=True)
    return root


def kit(tmp_path: Path, fetcher, local_root: Path | None) -> Toolkit:
    return Toolkit(fetcher=fetcher, voices=object(), storage=LocalStorage(tmp_path),  # type: ignore[arg-type]
                   scratch_root=tmp_path / "scratch", public_url="https://media.test/", local_root=local_root)


@pytest.fixture
def fetcher(tmp_path: Path) -> Iterator:
    with make_fetcher(Settings(data_dir=tmp_path / "data")) as real:
        yield real


# local_path ------------------------------------------------------------------------------------------------------


def test_files_inside_the_root_are_accepted(tree: Path) -> None:
    assert local_path(url(tree / "pics" / "bottle.png"), tree) == (tree / "pics" / "bottle.png").resolve()
    assert local_path(url(tree / "my photo.jpg"), tree) == (tree / "my photo.jpg").resolve()
    assert local_path("file:" + str(tree / "pics" / "bottle.png"), tree) is not None
    assert local_path(url(tree / "alias.png"), tree) == (tree / "pics" / "bottle.png").resolve()
    assert local_path(url(tree / "pics" / ".." / "pics" / "bottle.png"), tree) is not None


@pytest.mark.parametrize("where", [
    "../secret.txt",                      # climbing out
    "pics/../../secret.txt",
    "../root-evil/x.png",                 # a folder whose name merely starts like the root
    "escape.png",                         # a symlink to a file outside
    "outlink/secret.txt",                 # through a symlinked folder
])
def test_paths_that_escape_the_root_are_refused(tree: Path, where: str) -> None:
    assert local_path(url(tree) + "/" + where, tree) is None


def test_other_absolute_paths_are_refused(tree: Path) -> None:
    assert local_path(url(tree.parent / "secret.txt"), tree) is None
    assert local_path("file:///etc/passwd", tree) is None
    assert local_path("file://localhost/etc/passwd", tree) is None


def test_only_existing_files_are_accepted(tree: Path) -> None:
    assert local_path(url(tree / "missing.png"), tree) is None
    assert local_path(url(tree / "pics"), tree) is None
    assert local_path(url(tree), tree) is None


def test_no_root_no_local_files(tree: Path) -> None:
    assert local_path(url(tree / "pics" / "bottle.png"), None) is None


# Toolkit.read_bytes ----------------------------------------------------------------------------------------------


def test_read_bytes_refuses_file_urls_without_a_local_root(tmp_path: Path, tree: Path, fetcher) -> None:
    with pytest.raises(FetchError, match="not a file adreel may read"):
        kit(tmp_path, fetcher, None).read_bytes(url(tree / "pics" / "bottle.png"))


def test_read_bytes_reads_inside_the_local_root_only(tmp_path: Path, tree: Path, fetcher) -> None:
    toolkit = kit(tmp_path, fetcher, tree)
    assert toolkit.read_bytes(url(tree / "pics" / "bottle.png")) == b"inside"
    for outside in (url(tree.parent / "secret.txt"), url(tree / "escape.png"), url(tree) + "/../secret.txt"):
        with pytest.raises(FetchError):
            toolkit.read_bytes(outside)


def test_read_bytes_sends_http_through_the_guarded_fetcher(tmp_path: Path, serve, fetcher) -> None:
    png = io.BytesIO()
    Image.new("RGB", (4, 4), (255, 0, 0)).save(png, "PNG")
    site = serve({"/p.png": (200, {"Content-Type": "image/png"}, png.getvalue())})
    # The default policy keeps private addresses out, even with a local root set.
    with pytest.raises(FetchError):
        kit(tmp_path, fetcher, tmp_path).read_bytes(site.url("/p.png"))
    assert site.hits == []
    with make_fetcher(Settings(data_dir=tmp_path / "data"), allow_private=True) as open_fetcher:
        assert kit(tmp_path, open_fetcher, None).read_bytes(site.url("/p.png")) == png.getvalue()


def test_work_folders_and_media_urls(tmp_path: Path, fetcher) -> None:
    toolkit = kit(tmp_path, fetcher, None)
    assert toolkit.work("p1").root == tmp_path / "work" / "p1"
    assert toolkit.media_url("tok", "video.mp4") == "https://media.test/media/tok/video.mp4"


# WorkDir ---------------------------------------------------------------------------------------------------------


def test_reading_a_missing_stored_input_says_what_is_missing(tmp_path: Path) -> None:
    work = WorkDir(tmp_path / "project")
    with pytest.raises(MissingInput) as caught:
        work.read_json("timeline.json")
    assert "timeline.json" in caught.value.message and "missing" in caught.value.message
    assert str(caught.value) == caught.value.message
    assert caught.value.as_value("video")["code"] == "internal"


def test_json_round_trips_and_leaves_no_partial_file(tmp_path: Path) -> None:
    work = WorkDir(tmp_path / "project")
    written = work.write_json("sub/words.json", [{"word": "今すぐ", "start": 0.1}])
    assert written == tmp_path / "project" / "sub" / "words.json"
    assert work.read_json("sub/words.json") == [{"word": "今すぐ", "start": 0.1}]
    assert "今すぐ" in written.read_text("utf-8")                  # stored readable, not \\u-escaped
    assert sorted(p.name for p in written.parent.iterdir()) == ["words.json"]
    work.write_json("sub/words.json", {"again": True})
    assert json.loads(written.read_text("utf-8")) == {"again": True}


def test_fresh_empties_a_folder(tmp_path: Path) -> None:
    work = WorkDir(tmp_path / "project")
    (work.path("layers") / "old").mkdir(parents=True)
    (work.path("layers") / "old" / "a.png").write_bytes(b"x")
    folder = work.fresh("layers")
    assert folder.is_dir() and list(folder.iterdir()) == []
