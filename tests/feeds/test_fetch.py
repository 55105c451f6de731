"""The polite fetcher: user agent, conditional GET, retries and backoff, robots.txt, rate and size limits."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from polemos.feeds.fetch import Fetcher, FetchOutcome, FetchPolicy, Validators, user_agent


def _policy(**overrides: object) -> FetchPolicy:
    base: dict[str, object] = {
        "user_agent": user_agent("mailto:ops@example.org"),
        "min_interval_s": 0.0,
        "backoff_s": 0.5,
        "retries": 2,
        "read_timeout_s": 1.0,
        "connect_timeout_s": 1.0,
        "trust_env": False,
    }
    return FetchPolicy(**(base | overrides))  # type: ignore[arg-type]


class FakeTime:
    """A clock that only moves when the fetcher sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


Handler = Callable[[httpx.Request], httpx.Response]


def _mock(routes: dict[str, list[httpx.Response] | httpx.Response], seen: list[str]) -> httpx.MockTransport:
    """A transport answering by URL path; a list answers in turn (its last answer repeats)."""

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.url.host}{request.url.path}")
        answer = routes.get(request.url.path, httpx.Response(404))
        if isinstance(answer, list):
            return answer.pop(0) if len(answer) > 1 else answer[0]
        return answer

    return httpx.MockTransport(handle)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def fetcher_for(fake_time: FakeTime) -> Iterator[Callable[..., Fetcher]]:
    made: list[Fetcher] = []

    def make(transport: httpx.BaseTransport | None = None, **policy: object) -> Fetcher:
        fetcher = Fetcher(
            _policy(**policy), transport=transport, sleep=fake_time.sleep, clock=fake_time.clock
        )
        made.append(fetcher)
        return fetcher

    yield make
    for f in made:
        f.close()


def test_fetch_user_agent_names_polemos_and_contact(news: Any) -> None:
    with Fetcher(_policy()) as fetcher:
        result = fetcher.fetch(news.url("/articles/undated.html"))
    assert result.ok and result.body.startswith(b"<!doctype html>")
    agents = {headers["User-Agent"] for _, _, headers in news.requests}
    (agent,) = agents
    assert agent.startswith("polemos/") and agent.endswith("(+mailto:ops@example.org)")


def test_fetch_conditional_get_answers_not_modified(news: Any) -> None:
    with Fetcher(_policy()) as fetcher:
        first = fetcher.fetch(news.url("/feeds/seeds.xml"))
        assert first.ok and first.validators.etag == '"seeds-v1"'
        again = fetcher.fetch(news.url("/feeds/seeds.xml"), first.validators)
        by_date = fetcher.fetch(
            news.url("/feeds/seeds.xml"), Validators(None, first.validators.last_modified)
        )
    assert again.outcome is FetchOutcome.NOT_MODIFIED and again.body == b""
    assert by_date.outcome is FetchOutcome.NOT_MODIFIED
    conditional = [h for m, p, h in news.requests if p == "/feeds/seeds.xml"][1]
    assert conditional["If-None-Match"] == '"seeds-v1"'


def test_fetch_retries_5xx_with_exponential_backoff(
    fetcher_for: Callable[..., Fetcher], fake_time: FakeTime
) -> None:
    seen: list[str] = []
    answers = [httpx.Response(503), httpx.Response(500), httpx.Response(200, text="<html>ok</html>")]
    fetcher = fetcher_for(_mock({"/a": answers}, seen), backoff_s=0.5, retries=2)
    result = fetcher.fetch("http://a.test/a")
    assert result.ok and result.attempts == 3
    assert fake_time.sleeps == [0.5, 1.0]  # 0.5 s, then double


def test_fetch_gives_up_after_retries_and_reports_transient(
    fetcher_for: Callable[..., Fetcher], fake_time: FakeTime
) -> None:
    seen: list[str] = []
    fetcher = fetcher_for(_mock({"/a": httpx.Response(500)}, seen), retries=2)
    result = fetcher.fetch("http://a.test/a")
    assert result.outcome is FetchOutcome.HTTP_ERROR and result.status == 500
    assert result.attempts == 3 and result.is_transient
    assert seen.count("a.test/a") == 3


@pytest.mark.parametrize("status", [404, 410, 403])
def test_fetch_does_not_retry_client_errors(fetcher_for: Callable[..., Fetcher], status: int) -> None:
    seen: list[str] = []
    fetcher = fetcher_for(_mock({"/a": httpx.Response(status)}, seen))
    result = fetcher.fetch("http://a.test/a")
    assert result.outcome is FetchOutcome.HTTP_ERROR and result.status == status
    assert result.attempts == 1 and not result.is_transient
    assert f"HTTP {status}" in result.reason


def test_fetch_times_out_on_a_slow_host_and_retries(slow: Any) -> None:
    slow.add("/slow.html", b"<html>late</html>", delay_s=2.0)
    with Fetcher(_policy(read_timeout_s=0.2, retries=1, backoff_s=0.01)) as fetcher:
        result = fetcher.fetch(slow.url("/slow.html"))
    assert result.outcome is FetchOutcome.TIMEOUT and result.is_transient
    assert result.attempts == 2 and slow.hits["/slow.html"] == 2


