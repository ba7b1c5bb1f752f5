"""Metadata values shared by the readers: dates and optional string fields."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from claimgraph.ingest.failures import IngestError

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# A full ISO timestamp ("2025-07-03T10:00:00Z", "2025-07-03 10:00"): only its day is kept.
_ISO_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
# The German day-first form is common in German outlets' metadata ("03.07.2025").
_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_published(value: Any) -> str | None:
    """Return `value` as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (None when absent); raise IngestError("invalid_field")."""
    if value is None:
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise IngestError("invalid_field", f"published must be a date string, not {type(value).__name__}")
    text = str(value).strip()
    if not text:
        return None
    stamp = _ISO_TIMESTAMP.match(text)
    if stamp:
        text = stamp.group(1)
    german = _GERMAN.match(text)
    if german:
        day, month, year = german.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}"
    iso = _ISO.match(text)
    if not iso:
        raise IngestError("invalid_field", f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = iso.groups()
    try:
        # Validate against the calendar, not just the shape (no 2025-13 or 2025-02-30).
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise IngestError("invalid_field", f"date {value!r}: {exc}") from exc
    # Zero-pad "2025-7-3" to the ISO form Document requires.
    return "-".join([year] + [f"{int(part):02d}" for part in (month, day) if part])


def optional_str(value: Any, name: str) -> str | None:
    """Return `value` stripped (None when absent or blank); raise IngestError("invalid_field") if not a string."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError("invalid_field", f"{name} must be a string, not {type(value).__name__}")
    return value.strip() or None


def optional_lang(value: Any) -> str | None:
    """Return a language code lower-cased (None when absent); raise IngestError("invalid_field") if malformed."""
    lang = optional_str(value, "lang")
    if lang is None:
        return None
    lang = lang.lower()
    if not re.fullmatch(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*", lang):
        raise IngestError("invalid_field", f"lang {value!r} is not a language code")
    # Region subtags ("de-AT") do not change which language data applies.
    return re.split(r"[-_]", lang)[0]
