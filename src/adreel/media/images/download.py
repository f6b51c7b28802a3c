"""Download a product's best images through the safe fetcher, keeping the usable ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from adreel.media.images.check import ImageRejected, ProductImage, inspect_image
from adreel.platform.http import Fetcher, FetchError


@dataclass(frozen=True)
class Skipped:
    """An image that was not kept, and why."""

    url: str
    reason: str


def _one(read: Callable[[str], bytes], url: str) -> ProductImage | Skipped:
    try:
        return inspect_image(url, read(url))
    except (FetchError, ImageRejected) as exc:
        return Skipped(url, exc.message)


def download_images(urls: Sequence[str], fetcher: Fetcher | Callable[[str], bytes], *, limit: int = 6,
                    workers: int = 4) -> tuple[list[ProductImage], list[Skipped]]:
    """Fetch up to `limit` usable images, trying `urls` in order (best first). Returns the kept
    images in page order and the ones skipped with their reasons. `fetcher` may be a function
    from URL to bytes (which must apply its own guards)."""
    read = fetcher if callable(fetcher) else (lambda url: fetcher.image(url).body)
    kept: list[ProductImage] = []
    skipped: list[Skipped] = []
    pending = list(urls)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while pending and len(kept) < limit:
            batch, pending = pending[: limit - len(kept)], pending[limit - len(kept):]
            for outcome in pool.map(lambda u: _one(read, u), batch):
                if isinstance(outcome, ProductImage):
                    kept.append(outcome)
                else:
                    skipped.append(outcome)
    return kept, skipped
