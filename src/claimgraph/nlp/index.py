"""`ByStart`: annotations sorted by offset, for range look-ups in logarithmic time.

Long documents have tens of thousands of mentions; scanning all of them for every claim made
extraction quadratic (a 1 MB text took ten minutes)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Generic, Protocol, TypeVar


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=_HasStart)


class ByStart(Generic[T]):
    """Items ordered by their `start` offset."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items: list[T] = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]

    def between(self, start: int, end: int) -> list[T]:
        """Return the items with start <= item.start < end, in order."""
        return self.items[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]

    def last_before(self, pos: int, accept: Callable[[T], bool], limit: int = 200) -> T | None:
        """Return the last accepted item starting before `pos` (looking back at most `limit` items)."""
        k = bisect.bisect_left(self.starts, pos) - 1
        stop = max(-1, k - limit)
        while k > stop:
            if accept(self.items[k]):
                return self.items[k]
            k -= 1
        return None
