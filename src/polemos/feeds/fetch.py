"""Fetch feeds and article pages politely: the network edge of `polemos watch`, before parsing and coding.

A `Fetcher` sends a user agent that names polemos and a contact, times out connects and reads, retries
5xx answers and timeouts with exponential backoff, makes conditional GETs from a remembered ETag or
Last-Modified, waits a minimum interval between two requests to one host (longer when robots.txt asks
for a Crawl-delay), honours robots.txt (RFC 9309, cached per host) at every redirect hop, and stops
reading a body past a size limit. Every outcome is a `FetchResult` value, never an exception: the caller
decides what a 404 or a timeout means for its item. The HTTP transport is injectable
(`httpx.MockTransport` in tests).
"""

from __future__ import annotations

import email.utils
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import metadata
from urllib.parse import urljoin, urlsplit

import httpx

__all__ = ["FetchOutcome", "FetchPolicy", "FetchResult", "Fetcher", "Validators", "user_agent"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 5
# The robots.txt product token polemos obeys ("User-agent: polemos"), besides "*".
ROBOTS_TOKEN = "polemos"


def user_agent(contact: str | None) -> str:
    """Return the user agent "polemos/<version> (+<contact>)": site owners can reach whoever runs it."""
    try:
        version = metadata.version("polemos")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        version = "0"
    return f"polemos/{version} (+{contact})" if contact else f"polemos/{version}"


@dataclass(frozen=True)
class FetchPolicy:
    """How politely to fetch. The defaults suit news sites polled every few minutes."""

    user_agent: str = field(default_factory=lambda: user_agent(None))
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    retries: int = 3  # extra attempts after a 5xx answer or a timeout
    backoff_s: float = 2.0  # first wait; doubles each retry
    max_backoff_s: float = 60.0
    min_interval_s: float = 5.0  # between two requests to one host (scheme, host, port)
    max_bytes: int = 5 * 1024 * 1024  # a news page is tens of kilobytes; a feed rarely over 1 MB
    # RFC 9309 allows caching robots.txt for up to 24 hours; an unreachable one is retried sooner.
    robots_ttl_s: float = 3600.0
    robots_retry_s: float = 300.0
    trust_env: bool = True  # honour HTTP(S)_PROXY / NO_PROXY


@dataclass(frozen=True)
class Validators:
    """What a server said about a resource's version, for the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        """Return the If-None-Match / If-Modified-Since headers these validators make."""
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


class FetchOutcome(StrEnum):
    """What became of one fetch."""

    OK = "ok"  # 2xx with a body
    NOT_MODIFIED = "not-modified"  # 304 to a conditional GET
    DISALLOWED = "disallowed"  # robots.txt forbids it
    HTTP_ERROR = "http-error"  # a 4xx (or a 5xx still failing after the retries)
    TIMEOUT = "timeout"  # still timing out after the retries
    NETWORK_ERROR = "network-error"  # connection refused, DNS failure, protocol error
    TOO_LARGE = "too-large"  # body over FetchPolicy.max_bytes
    BAD_URL = "bad-url"  # not an http(s) URL, or a redirect loop


@dataclass(frozen=True)
class FetchResult:
    """One fetch's outcome: the body and validators on success, the reason otherwise."""

    url: str  # as requested
    outcome: FetchOutcome
    final_url: str = ""  # after redirects
    status: int | None = None  # the last HTTP status seen
    body: bytes = b""
    content_type: str | None = None
    validators: Validators = Validators()
    reason: str = ""
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome is FetchOutcome.OK

    @property
    def is_transient(self) -> bool:
        """Say whether trying again later may succeed (server errors, timeouts, network, 408/429)."""
        if self.outcome in (FetchOutcome.TIMEOUT, FetchOutcome.NETWORK_ERROR):
            return True
        return self.outcome is FetchOutcome.HTTP_ERROR and (
            self.status is None or self.status >= 500 or self.status in (408, 429)
        )


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser
    expires: float
    unreachable: FetchResult | None = None  # why robots.txt could not be read (all is disallowed meanwhile)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _is_http(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class Fetcher:
    """A polite HTTP client for feeds and pages; one per watcher, reused across polls (robots.txt cache)."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self._clock = clock
        self._client = httpx.Client(
            transport=transport,
            headers={"User-Agent": self.policy.user_agent},
            timeout=httpx.Timeout(self.policy.read_timeout_s, connect=self.policy.connect_timeout_s),
            follow_redirects=False,  # followed by hand, so each hop passes robots.txt and the rate limit
            trust_env=self.policy.trust_env,
        )
        self._robots: dict[str, _Robots] = {}
        self._next_turn: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- public -------------------------------------------------------------------------------------

    def fetch(self, url: str, validators: Validators | None = None) -> FetchResult:
        """GET `url` politely (conditionally, when validators are given), following up to 5 redirects."""
        current = url
        conditional = validators.headers() if validators else {}
        attempts = 0
        for _ in range(_MAX_REDIRECTS + 1):
            if not _is_http(current):
                return FetchResult(
                    url, FetchOutcome.BAD_URL, current, reason=f"not an http(s) URL: {current}"
                )
            robots = self._robots_for(_origin(current))
            if robots.unreachable is not None:
                # Not the page's fault, and maybe passing: a transient outcome, tried again later.
                r = robots.unreachable
                reason = f"robots.txt of {_origin(current)} unreachable ({r.reason}); not fetched"
                return FetchResult(url, r.outcome, current, r.status, reason=reason, attempts=attempts)
            if not robots.parser.can_fetch(ROBOTS_TOKEN, current):
                return FetchResult(
                    url,
                    FetchOutcome.DISALLOWED,
                    current,
                    reason=f"robots.txt of {_origin(current)} disallows it",
                )
            result, location = self._get_with_retries(url, current, conditional)
            attempts += result.attempts
            if location is None:
                return _with_attempts(result, attempts)
            current = urljoin(current, location)
            conditional = {}  # validators belong to the URL they were given for
        return FetchResult(url, FetchOutcome.BAD_URL, current, reason=f"more than {_MAX_REDIRECTS} redirects")

    def allowed(self, url: str) -> bool:
        """Say whether robots.txt of the URL's host lets polemos fetch it (fetching robots.txt if needed)."""
        return self._robots_for(_origin(url)).parser.can_fetch(ROBOTS_TOKEN, url)

    # --- robots.txt ----------------------------------------------------------------------------------

    def _robots_for(self, origin: str) -> _Robots:
        cached = self._robots.get(origin)
        if cached is not None and cached.expires > self._clock():
            return cached
        robots_url = origin + "/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        current = robots_url
        for _ in range(_MAX_REDIRECTS + 1):  # RFC 9309 2.3.1.2: follow at least five redirects
            result, location = self._get_with_retries(robots_url, current, {}, retries=1)
            if location is None or not _is_http(urljoin(current, location)):
                break
            current = urljoin(current, location)
        ttl = self.policy.robots_ttl_s
        unreachable = None
        if result.ok:
            parser.parse(result.body.decode("utf-8", errors="replace").splitlines())
        elif result.status is not None and 400 <= result.status < 500:
            parser.allow_all = True  # type: ignore[attr-defined]  # RFC 9309 2.3.1.3: an unavailable robots.txt allows everything
        else:
            # RFC 9309 2.3.1.4: an unreachable robots.txt (5xx, timeout, network) means "disallow all".
            parser.disallow_all = True  # type: ignore[attr-defined]
            ttl = self.policy.robots_retry_s
            unreachable = result
        parser.modified()
        entry = _Robots(parser, self._clock() + ttl, unreachable)
        self._robots[origin] = entry
        return entry

    def _interval(self, origin: str) -> float:
        cached = self._robots.get(origin)
        delay = cached.parser.crawl_delay(ROBOTS_TOKEN) if cached else None
        return max(self.policy.min_interval_s, float(delay or 0))

    # --- one GET --------------------------------------------------------------------------------------

    def _wait_turn(self, origin: str) -> None:
        with self._lock:
            now = self._clock()
            turn = max(now, self._next_turn.get(origin, now))
            self._next_turn[origin] = turn + self._interval(origin)
        if turn > now:
            self._sleep(turn - now)

    def _get_with_retries(
        self, url: str, current: str, headers: dict[str, str], retries: int | None = None
    ) -> tuple[FetchResult, str | None]:
        """GET one URL (no redirect following), retrying 5xx and timeouts; return the result and any
        redirect Location."""
        retries = self.policy.retries if retries is None else retries
        for attempt in range(retries + 1):
            result, location, retry_after = self._get_once(url, current, headers)
            result = _with_attempts(result, attempt + 1)
            retryable = result.outcome is FetchOutcome.TIMEOUT or (
                result.outcome is FetchOutcome.HTTP_ERROR
                and result.status is not None
                and result.status >= 500
            )
            if not retryable or attempt == retries:
                return result, location
            wait = min(self.policy.backoff_s * 2**attempt, self.policy.max_backoff_s)
            if retry_after is not None:
                wait = min(max(wait, retry_after), self.policy.max_backoff_s)
            self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(
        self, url: str, current: str, headers: dict[str, str]
    ) -> tuple[FetchResult, str | None, float | None]:
        self._wait_turn(_origin(current))
        try:
            with self._client.stream("GET", current, headers=headers) as response:
                status = response.status_code
                validators = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
                content_type = response.headers.get("content-type")
                if status in _REDIRECTS and response.headers.get("location"):
                    return (
                        FetchResult(url, FetchOutcome.OK, current, status),
                        response.headers["location"],
                        None,
                    )
                if status == 304:
                    result = FetchResult(
                        url, FetchOutcome.NOT_MODIFIED, current, status, validators=validators
                    )
                    return result, None, None
                if status >= 400 or status < 200:
                    reason = f"HTTP {status} {response.reason_phrase}".rstrip()
                    result = FetchResult(url, FetchOutcome.HTTP_ERROR, current, status, reason=reason)
                    return result, None, _retry_after(response.headers.get("retry-after"))
                body = self._read_capped(response)
                if body is None:
                    reason = f"body over the {self.policy.max_bytes:,}-byte limit"
                    return (
                        FetchResult(url, FetchOutcome.TOO_LARGE, current, status, reason=reason),
                        None,
                        None,
                    )
                result = FetchResult(url, FetchOutcome.OK, current, status, body, content_type, validators)
                return result, None, None
        except httpx.TimeoutException as e:
            reason = f"timed out ({type(e).__name__})"
            return FetchResult(url, FetchOutcome.TIMEOUT, current, reason=reason), None, None
        except httpx.TransportError as e:
            reason = f"{type(e).__name__}: {e}"
            return FetchResult(url, FetchOutcome.NETWORK_ERROR, current, reason=reason), None, None
        except (httpx.HTTPError, httpx.InvalidURL) as e:
            return (
                FetchResult(url, FetchOutcome.BAD_URL, current, reason=f"{type(e).__name__}: {e}"),
                None,
                None,
            )

    def _read_capped(self, response: httpx.Response) -> bytes | None:
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            return None
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
        return b"".join(chunks)


def _with_attempts(result: FetchResult, attempts: int) -> FetchResult:
    return replace(result, attempts=attempts)


def _retry_after(value: str | None) -> float | None:
    """Read a Retry-After header: seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
