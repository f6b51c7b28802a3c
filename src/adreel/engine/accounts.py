"""Accounts and API keys (spec/API.md §1): created by an operator, used by clients.

Keys are shown once and stored as hashes; at most five are active per account; each has
permissions fixed at creation and an expiry. Webhook secrets are stored encrypted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from adreel.errors import AdreelError, InvalidRequest, NotFound
from adreel.platform.crypto import (
    KEY_PREFIX,
    SecretBox,
    hash_key,
    new_api_key,
    new_webhook_secret,
    same_hash,
)
from adreel.platform.db import Account, ApiKey

PERMISSIONS = ("generate", "projects:read", "publish", "analytics:read", "copilot:chat")
MAX_ACTIVE_KEYS = 5
_DURATIONS = {"7d": timedelta(days=7), "30d": timedelta(days=30), "90d": timedelta(days=90),
              "1y": timedelta(days=365), "never": None}
_NAME = re.compile(r"^[\w .@-]{1,120}$")


UNAUTHORIZED = "Unable to resolve user from API key"   # spec/API.md §1: one answer for every bad key


class Unauthorized(AdreelError):
    """No usable credential (missing, malformed, unknown, revoked or expired key, or operator
    token)."""

    code = "unauthorized"


class Forbidden(AdreelError):
    """The key is valid but lacks the permission."""

    code = "forbidden"


class AccountError(InvalidRequest):
    """An account or key cannot be made as asked; the message says which rule."""


class UnknownKey(NotFound):
    """No key has that id."""


@dataclass(frozen=True)
class CreatedKey:
    """A new key: the only moment the full key exists outside the client."""

    key: str
    id: str
    name: str
    account: str
    permissions: list[str]
    expires_at: datetime | None

    def as_json(self) -> dict[str, object]:
        return {"key": self.key, "id": self.id, "name": self.name, "account": self.account,
                "permissions": self.permissions,
                "expiresAt": self.expires_at.isoformat() if self.expires_at else None}


@dataclass(frozen=True)
class Caller:
    """Who a request comes from: the key's account and what the key may do."""

    key_id: str
    account_id: str
    permissions: frozenset[str]
    rate_limit: int


def now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def parse_expiry(text: str, at: datetime | None = None) -> datetime | None:
    """`7d`, `30d`, `90d`, `1y`, `never`, or an ISO date (`2027-01-31`)."""
    at = at or now()
    value = text.strip().lower()
    if value in _DURATIONS:
        delta = _DURATIONS[value]
        return None if delta is None else at + delta
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise AccountError(f"The expiry must be 7d, 30d, 90d, 1y, never or a date, not {text!r}") from exc
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if moment <= at:
        raise AccountError("The expiry must be in the future")
    return moment


def parse_permissions(text: str) -> list[str]:
    wanted = [p.strip() for p in text.split(",") if p.strip()]
    if not wanted:
        raise AccountError(f"Give at least one permission: {', '.join(PERMISSIONS)}")
    unknown = [p for p in wanted if p not in PERMISSIONS]
    if unknown:
        raise AccountError(f"Unknown permission {unknown[0]!r}; permissions are {', '.join(PERMISSIONS)}")
    return sorted(set(wanted), key=PERMISSIONS.index)


def create_account(session: Session, box: SecretBox, name: str, *, plan_limit: int | None = None,
                   credits: int = 0, rate_limit: int = 60) -> Account:
    if not _NAME.match(name):
        raise AccountError("An account name is 1-120 letters, digits, spaces, '.', '@', '-' or '_'")
    if (plan_limit is not None and plan_limit < 0) or credits < 0 or rate_limit < 1:
        raise AccountError("The plan limit and credits must be ≥ 0 and the rate limit ≥ 1")
    account = Account(name=name, plan_limit=plan_limit, credits=credits, rate_limit=rate_limit,
                      webhook_secret=box.seal(new_webhook_secret()))
    session.add(account)
    try:
        session.flush()
    except IntegrityError as exc:
        raise AccountError(f"An account named {name!r} already exists") from exc
    return account


