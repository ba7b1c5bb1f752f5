"""`Fetcher`: polite HTTP fetching of news pages, with robots.txt, a size cap, a disk cache and per-host limits.

A URL is fetched once: successful responses are kept in a cache folder (`$CLAIMGRAPH_CACHE/http`,
else `~/.cache/claimgraph/http`) and served from there afterwards. Redirects are followed by
hand, so robots.txt is checked for every hop.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from claimgraph import __version__
from claimgraph.ingest.failures import IngestError

# Who we are, and where a site operator can read why we came (robots.txt matches "claimgraph").
ROBOTS_AGENT = "claimgraph"
USER_AGENT = f"{ROBOTS_AGENT}/{__version__} (news claim research; +https://github.com/claimgraph/claimgraph)"
TIMEOUT_SECONDS = 20.0
# A news page is well under this; anything bigger is a download, not an article.
MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_ROBOTS_BYTES = 512 * 1024
MAX_REDIRECTS = 5
# Parallel requests to one host, and in all.
PER_HOST = 2
WORKERS = 8
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def default_cache_dir() -> Path:
    """Return the HTTP cache folder: `$CLAIMGRAPH_CACHE/http`, else `$XDG_CACHE_HOME` or `~/.cache`, `/claimgraph/http`."""
    root = os.environ.get("CLAIMGRAPH_CACHE")
    if root:
        return Path(root) / "http"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimgraph" / "http"


@dataclass(frozen=True, kw_only=True)
class FetchOptions:
    """How URLs are fetched; the defaults are polite for news sites."""

    user_agent: str = USER_AGENT
    timeout: float = TIMEOUT_SECONDS
    max_bytes: int = MAX_PAGE_BYTES
    max_redirects: int = MAX_REDIRECTS
    per_host: int = PER_HOST
    workers: int = WORKERS
    cache_dir: Path | None = None
    use_cache: bool = True
    respect_robots: bool = True


@dataclass(frozen=True)
class Fetched:
    """A successful response: where it was asked for, where it ended up, its type and body."""

    url: str
    final_url: str
    content_type: str | None
    body: bytes
    from_cache: bool = False


@dataclass
class _Host:
    """Per-host state: a semaphore capping parallel requests, and the host's robots.txt rules."""

    slots: threading.BoundedSemaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots: RobotFileParser | None = None


