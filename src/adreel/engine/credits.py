"""Credits (spec/API.md §2): one per project, taken from the plan's monthly quota first, then
from purchased credits; given back to where it came from when a project fails or is cancelled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from adreel.errors import AdreelError
from adreel.platform.db import Account, Project


@dataclass(frozen=True)
class Usage:
    used: int
    limit: int | None
    credits: int
    period_start: datetime
    period_end: datetime

    def plan_left(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - self.used)


class QuotaExceeded(AdreelError):
    """The account cannot pay for the whole job; nothing was created or charged."""

    code = "quota_exceeded"

    def __init__(self, usage: Usage, needed: int) -> None:
        super().__init__(f"This job needs {needed} credits; the plan has {usage.plan_left() or 0} left "
                         f"this month and {usage.credits} purchased credits remain.",
                         usage={"used": usage.used,
                                "limit": usage.limit if usage.limit is not None else usage.used})


def billing_period(at: datetime | None = None) -> tuple[datetime, datetime]:
    """The calendar month (UTC) containing `at`."""
    at = at or datetime.now(UTC)
    start = at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(
        month=start.month + 1)
    return start, end


def usage(session: Session, account: Account) -> Usage:
    start, end = billing_period()
    used = session.scalar(select(func.count()).select_from(Project).where(
        Project.account_id == account.id, Project.charged_from == "plan",
        Project.created_at >= start, Project.created_at < end)) or 0
    return Usage(int(used), account.plan_limit, account.credits, start, end)


def from_plan(current: Usage, needed: int) -> int:
    """How many of `needed` credits the plan still covers this period."""
    left = current.plan_left()
    return needed if left is None else min(needed, left)


def _payable(session: Session, account_id: str, needed: int) -> tuple[Account, int]:
    """The account and how many of `needed` credits its plan covers; `QuotaExceeded` when the
    plan and the purchased credits together cannot pay for all of them."""
    account = session.get(Account, account_id)
    assert account is not None
    current = usage(session, account)
    plan = from_plan(current, needed)
    if needed - plan > account.credits:
        raise QuotaExceeded(current, needed)
    return account, plan


def check_quota(session: Session, account_id: str, needed: int) -> None:
    """Raise `QuotaExceeded` when the account cannot pay for `needed` projects (no charge)."""
    _payable(session, account_id, needed)


def charge(session: Session, account_id: str, needed: int) -> int:
    """Take `needed` credits with the account row locked (concurrent submissions cannot
    overspend): how many came from the plan; the rest came from purchased credits."""
    session.execute(update(Account).where(Account.id == account_id)
                    .values(rate_limit=Account.rate_limit))   # lock the account row
    account, plan = _payable(session, account_id, needed)
    account.credits -= needed - plan
    return plan


def refund(session: Session, project_id: str) -> None:
    """A failed or cancelled project gives its credit back to where it came from, once."""
    project = session.get(Project, project_id)
    if project is None or project.charged_from == "refunded":
        return
    if project.charged_from == "credits":
        session.execute(update(Account).where(Account.id == project.account_id)
                        .values(credits=Account.credits + 1))
    project.charged_from = "refunded"
