"""The `adreel` command line (spec/API.md §11)."""

from __future__ import annotations

import typer

from adreel.cli import accounts as accounts_command
from adreel.cli import doctor as doctor_command
from adreel.cli import generate as generate_command
from adreel.cli import inspect as inspect_command
from adreel.cli import say as say_command
from adreel.cli import script as script_command
from adreel.cli import serve as serve_command
from adreel.cli import worker as worker_command

app = typer.Typer(
    name="adreel",
    help="Turn product page URLs into short UGC-style video ads.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("generate")(generate_command.generate)
app.command("serve")(serve_command.serve)
app.command("worker")(worker_command.worker)
app.command("inspect")(inspect_command.inspect)
app.command("script")(script_command.script)
app.command("say")(say_command.say)
app.command("doctor")(doctor_command.doctor)
app.command("voices")(say_command.voices)
app.add_typer(accounts_command.accounts_app, name="accounts")
app.add_typer(accounts_command.keys_app, name="keys")
app.add_typer(accounts_command.webhooks_app, name="webhooks")


@app.callback()
def _root() -> None:
    """adreel: product page URLs in, short video ads out."""


def main() -> None:
    app()
