"""Write protection and request limits: the bearer token and the request body size."""

from __future__ import annotations

import hmac
import os

from fastapi import HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials

TOKEN_ENV = "CLAIMGRAPH_TOKEN"
DEFAULT_MAX_BODY = 2 * 1024 * 1024


def configured_token(token: str | None) -> str | None:
    """Return the write token: the argument, else $CLAIMGRAPH_TOKEN, else None (writing off)."""
    chosen = token if token is not None else os.environ.get(TOKEN_ENV)
    return chosen or None


def check_token(expected: str | None, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Return None when `credentials` carry the expected bearer token; raise 401/403 otherwise."""
    if expected is None:
        raise HTTPException(403, "writing is off: the server has no CLAIMGRAPH_TOKEN configured")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            401,
            "a bearer token is required (Authorization: Bearer <CLAIMGRAPH_TOKEN>)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(credentials.credentials.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(403, "the bearer token is wrong")


async def read_body(request: Request, limit: int) -> bytes:
    """Return the request body; raise 413 when it is (or turns out to be) larger than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HTTPException(400, "the Content-Length header is not a number")
        if int(declared) > limit:
            raise HTTPException(413, f"the request body is larger than {limit} bytes")
    body = bytearray()
    # Counted while reading too: a chunked upload declares no length.
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"the request body is larger than {limit} bytes")
    return bytes(body)
