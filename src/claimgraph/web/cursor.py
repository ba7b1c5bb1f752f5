"""Opaque pagination cursors: clients pass back the `next` value a list answered with."""

from __future__ import annotations

import base64
import binascii
import json

from claimgraph.errors import InputError

MAX_OFFSET = 10_000_000


def encode(offset: int) -> str:
    """Return the cursor that resumes a listing at `offset`."""
    raw = json.dumps({"o": int(offset)}, separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(cursor: str | None) -> int:
    """Return the offset a cursor stands for (0 for None); raise InputError for a malformed cursor."""
    if cursor is None or cursor == "":
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        offset = data["o"]
    except (ValueError, UnicodeError, binascii.Error, KeyError, TypeError) as exc:
        raise InputError("invalid cursor: pass back the 'next' value of a previous answer") from exc
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        raise InputError("invalid cursor: pass back the 'next' value of a previous answer")
    return offset


def page(rows: list, limit: int, offset: int) -> tuple[list, str | None]:
    """Return the first `limit` of `rows` (fetched with limit + 1) and the cursor of the next page."""
    if len(rows) > limit:
        return rows[:limit], encode(offset + limit)
    return rows, None
