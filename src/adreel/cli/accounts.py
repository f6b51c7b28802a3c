"""Operator commands: `adreel accounts ...`, `adreel keys ...`, `adreel webhooks secret ...`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy import select
from sqlalchemy.orm import Session

from adreel.app import make_secret_box, open_database
from adreel.config import Settings
from adreel.engine import accounts as service
from adreel.platform.crypto import SecretBox
from adreel.platform.db import Account, ApiKey

accounts_app = typer.Typer(help="Accounts: who owns keys, jobs and credits.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys (shown once at creation).", no_args_is_help=True)
webhooks_app = typer.Typer(help="Webhook signing secrets.", no_args_is_help=True)
secret_app = typer.Typer(help="The account's webhook secret.", no_args_is_help=True)
webhooks_app.add_typer(secret_app, name="secret")


@contextmanager
def _store() -> Iterator[tuple[Session, SecretBox]]:
    err = Console(stderr=True, soft_wrap=True)
    settings = Settings()
    database = open_database(settings)
    try:
        with database.session() as session:
            yield session, make_secret_box(settings)
    except (service.AccountError, service.UnknownKey) as exc:
        err.print(f"[red]error:[/] {exc.message}")
        raise typer.Exit(1) from exc
    finally:
        database.close()


@accounts_app.command("create")
def create_account(
    name: str,
    plan_limit: Annotated[int | None, typer.Option(help="Videos per calendar month (UTC).")] = None,
    credits: Annotated[int, typer.Option(help="Purchased credits, used after the plan.")] = 0,
    rate_limit: Annotated[int, typer.Option(help="Requests per minute per key.")] = 60,
) -> None:
    """Create an account."""
    with _store() as (session, box):
        account = service.create_account(session, box, name, plan_limit=plan_limit,
                                          credits=credits, rate_limit=rate_limit)
        typer.echo(f"account {account.name} ({account.id}) created")


@accounts_app.command("list")
def list_accounts() -> None:
    """List accounts."""
    with _store() as (session, _box):
        for account in session.scalars(select(Account).order_by(Account.created_at)):
            limit = "no plan limit" if account.plan_limit is None else f"plan {account.plan_limit}/month"
            typer.echo(f"{account.name}\t{account.id}\t{limit}\t{account.credits} credits\t"
                       f"{account.rate_limit} req/min")


@keys_app.command("create")
def create_key(
    account: Annotated[str, typer.Option(help="The account's name.")],
    name: Annotated[str, typer.Option(help="A name for the key.")],
    permissions: Annotated[str, typer.Option(help=f"Comma-separated: {', '.join(service.PERMISSIONS)}")],
    expires: Annotated[str, typer.Option(help="7d, 30d, 90d, 1y, never or a date.")] = "never",
    as_json: Annotated[bool, typer.Option("--json", help="Print the key as JSON.")] = False,
) -> None:
    """Create a key; the full key is printed once, alone on the last line."""
    with _store() as (session, _box):
        owner = service.find_account(session, account)
        created = service.create_key(session, owner, name, service.parse_permissions(permissions),
                                     service.parse_expiry(expires))
    if as_json:
        typer.echo(json.dumps(created.as_json()))
        return
    expiry = created.expires_at.isoformat() if created.expires_at else "never"
    typer.echo(f"key {created.name} ({created.id}) for {created.account}: "
               f"{', '.join(created.permissions)}; expires {expiry}. Store it now: it is not shown again.")
    typer.echo(created.key)


@keys_app.command("list")
def list_keys(account: Annotated[str, typer.Option(help="The account's name.")]) -> None:
    """List an account's keys (never the keys themselves)."""
    with _store() as (session, _box):
        owner = service.find_account(session, account)
        for key in session.scalars(select(ApiKey).where(ApiKey.account_id == owner.id)
                                   .order_by(ApiKey.created_at)):
            state = "revoked" if key.revoked_at else "active"
            typer.echo(f"{key.id}\t{key.name}\t{key.hint}\t{','.join(key.permissions)}\t{state}")


@keys_app.command("revoke")
def revoke_key(key_id: str) -> None:
    """Revoke a key by id; it answers 401 from then on."""
    with _store() as (session, _box):
        row = service.revoke_key(session, key_id)
        typer.echo(f"key {row.name} ({row.id}) revoked")


@secret_app.command("show")
def show_secret(account: Annotated[str, typer.Option(help="The account's name.")]) -> None:
    """Print the account's webhook signing secret."""
    with _store() as (session, box):
        typer.echo(service.webhook_secret(box, service.find_account(session, account)))


@secret_app.command("rotate")
def rotate_secret(account: Annotated[str, typer.Option(help="The account's name.")]) -> None:
    """Replace the account's webhook secret and print the new one."""
    with _store() as (session, box):
        typer.echo(service.rotate_webhook_secret(box, service.find_account(session, account)))