def find_account(session: Session, name: str) -> Account:
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise AccountError(f"There is no account named {name!r}")
    return account


def active_keys(session: Session, account: Account, at: datetime | None = None) -> int:
    at = at or now()
    keys = session.scalars(select(ApiKey).where(ApiKey.account_id == account.id,
                                                ApiKey.revoked_at.is_(None))).all()
    return sum(1 for k in keys if k.expires_at is None or _aware(k.expires_at) > at)


def create_key(session: Session, account: Account, name: str, permissions: list[str],
               expires_at: datetime | None) -> CreatedKey:
    if not _NAME.match(name):
        raise AccountError("A key name is 1-120 letters, digits, spaces, '.', '@', '-' or '_'")
    owner = account.name   # read now: a failed insert expires the row
    taken = session.scalar(select(ApiKey.id).where(ApiKey.account_id == account.id, ApiKey.name == name))
    if taken is not None:
        raise AccountError(f"{owner} already has a key named {name!r}")
    # Take the account row's write lock before counting (an UPDATE locks it on PostgreSQL and
    # takes SQLite's write lock), so two concurrent creations cannot both pass the limit.
    session.execute(update(Account).where(Account.id == account.id).values(rate_limit=Account.rate_limit))
    if active_keys(session, account) >= MAX_ACTIVE_KEYS:
        raise AccountError(f"{owner} already has {MAX_ACTIVE_KEYS} active keys; revoke one first")
    key = new_api_key()
    row = ApiKey(account_id=account.id, name=name, key_hash=hash_key(key), hint=key[:8] + "…",
                 permissions=permissions, expires_at=expires_at)
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        raise AccountError(f"{owner} already has a key named {name!r}") from exc
    return CreatedKey(key=key, id=row.id, name=name, account=owner,
                      permissions=permissions, expires_at=expires_at)


def revoke_key(session: Session, key_id: str) -> ApiKey:
    row = session.get(ApiKey, key_id)
    if row is None:
        raise UnknownKey(f"There is no key {key_id!r}")
    if row.revoked_at is None:
        row.revoked_at = now()
    return row


# Built once: the statement every request runs.
_KEY_AND_ACCOUNT = (
    select(ApiKey.id, ApiKey.key_hash, ApiKey.revoked_at, ApiKey.expires_at, ApiKey.last_used_at,
           ApiKey.permissions, Account.id.label("account_id"), Account.rate_limit)
    .join(Account, Account.id == ApiKey.account_id).where(ApiKey.key_hash == bindparam("digest")))


def authenticate(session: Session | Connection, presented: str | None, at: datetime | None = None) -> Caller | None:
    """The caller behind an `X-API-Key`/bearer value, or None when it is missing, malformed,
    unknown, revoked or expired (all answer the same 401)."""
    if not presented or not presented.startswith(KEY_PREFIX) or len(presented) < len(KEY_PREFIX) + 32:
        return None
    at = at or now()
    digest = hash_key(presented)
    # One indexed read on every request (plain columns, no objects built); a write at most once
    # a minute per key.
    row = session.execute(_KEY_AND_ACCOUNT, {"digest": digest}).first()
    if row is None or not same_hash(row.key_hash, digest):
        return None
    if row.revoked_at is not None or (row.expires_at is not None and _aware(row.expires_at) <= at):
        return None
    last = _aware(row.last_used_at)
    if last is None or (at - last).total_seconds() > 60:
        session.execute(update(ApiKey).where(ApiKey.id == row.id).values(last_used_at=at))
    return Caller(key_id=row.id, account_id=row.account_id, permissions=frozenset(row.permissions),
                  rate_limit=row.rate_limit)


def webhook_secret(box: SecretBox, account: Account) -> str:
    return box.open(account.webhook_secret)


def rotate_webhook_secret(box: SecretBox, account: Account) -> str:
    secret = new_webhook_secret()
    account.webhook_secret = box.seal(secret)
    return secret


def count_accounts(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Account)) or 0)
