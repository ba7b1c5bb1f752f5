"""Reusable WHERE-clause pieces; every user value enters SQL as a bound parameter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, cast, false, func, literal

# Dates as the model writes them: YYYY, YYYY-MM or YYYY-MM-DD (a time may add more after that).
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def contains(column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """Return a case-insensitive `column contains value` test (LIKE with %/_ escaped)."""
    return func.lower(column).contains(value.lower(), autoescape=True)


def _date(value: str) -> ColumnElement[Any] | None:
    if not _ISO_DATE.match(value.strip()):
        return None
    # The cast gives the parameter a type PostgreSQL can infer inside substr()/length().
    return cast(literal(value.strip()), String)


def since(ref: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """Return `ref` is on or after `value`, comparing ISO strings at the coarser of the two precisions.

    A claim dated "2024-11" counts as on or after "2024-11-05": the month contains that day.
    A value that is not an ISO date matches nothing.
    """
    bound = _date(value)
    if bound is None:
        return false()
    return func.substr(bound, 1, func.length(ref)) <= ref


def until(ref: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """Return `ref` is on or before `value`, comparing ISO strings at the coarser of the two precisions.

    A value that is not an ISO date matches nothing.
    """
    bound = _date(value)
    if bound is None:
        return false()
    return func.substr(ref, 1, func.length(bound)) <= bound


def page(limit: int, offset: int) -> tuple[int, int]:
    """Return (limit, offset) clamped to non-negative integers."""
    return max(0, int(limit)), max(0, int(offset))


# Orders claims can be listed in ("-" first: descending): publication date, the claim's own
# date (its time, else the publication date), the figure (its upper bound), and kind.
CLAIM_SORTS = ("-published", "published", "-date", "date", "-figure", "figure", "kind", "-kind")


@dataclass(frozen=True, kw_only=True)
class ClaimQuery:
    """Which claims to list: every field a filter (None: any), plus the page."""

    kind: str | None = None
    actor: str | None = None
    target: str | None = None
    source: str | None = None
    unit: str | None = None
    modality: str | None = None
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    document_id: str | None = None
    text: str | None = None
    # One of CLAIM_SORTS: newest documents first unless asked otherwise.
    sort: str = "-published"
    limit: int = 50
    offset: int = 0
