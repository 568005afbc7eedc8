"""A page of a list."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

Item = TypeVar("Item")

MAX_PAGE_SIZE = 100


class Page(BaseModel, Generic[Item]):
    """One page of results and where it sits in the whole list."""

    items: list[Item]
    total: int
    limit: int
    offset: int
