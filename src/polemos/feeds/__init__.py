"""Feeds: fetch RSS/Atom feeds, URL lists and article pages politely, and turn their items into Documents.

`fetch.Fetcher` is the network edge (robots.txt, rate limits, retries, conditional GET); `sources` parses
feeds and URL lists into items and a fetched page into a Document. `polemos.watch` drives both.
"""

from __future__ import annotations

from polemos.feeds.fetch import Fetcher, FetchOutcome, FetchPolicy, FetchResult, Validators, user_agent
from polemos.feeds.sources import (
    FeedItem,
    FeedKind,
    FeedParse,
    PageDocument,
    document_id_for,
    normalize_url,
    page_document,
    parse_feed,
    parse_url_list,
)

__all__ = [
    "FeedItem",
    "FeedKind",
    "FeedParse",
    "FetchOutcome",
    "FetchPolicy",
    "FetchResult",
    "Fetcher",
    "PageDocument",
    "Validators",
    "document_id_for",
    "normalize_url",
    "page_document",
    "parse_feed",
    "parse_url_list",
    "user_agent",
]
