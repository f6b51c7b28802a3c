"""`adreel generate URL... --server URL`: the job runs on an adreel (or Nouvel) server through
`adreel_client`, shown with the local command's progress bars and written into the same folders.

The key comes from ADREEL_API_KEY or `--key-file`, never from the command line (where other users
of the machine can read it). The server reads pages by URL, so saved pages (FILE) are refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from adreel_client import Job

INSTALL_HINT = "pip install -e ./clients/python"


def _key(key_file: Path | None, err: Console) -> str:
    if key_file is not None:
        try:
            key = key_file.read_text("utf-8").strip()
        except OSError as exc:
            err.print(f"[red]error:[/] cannot read --key-file {key_file}: {exc.strerror or exc}")
            raise typer.Exit(2) from exc
    else:
        key = os.environ.get("ADREEL_API_KEY", "").strip()
    if not key:
        err.print("[red]error:[/] --server needs an API key: set ADREEL_API_KEY or pass --key-file PATH "
                  "(a key is never taken on the command line, where other users can see it).")
        raise typer.Exit(2)
    return key


def generate_remote(server: str, key_file: Path | None, sources: list[str], body: dict[str, Any], out: Path,
                    slug: Callable[[str], str]) -> None:
    """Submit `body` (the §3 fields the local command built) to `server`, follow it, download it."""
    err = Console(stderr=True, soft_wrap=True)
    saved = [s for s in sources if not s.startswith(("http://", "https://"))]
    if saved:
        err.print(f"[red]error:[/] {saved[0]} is a saved page; a server reads product pages by URL. "
                  "Give the page's URL, or run without --server to use the file here.")
        raise typer.Exit(2)
    try:
        import adreel_client
    except ImportError as exc:
        err.print(f"[red]error:[/] --server needs the adreel client; install it with `{INSTALL_HINT}`.")
        raise typer.Exit(2) from exc
    key = _key(key_file, err)
    request = adreel_client.GenerateRequest.model_validate({**body, "urls": sources})
    options = request.model_dump(exclude_none=True, exclude={"urls"})
    variants = request.variant_count or 1
    labels = [f"{n + 1:02d} {sources[n // variants]}"[:60] for n in range(len(sources) * variants)]
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
               TimeElapsedColumn())
    job: Job | None = None
    try:
        with adreel_client.Client(server, key) as client:
            job = client.generate(sources, **options)
            with Progress(*columns, console=err, transient=False) as progress:
                tasks = [progress.add_task(f"{label} · preparing", total=100) for label in labels]
                done = job.wait(on_progress=lambda seen: _show(progress, tasks, labels, seen))
            folders = iter(client.download(done, out, slug=slug))
    except adreel_client.InvalidRequest as exc:
        err.print(f"[red]error:[/] {exc.message}")
        raise typer.Exit(2) from exc
    except adreel_client.AdreelClientError as exc:
        code = exc.error if isinstance(exc, adreel_client.ApiError) else type(exc).__name__
        err.print(f"[red]{code}:[/] {exc}")
        if job is not None:
            err.print(f"Job {job.job_id} is on the server: GET /api/v1/jobs/{job.job_id} follows it.")
        raise typer.Exit(1) from exc
    failures = 0
    for detail in done.completed_details:
        if detail.status == "completed" and detail.final_output_url:
            err.print(f"[green]✓[/] {next(folders)}/video.mp4 · {detail.duration_seconds} s · "
                      f"{detail.scene_count} scenes")
            continue
        failures += 1
        error = detail.error
        err.print(f"[red]{error.code if error else detail.status}[/] ({error.stage if error else '-'}): "
                  f"{error.message if error else detail.url}")
    if failures:
        raise typer.Exit(1)


def _show(progress: Progress, tasks: list[TaskID], labels: list[str], job: Job) -> None:
    for task, label, project in zip(tasks, labels, job.projects, strict=False):
        if project.status == "completed":
            progress.update(task, completed=100, description=f"{label} · [green]done[/]")
        elif project.status in ("failed", "cancelled"):
            progress.update(task, description=f"{label} · [red]{project.status}[/]")
        else:
            progress.update(task, completed=project.progress, description=f"{label} · {project.stage}")
