"""Reading the page a command names: a URL through the safe fetcher, or a saved HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from adreel.platform.http import Fetcher, FetchError

if TYPE_CHECKING:
    from adreel.media.extract import PageRead


def read_source(source: str, fetcher: Fetcher, err: Console, url: str | None = None) -> PageRead:
    """The page's record and verdict; exits 1 with the reason when it cannot be read."""
    from adreel.media.extract import page_url_for_file, read_html, read_url  # the parsers load on use

    path = Path(source)
    try:
        if path.is_file():
            markup = path.read_text("utf-8", errors="replace")
            return read_html(markup, url or page_url_for_file(markup, path.resolve().as_uri()))
        if source.startswith(("http://", "https://")):
            return read_url(source, fetcher)
    except FetchError as exc:
        err.print(f"[red]error:[/] could not read the page: {exc.message}")
        raise typer.Exit(1) from exc
    err.print(f"[red]error:[/] {source} is neither a file nor an http(s) URL.")
    raise typer.Exit(1)
