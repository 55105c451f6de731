"""The dashboard's guard: read-only methods, size limits and security headers on every response, safe JSON.

A guard in front of every route refuses any method but GET and HEAD and any oversized request; every
response carries a Content-Security-Policy that allows only this server (and the tile server, when one is
set); JSON escapes `<`, `>` and `&` so document text can never be read as markup.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_URL_BYTES",
    "READ_METHODS",
    "RequestGuard",
    "SafeJSONResponse",
    "content_security_policy",
]

MAX_BODY_BYTES = 64 * 1024  # nothing is ever uploaded; a body at all is already odd
MAX_URL_BYTES = 8 * 1024  # the longest filter query is a few hundred bytes
READ_METHODS = frozenset({"GET", "HEAD"})


class SafeJSONResponse(JSONResponse):
    """JSON with `<`, `>` and `&` written as \\u escapes: document text stays data even if sniffed as HTML."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode()


class RequestGuard:
    """Refuse writes and oversized requests before routing; add the security headers to every response."""

    def __init__(self, app: ASGIApp, *, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        is_head = scope["method"] == "HEAD"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            elif is_head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        refusal = self._refusal(scope)
        if refusal is None:
            # FastAPI routes answer GET only; HEAD is the same request without the body.
            routed = {**scope, "method": "GET"} if is_head else scope
            await self.app(routed, receive, send_with_headers)
            return
        status, detail, extra = refusal
        response = SafeJSONResponse({"detail": detail}, status_code=status, headers=extra)
        await response(scope, receive, send_with_headers)

    @staticmethod
    def _refusal(scope: Scope) -> tuple[int, str, dict[str, str]] | None:
        if scope["method"] not in READ_METHODS:
            return 405, "this server is read-only: use GET", {"Allow": "GET, HEAD"}
        if len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") > MAX_URL_BYTES:
            return 414, f"request URL over {MAX_URL_BYTES} bytes", {}
        headers = dict(scope["headers"])
        if b"transfer-encoding" in headers:
            return 411, "a request body must declare its length", {}
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            return 413, f"request body over {MAX_BODY_BYTES} bytes", {}
        return None


def content_security_policy(tile_url: str | None) -> str:
    """Return the policy that allows only this server, and the tile server `tile_url` when given."""
    tiles = ""
    if tile_url:
        # A Leaflet template's {s} subdomain becomes a CSP wildcard: "https://*.tile.example.org".
        parts = urlsplit(tile_url)
        tiles = f" {parts.scheme}://{parts.netloc.replace('{s}', '*')}"
    return (
        f"default-src 'self'; img-src 'self' data:{tiles}; script-src 'self'; style-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
