"""`?page=&limit=` for the listings, and the `pagination` object they answer with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class PageRequest:
    page: int
    limit: int


def _page_request(page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                  limit: Annotated[int, Query(ge=1, le=100)] = 20) -> PageRequest:
    return PageRequest(page, limit)


PageDep = Annotated[PageRequest, Depends(_page_request)]


def paginate(session: Session, query: Select, wanted: PageRequest) -> tuple[list[Any], dict[str, Any]]:
    """The rows of the wanted page of an ordered query, and the `pagination` body."""
    total = int(session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)
    rows = list(session.execute(query.offset((wanted.page - 1) * wanted.limit).limit(wanted.limit)))
    pages = (total + wanted.limit - 1) // wanted.limit
    return rows, {"page": wanted.page, "limit": wanted.limit, "total": total, "totalPages": pages,
                  "hasMore": wanted.page < pages}
