"""`adreel generate URL|FILE...`: the main job, embedded — the same five stages the server runs,
in this process, with a progress display per video; one folder of files per video."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

OUTPUT_FILES = ("video.mp4", "thumbnail.jpg", "captions.srt", "captions.vtt", "script.json")


def _slug(text: str) -> str:
    """A video folder's name from its title, readable in every language (adreel.media.slugs)."""
    from adreel.media.slugs import slug

    return slug(text)


def _free_folder(out: Path, name: str) -> Path:
    """`out/name`, or `out/name-2`, `-3`, ... when an earlier run left one there."""
    folder, n = out / name, 1
    while folder.exists():
        n += 1
        folder = out / f"{name}-{n}"
    folder.mkdir(parents=True)
    return folder


def generate(
    sources: Annotated[list[str], typer.Argument(help="Product page URLs or saved HTML files (1–3).")],
    aspect: Annotated[str, typer.Option(help="9:16, 16:9 or 1:1.")] = "9:16",
    duration: Annotated[int, typer.Option(help="15, 30, 45 or 60 seconds.")] = 15,
    style: Annotated[str | None, typer.Option(help="Script style (default: auto).")] = None,
    variants: Annotated[int, typer.Option(help="Variants per page, 1–3.")] = 1,
    preset: Annotated[str | None, typer.Option(help="Format preset (default: auto).")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor id.")] = None,
    avatar_image: Annotated[str | None, typer.Option("--avatar-image", help="A portrait photo URL.")] = None,
    language: Annotated[str | None, typer.Option(help="BCP 47 tag (default: the page's).")] = None,
    accent: Annotated[str | None, typer.Option(help="Voice accent, e.g. british.")] = None,
    content_type: Annotated[str, typer.Option("--content-type", help="ad or organic.")] = "ad",
    instructions: Annotated[str | None, typer.Option(help="Creative direction for the writer.")] = None,
    audience: Annotated[str | None, typer.Option(help="Target audience.")] = None,
    script_text: Annotated[str | None, typer.Option("--script", help="Use this voiceover verbatim.")] = None,
    out: Annotated[Path, typer.Option(help="Where the video folders go.")] = Path("adreel-videos"),
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let the fetcher reach private addresses.")]
    = False,
    server: Annotated[str | None, typer.Option(help="Run on this adreel server (its root URL) instead of here; "
                                                    "the key comes from ADREEL_API_KEY or --key-file.")] = None,
    key_file: Annotated[Path | None, typer.Option("--key-file", help="A file holding the server's API key.")] = None,
) -> None:
    """Generate finished video ads (MP4, thumbnail, captions, script) from product pages."""
    err = Console(stderr=True, soft_wrap=True)
    # Files stand in as placeholders for the request checks, which know only http(s) URLs.
    files = {i: Path(s).resolve() for i, s in enumerate(sources) if Path(s).is_file()}
    urls = [f"https://file.invalid/{i}" if i in files else s for i, s in enumerate(sources)]
    body: dict[str, Any] = {"urls": urls, "variantCount": variants, "aspectRatio": aspect, "adDuration": duration,
                            "contentType": content_type, "scriptStyle": style, "overrideScript": script_text,
                            "userInstructions": instructions, "selectedActorId": actor,
                            "avatarImageUrl": avatar_image, "language": language, "accent": accent,
                            "targetAudience": audience, "formatPreset": preset}
    body = {k: v for k, v in body.items() if v is not None}
    if server:   # the same job on a server, through adreel_client
        from adreel.cli.remote import generate_remote

        generate_remote(server, key_file, sources, body, out, _slug)
        return
    from adreel.app import make_fetcher, make_toolkit, make_voice_registry
    from adreel.config import Settings
    from adreel.engine.request import GenerateContext, check_generate
    from adreel.engine.stages import stage_range
    from adreel.errors import AdreelError, InvalidRequest
    from adreel.pipeline.checks import FaceCheck, VoiceCheck
    from adreel.pipeline.stages import LocalRun, run_project

    settings = Settings()
    with make_voice_registry(settings) as voices, make_fetcher(settings, allow_private=allow_private) as fetcher:
        kit = make_toolkit(settings, fetcher, voices)
        context = GenerateContext(voices=VoiceCheck(voices), actor_ids=tuple(kit.actors),
                                  llm_available=bool(settings.llm_base_url and settings.llm_model))
        try:
            checked = check_generate(body, context)
        except InvalidRequest as exc:
            err.print(f"[red]error:[/] {exc.message}")
            raise typer.Exit(2) from exc
        if checked.avatar_image_url:
            try:
                FaceCheck(fetcher).check_face(checked.avatar_image_url)
            except AdreelError as exc:
                err.print(f"[red]{exc.code}:[/] {exc.message}")
                raise typer.Exit(1) from exc
        request = checked.model_dump()
        out.mkdir(parents=True, exist_ok=True)
        failures = 0
        number = 0
        columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                   TimeElapsedColumn())
        with Progress(*columns, console=err, transient=False) as progress:
            for index, source in enumerate(sources):
                url = files[index].as_uri() if index in files else source
                local = dataclasses.replace(kit, local_root=files[index].parent) if index in files else kit
                for variant in range(checked.variant_count):
                    number += 1
                    label = f"{number:02d} {Path(source).name if index in files else source}"[:60]
                    task = progress.add_task(f"{label} · preparing", total=100)

                    def report(stage: str, done: int, total: int, task: Any = task, label: str = label) -> None:
                        low, high = stage_range(stage)
                        share = low + (high - low) * min(max(done / max(total, 1), 0.0), 1.0)
                        progress.update(task, completed=share, description=f"{label} · {stage}")

                    run = LocalRun(project_id=str(uuid.uuid4()), url=url, variant=variant, request=request,
                                   report=report)
                    try:
                        outputs = run_project(run, local)
                    except AdreelError as exc:
                        failures += 1
                        progress.update(task, description=f"{label} · [red]failed[/]")
                        err.print(f"[red]{exc.code}[/] ({run.stage}): {exc.message}")
                        continue
                    except Exception as exc:  # a bug in one video must not stop the others
                        failures += 1
                        progress.update(task, description=f"{label} · [red]failed[/]")
                        err.print(f"[red]internal[/] ({run.stage}): {type(exc).__name__}: {exc}")
                        continue
                    finally:
                        kit.storage.delete_prefix(f"work/{run.project_id}/")
                    folder = _free_folder(out, f"{number:02d}-{_slug(outputs.get('title') or 'video')}")
                    stored = f"media/{outputs['media_token']}/"
                    for name in OUTPUT_FILES:
                        kit.storage.get_file(stored + name, folder / name)
                    kit.storage.delete_prefix(stored)
                    progress.update(task, completed=100, description=f"{label} · [green]done[/]")
                    err.print(f"[green]✓[/] {folder}/video.mp4 · {outputs.get('duration_seconds')} s · "
                              f"{outputs.get('scene_count')} scenes")
        if kit.llm is not None:
            kit.llm.close()
    if failures:
        raise typer.Exit(1)
