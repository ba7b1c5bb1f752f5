"""decode_bytes: empty, binary, Latin-1, UTF-8 with BOM, UTF-16."""

from __future__ import annotations

import codecs

import pytest

from claimgraph.ingest.decode import decode_bytes
from claimgraph.ingest.failures import IngestError

UMLAUTS = "Zürich, Größe, Straße"


def _reason(data: bytes) -> str:
    with pytest.raises(IngestError) as info:
        decode_bytes(data, "x")
    return info.value.reason


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n ", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty(data: bytes) -> None:
    assert _reason(data) == "empty"


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"text then a NUL \x00 byte", bytes(range(1, 9)) * 50 + b"abc"]
)
def test_binary(data: bytes) -> None:
    assert _reason(data) == "binary"


def test_a_few_control_bytes_are_still_text() -> None:
    assert decode_bytes(b"a\x07" + b"b" * 100, "x").startswith("a\x07b")


def test_latin1() -> None:
    assert decode_bytes(UMLAUTS.encode("latin-1"), "x") == UMLAUTS


def test_cp1252_quotes() -> None:
    assert decode_bytes("„Zitat“ – Ende €".encode("cp1252"), "x") == "„Zitat“ – Ende €"


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes(UMLAUTS.encode("utf-8"), "x") == UMLAUTS
    assert decode_bytes(codecs.BOM_UTF8 + UMLAUTS.encode("utf-8"), "x") == UMLAUTS


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    data = codecs.BOM_UTF16_BE + UMLAUTS.encode("utf-16-be") if encoding == "utf-16-be-bom" else UMLAUTS.encode(encoding)
    assert decode_bytes(data, "x") == UMLAUTS
