"""Accounts and keys (spec/API.md §1) on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from adreel.engine import accounts as service
from adreel.platform.crypto import SecretBox
from adreel.platform.db import Account, ApiKey, Database


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    database.migrate()
    database.migrate()   # idempotent: a restart finds the schema at head
    with database.session() as session:
        for table in ("api_keys", "accounts"):
            session.execute(text(f"DELETE FROM {table}"))
    yield database
    database.close()


@pytest.fixture
def box() -> SecretBox:
    return SecretBox(Fernet.generate_key())


def make_account(db: Database, box: SecretBox, name: str = "acme", **options: object) -> str:
    with db.session() as session:
        return service.create_account(session, box, name, **options).id


def test_keys_are_shown_once_and_stored_only_as_hashes(db: Database, box: SecretBox) -> None:
    make_account(db, box)
    with db.session() as session:
        account = service.find_account(session, "acme")
        created = service.create_key(session, account, "ci", ["generate", "projects:read"], None)
    assert created.key.startswith("nvl_") and len(created.key) >= 4 + 32
    with db.session() as session:
        dump = " ".join(str(v) for row in session.execute(text("SELECT * FROM api_keys")) for v in row)
    assert created.key not in dump and created.key[4:] not in dump
    with db.session() as session:
        caller = service.authenticate(session, created.key)
        assert caller is not None and caller.permissions == {"generate", "projects:read"}
        assert caller.rate_limit == 60
        assert session.get(ApiKey, created.id).last_used_at is not None


@pytest.mark.parametrize("presented", [None, "", "nvl_short", "sk_" + "x" * 40, "nvl_" + "x" * 43])
def test_missing_malformed_and_unknown_keys_do_not_authenticate(db: Database, box: SecretBox,
                                                               presented: str | None) -> None:
    with db.session() as session:
        assert service.authenticate(session, presented) is None


def test_revoked_and_expired_keys_stop_working(db: Database, box: SecretBox) -> None:
    make_account(db, box)
    soon = datetime.now(UTC) + timedelta(days=7)
    with db.session() as session:
        account = service.find_account(session, "acme")
        revoked = service.create_key(session, account, "old", ["generate"], None)
        expiring = service.create_key(session, account, "temp", ["generate"], soon)
    with db.session() as session:
        service.revoke_key(session, revoked.id)
    with db.session() as session:
        assert service.authenticate(session, revoked.key) is None
        assert service.authenticate(session, expiring.key) is not None
        assert service.authenticate(session, expiring.key, at=soon + timedelta(seconds=1)) is None


def test_at_most_five_active_keys(db: Database, box: SecretBox) -> None:
    make_account(db, box)
    with db.session() as session:
        account = service.find_account(session, "acme")
        keys = [service.create_key(session, account, f"k{i}", ["generate"], None) for i in range(5)]
    with db.session() as session, pytest.raises(service.AccountError, match="5 active keys"):
        service.create_key(session, service.find_account(session, "acme"), "k5", ["generate"], None)
    with db.session() as session:
        service.revoke_key(session, keys[0].id)
    with db.session() as session:
        service.create_key(session, service.find_account(session, "acme"), "k5", ["generate"], None)


def test_concurrent_key_creation_never_passes_the_limit(db: Database, box: SecretBox) -> None:
    make_account(db, box)
    outcomes: list[str] = []

    def create(index: int) -> None:
        try:
            with db.session() as session:
                service.create_key(session, service.find_account(session, "acme"), f"t{index}",
                                   ["generate"], None)
            outcomes.append("created")
        except service.AccountError:
            outcomes.append("refused")

    threads = [threading.Thread(target=create, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    with db.session() as session:
        active = session.scalars(select(ApiKey).where(ApiKey.revoked_at.is_(None))).all()
    assert len(active) == 5 and outcomes.count("created") == 5 and outcomes.count("refused") == 5


def test_names_permissions_and_expiry_are_validated(db: Database, box: SecretBox) -> None:
    make_account(db, box)
    with pytest.raises(service.AccountError, match="already exists"):
        make_account(db, box)
    with pytest.raises(service.AccountError, match="Unknown permission 'admin'"):
        service.parse_permissions("generate,admin")
    assert service.parse_permissions("projects:read, generate") == ["generate", "projects:read"]
    at = datetime(2027, 1, 1, tzinfo=UTC)
    assert service.parse_expiry("30d", at) == at + timedelta(days=30)
    assert service.parse_expiry("never", at) is None
    assert service.parse_expiry("2027-03-01", at) == datetime(2027, 3, 1, tzinfo=UTC)
    with pytest.raises(service.AccountError, match="future"):
        service.parse_expiry("2020-01-01", at)
    with pytest.raises(service.AccountError, match="7d, 30d"):
        service.parse_expiry("soon", at)


def test_webhook_secrets_are_encrypted_and_rotate(db: Database, box: SecretBox) -> None:
    make_account(db, box)
    with db.session() as session:
        account = service.find_account(session, "acme")
        first = service.webhook_secret(box, account)
        assert first.startswith("whsec_") and first.encode() not in account.webhook_secret
        second = service.rotate_webhook_secret(box, account)
    assert second != first
    with db.session() as session:
        assert service.webhook_secret(box, service.find_account(session, "acme")) == second
        with pytest.raises(ValueError, match="ADREEL_SECRET_KEY changed"):
            service.webhook_secret(SecretBox(Fernet.generate_key()),
                                   session.scalar(select(Account)))
