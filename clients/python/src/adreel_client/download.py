"""Finished videos to folders, as `adreel generate` writes them: `<folder>/<nn>-<slug>/` holding
`video.mp4`, `thumbnail.jpg`, `captions.srt`, `captions.vtt` and `script.json`.

A cut connection is resumed with `Range` from the bytes already on disk, and every file's length
is checked against what the server announced. Files are written under a temporary name and the
folder appears under its final name only when it is whole.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from adreel_client.errors import DownloadError, error_for
from adreel_client.models import CompletedDetail
from adreel_client.retry import Attempts, RetryPolicy

Slug = Callable[[str], str]
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")
_UNSATISFIED = re.compile(r"bytes \*/(\d+)")


def default_slug(title: str) -> str:
    """ASCII-folded, lowercase, runs of anything else as one '-', at most 48 characters."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:48].strip("-") or "video"


@dataclass(frozen=True)
class Planned:
    """One video's folder name and the files that go in it (name → URL)."""

    name: str
    files: dict[str, str]
    script: dict[str, object]


def plan(details: list[tuple[int, CompletedDetail]], slug: Slug) -> list[Planned]:
    """The folders for the numbered details that have a finished video (others are skipped)."""
    planned = []
    for number, detail in details:
        if detail.status != "completed" or not detail.final_output_url:
            continue
        files = {"video.mp4": detail.final_output_url}
        if detail.thumbnail_url:
            files["thumbnail.jpg"] = detail.thumbnail_url
        if detail.captions_url is not None:
            files.update({f"captions.{kind}": url for kind, url in
                          (("srt", detail.captions_url.srt), ("vtt", detail.captions_url.vtt)) if url})
        script: dict[str, object] = {"project_id": detail.project_id, "title": detail.title, "url": detail.url,
                  "text": detail.script, "aspect_ratio": detail.aspect_ratio,
                  "duration_seconds": detail.duration_seconds, "scene_count": detail.scene_count}
        planned.append(Planned(f"{number:02d}-{slug(detail.title or 'video')}", files, script))
    return planned


def free_folder(out: Path, name: str) -> Path:
    """`out/name`, or `out/name-2`, `-3`, ... when an earlier run left one there."""
    folder, n = out / name, 1
    while folder.exists():
        n += 1
        folder = out / f"{name}-{n}"
    return folder


class Downloader:
    """Fetches media URLs (public: no key is sent) with resume and length checks."""

    def __init__(self, http: httpx.Client, retry: RetryPolicy) -> None:
        self.http = http
        self.retry = retry

    def save(self, planned: list[Planned], out: Path) -> list[Path]:
        out.mkdir(parents=True, exist_ok=True)
        folders = []
        for video in planned:
            staging = out / f".{video.name}.partial"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            try:
                for name, url in video.files.items():
                    self.fetch(url, staging / name)
                (staging / "script.json").write_text(json.dumps(video.script, indent=2, ensure_ascii=False) + "\n",
                                                     "utf-8")
                folder = free_folder(out, video.name)
                staging.rename(folder)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            folders.append(folder)
        return folders

    def fetch(self, url: str, target: Path) -> None:
        """Download `url` to `target`, resuming after cuts, checking the announced length."""
        part = target.with_name(f".{target.name}.part")
        part.unlink(missing_ok=True)
        attempts = Attempts(self.retry, replayable=True)
        total: int | None = None
        while True:
            have = part.stat().st_size if part.exists() else 0
            try:
                total, complete = self._fetch_from(url, part, have, attempts)
            except httpx.TransportError as exc:
                delay: float | None = attempts.after_error(exc)
            else:
                if complete:
                    break
                delay = 0.0
            if part.exists() and part.stat().st_size > have:
                attempts.progressed()
            time.sleep(delay or 0.0)
        size = part.stat().st_size if part.exists() else 0
        if total is not None and size != total:
            raise DownloadError(f"{url} gave {size} bytes where the server announced {total}.")
        part.replace(target)

    def _fetch_from(self, url: str, part: Path, have: int, attempts: Attempts) -> tuple[int | None, bool]:
        """One request from byte `have`: (total length if known, whether the file is whole)."""
        headers = {"Range": f"bytes={have}-"} if have else {}
        with self.http.stream("GET", url, headers=headers) as response:
            if response.status_code == 416 and have:
                unsatisfied = _UNSATISFIED.fullmatch(response.headers.get("content-range", ""))
                if unsatisfied and int(unsatisfied.group(1)) == have:
                    return have, True          # it was all there already
                part.unlink()                  # the file changed under us: start over
                return None, False
            if not response.is_success:
                response.read()
                delay = attempts.after_response(response)
                if delay is None:
                    raise error_for(response)
                time.sleep(delay)
                return None, False
            total, append = self._length(response, have)
            with part.open("ab" if append else "wb") as handle:
                for chunk in response.iter_bytes():
                    handle.write(chunk)
        size = part.stat().st_size
        return total, total is None or size >= total

    @staticmethod
    def _length(response: httpx.Response, have: int) -> tuple[int | None, bool]:
        """(the whole file's length if announced, whether this answer continues from `have`)."""
        if response.status_code == 206:
            matched = _CONTENT_RANGE.fullmatch(response.headers.get("content-range", ""))
            if matched is None or int(matched.group(1)) != have:
                raise DownloadError(f"{response.url} answered a range that does not start at byte {have}.")
            return (None if matched.group(3) == "*" else int(matched.group(3))), True
        length = response.headers.get("content-length")
        return (int(length) if length and length.isdigit() else None), False
