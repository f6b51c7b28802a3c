"""Accepting a job: quota and credits (spec/API.md §2), then the job and its projects, in one
transaction with the account locked so concurrent submissions cannot overspend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from adreel.platform.db import Account, Job, Project


@dataclass(frozen=True)
class Usage:
    used: int
    limit: int | None
    credits: int
    period_start: datetime
    period_end: datetime


class QuotaExceeded(Exception):
    def __init__(self, usage: Usage, needed: int) -> None:
        super().__init__("quota exceeded")
        self.usage = usage
        self.needed = needed


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


def create_job(session: Session, account_id: str, urls: list[str], variants: int,
               request: dict[str, object], webhook_url: str | None) -> Job:
    """Charge one credit per project (plan first, then purchased credits) and create the job;
    raises `QuotaExceeded` and creates nothing when the account cannot pay for all of it."""
    session.execute(update(Account).where(Account.id == account_id)
                    .values(rate_limit=Account.rate_limit))   # lock the account row
    account = session.get(Account, account_id)
    assert account is not None
    current = usage(session, account)
    needed = len(urls) * variants
    from_plan = needed if current.limit is None else max(0, min(needed, current.limit - current.used))
    from_credits = needed - from_plan
    if from_credits > account.credits:
        raise QuotaExceeded(current, needed)
    account.credits -= from_credits
    job = Job(account_id=account_id, request=request, webhook_url=webhook_url)
    session.add(job)
    session.flush()
    position = 0
    for url in urls:
        for variant in range(variants):
            charged = "plan" if position < from_plan else "credits"
            session.add(Project(job_id=job.id, account_id=account_id, position=position, url=url,
                                variant=variant, charged_from=charged, outputs={}))
            position += 1
    session.flush()
    return job
