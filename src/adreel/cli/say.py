"""`adreel say TEXT -o OUT.wav`: speak text with any installed voice, offline."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from adreel.app import make_voice_registry
from adreel.config import Settings
from adreel.errors import AdreelError


def say(
    text: Annotated[str, typer.Argument(help="What to say. A blank line starts a new scene.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="The WAV file to write (48 kHz).")],
    voice: Annotated[str | None, typer.Option(help="A voice id (see --list).")] = None,
    language: Annotated[str | None, typer.Option(help="BCP 47 language, e.g. en, es, de-AT.")] = None,
    accent: Annotated[str | None, typer.Option(help="e.g. american, british.")] = None,
    rate: Annotated[float, typer.Option(min=0.5, max=2.0, help="Speaking rate, 1.0 = natural.")] = 1.0,
    words: Annotated[Path | None, typer.Option(help="Write word timings as JSON.")] = None,
    visemes: Annotated[Path | None, typer.Option(help="Write mouth shapes as JSON.")] = None,
) -> None:
    """Synthesize speech with word timings and mouth shapes, normalised to −14 LUFS."""
    from adreel.media.voice import speak

    err = Console(stderr=True, soft_wrap=True)
    try:
        with make_voice_registry(Settings()) as registry:
            speaker = registry.get(voice) if voice else registry.resolve(language, accent)
            scenes = [part.strip() for part in text.split("\n\n") if part.strip()]
            started = time.perf_counter()
            speech = speak(scenes, speaker, rate=rate)
            speech.write(out, words, visemes)
    except (AdreelError, ValidationError) as exc:
        message = exc.message if isinstance(exc, AdreelError) else str(exc)
        err.print(f"[red]error:[/] {message}")
        raise typer.Exit(1) from exc
    err.print(f"{out}: {speech.duration:.1f} s, {len(speech.words)} words, voice {speaker.info.id}, "
              f"{speech.loudness_lufs:.1f} LUFS, true peak {speech.true_peak_dbtp:.1f} dBTP, "
              f"made in {time.perf_counter() - started:.1f} s")


def voices() -> None:
    """List the installed voices by language and accent."""
    with make_voice_registry(Settings()) as registry:
        infos = registry.voices()
    for info in infos:
        typer.echo(f"{info.id:32s} {info.language:4s} {info.accent:24s} {info.engine:10s} {info.name}")
