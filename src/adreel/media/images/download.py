"""Download a product's best images through the safe fetcher, keeping the usable ones."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from adreel.media.fetch import Fetcher, FetchError
from adreel.media.images.check import ImageRejected, ProductImage, inspect_image


@dataclass(frozen=True)
class Skipped:
    """An image that was not kept, and why."""

    url: str
    reason: str


def _one(fetcher: Fetcher, url: str) -> ProductImage | Skipped:
    try:
        fetched = fetcher.image(url)
        return inspect_image(url, fetched.body)
    except (FetchError, ImageRejected) as exc:
        return Skipped(url, exc.message)


def download_images(urls: Sequence[str], fetcher: Fetcher, *, limit: int = 6,
                    workers: int = 4) -> tuple[list[ProductImage], list[Skipped]]:
    """Fetch up to `limit` usable images, trying `urls` in order (best first). Returns the kept
    images in page order and the ones skipped with their reasons."""
    kept: list[ProductImage] = []
    skipped: list[Skipped] = []
    pending = list(urls)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while pending and len(kept) < limit:
            batch, pending = pending[: limit - len(kept)], pending[limit - len(kept):]
            for outcome in pool.map(lambda u: _one(fetcher, u), batch):
                if isinstance(outcome, ProductImage):
                    kept.append(outcome)
                else:
                    skipped.append(outcome)
    return kept, skipped
