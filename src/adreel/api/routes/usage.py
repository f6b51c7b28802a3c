"""`GET /api/v1/usage` (Extension): this period's videos against the plan, and purchased credits."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from adreel.api.deps import CanRead, SessionDep
from adreel.engine.credits import usage
from adreel.engine.view import iso
from adreel.platform.db import Account

router = APIRouter()


@router.get("/api/v1/usage")
def get_usage(session: SessionDep, who: CanRead) -> dict[str, Any]:
    account = session.get(Account, who.account_id)
    assert account is not None
    current = usage(session, account)
    return {"used": current.used, "limit": current.limit, "credits": current.credits,
            "periodStart": iso(current.period_start), "periodEnd": iso(current.period_end)}
