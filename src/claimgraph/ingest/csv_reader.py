"""CSV/TSV input: one article a row, columns given by name or index, or sniffed."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from claimgraph.ingest.clean import clean_text
from claimgraph.ingest.failures import IngestError, IngestFailure
from claimgraph.ingest.fields import parse_published
from claimgraph.ingest.langid import detect_language
from claimgraph.limits import current as current_limits
from claimgraph.limits import line_too_long
from claimgraph.model.document import Document

Column = str | int | None

# How much of the file dialect and column sniffing look at.
SNIFF_CHARS = 64 * 1024
SNIFF_ROWS = 50
# Whole articles sit in one field; the csv module's default limit (128 KB) is too small for some.
FIELD_SIZE_LIMIT = 2**31 - 1
CANDIDATE_DELIMITERS = (",", ";", "\t", "|")
CANDIDATE_QUOTECHARS = ('"', "'")
# Header names (lower case) that say what a column holds.
COLUMN_NAMES = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "date": ("date", "published"),
    "url": ("url", "link"),
}


@dataclass(frozen=True, kw_only=True)
class CsvOptions:
    """How to read a CSV file; every option left None is sniffed from the file."""

    delimiter: str | None = None
    quotechar: str | None = None
    text_column: Column = None
    title_column: Column = None
    date_column: Column = None
    url_column: Column = None
    has_header: bool | None = None


def _rows(sample: str, delimiter: str, quotechar: str) -> list[list[str]]:
    """Return the non-empty rows of `sample` read with this dialect (an unreadable sample gives none)."""
    try:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, quotechar=quotechar)
        return [row for row in reader if row]
    except csv.Error:
        return []


def _quoted_fields(sample: str, delimiter: str, quotechar: str) -> int:
    """Return roughly how many fields in `sample` are wrapped in `quotechar` (opening and closing both counted)."""
    opening = sample.count(delimiter + quotechar) + sample.count("\n" + quotechar)
    closing = sample.count(quotechar + delimiter) + sample.count(quotechar + "\n")
    opening += sample.startswith(quotechar)
    closing += sample.endswith(quotechar)
    return min(opening, closing)


def _sniffer_guess(sample: str) -> tuple[str, str] | None:
    """Return csv.Sniffer's (delimiter, quotechar) among the candidates, or None when it cannot tell."""
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters="".join(CANDIDATE_DELIMITERS))
    except csv.Error:
        return None
    return str(dialect.delimiter), str(dialect.quotechar or '"')


def sniff_dialect(
    sample: str, *, delimiter: str | None = None, quotechar: str | None = None
) -> tuple[str, str]:
    """Return the (delimiter, quotechar) under which `sample` reads as the most consistent table."""
    if len(sample) >= SNIFF_CHARS and "\n" in sample:
        # The last line of a cut sample is usually cut too; it would look like a ragged row.
        sample = sample[: sample.rfind("\n") + 1]
    sniffed = _sniffer_guess(sample)
    # csv.Sniffer gives up on (or misreads) long prose fields with a rare quote char such as "'",
    # so every candidate dialect is scored by how regular a table it makes of the sample.
    best: tuple[tuple[bool, float, int, bool, int], tuple[str, str]] | None = None
    delimiters = (delimiter,) if delimiter else CANDIDATE_DELIMITERS
    quotechars = (quotechar,) if quotechar else CANDIDATE_QUOTECHARS
    for rank, (delim, quote) in enumerate((d, q) for d in delimiters for q in quotechars):
        widths = Counter(len(row) for row in _rows(sample, delim, quote))
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        share = round(count / sum(widths.values()), 2)
        # Fields wrapped in the quote char right at the delimiters are the strongest sign of both.
        score = (width > 1, share, _quoted_fields(sample, delim, quote), sniffed == (delim, quote), -rank)
        if best is None or score > best[0]:
            best = (score, (delim, quote))
    if best is None:
        return delimiters[0], quotechars[0]
    return best[1]


def _role(name: str) -> str | None:
    """Return which document field a header cell names ("text", "title", "date", "url"), else None."""
    key = name.strip().lstrip("\ufeff").lower()
    for role, names in COLUMN_NAMES.items():
        if key in names:
            return role
    return None


def _looks_like_header(row: Sequence[str]) -> bool:
    """Return True when the first row names a text column (text/body/content/article) or another known field."""
    return any(_role(cell) for cell in row)


