"""`read_inputs`: every document (or failure) in files, directories, globs and standard input."""

from __future__ import annotations

import dataclasses
import glob
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from claimgraph.ingest.csv_reader import CsvOptions, parse_csv_text
from claimgraph.ingest.decode import decode_bytes
from claimgraph.ingest.failures import IngestError, IngestFailure
from claimgraph.ingest.jsonl import parse_json_text
from claimgraph.ingest.text import parse_text_file
from claimgraph.model.document import Document

Item = Document | IngestFailure

# A news article is kilobytes; a file this big is a mistake (a dump, a video) not an input.
MAX_FILE_BYTES = 50 * 1024 * 1024
STDIN = "-"
FORMATS = ("text", "jsonl", "csv")
EXTENSION_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
_GLOB_CHARS = re.compile(r"[*?\[]")


def format_for(path: str) -> str:
    """Return the input format a file's extension implies; unknown extensions are read as text."""
    return EXTENSION_FORMATS.get(os.path.splitext(path)[1].lower(), "text")


def _hidden(name: str) -> bool:
    """Return True for dot-files and dot-directories, which directory reading skips."""
    return name.startswith(".")


def _walk(directory: str) -> Iterator[str | IngestFailure]:
    """Yield the non-hidden files under `directory` in sorted path order, and failures for unreadable folders."""
    errors: list[OSError] = []
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        rel = os.path.relpath(root, directory)
        parts = () if rel == os.curdir else tuple(rel.split(os.sep))
        found.extend((parts + (name,), os.path.join(root, name)) for name in files if not _hidden(name))
    for error in errors:
        yield IngestFailure(str(error.filename or directory), "unreadable", error.strerror or str(error))
    # Sorting by path components keeps a folder's files together, whatever characters names use.
    for _, path in sorted(found):
        yield path


def expand_path(path: str) -> Iterator[str | IngestFailure]:
    """Yield the files a path argument names (file, directory, glob), or a "not_found" failure."""
    if os.path.isdir(path):
        yield from _walk(path)
    elif os.path.lexists(path):
        yield path
    elif _GLOB_CHARS.search(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield IngestFailure(path, "not_found", "no file matches this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            else:
                yield match
    else:
        yield IngestFailure(path, "not_found", "no such file or directory")


def _parse(text: str, origin: str, fmt: str, csv_options: CsvOptions | None) -> Iterator[Item]:
    """Yield the documents and failures in decoded `text` read as format `fmt`."""
    if fmt == "jsonl":
        yield from parse_json_text(text, origin)
    elif fmt == "csv":
        yield from parse_csv_text(text, origin, csv_options)
    else:
        try:
            yield parse_text_file(text, origin)
        except IngestError as exc:
            yield exc.to_failure(origin)


def _read_bytes(path: str, max_file_bytes: int) -> bytes:
    """Return the bytes of `path`; raise IngestError for missing, special, unreadable or too large files."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise IngestError("not_found", "no such file (or a broken link)") from exc
    except OSError as exc:
        raise IngestError("unreadable", exc.strerror or str(exc)) from exc
    if not os.path.isfile(path):
        raise IngestError("unreadable", "not a regular file")
    if info.st_size > max_file_bytes:
        raise IngestError("too_large", f"{info.st_size} bytes, over the limit of {max_file_bytes}")
    try:
        with open(path, "rb") as handle:
            # One byte past the limit tells a file that grew since stat() without reading it all.
            data = handle.read(max_file_bytes + 1)
    except OSError as exc:
        raise IngestError("unreadable", exc.strerror or str(exc)) from exc
    if len(data) > max_file_bytes:
        raise IngestError("too_large", f"over the limit of {max_file_bytes} bytes")
    return data


def read_file(
    path: str,
    *,
    fmt: str | None = None,
    csv_options: CsvOptions | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Item]:
    """Yield the documents and failures in one file, its format from `fmt` or its extension."""
    try:
        text = decode_bytes(_read_bytes(path, max_file_bytes), path)
    except IngestError as exc:
        yield exc.to_failure(path)
        return
    chosen = fmt or format_for(path)
    if chosen == "csv" and path.lower().endswith(".tsv"):
        options = csv_options or CsvOptions()
        if options.delimiter is None:
            csv_options = dataclasses.replace(options, delimiter="\t")
    yield from _parse(text, path, chosen, csv_options)


def read_stdin(
    stream: TextIO,
    *,
    fmt: str | None = None,
    csv_options: CsvOptions | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Item]:
    """Yield the documents and failures on `stream`: JSON Lines when it starts with "{", else text (unless `fmt`)."""
    try:
        text = stream.read(max_file_bytes + 1)
    except UnicodeDecodeError as exc:
        yield IngestFailure(STDIN, "encoding", f"standard input is not in its encoding: {exc.reason}")
        return
    except OSError as exc:
        yield IngestFailure(STDIN, "unreadable", exc.strerror or str(exc))
        return
    if len(text) > max_file_bytes:
        yield IngestFailure(STDIN, "too_large", f"over the limit of {max_file_bytes} characters")
        return
    if not text.strip():
        yield IngestFailure(STDIN, "empty", "standard input has no content")
        return
    chosen = fmt or ("jsonl" if text.lstrip().startswith("{") else "text")
    yield from _parse(text, STDIN, chosen, csv_options)


def read_inputs(
    paths: Iterable[str],
    *,
    fmt: str | None = None,
    csv_options: CsvOptions | None = None,
    stdin: TextIO | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Item]:
    """Yield every document and every failure in `paths` ("-" is standard input), never raising for bad input."""
    for path in paths:
        if fmt is not None and fmt not in FORMATS:
            yield IngestFailure(path, "unknown_format", f"format {fmt!r} is not one of {', '.join(FORMATS)}")
            continue
        if path == STDIN:
            stream = stdin or sys.stdin
            yield from read_stdin(stream, fmt=fmt, csv_options=csv_options, max_file_bytes=max_file_bytes)
            continue
        for found in expand_path(path):
            if isinstance(found, IngestFailure):
                yield found
            else:
                yield from read_file(found, fmt=fmt, csv_options=csv_options, max_file_bytes=max_file_bytes)
