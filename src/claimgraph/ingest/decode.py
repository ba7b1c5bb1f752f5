"""`decode_bytes`: turn a file's or page's bytes into text, or say why they are not text.

The order of evidence: a byte-order mark, then the declared charset (HTTP header, `<meta>`),
checked against the bytes because pages lie about it, then UTF-8, then detection with
charset-normalizer, and Windows-1252 (a superset of Latin-1 for text) as the last resort.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata

from charset_normalizer import from_bytes

from claimgraph.ingest.failures import IngestError

# How much of the start of a file decides whether it is binary.
PROBE_BYTES = 8192
# More control bytes than this share of the probe means the file is not text.
MAX_CONTROL_SHARE = 0.10
# How far into a page a `<meta charset>` may appear (the HTML standard says 1024; be lenient).
META_PROBE_BYTES = 4096
# Detection only overrides Windows-1252 when it finds at least this many letters of one
# non-Latin script: on a short text any single-byte guess is as good as another.
MIN_SCRIPT_LETTERS = 8
_TEXT_CONTROLS = frozenset(b"\t\n\r\f")
_CONTROL_BYTES = frozenset(range(0x20)) - _TEXT_CONTROLS | {0x7F}
# UTF-32 BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
WESTERN = "cp1252"
# Labels browsers read as Windows-1252 (the WHATWG encoding standard), whatever they say.
_WESTERN_LABELS = frozenset({"ascii", "us-ascii", "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "cp819"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _bom_encoding(data: bytes) -> str | None:
    """Return the codec named by a byte-order mark at the start of `data`, else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _check_not_binary(data: bytes) -> None:
    """Raise IngestError("binary") when the start of `data` has NUL bytes or too many control bytes."""
    probe = data[:PROBE_BYTES]
    if b"\x00" in probe:
        raise IngestError("binary", "NUL bytes near the start: not a text file")
    controls = sum(1 for byte in probe if byte in _CONTROL_BYTES)
    if controls > MAX_CONTROL_SHARE * len(probe):
        raise IngestError("binary", f"{controls} of the first {len(probe)} bytes are control bytes")


def charset_from_content_type(content_type: str | None) -> str | None:
    """Return the `charset=` of an HTTP Content-Type header value, or None."""
    if not content_type:
        return None
    match = _CONTENT_TYPE_CHARSET.search(content_type)
    return match.group(1) if match else None


def declared_markup_charset(data: bytes) -> str | None:
    """Return the charset a page or feed declares in its first bytes (`<meta charset>`, `<?xml encoding>`), or None."""
    head = data[:META_PROBE_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec(label: str | None) -> str | None:
    """Return the Python codec for a charset label (Latin-1 labels read as Windows-1252), None if unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _WESTERN_LABELS:
        return WESTERN
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _is_utf8(codec: str) -> bool:
    return codec in ("utf-8", "utf-8-sig")


@functools.cache
def _is_single_byte(codec: str) -> bool:
    """Return True for 8-bit codecs (one character per byte), whose decoding never fails and so proves nothing."""
    if _is_utf8(codec):
        return False
    return len(bytes(range(256)).decode(codec, errors="replace")) == 256


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_text(data: bytes, declared: str | None) -> str | None:
    """Return `data` decoded as its declared charset when the bytes bear the declaration out, else None."""
    codec = _codec(declared)
    if codec is None:
        return None
    if _is_single_byte(codec) and not data.isascii():
        # UTF-8 bytes that decode cleanly are UTF-8 whatever the page says: Latin-1 text with
        # accents almost never forms valid UTF-8 sequences, while mislabelled UTF-8 is common.
        utf8 = _try(data, "utf-8")
        if utf8 is not None:
            return utf8
    return _try(data, codec)


def _non_latin_script_letters(text: str) -> int:
    """Return how many letters of `text` belong to the most frequent non-Latin script."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha() and not char.isascii():
            script = unicodedata.name(char, "UNKNOWN").split(" ")[0]
            if script != "LATIN":
                counts[script] = counts.get(script, 0) + 1
    return max(counts.values(), default=0)


def _detect(data: bytes) -> str:
    """Return `data` decoded as UTF-8, else as detected (for non-Latin scripts), else as Windows-1252."""
    utf8 = _try(data, "utf-8")
    if utf8 is not None:
        return utf8
    best = from_bytes(data).best()
    if best is not None and best.encoding not in (WESTERN, "latin_1"):
        guessed = _try(data, best.encoding)
        if guessed is not None and _non_latin_script_letters(guessed) >= MIN_SCRIPT_LETTERS:
            return guessed
    return _try(data, WESTERN) or data.decode("latin-1")


def decode_bytes(data: bytes, origin: str, *, declared: str | None = None) -> str:
    """Return `data` decoded as text; raise IngestError ("empty", "binary", "encoding") when it is not text.

    `declared` is a charset the transport or the markup claims; it is used only when the bytes agree.
    """
    if not data.strip():
        raise IngestError("empty", f"{origin} has no content")
    encoding = _bom_encoding(data)
    if encoding is not None:
        # UTF-16/32 text is full of NUL bytes, so it skips the binary probe.
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise IngestError("encoding", f"{origin}: broken {encoding} after its BOM: {exc.reason}") from exc
    else:
        _check_not_binary(data)
        declared_text = _declared_text(data, declared)
        text = declared_text if declared_text is not None else _detect(data)
    if not text.strip():
        raise IngestError("empty", f"{origin} has only whitespace")
    return text
