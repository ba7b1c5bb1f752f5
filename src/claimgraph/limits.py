"""Every size and time limit of claimgraph in one place, each overridable by an environment variable.

A tool that reads the open web receives dumps, videos, minified scripts and hostile text. These
limits keep one bad input from stalling or exhausting a long run; each is far above anything a
real news article needs. `current()` reads the overrides from the environment at call time
(so they also reach extraction worker processes), and a bad override is an `InputError` that
names the variable.

| limit | default | variable | what happens past it |
| --- | --- | --- | --- |
| `max_file_bytes` | 50 MiB | `CLAIMGRAPH_MAX_FILE_BYTES` | the file is not read (failure "too_large") |
| `max_document_chars` | 10,000,000 | `CLAIMGRAPH_MAX_DOCUMENT_CHARS` | the document is not extracted (an `InputError`) |
| `max_line_chars` | 1,000,000 | `CLAIMGRAPH_MAX_LINE_CHARS` | the document or record is skipped (failure "line_too_long") |
| `max_sentences` | 5,000 | `CLAIMGRAPH_MAX_SENTENCES` | only the first ones are extracted; the extraction is marked truncated |
| `max_seconds` | 300 | `CLAIMGRAPH_MAX_SECONDS` | extraction of the document stops (an `ExtractionTimeout`); 0 switches it off |
| `MAX_SYMBOL_RUN` | 100 | — | a space is inserted into longer runs of punctuation (they make tokenizing quadratic) |
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from types import FrameType

from claimgraph.errors import InputError

MAX_FILE_BYTES = 50 * 1024 * 1024
# About 1,500 news articles' worth: anything longer is not one article.
MAX_DOCUMENT_CHARS = 10_000_000
# A paragraph of prose is a few thousand characters; a line a thousand times longer is a minified
# script, a base64 blob or a dump, not text (a whole article on one line is still far below).
MAX_LINE_CHARS = 1_000_000
# The longest news articles have a few hundred sentences.
MAX_SENTENCES = 5_000
# Rule extraction of the largest allowed document takes well under a minute on one core.
MAX_SECONDS = 300.0

ENV_PREFIX = "CLAIMGRAPH_"
# spaCy's tokenizer strips leading and trailing punctuation one character at a time, searching the
# rest of the token each time: a run of thousands of quotes or brackets costs quadratic time. Runs
# longer than this get a space inserted (no prose has a hundred punctuation marks in a row).
MAX_SYMBOL_RUN = 100
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN}}}(?=[^\w\s])")


class LimitExceeded(InputError):
    """An input is over one of the limits; `reason` is the failure reason recorded for it."""

    reason = "limit_exceeded"


class DocumentTooLarge(LimitExceeded):
    """A document's text is longer than max_document_chars."""

    reason = "too_large"


class ExtractionTimeout(LimitExceeded):
    """Extracting one document took longer than max_seconds."""

    reason = "timeout"


@dataclass(frozen=True, kw_only=True)
class Limits:
    """The limits one run works under (see the module docstring for each)."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_document_chars: int = MAX_DOCUMENT_CHARS
    max_line_chars: int = MAX_LINE_CHARS
    max_sentences: int = MAX_SENTENCES
    max_seconds: float = MAX_SECONDS

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            minimum = 0 if item.name == "max_seconds" else 1
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
                raise InputError(f"limit {item.name} must be a number of at least {minimum}, not {value!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Return the defaults with every `CLAIMGRAPH_MAX_…` variable set in `environ` (default os.environ) applied.

        Raises InputError naming the variable when a value is not a positive number."""
        env = os.environ if environ is None else environ
        values: dict[str, int | float] = {}
        for item in fields(cls):
            name = env_var(item.name)
            raw = env.get(name)
            if raw is None or not raw.strip():
                continue
            try:
                values[item.name] = float(raw) if item.name == "max_seconds" else int(raw.strip().replace("_", ""))
            except ValueError:
                raise InputError(f"{name}={raw!r} is not a number") from None
        try:
            return cls(**values)  # type: ignore[arg-type]
        except InputError as exc:
            raise InputError(f"bad limit in the environment: {exc}") from None


def env_var(limit: str) -> str:
    """Return the environment variable that overrides the limit named `limit` (e.g. CLAIMGRAPH_MAX_SENTENCES)."""
    return ENV_PREFIX + limit.upper()


def current() -> Limits:
    """Return the limits in force now: the defaults, overridden by the environment."""
    return Limits.from_env()


def longest_line(text: str) -> int:
    """Return the length in characters of the longest line of `text` (lines end at "\\n")."""
    longest = 0
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            return max(longest, len(text) - start)
        longest = max(longest, end - start)
        start = end + 1


def line_too_long(text: str, max_line_chars: int) -> str | None:
    """Return a message when a line of `text` is longer than `max_line_chars`, else None (cheap for short texts)."""
    if len(text) <= max_line_chars:
        return None
    longest = longest_line(text)
    if longest <= max_line_chars:
        return None
    return f"a line of {longest:,} characters, over the limit of {max_line_chars:,} ({env_var('max_line_chars')})"


def break_symbol_runs(text: str) -> str:
    """Return `text` with a space after every MAX_SYMBOL_RUN characters of a longer run of punctuation or symbols.

    Idempotent, and `text` itself (no copy) when it has no such run, which is every real article."""
    return _SYMBOL_RUN.sub(lambda match: match.group() + " ", text)


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, what: str = "extraction") -> Iterator[None]:
    """Raise ExtractionTimeout in the block when it runs longer than `seconds` (0: no limit).

    Uses a real-time interval timer, so it applies in the main thread of a process (the CLI and
    every extraction worker); elsewhere (a web server's thread pool) the block runs unlimited.
    A limit already running (an enclosing block) is restored afterwards."""
    if seconds <= 0 or not _can_use_alarm():
        yield
        return

    def _expired(signum: int, frame: FrameType | None) -> None:
        raise ExtractionTimeout(f"{what} took longer than {seconds:g} s ({env_var('max_seconds')})")

    previous_handler = signal.signal(signal.SIGALRM, _expired)
    previous_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            signal.setitimer(signal.ITIMER_REAL, previous_delay)
