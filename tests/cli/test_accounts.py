"""Operator commands as an operator runs them, against the default SQLite database."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from adreel.engine import accounts as service
from adreel.platform.db import Database
from adreel.platform.db.engine import default_url
from tests.cli.test_inspect import adreel


def test_operator_creates_an_account_and_a_key(tmp_path: Path) -> None:
    env = {"ADREEL_DATA_DIR": str(tmp_path)}
    created = adreel("accounts", "create", "acme", "--plan-limit", "100", "--credits", "5", env=env)
    assert created.returncode == 0, created.stderr
    key = adreel("keys", "create", "--account", "acme", "--name", "ci", "--permissions",
                 "generate,projects:read", "--expires", "30d", env=env)
    assert key.returncode == 0, key.stderr
    full = key.stdout.strip().splitlines()[-1]
    assert full.startswith("nvl_") and len(full) >= 36
    as_json = adreel("keys", "create", "--account", "acme", "--name", "bot", "--permissions",
                     "generate", "--json", env=env)
    record = json.loads(as_json.stdout)
    assert record["key"].startswith("nvl_") and record["permissions"] == ["generate"]
    listed = adreel("keys", "list", "--account", "acme", env=env)
    assert full not in listed.stdout and "ci" in listed.stdout and full[:8] in listed.stdout
    # The key works against the database the CLI wrote, and nothing stored reveals it.
    database = Database(default_url(tmp_path))
    with database.session() as session:
        caller = service.authenticate(session, full)
        assert caller is not None and caller.permissions == {"generate", "projects:read"}
    database.close()
    assert full.encode() not in (tmp_path / "adreel.db").read_bytes()
    secret_file = tmp_path / "secret.key"
    assert stat.S_IMODE(os.stat(secret_file).st_mode) == 0o600
    shown = adreel("webhooks", "secret", "show", "--account", "acme", env=env)
    rotated = adreel("webhooks", "secret", "rotate", "--account", "acme", env=env)
    assert shown.stdout.startswith("whsec_") and rotated.stdout.startswith("whsec_")
    assert shown.stdout != rotated.stdout
    assert adreel("webhooks", "secret", "show", "--account", "acme", env=env).stdout == rotated.stdout


def test_operator_mistakes_are_clear_errors(tmp_path: Path) -> None:
    env = {"ADREEL_DATA_DIR": str(tmp_path)}
    missing = adreel("keys", "create", "--account", "nobody", "--name", "x", "--permissions",
                     "generate", env=env)
    assert missing.returncode == 1 and "no account named 'nobody'" in missing.stderr
    adreel("accounts", "create", "acme", env=env)
    bad = adreel("keys", "create", "--account", "acme", "--name", "x", "--permissions", "root", env=env)
    assert bad.returncode == 1 and "Unknown permission 'root'" in bad.stderr
    assert "Traceback" not in missing.stderr + bad.stderr
