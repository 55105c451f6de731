"""Read feeds (RSS/Atom, via feedparser) and URL lists into items, and a fetched article page into a Document.

This sits between the fetcher (feeds/fetch.py) and the pipeline: a page's text and metadata come from
`stages.clean.html_to_text` (trafilatura), its publication date from what the page itself declares
(htmldate without its free-text search, which guesses), then from the feed item; a page with neither
keeps no date and says so (`DateSource.NONE`), so relative dates in it stay unresolved rather than wrong.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import hashlib
import io
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urljoin, urlsplit, urlunsplit

from polemos.model import Document, Rejection
from polemos.stages.clean import CleanedText, clean_text, html_to_text

__all__ = [
    "DateSource",
    "FeedItem",
    "FeedKind",
    "FeedParse",
    "PageDocument",
    "document_id_for",
    "normalize_url",
    "page_document",
    "parse_feed",
    "parse_url_list",
]


class FeedKind(StrEnum):
    """What a configured source serves."""

    FEED = "feed"  # RSS or Atom
    URLS = "urls"  # a plain list of article URLs, one a line


class DateSource(StrEnum):
    """Where a fetched document's publication date came from."""

    PAGE = "page"  # the page's metadata, <time> element, URL or dateline
    FEED = "feed"  # the feed item's date, the page declaring none
    NONE = "none"  # neither: the document has no publication date (never guessed)


@dataclass(frozen=True)
class FeedItem:
    """One article a feed or URL list points to, with the feed's metadata as fallbacks for the page's."""

    url: str
    feed_url: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    updated: str | None = None  # the feed's own version stamp of the item, to notice edits


@dataclass(frozen=True)
class FeedParse:
    """A parsed feed: its items (first occurrence of each URL), and what was wrong with it."""

    items: tuple[FeedItem, ...]
    title: str | None = None
    repeats: int = 0  # items naming a URL already listed in this same feed
    warnings: tuple[str, ...] = ()  # recovered problems (a malformed feed read leniently, a bad line)
    error: str | None = None  # nothing could be read


@dataclass(frozen=True)
class PageDocument:
    """A fetched page as a Document (or a Rejection saying why not), and where its date came from."""

    result: Document | Rejection
    date_source: DateSource


# --- URLs ------------------------------------------------------------------------------------------


def normalize_url(url: str, base: str | None = None) -> str | None:
    """Return the absolute http(s) URL without its #fragment, scheme and host lower-cased; None if not one."""
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(urljoin(base, url) if base else url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def document_id_for(url: str) -> str:
    """Return the id of the document at a canonical URL: stable across runs, so re-fetching replaces it."""
    return "web-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def _host(url: str) -> str | None:
    host = urlsplit(url).hostname
    return re.sub(r"^www\d?\.", "", host) if host else None


# --- feeds -----------------------------------------------------------------------------------------


# feedparser's "bozo" notes that say nothing is wrong with the feed's items: a server that sends no or a
# non-XML content type, or an encoding other than the declared one that still decodes.
_BENIGN = frozenset({"NonXMLContentType", "CharacterEncodingOverride"})


def parse_feed(
    body: bytes, feed_url: str, *, content_type: str | None = None, outlet: str | None = None
) -> FeedParse:
    """Parse an RSS or Atom document into items; a malformed feed is read leniently, and said to be."""
    # Imported here (nothing at import time); untyped library, hence the ignore.
    import feedparser  # type: ignore[import-untyped]

    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    # A BytesIO, never bytes or str: feedparser opens a string that looks like a path or URL itself.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False)
    title = _text(parsed.feed.get("title"))
    fallback_outlet = outlet or title
    problem = None
    bozo = parsed.get("bozo_exception")
    if parsed.get("bozo") and type(bozo).__name__ not in _BENIGN:
        problem = f"malformed feed ({type(bozo).__name__}: {bozo})"
    if not parsed.entries and not problem and not parsed.get("version"):
        return FeedParse((), title, error="not an RSS or Atom feed")
    entries: list[tuple[str | None, FeedItem]] = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        url = normalize_url(link, feed_url) if link else None
        published = _entry_date(entry)
        item_title = _text(_field(entry, "title"))
        updated = _text(_field(entry, "updated")) or _text(_field(entry, "published"))
        entries.append((url, FeedItem(url or "", feed_url, item_title, published, fallback_outlet, updated)))
    items, repeats, missing = _unique(entries)
    if problem and not items:
        return FeedParse((), title, error=problem)
    warnings = [problem] if problem else []
    if missing:
        warnings.append(f"{missing} item(s) without an http(s) link skipped")
    return FeedParse(tuple(items), title, repeats, tuple(warnings))


def _unique(entries: Iterable[tuple[str | None, FeedItem]]) -> tuple[list[FeedItem], int, int]:
    seen: set[str] = set()
    items: list[FeedItem] = []
    repeats = missing = 0
    for url, item in entries:
        if url is None:
            missing += 1
        elif url in seen:
            repeats += 1
        else:
            seen.add(url)
            items.append(item)
    return items, repeats, missing


def _field(entry: Mapping[str, object], key: str) -> object:
    """Read an entry's own field: feedparser's `get` maps a missing "updated" to "published", with a
    DeprecationWarning; a plain dict read does neither."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _entry_link(entry: Mapping[str, object]) -> str | None:
    link = _field(entry, "link")
    if isinstance(link, str) and link.strip():
        return link
    # Atom entries may carry only <link rel="alternate"> among others, or just an http(s) id.
    links = _field(entry, "links")
    for candidate in links if isinstance(links, list) else ():
        if isinstance(candidate, Mapping) and candidate.get("rel", "alternate") == "alternate":
            href = candidate.get("href")
            if isinstance(href, str) and href.strip():
                return href
    guid = _field(entry, "id")
    if isinstance(guid, str) and guid.startswith(("http://", "https://")):
        return guid
    return None


def _entry_date(entry: Mapping[str, object]) -> dt.date | None:
    """The item's publication date as its own time zone has it (falling back to its update date)."""
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        raw = _field(entry, raw_key)
        if isinstance(raw, str):
            day = _date_in_own_zone(raw)
            if day is not None:
                return day
        struct = _field(entry, parsed_key)
        if isinstance(struct, time.struct_time):
            return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
    return None


def _date_in_own_zone(raw: str) -> dt.date | None:
    raw = raw.strip()
    try:
        return email.utils.parsedate_to_datetime(raw).date()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(raw).date()  # Atom: RFC 3339
    except ValueError:
        return None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


# --- URL lists -------------------------------------------------------------------------------------


def parse_url_list(text: str, list_url: str, *, outlet: str | None = None) -> FeedParse:
    """Parse a URL list: one absolute http(s) URL a line; blank lines and '#' comments are ignored."""
    entries: list[tuple[str | None, FeedItem]] = []
    bad: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url = normalize_url(line) if line.lower().startswith(("http://", "https://")) else None
        if url is None or any(c.isspace() for c in line):
            bad.append(f"line {number}: not an http(s) URL: {line[:80]!r}")
            continue
        entries.append((url, FeedItem(url, list_url, outlet=outlet)))
    items, repeats, _ = _unique(entries)
    return FeedParse(tuple(items), None, repeats, tuple(bad))


# --- pages -----------------------------------------------------------------------------------------

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LOOKS_HTML = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.S
)