def test_fetch_network_error_is_a_value() -> None:
    with Fetcher(_policy(retries=0)) as fetcher:
        result = fetcher.fetch(f"http://127.0.0.1:{_closed_port()}/x")
    assert result.outcome is FetchOutcome.NETWORK_ERROR and result.is_transient


def test_fetch_honours_robots_txt_and_caches_it(news: Any) -> None:
    with Fetcher(_policy()) as fetcher:
        blocked = fetcher.fetch(news.url("/private/secret.html"))
        allowed = fetcher.fetch(news.url("/articles/undated.html"))
    assert blocked.outcome is FetchOutcome.DISALLOWED and "robots.txt" in blocked.reason
    assert allowed.ok
    assert news.hits["/private/secret.html"] == 0
    assert news.hits["/robots.txt"] == 1


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [
        (httpx.Response(404), True),  # RFC 9309: unavailable -> allow
        (httpx.Response(503), False),  # unreachable -> disallow all
        (httpx.Response(200, text="User-agent: polemos\nDisallow: /\n"), False),
        (httpx.Response(200, text="User-agent: otherbot\nDisallow: /\n"), True),
    ],
)
def test_fetch_robots_status_decides(
    fetcher_for: Callable[..., Fetcher], robots: httpx.Response, allowed: bool
) -> None:
    seen: list[str] = []
    fetcher = fetcher_for(_mock({"/robots.txt": robots, "/a": httpx.Response(200, text="ok")}, seen))
    result = fetcher.fetch("http://a.test/a")
    assert result.ok is allowed
    assert ("a.test/a" in seen) is allowed


def test_fetch_checks_robots_at_each_redirect(fetcher_for: Callable[..., Fetcher]) -> None:
    seen: list[str] = []
    routes: dict[str, list[httpx.Response] | httpx.Response] = {
        "/robots.txt": httpx.Response(200, text="User-agent: *\nDisallow: /private/\n"),
        "/old": httpx.Response(301, headers={"Location": "/new"}),
        "/new": httpx.Response(200, text="moved here"),
        "/sneaky": httpx.Response(302, headers={"Location": "/private/x"}),
    }
    fetcher = fetcher_for(_mock(routes, seen))
    moved = fetcher.fetch("http://a.test/old")
    assert moved.ok and moved.final_url == "http://a.test/new" and moved.body == b"moved here"
    sneaky = fetcher.fetch("http://a.test/sneaky")
    assert sneaky.outcome is FetchOutcome.DISALLOWED
    assert "a.test/private/x" not in seen


def test_fetch_waits_between_requests_to_one_host(
    fetcher_for: Callable[..., Fetcher], fake_time: FakeTime
) -> None:
    seen: list[str] = []
    ok = httpx.Response(200, text="ok")
    fetcher = fetcher_for(
        _mock({"/a": ok, "/b": ok, "/robots.txt": httpx.Response(404)}, seen), min_interval_s=5
    )
    fetcher.fetch("http://a.test/a")  # robots.txt, then /a: one wait
    fetcher.fetch("http://a.test/b")  # one more wait
    fetcher.fetch("http://b.test/a")  # another host: robots.txt without waiting, then one wait
    assert fake_time.sleeps == [5.0, 5.0, 5.0]


def test_fetch_honours_crawl_delay(fetcher_for: Callable[..., Fetcher], fake_time: FakeTime) -> None:
    seen: list[str] = []
    routes: dict[str, list[httpx.Response] | httpx.Response] = {
        "/robots.txt": httpx.Response(200, text="User-agent: *\nCrawl-delay: 12\n"),
        "/a": httpx.Response(200, text="ok"),
    }
    fetcher = fetcher_for(_mock(routes, seen), min_interval_s=1)
    fetcher.fetch("http://a.test/a")
    fetcher.fetch("http://a.test/a")
    assert fake_time.sleeps[-1] == 12.0


@pytest.mark.parametrize("declared", [True, False])
def test_fetch_stops_reading_past_max_bytes(fetcher_for: Callable[..., Fetcher], declared: bool) -> None:
    seen: list[str] = []
    big = b"x" * 5000
    response = (
        httpx.Response(200, content=big)
        if declared
        else httpx.Response(200, content=iter([big[:2500], big[2500:]]))  # chunked, no length
    )
    fetcher = fetcher_for(_mock({"/big": response, "/robots.txt": httpx.Response(404)}, seen), max_bytes=4096)
    result = fetcher.fetch("http://a.test/big")
    assert result.outcome is FetchOutcome.TOO_LARGE and not result.is_transient


@pytest.mark.parametrize("url", ["ftp://a.test/x", "file:///etc/passwd", "not a url"])
def test_fetch_refuses_non_http_urls(fetcher_for: Callable[..., Fetcher], url: str) -> None:
    seen: list[str] = []
    result = fetcher_for(_mock({}, seen)).fetch(url)
    assert result.outcome is FetchOutcome.BAD_URL and seen == []


def _closed_port() -> int:
    """A port nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
