"""`adreel doctor`: checks each part this installation needs and says what to fix."""

from __future__ import annotations

import typer
from rich.console import Console


def doctor() -> None:
    """Check the database, the storage and the queue with the current ADREEL_* settings."""
    from pydantic import ValidationError

    from adreel.app import make_queue, make_storage
    from adreel.config import Settings
    from adreel.platform.db import Database
    from adreel.platform.db.engine import default_url
    from adreel.platform.readiness import Check, check_database, check_queue, check_storage

    out = Console(soft_wrap=True)
    try:
        settings = Settings()
    except ValidationError as exc:
        out.print(f"[red]✗ settings[/]  {exc.errors()[0]['msg']}")
        raise typer.Exit(1) from exc
    database = Database(settings.database_url or default_url(settings.data_dir))
    try:
        checks = [check_database(database)]
        try:
            checks.append(check_storage(make_storage(settings)))
        except ValueError as exc:   # an s3:// URL that names no bucket
            checks.append(Check("storage", False, f"ADREEL_STORAGE: {exc}"))
        queue = make_queue(settings)
        try:
            checks.append(check_queue(queue))
        finally:
            queue.close()
    finally:
        database.close()
    for check in checks:
        mark = "[green]✓[/]" if check.ok else "[red]✗[/]"
        out.print(f"{mark} {check.name:<9} {check.detail}")
    if not all(check.ok for check in checks):
        raise typer.Exit(1)
