"""Extraction in worker processes: one spaCy pipeline per process, results back in input order.

`ExtractionPool(workers, options).map(documents)` yields `(document, result)` pairs in the
order the documents came, where `result` is an `Extraction` or a `WorkerFailure`. Each worker
builds its pipelines once, in the pool's initializer; documents travel in chunks, and at most
`max_in_flight` chunks are out at any time, so memory stays flat however long the input is.
With one worker everything runs in this process (no pickling, no pool).

The caller stays the single writer: workers never touch the store.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice

from claimgraph.errors import ClaimgraphError
from claimgraph.extract import ExtractOptions, extract
from claimgraph.limits import LimitExceeded
from claimgraph.model import Document, Extraction

DEFAULT_CHUNK = 8
# Texts that warm each language's pipeline in a new worker, so the first real document is not slower.
_WARMUP = (Document("Laut Berichten wurden 3 Soldaten verletzt.", lang="de"),
           Document("According to reports, 3 soldiers were wounded.", lang="en"))


@dataclass(frozen=True)
class WorkerFailure:
    """A document whose extraction raised: the exception's type and message."""

    reason: str
    detail: str


Result = Extraction | WorkerFailure


class WorkerCrashed(ClaimgraphError):
    """A worker process died (killed, out of memory); the documents in flight were not extracted."""


def default_workers() -> int:
    """Return the number of CPU cores this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# Starting a worker (a process, its imports, its pipelines) costs about as much as extracting
# this many documents: smaller inputs are done sooner in this process alone.
DOCUMENTS_PER_WORKER_START = 100


def workers_for(total: int | None, requested: int | None) -> int:
    """Return how many workers to use: `requested` if given, else the cores, fewer for small inputs.

    `total` is the number of input documents when known (None: unknown, so all cores)."""
    if requested is not None:
        return max(1, requested)
    cores = default_workers()
    if total is None:
        return cores
    return max(1, min(cores, total // DOCUMENTS_PER_WORKER_START))


_options: ExtractOptions = ExtractOptions()


def _init_worker(options: ExtractOptions) -> None:
    """Pool initializer: keep the options and build every language's pipeline once."""
    global _options
    _options = options
    for document in _WARMUP:
        extract(document, options)


def _extract_one(document: Document, options: ExtractOptions) -> Result:
    try:
        return extract(document, options)
    except LimitExceeded as exc:
        return WorkerFailure(exc.reason, str(exc))
    except Exception as exc:
        return WorkerFailure("extraction_failed", f"{type(exc).__name__}: {exc}")


def _extract_chunk(documents: list[Document]) -> list[Result]:
    """Worker task: the results of a chunk of documents, in order."""
    return [_extract_one(d, _options) for d in documents]


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean server process, not a fork of a parent that runs
    # threads (Rich's progress refresh, database drivers), which fork() would copy mid-state.
    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports spaCy and the pipeline code once; each worker forks with them loaded.
    context.set_forkserver_preload(["claimgraph.extract.engine"])
    return context


class ExtractionPool:
    """Runs `extract()` over documents in `workers` processes (in-process when workers == 1)."""

    def __init__(
        self,
        workers: int,
        options: ExtractOptions | None = None,
        *,
        chunk_size: int = DEFAULT_CHUNK,
        max_in_flight: int | None = None,
    ) -> None:
        if workers < 1:
            raise ClaimgraphError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.options = options or ExtractOptions()
        self.chunk_size = max(1, chunk_size)
        self.max_in_flight = max_in_flight or workers * 3

    def map(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Result]]:
        """Yield `(document, Extraction | WorkerFailure)` for every document, in input order.

        Raises WorkerCrashed if a worker process dies."""
        if self.workers == 1:
            for document in documents:
                yield document, _extract_one(document, self.options)
            return
        yield from self._map_pool(iter(documents))

    def _map_pool(self, documents: Iterator[Document]) -> Iterator[tuple[Document, Result]]:
        pending: deque[tuple[list[Document], Future[list[Result]]]] = deque()
        executor = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=_context(), initializer=_init_worker, initargs=(self.options,)
        )
        try:
            while True:
                while len(pending) < self.max_in_flight:
                    chunk = list(islice(documents, self.chunk_size))
                    if not chunk:
                        break
                    pending.append((chunk, executor.submit(_extract_chunk, chunk)))
                if not pending:
                    break
                chunk, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool as exc:
                    raise WorkerCrashed(
                        f"a worker process died while extracting (out of memory?); {len(chunk)} documents "
                        "in flight were not stored; everything stored before stays"
                    ) from exc
                yield from zip(chunk, results)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
