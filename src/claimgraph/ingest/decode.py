"""`decode_bytes`: turn a file's bytes into text, or say why they are not text."""

from __future__ import annotations

import codecs

from claimgraph.ingest.failures import IngestError

# How much of the start of a file decides whether it is binary.
PROBE_BYTES = 8192
# More control bytes than this share of the probe means the file is not text.
MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f")
_CONTROL_BYTES = frozenset(range(0x20)) - _TEXT_CONTROLS | {0x7F}
# UTF-32 BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried in order on text without a UTF-16/32 BOM; latin-1 never fails, so it is the last resort.
_FALLBACKS = ("utf-8-sig", "cp1252", "latin-1")


def _bom_encoding(data: bytes) -> str | None:
    """Return the codec named by a UTF-16/UTF-32 byte-order mark at the start of `data`, else None."""
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


def decode_bytes(data: bytes, origin: str) -> str:
    """Return `data` decoded as text; raise IngestError ("empty", "binary", "encoding") when it is not text."""
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
        text = _decode_fallback(data)
    if not text.strip():
        raise IngestError("empty", f"{origin} has only whitespace")
    return text


def _decode_fallback(data: bytes) -> str:
    """Return `data` decoded with the first encoding of UTF-8, cp1252, latin-1 that accepts it."""
    for encoding in _FALLBACKS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover
