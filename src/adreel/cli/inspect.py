"""`adreel inspect URL|FILE`: the product record a page reads to, as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from adreel.app import make_fetcher
from adreel.cli.source import read_source
from adreel.config import Settings


def inspect(
    source: Annotated[str, typer.Argument(help="A product page URL, or a saved HTML file.")],
    images: Annotated[
        Path | None, typer.Option("--images", help="Download the best images into DIR.")
    ] = None,
    max_images: Annotated[int, typer.Option(min=1, max=20, help="How many images to keep.")] = 6,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow private and loopback addresses.")
    ] = False,
    url: Annotated[
        str | None,
        typer.Option("--url", help="For a FILE: the address it was saved from (default: the "
                     "page's canonical link)."),
    ] = None,
) -> None:
    """Print the product record of a page as JSON, with the verdict `is_product` and its
    `reason`. Exits 0 whenever a verdict was reached; 1 when the page could not be read."""
    err = Console(stderr=True, soft_wrap=True)
    try:
        settings = Settings()
    except ValidationError as exc:
        err.print(f"[red]error:[/] invalid ADREEL_ settings: {exc}")
        raise typer.Exit(2) from exc
    with make_fetcher(settings, allow_private=allow_private) as fetcher:
        page = read_source(source, fetcher, err, url)
        record = page.as_record()
        if images is not None:
            record["saved_images"] = _save_images(page.product.images, images, max_images,
                                                  fetcher, err)
    typer.echo(json.dumps(record, indent=2, ensure_ascii=False))


def _save_images(urls: list[str], folder: Path, limit: int, fetcher: object,
                 err: Console) -> list[dict[str, object]]:
    folder.mkdir(parents=True, exist_ok=True)
    from adreel.media.images import download_images  # Pillow and friends load on use

    kept, skipped = download_images(urls, fetcher, limit=limit)  # type: ignore[arg-type]
    for item in skipped:
        err.print(f"[yellow]skipped image:[/] {item.reason}")
    saved = []
    for index, picture in enumerate(kept, start=1):
        data, ext = picture.encoded()
        target = folder / f"{index:02d}.{ext}"
        partial = target.with_suffix(f".{ext}.part")
        partial.write_bytes(data)
        partial.replace(target)
        saved.append({"url": picture.url, "path": str(target), "width": picture.width,
                      "height": picture.height, "colours": list(picture.colours)})
    return saved
