"""`run_ingest`: read inputs, extract in worker processes, store in batches from one writer.

The loop behind `claimgraph ingest`, as a library function: the CLI parses options, shows
progress and prints the report. Failures (unreadable inputs, extraction errors) are recorded
in the store and counted; the batch goes on. Documents already stored, or repeated within the
run, are skipped before any extraction work is spent on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from claimgraph.extract import ExtractOptions
from claimgraph.ingest import IngestFailure, clean_text
from claimgraph.limits import current as current_limits
from claimgraph.model import Document, Extraction, document_id
from claimgraph.store import Store
from claimgraph.workers import ExtractionPool, WorkerFailure

WRITE_BATCH = 200
LOOKUP_BATCH = 256


@dataclass
class IngestReport:
    """What one ingest run did: new documents, known (skipped) ones, failures by reason."""

    new: int = 0
    known: int = 0
    failed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    # Stored documents of which only the first sentences were extracted (over the sentence limit).
    truncated: int = 0

    def fail(self, reason: str) -> None:
        """Count one failure with its reason."""
        self.failed += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


class _Run:
    """The state of one run: the store, the report, and ids seen in this run."""

    def __init__(self, store: Store, report: IngestReport, advance: Callable[[int], None]) -> None:
        self.store = store
        self.report = report
        self.advance = advance
        self.seen: set[str] = set()

    def new_documents(self, items: Iterable[Document | IngestFailure]) -> Iterator[Document]:
        """Yield the documents not stored yet (each with its id), recording read failures on the way."""
        it = iter(items)
        while window := list(islice(it, LOOKUP_BATCH)):
            documents: list[Document] = []
            for item in window:
                if isinstance(item, IngestFailure):
                    self.store.record_error(item.origin, item.reason, item.detail)
                    self.report.fail(item.reason)
                    self.advance(1)
                elif item.id:
                    documents.append(item)
                else:
                    # The id the extraction will get, so a known document costs no extraction.
                    documents.append(_with_id(item))
            stored = self.store.known_ids(str(d.id) for d in documents)
            for document in documents:
                doc_id = str(document.id)
                if doc_id in stored or doc_id in self.seen:
                    self.report.known += 1
                    self.advance(1)
                    continue
                self.seen.add(doc_id)
                yield document

    def write(self, batch: list[Extraction]) -> None:
        added, dup = self.store.add_many(batch)
        self.report.new += added
        self.report.known += dup
        for extraction in batch:
            if extraction.truncated:
                # Not a failure (the document is stored); the note says its claims are incomplete.
                document = extraction.document
                self.store.record_error(
                    document.origin or str(document.id),
                    "truncated",
                    f"document {document.id}: only the first {current_limits().max_sentences:,} sentences were extracted",
                )
                self.report.truncated += 1


def _with_id(document: Document) -> Document:
    """Return the document with the id its extraction will have (from its URL, else its cleaned text)."""
    return replace(document, id=document_id(clean_text(document.text), document.url))


def run_ingest(
    store: Store,
    items: Iterable[Document | IngestFailure],
    *,
    workers: int = 1,
    options: ExtractOptions | None = None,
    batch_size: int = WRITE_BATCH,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Extract every new document of `items` in `workers` processes and store it; return the report.

    `on_progress(n)` is called as n more input items are done (stored, skipped or failed).
    Extractions are written in batches of `batch_size` by this process, the only writer; a
    StoreError (or WorkerCrashed) stops the run, and what was stored before stays."""
    report = IngestReport()
    run = _Run(store, report, on_progress or (lambda n: None))
    pool = ExtractionPool(workers, options)
    batch: list[Extraction] = []
    for document, result in pool.map(run.new_documents(items)):
        if isinstance(result, WorkerFailure):
            store.record_error(document.origin or str(document.id), result.reason, result.detail)
            report.fail(result.reason)
            run.advance(1)
            continue
        batch.append(result)
        run.advance(1)
        if len(batch) >= batch_size:
            run.write(batch)
            batch = []
    if batch:
        run.write(batch)
    return report
