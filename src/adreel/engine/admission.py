"""Admitting a checked request as a job (spec/API.md §2, after the body and rate checks): 402
when the account cannot pay, 422 when a page cannot be read or is not a product or the avatar
photo has no usable face, then the job and its projects, charged in one transaction."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.orm import Session

from adreel.engine.credits import charge, check_quota
from adreel.engine.ports import FaceChecker, PageChecker
from adreel.engine.request import GenerateRequest
from adreel.errors import AdreelError
from adreel.platform.db import Database, Job, Project

MAX_PAGE_READS = 3      # pages of one request read at once


def create_job(session: Session, account_id: str, urls: list[str], variants: int,
               request: dict[str, object], webhook_url: str | None) -> Job:
    """Charge one credit per project (plan first, then purchased credits) and create the job;
    raises `QuotaExceeded` and creates nothing when the account cannot pay for all of it."""
    from_plan = charge(session, account_id, len(urls) * variants)
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


class Admission:
    def __init__(self, database: Database, pages: PageChecker, faces: FaceChecker) -> None:
        self.database = database
        self.pages = pages
        self.faces = faces

    def admit(self, account_id: str, request: GenerateRequest) -> str:
        """The new job's id; raises the first refusal in the contract's order."""
        with self.database.session() as session:
            # 402 before the pages are fetched: a job that cannot be paid for costs nothing.
            check_quota(session, account_id, request.total_projects)
        self.check_pages(request.urls)
        if request.avatar_image_url:
            self.faces.check_face(request.avatar_image_url)
        with self.database.session() as session:
            job = create_job(session, account_id, request.urls, request.variant_count,
                             request.model_dump(), request.webhook_url)
            return job.id

    def check_pages(self, urls: list[str]) -> None:
        """Read every distinct page at once; the first refusal in URL order is raised."""
        distinct = list(dict.fromkeys(urls))

        def read(url: str) -> AdreelError | None:
            try:
                self.pages.check_page(url)
            except AdreelError as exc:
                return exc
            return None

        with ThreadPoolExecutor(max_workers=min(len(distinct), MAX_PAGE_READS)) as pool:
            problems = dict(zip(distinct, pool.map(read, distinct), strict=True))
        for url in urls:
            if problems[url] is not None:
                raise problems[url]
