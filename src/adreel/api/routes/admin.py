"""Admin API (Extension) behind `ADREEL_OPERATOR_TOKEN`: accounts and keys over HTTP, for
operators who script their installation. Disabled (404) when no token is configured."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from adreel.api.deps import SessionDep
from adreel.engine import accounts as service
from adreel.engine.accounts import Unauthorized
from adreel.errors import NotFound
from adreel.platform.db import Account


def _operator(request: Request) -> None:
    configured = request.app.state.settings.operator_token
    if configured is None:
        raise NotFound("Not found")
    presented = request.headers.get("x-operator-token") or ""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        presented = presented or value.strip()
    if not hmac.compare_digest(presented.encode(), configured.get_secret_value().encode()):
        raise Unauthorized("Operator token required")


router = APIRouter(prefix="/api/v1/admin")


class AccountIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    planLimit: int | None = Field(None, ge=0)
    credits: int = Field(0, ge=0)
    rateLimit: int = Field(60, ge=1)


class KeyIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    permissions: list[str] = Field(min_length=1)
    expires: str = "never"


def _account_body(account: Account) -> dict[str, Any]:
    return {"id": account.id, "name": account.name, "planLimit": account.plan_limit,
            "credits": account.credits, "rateLimit": account.rate_limit}


@router.post("/accounts")
def create_account(request: Request, session: SessionDep, body: AccountIn) -> dict[str, Any]:
    _operator(request)
    account = service.create_account(session, request.app.state.secrets, body.name,
                                      plan_limit=body.planLimit, credits=body.credits,
                                      rate_limit=body.rateLimit)
    return _account_body(account)


@router.get("/accounts")
def list_accounts(request: Request, session: SessionDep) -> dict[str, Any]:
    _operator(request)
    return {"accounts": [_account_body(a) for a in session.scalars(select(Account).order_by(Account.created_at))]}


@router.post("/accounts/{name}/keys")
def create_key(request: Request, session: SessionDep, name: str, body: KeyIn) -> dict[str, Any]:
    _operator(request)
    created = service.create_key(session, service.find_account(session, name), body.name,
                                 service.parse_permissions(",".join(body.permissions)),
                                 service.parse_expiry(body.expires))
    return created.as_json()


@router.post("/keys/{key_id}/revoke")
def revoke_key(request: Request, session: SessionDep, key_id: str) -> dict[str, Any]:
    _operator(request)
    row = service.revoke_key(session, key_id)
    return {"id": row.id, "name": row.name, "revoked": True}
