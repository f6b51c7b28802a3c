"""`adreel script URL|FILE`: the ad scripts adreel would write for a product page."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from adreel.app import make_fetcher, make_llm_writer, make_voice_registry
from adreel.catalogue import CONTENT_TYPES, DURATIONS, STYLES
from adreel.cli.source import read_source
from adreel.config import Settings
from adreel.errors import AdreelError


def script(
    source: Annotated[str, typer.Argument(help="A product page URL, or a saved HTML file.")],
    style: Annotated[str | None, typer.Option(help=f"One of {', '.join(STYLES)} (default: auto).")] = None,
    duration: Annotated[int, typer.Option(help="15, 30, 45 or 60 seconds.")] = 15,
    variants: Annotated[int, typer.Option(min=1, max=3)] = 1,
    language: Annotated[str | None, typer.Option(help="BCP 47 tag (default: the page's).")] = None,
    content_type: Annotated[str, typer.Option("--content-type", help="ad or organic.")] = "ad",
    instructions: Annotated[str | None, typer.Option(help="Creative direction.")] = None,
    audience: Annotated[str | None, typer.Option(help="Target audience.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (spec/API.md §11).")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private")] = False,
    url: Annotated[str | None, typer.Option("--url", help="For a FILE: the address it was saved from.")] = None,
) -> None:
    """Write the voiceover scripts for a product page, one per variant."""
    from adreel.media.write import WriteRequest, script_language, write_script

    err = Console(stderr=True, soft_wrap=True)
    if style is not None and style not in STYLES:
        err.print(f"[red]error:[/] --style must be one of {', '.join(STYLES)}.")
        raise typer.Exit(2)
    if duration not in DURATIONS or content_type not in CONTENT_TYPES:
        err.print("[red]error:[/] --duration must be 15, 30, 45 or 60 and --content-type ad or organic.")
        raise typer.Exit(2)
    try:
        settings = Settings()
        with make_fetcher(settings, allow_private=allow_private) as fetcher:
            page = read_source(source, fetcher, err, url)
        if not page.verdict.is_product:
            err.print(f"[red]not_a_product:[/] {page.verdict.reason}")
            raise typer.Exit(1)
        llm = make_llm_writer(settings)
        written, note = script_language(language, page.product.language, llm is not None)
        with make_voice_registry(settings) as registry:
            voice = registry.resolve(written)
            rate = registry.words_per_second(voice.info.id)
        scripts = []
        for variant in range(variants):
            request = WriteRequest(product=page.product, style=style, content_type=content_type,
                                   duration=duration, variant=variant, language=written,
                                   words_per_second=rate, user_instructions=instructions,
                                   target_audience=audience)
            scripts.append(write_script(request, llm))
        if llm is not None:
            llm.close()
    except (AdreelError, ValidationError) as exc:
        err.print(f"[red]error:[/] {exc.message if isinstance(exc, AdreelError) else exc}")
        raise typer.Exit(1) from exc
    if note:
        err.print(note)
    if as_json:
        typer.echo(json.dumps({"variants": [s.as_cli_json() for s in scripts]}, ensure_ascii=False,
                              indent=2))
        return
    out = Console(soft_wrap=True)
    for number, item in enumerate(scripts, start=1):
        degraded = f" (asked for {item.degraded_from})" if item.degraded_from else ""
        out.print(f"[bold]Variant {number}: {item.style}{degraded}[/] · {item.language} · "
                  f"{item.word_count} words · ~{item.estimated_seconds:.0f} s · {item.format_preset}")
        for scene in item.scenes:
            out.print(f"  [dim]{scene.kind:7s} {scene.visual.kind:8s}[/] {scene.display}")
        for line in item.notes:
            out.print(f"  [yellow]{line}[/]")