def page_document(item: FeedItem, body: bytes, *, content_type: str | None, final_url: str) -> PageDocument:
    """Build the Document of a fetched page: the page's own metadata first, the feed item's as fallback."""
    media = (content_type or "").split(";")[0].strip().lower()
    is_html = media in _HTML_TYPES or (media in ("", "text/plain") and bool(_LOOKS_HTML.match(body[:4096])))
    if not is_html and media not in ("", "text/plain"):
        reason = f"not an article page (content type {media}); polemos reads HTML and plain text"
        return PageDocument(Rejection(item.url, reason), DateSource.NONE)
    markup = _decode(body, content_type)
    cleaned = html_to_text(markup) if is_html else clean_text(markup)
    if not cleaned.text:
        reason = "no article text found on the page (markup and boilerplate only)"
        return PageDocument(Rejection(item.url, reason), DateSource.NONE)
    url = _canonical(cleaned, final_url)
    published, source = _published(markup if is_html else None, cleaned, url, item)
    document = Document(
        id=document_id_for(url),
        text=cleaned.text,
        title=cleaned.title or item.title,
        url=url,
        outlet=cleaned.outlet or item.outlet or _host(url),
        published=published,
        path=item.url,
    )
    return PageDocument(document, source)


def _canonical(cleaned: CleanedText, final_url: str) -> str:
    if cleaned.url:
        canonical = normalize_url(cleaned.url, final_url)
        if canonical:
            return canonical
    return normalize_url(final_url) or final_url


def _published(
    markup: str | None, cleaned: CleanedText, url: str, item: FeedItem
) -> tuple[dt.date | None, DateSource]:
    # A plain-text page declares its date in a "date:" header line, which clean_text reads.
    declared = _declared_date(markup, url) if markup is not None else cleaned.published
    if declared is not None:
        return declared, DateSource.PAGE
    if item.published is not None:
        return item.published, DateSource.FEED
    return None, DateSource.NONE


def _declared_date(markup: str, url: str) -> dt.date | None:
    """The date a page declares (meta tags, <time>, JSON-LD, URL, dateline), without free-text guessing.

    html_to_text's date comes from trafilatura, which runs htmldate's extensive search: on a page with
    no date it picks any date in the text ("since 12 March 2019"), and every relative date of the report
    would then resolve against it.
    """
    import htmldate

    found = htmldate.find_date(markup, extensive_search=False, original_date=True, url=url)
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found)
    except ValueError:
        return None


def _decode(body: bytes, content_type: str | None) -> str:
    """Decode a page: the server's charset, else its <meta charset>, else UTF-8, else Windows-1252."""
    names: list[str] = []
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
        if m:
            names.append(m.group(1))
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        names.append(meta.group(1).decode("ascii", errors="ignore"))
    names.append("utf-8-sig")
    for name in names:
        try:
            codecs.lookup(name)
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")