class Fetcher:
    """Fetches URLs under `FetchOptions`; use as a context manager so its connections close."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.cache_dir = self.options.cache_dir or default_cache_dir()
        self._client = httpx.Client(
            headers={"User-Agent": self.options.user_agent},
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=False,
            trust_env=False,
        )
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        """Return the response for `url` (from the cache when fetched before); raise IngestError when there is none."""
        _check_http(url)
        cached = self._cached(url)
        if cached is not None:
            return cached
        current = url
        for _ in range(self.options.max_redirects + 1):
            if self.options.respect_robots and not self._allowed(current):
                raise IngestError("robots_disallowed", f"robots.txt of {_origin(current)} forbids {current}")
            status, headers, body = self._get(current, self.options.max_bytes)
            if status in _REDIRECTS and "location" in headers:
                current = urljoin(current, headers["location"])
                _check_http(current)
                continue
            if status in (404, 410):
                raise IngestError("not_found", f"HTTP {status} for {current}")
            if not 200 <= status < 300:
                raise IngestError("fetch_failed", f"HTTP {status} for {current}")
            fetched = Fetched(url, current, headers.get("content-type"), body)
            self._store(fetched)
            return fetched
        raise IngestError("fetch_failed", f"more than {self.options.max_redirects} redirects from {url}")

    def fetch_all(self, urls: Iterable[str]) -> Iterator[tuple[str, Fetched | IngestError]]:
        """Yield (url, response or error) for every URL, in input order, fetching several at once."""
        window = max(1, self.options.workers) * 2
        pending: deque[tuple[str, Future[Fetched]]] = deque()
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers), thread_name_prefix="fetch") as pool:
            for url in urls:
                pending.append((url, pool.submit(self.fetch, url)))
                if len(pending) >= window:
                    yield _result(*pending.popleft())
            while pending:
                yield _result(*pending.popleft())

    def _host(self, url: str) -> _Host:
        key = _origin(url)
        with self._lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(threading.BoundedSemaphore(max(1, self.options.per_host)))
            return self._hosts[key]

    def _get(self, url: str, max_bytes: int) -> tuple[int, dict[str, str], bytes]:
        """Return (status, lower-cased headers, body) of one GET, within the host's parallel limit and the size cap."""
        host = self._host(url)
        deadline = time.monotonic() + self.options.timeout
        with host.slots:
            try:
                with self._client.stream("GET", url) as response:
                    headers = {k.lower(): v for k, v in response.headers.items()}
                    length = headers.get("content-length", "")
                    if length.isdigit() and int(length) > max_bytes:
                        raise IngestError("too_large", f"{url}: {length} bytes, over the limit of {max_bytes}")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise IngestError("too_large", f"{url}: over the limit of {max_bytes} bytes")
                        if time.monotonic() > deadline:
                            raise IngestError("fetch_failed", f"{url}: timed out after {self.options.timeout:g}s")
                        chunks.append(chunk)
                    return response.status_code, headers, b"".join(chunks)
            except httpx.TimeoutException as exc:
                raise IngestError("fetch_failed", f"{url}: timed out after {self.options.timeout:g}s") from exc
            except httpx.HTTPError as exc:
                raise IngestError("fetch_failed", f"{url}: {type(exc).__name__}: {exc}") from exc

    def _allowed(self, url: str) -> bool:
        """Return True when the host's robots.txt lets us fetch `url` (read once per host and run)."""
        host = self._host(url)
        with host.lock:
            if host.robots is None:
                host.robots = self._read_robots(_origin(url) + "/robots.txt")
        return host.robots.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, robots_url: str) -> RobotFileParser:
        """Return the rules at `robots_url`: none missing (4xx) means all allowed, unreachable (5xx) all forbidden (RFC 9309)."""
        rules = RobotFileParser(robots_url)
        current = robots_url
        try:
            for _ in range(self.options.max_redirects + 1):
                status, headers, body = self._get(current, MAX_ROBOTS_BYTES)
                if status in _REDIRECTS and "location" in headers:
                    current = urljoin(current, headers["location"])
                    continue
                break
        except IngestError:
            status, body = 503, b""
        if 200 <= status < 300:
            rules.parse(body.decode("utf-8", errors="replace").splitlines())
        elif 400 <= status < 500:
            rules.parse([])
        else:
            rules.parse(["User-agent: *", "Disallow: /"])
        return rules

    def _cache_paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        folder = self.cache_dir / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def _cached(self, url: str) -> Fetched | None:
        """Return the cached response for `url`, or None when it was never fetched (or the entry is damaged)."""
        if not self.options.use_cache:
            return None
        meta_path, body_path = self._cache_paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url or meta.get("size") != len(body):
            return None
        return Fetched(url, str(meta.get("final_url") or url), meta.get("content_type"), body, from_cache=True)

    def _store(self, fetched: Fetched) -> None:
        """Write `fetched` to the cache; a cache that cannot be written only costs a refetch later."""
        if not self.options.use_cache:
            return
        meta_path, body_path = self._cache_paths(fetched.url)
        meta = {
            "url": fetched.url,
            "final_url": fetched.final_url,
            "content_type": fetched.content_type,
            "size": len(fetched.body),
            "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(body_path, fetched.body)
            # The metadata goes last: an entry without it is simply not in the cache.
            _write_atomic(meta_path, json.dumps(meta).encode("utf-8"))
        except OSError:
            pass


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _result(url: str, future: Future[Fetched]) -> tuple[str, Fetched | IngestError]:
    try:
        return url, future.result()
    except IngestError as exc:
        return url, exc
    except Exception as exc:
        return url, IngestError("fetch_failed", f"{url}: {type(exc).__name__}: {exc}")


def _origin(url: str) -> str:
    """Return `scheme://host[:port]` of `url`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_url(value: str) -> bool:
    """Return True when `value` is an absolute http(s) URL."""
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in value.strip())


def _check_http(url: str) -> None:
    if not is_url(url):
        raise IngestError("fetch_failed", f"not an http(s) URL: {url!r}")
