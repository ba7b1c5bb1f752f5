"""A small news site served from a thread on 127.0.0.1 (ephemeral port) for the URL-ingestion tests."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self


@dataclass(frozen=True)
class Route:
    """What the site answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


@dataclass
class NewsSite:
    """Serves `routes` (path -> Route; anything else is a 404) and records what was asked for."""

    routes: dict[str, Route]
    hits: Counter[str] = field(default_factory=Counter)
    user_agents: set[str] = field(default_factory=set)
    max_parallel: int = 0
    _active: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._enter(self.path, self.headers.get("User-Agent", ""))
                route = site.routes.get(self.path, Route(b"<html><body>Not found</body></html>", 404))
                time.sleep(route.delay)
                # Leave before answering: the client cannot have its answer (and start its next
                # request) while this one still counts as active, so max_parallel never over-counts.
                site._leave()
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    for name, value in route.headers:
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(route.body)
                except OSError:
                    pass  # the client gave up (a timeout test): nothing to answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        """Return the site's root URL, without a trailing slash."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def _enter(self, path: str, user_agent: str) -> None:
        with self._lock:
            self.hits[path] += 1
            self.user_agents.add(user_agent)
            self._active += 1
            self.max_parallel = max(self.max_parallel, self._active)

    def _leave(self) -> None:
        with self._lock:
            self._active -= 1

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