def _longest_column(rows: Sequence[Sequence[str]]) -> int:
    """Return the index of the column with the longest average cell in `rows` (the article text)."""
    width = max((len(row) for row in rows), default=1)
    totals = [sum(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(width)]
    return max(range(width), key=lambda i: totals[i])


def _resolve(column: Column, header: Sequence[str] | None, field: str) -> int | None:
    """Return the index of an explicit column option; raise IngestError("invalid_field") if it names nothing."""
    if column is None or isinstance(column, int):
        return column
    if header is None:
        raise IngestError("invalid_field", f"{field} column {column!r} is a name but the file has no header")
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    if column.strip().lower() not in names:
        known = ", ".join(header)
        raise IngestError("invalid_field", f"no {field} column named {column!r} (columns: {known})")
    return names.index(column.strip().lower())


@dataclass(frozen=True)
class _Columns:
    """Which column holds which document field."""

    text: int
    title: int | None
    date: int | None
    url: int | None


def _columns(
    options: CsvOptions, header: Sequence[str] | None, sample_rows: Sequence[Sequence[str]]
) -> _Columns:
    """Return the column layout from explicit options, header names, then the longest-text rule."""
    named: dict[str, int] = {}
    for index, cell in enumerate(header or ()):
        role = _role(cell)
        if role and role not in named:
            named[role] = index
    explicit = {
        "text": _resolve(options.text_column, header, "text"),
        "title": _resolve(options.title_column, header, "title"),
        "date": _resolve(options.date_column, header, "date"),
        "url": _resolve(options.url_column, header, "url"),
    }
    chosen = {role: explicit[role] if explicit[role] is not None else named.get(role) for role in explicit}
    text = chosen["text"] if chosen["text"] is not None else _longest_column(sample_rows)
    return _Columns(text=text, title=chosen["title"], date=chosen["date"], url=chosen["url"])


def _cell(row: Sequence[str], index: int | None) -> str | None:
    """Return the stripped cell at `index`, None when the row is too short or the cell blank."""
    if index is None or index >= len(row) or index < -len(row):
        return None
    return row[index].strip() or None


def row_to_document(row: Sequence[str], columns: _Columns, origin: str) -> Document:
    """Return the document in one CSV row; raise IngestError when it has no text, a bad date or an over-long line."""
    raw_text = _cell(row, columns.text) or ""
    too_long = line_too_long(raw_text, current_limits().max_line_chars)
    if too_long:
        raise IngestError("line_too_long", f"the text has {too_long}")
    text = clean_text(raw_text)
    if not text:
        raise IngestError("missing_text", f"no text in column {columns.text}")
    title = _cell(row, columns.title)
    return Document(
        text,
        lang=detect_language(text),
        published=parse_published(_cell(row, columns.date)),
        url=_cell(row, columns.url),
        title=clean_text(title) if title else None,
        origin=origin,
    )


def _read_records(
    text: str, delimiter: str, quotechar: str
) -> tuple[list[tuple[int, list[str]]], str | None]:
    """Return the non-blank records of `text` numbered from 1, and the csv error that stopped reading, if any."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quotechar)
    records: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for row in reader:
            number += 1
            if any(cell.strip() for cell in row):
                records.append((number, row))
    except csv.Error as exc:
        # Keep the rows read so far: one broken record should not cost the whole file.
        return records, f"CSV error after record {number} (line {reader.line_num}): {exc}"
    return records, None


def _has_header(options: CsvOptions, first_row: Sequence[str]) -> bool:
    """Return whether the first record is a header: as the options say, else as its cells suggest."""
    if options.has_header is not None:
        return options.has_header
    columns = (options.text_column, options.title_column, options.date_column, options.url_column)
    return any(isinstance(column, str) for column in columns) or _looks_like_header(first_row)


def parse_csv_text(
    text: str, origin: str, options: CsvOptions | None = None
) -> Iterator[Document | IngestFailure]:
    """Yield a document or failure for every data row of CSV `text` (origin "path:row N", N counting all records)."""
    options = options or CsvOptions()
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    delimiter, quotechar = sniff_dialect(
        text[:SNIFF_CHARS], delimiter=options.delimiter, quotechar=options.quotechar
    )
    records, error = _read_records(text, delimiter, quotechar)
    if not records:
        yield IngestFailure(origin, "unreadable" if error else "empty", error or "the CSV file has no rows")
        return
    has_header = _has_header(options, records[0][1])
    header = records[0][1] if has_header else None
    data = records[1:] if has_header else records
    try:
        columns = _columns(options, header, [row for _, row in data[:SNIFF_ROWS]])
    except IngestError as exc:
        yield exc.to_failure(origin)
        return
    for number, row in data:
        where = f"{origin}:row {number}"
        try:
            yield row_to_document(row, columns, where)
        except IngestError as exc:
            yield exc.to_failure(where)
    if error:
        yield IngestFailure(origin, "unreadable", error)
