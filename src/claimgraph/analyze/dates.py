"""Reference times: partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) as spans of days."""

from __future__ import annotations

import calendar
import re
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

Span = tuple[int, int]  # first and last day, as date.toordinal() values


def span(value: str | None) -> Span | None:
    """Return the days a partial ISO date covers ("2024-11" → all of November), or None if unreadable."""
    if not value:
        return None
    match = _ISO.match(value)
    if match is None:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if day:
            d = date(int(year), int(month), int(day)).toordinal()
            return d, d
        if month:
            m = int(month)
            last = calendar.monthrange(int(year), m)[1]
            return date(int(year), m, 1).toordinal(), date(int(year), m, last).toordinal()
        return date(int(year), 1, 1).toordinal(), date(int(year), 12, 31).toordinal()
    except ValueError:
        return None


def precision(value: str | None) -> str | None:
    """Return "day", "month" or "year" for a partial ISO date, None if unreadable."""
    match = _ISO.match(value or "")
    if match is None:
        return None
    return "day" if match.group(3) else "month" if match.group(2) else "year"


def distance(a: Span | None, b: Span | None) -> int | None:
    """Return the days between two spans (0 when they overlap), None when either is unknown."""
    if a is None or b is None:
        return None
    return max(0, b[0] - a[1], a[0] - b[1])


def reference_time(time_value: str | None, time_after: str | None, time_before: str | None,
                   published: str | None) -> str | None:
    """Return the date a claim is about: its own time, else the article's publication date.

    Same order as the store's claim filters: a point in time, else the start of an open
    interval ("after"), else its end ("before", e.g. "bislang" = up to the article date).
    """
    for value in (time_value, time_after, time_before, published):
        if span(value) is not None:
            return value
    return None
