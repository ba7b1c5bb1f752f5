"""`clean_text`: normalise a raw article text without changing what it says."""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

import yaml

from claimgraph.errors import LexiconError

MARKER_FILE = "ad_markers.yml"

# Line and paragraph separators and page/tab breaks end a line; they are not content.
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n", "\x0b": "\n", "\x0c": "\n"})
# A thin or narrow no-break space between digits is a thousands separator ("34 012"); it stays
# a (plain) space there so the number parser still sees one group-separated number.
_DIGIT_GROUP_SPACE = re.compile(r"(?<=\d)[\u202f\u2009](?=\d)")
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_NON_WORD = re.compile(r"[\W_]+")


def _marker_key(line: str) -> str:
    """Return the comparable form of a line: lower case, punctuation and brackets gone."""
    return _NON_WORD.sub(" ", line.casefold()).strip()


def _language_dirs() -> list[str]:
    """Return the language folders under claimgraph/lang that ship an ad-marker file, sorted."""
    root = resources.files("claimgraph.lang")
    return sorted(
        entry.name for entry in root.iterdir() if entry.is_dir() and entry.joinpath(MARKER_FILE).is_file()
    )


@functools.cache
def ad_markers() -> frozenset[str]:
    """Return the union of every language's ad and scraper markers, in comparable form (cached)."""
    keys: set[str] = set()
    for lang in _language_dirs():
        where = f"lang/{lang}/{MARKER_FILE}"
        try:
            text = resources.files("claimgraph.lang").joinpath(lang, MARKER_FILE).read_text(encoding="utf-8")
            data = yaml.safe_load(text)
        except (OSError, yaml.YAMLError) as exc:
            raise LexiconError(f"{where}: {exc}") from exc
        markers = data.get("markers") if isinstance(data, dict) else None
        if not isinstance(markers, list) or not all(isinstance(m, str) for m in markers):
            raise LexiconError(f"{where}: expected `markers:` with a list of strings")
        keys.update(key for key in map(_marker_key, markers) if key)
    return frozenset(keys)


@functools.cache
def _char_classes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes for control/format characters (except newline) and for Unicode space separators.

    Built once from the Unicode database, so cleaning is one C-level pass instead of a Python
    call per character."""
    control: list[int] = []
    spaces: list[int] = []
    for code in range(0x110000):
        category = unicodedata.category(chr(code))
        if category in ("Cc", "Cf") and code != 0x0A:
            control.append(code)
        elif category == "Zs" and code != 0x20:
            spaces.append(code)
    return re.compile(_char_class(control)), re.compile(_char_class(spaces))


def _char_class(codes: list[int]) -> str:
    """A regex character class of `codes` written as ranges (a few dozen, not thousands, of items)."""
    parts: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code == prev + 1:
            prev = code
            continue
        parts.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = code
    return "[" + "".join(parts) + "]"


def is_marker_line(line: str) -> bool:
    """Return True when the whole line is only an ad label or scraper fragment."""
    key = _marker_key(line)
    return bool(key) and key in ad_markers()


# Texts cleaned last, each mapped to its clean form, and each clean form to itself: a document is
# cleaned by its reader, again for its id (ingest reads 256 documents ahead), and again by
# extract() when that runs in the same process; cleaning is idempotent, so the later calls are a
# dictionary lookup. Bounded in entries and in characters, emptied when full.
_RECENT: dict[str, str] = {}
_RECENT_MAX = 1024
_RECENT_MAX_CHARS = 32_000_000
_recent_chars = 0


def clean_text(text: str) -> str:
    """Return `text` normalised (NFC, plain spaces and newlines, no ad lines, single blank lines), stripped."""
    global _recent_chars
    known = _RECENT.get(text)
    if known is not None:
        return known
    cleaned = _clean(text)
    size = len(text) + len(cleaned)
    if len(_RECENT) >= _RECENT_MAX - 1 or _recent_chars + size > _RECENT_MAX_CHARS:  # two entries go in
        _RECENT.clear()
        _recent_chars = 0
    if size <= _RECENT_MAX_CHARS:
        _RECENT[text] = cleaned
        _RECENT[cleaned] = cleaned
        _recent_chars += size
    return cleaned


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS).replace("\t", " ")
    # Drop invisible characters before composing, so removing one cannot leave a base letter and
    # its combining mark newly adjacent after NFC (which would break idempotence).
    control, spaces = _char_classes()
    text = control.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _DIGIT_GROUP_SPACE.sub(" ", text)
    text = spaces.sub(" ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = "\n".join(line for line in lines if not is_marker_line(line))
    return _BLANK_LINES.sub("\n\n", text).strip()
