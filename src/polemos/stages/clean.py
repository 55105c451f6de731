"""Cleaning stage: turn a raw report (plain text, inline HTML, a web page) into the text the coder reads.

It runs right after a source is read (sources.py) and before annotation: every character offset that
later stages record points into the text returned here. It also reads the metadata header some inputs
carry ("date 2020-06-07 ...", "title: ...") and removes it from the text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class CleanedText:
    """Cleaned article text (paragraphs joined by a blank line) and the metadata found while cleaning."""

    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


# --- metadata header -------------------------------------------------------------------------------

_HEADER_FIELD = {
    "date": "published",
    "dated": "published",
    "published": "published",
    "published on": "published",
    "publication date": "published",
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
}
_KEY = r"(published on|publication date|published|dated|date|title|headline|url|link|outlet|source|publisher)"
# "key: value" on a line of its own.
_HEADER_LINE = re.compile(rf"\s*{_KEY}[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*(?:\n|$)", re.IGNORECASE)
# A date or URL run into the first sentence, as in seed 002: " date 2020-06-07 The Libyan army seized ...".
_INLINE_DATE = re.compile(
    r"\s*(published on|published|dated|date)[ \t]*:?[ \t]*"
    r"(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?=\s|$)",
    re.IGNORECASE,
)
_INLINE_URL = re.compile(r"\s*(url|link)[ \t]*:?[ \t]*(https?://\S+)(?=\s|$)", re.IGNORECASE)

_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d", "%d.%m.%Y")


def parse_published(value: str) -> dt.date | None:
    """Parse a publication date: ISO date or datetime, or a spelled-out date ("7 June 2020"); None if not."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("z", "Z")).date()
    except ValueError:
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.rstrip("."))
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _read_header(text: str) -> tuple[dict[str, str], dt.date | None, str]:
    """Return the header fields at the top of `text`, its publication date, and the text after it."""
    found: dict[str, str] = {}
    published: dt.date | None = None
    pos = 0
    while True:
        m = _INLINE_DATE.match(text, pos) or _INLINE_URL.match(text, pos) or _HEADER_LINE.match(text, pos)
        if m is None:
            break
        field, value = _HEADER_FIELD[m.group(1).lower()], html.unescape(_strip_tags(m.group(2))).strip()
        if field in found:
            break  # a second "title:" is article text, not header
        if field == "published":
            published = parse_published(value)
            if published is None:
                break  # "Date: unknown" stays in the text rather than vanishing unread
        found[field] = value
        pos = m.end()
    return found, published, text[pos:]


# --- inline HTML -------------------------------------------------------------------------------------

_TAG_NAMES = (
    "a|abbr|article|aside|b|big|blockquote|body|br|caption|center|cite|code|dd|del|div|dl|dt|em|"
    "figcaption|figure|font|footer|h[1-6]|head|header|hr|html|i|img|ins|li|main|mark|nav|ol|p|picture|"
    "q|s|section|small|source|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|time|tr|u|ul"
)
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})\b[^<>]*>", re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"</?(?:article|aside|blockquote|body|caption|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|"
    r"hr|li|main|nav|ol|p|section|table|tbody|td|tfoot|th|thead|tr|ul)\b[^<>]*>",
    re.IGNORECASE,
)
_BR = re.compile(r"<br\b[^<>]*>", re.IGNORECASE)
# Their content is never article text.
_HIDDEN = re.compile(
    r"<(script|style|noscript|template)\b[^<>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.S
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)
_HREF = re.compile(r"""<a\b[^<>]*?\bhref\s*=\s*["']?([^"'\s<>]+)""", re.IGNORECASE)

_READ_MORE_LABEL = (
    r"read\s+more|read\s+also|also\s+read|see\s+also|related(?:\s+(?:articles?|stories|coverage|content))?"
    r"|recommended(?:\s+(?:reading|stories|articles))?|more\s+on\s+this(?:\s+story)?|further\s+reading"
    r"|you\s+may\s+also\s+like|more\s+stories"
)
_OPEN = r"(?:<(?!a\b)[a-z][a-z0-9]*\b[^<>]*>\s*)"
_CLOSE = r"(?:</[a-z][a-z0-9]*\s*>\s*)"
# Bounded, so an unclosed <a> costs a short scan, not one to the end of the text per label.
_LINK = r"<a\b[^<>]*>.{0,1000}?</a\s*>"
# "<strong>Read more:</strong> <strong><a ...>Title</a></strong> ..." (seed 001): the label, then one or
# more links with nothing but markup and list punctuation between them.
_READ_MORE_HTML = re.compile(
    rf"{_OPEN}*\b(?:{_READ_MORE_LABEL})\s*(?::\s*{_CLOSE}*|{_CLOSE}+)"
    rf"(?:{_OPEN}*{_LINK}\s*{_CLOSE}*(?:[|•·,;]\s*)?)+",
    re.IGNORECASE | re.S,
)


_PAGE = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)


def _has_markup(text: str) -> bool:
    return _TAG.search(text) is not None or _HIDDEN.search(text) is not None


def _strip_tags(text: str) -> str:
    return _TAG.sub("", text) if "<" in text else text


def remove_read_more_html(markup: str) -> tuple[str, list[str]]:
    """Remove "Read more:" link lists from HTML; return the markup and the removed links' URLs."""
    urls: list[str] = []

    def drop(m: re.Match[str]) -> str:
        urls.extend(_HREF.findall(m.group(0)))
        return "\n\n"

    return _READ_MORE_HTML.sub(drop, markup), urls


def _markup_to_text(text: str) -> str:
    """Turn inline HTML into plain text: blocks become paragraph breaks, links keep their words."""
    text = _HIDDEN.sub(" ", text)
    text = _BR.sub("\n", text)
    text = _BLOCK_TAG.sub("\n\n", text)
    return _TAG.sub("", text)


# --- boilerplate lines --------------------------------------------------------------------------------

_READ_MORE_LINE = re.compile(rf"(?:{_READ_MORE_LABEL})\s*(?::.*)?", re.IGNORECASE)
# A rule of underscores marks a section break even inside a paragraph (seed 001 wraps its link list in them).
_INLINE_RULE = re.compile(r"_{3,}")
_RULE_LINE = re.compile(r"[-=*~•·_—–]{3,}")
_BYLINE = re.compile(
    r"(?:By|BY)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|\band\b|&|\||-|–)\s*[^.]{0,40})?"
)
_SHARE_WORDS = (
    r"share(?:\s+(?:this|on)(?:\s+\w+)?)?|tweet|e-?mail|print|whatsapp|facebook|twitter|x|linkedin|telegram"
    r"|reddit|pinterest|messenger|copy\s+link|save"
)
_SHARE_LINE = re.compile(rf"(?:(?:{_SHARE_WORDS})\b[\s|·•,/]*)+", re.IGNORECASE)
_JUNK_LINE = re.compile(
    r"(?:advertisement|advertising|sponsored(?:\s+content)?|comments?|subscribe\b.*|sign\s+up\b.*"
    r"|follow\s+us\b.*|(?:photo|image|picture|file\s+photo|video|credit)s?(?:\s+credit)?\s*:.*"
    r"|(?:last\s+)?updated\b.*\d.*|published\b.*\d{4}.*|copyright\b.*|©.*|all\s+rights\s+reserved.*)",
    re.IGNORECASE,
)
# Lines this short are navigation or credits; anything longer is kept even if it starts like junk.
_JUNK_MAX_CHARS = 80
# A "READ MORE: <headline>" line carries a whole headline, so it may run longer.
_READ_MORE_MAX_CHARS = 300

_BLANK_LINE = re.compile(r"\n[ ]*\n")
_SPACES = str.maketrans(
    {"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\u2028": "\n", "\u2029": "\n"}
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if len(stripped) <= _READ_MORE_MAX_CHARS and _READ_MORE_LINE.fullmatch(stripped):
        return True
    if len(stripped) > _JUNK_MAX_CHARS:
        return False
    return any(p.fullmatch(stripped) for p in (_BYLINE, _SHARE_LINE, _JUNK_LINE))


def _paragraphs(text: str) -> list[str]:
    """Split into paragraphs, dropping boilerplate lines and collapsing whitespace inside each paragraph."""
    lines: list[str] = []
    for line in text.split("\n"):
        if _RULE_LINE.fullmatch(line.strip()):
            lines.append("")  # a rule separates, like a blank line
        elif line.strip() and _is_boilerplate(line):
            continue
        else:
            lines.append(line)
    body = "\n".join(lines).strip()
    # Blank lines mark paragraphs when the text has any; otherwise (one paragraph a line, as trafilatura
    # and many scrapers write) every line is a paragraph.
    chunks = _BLANK_LINE.split(body) if _BLANK_LINE.search(body) else body.split("\n")
    return [p for p in (" ".join(chunk.split()) for chunk in chunks) if p]


# --- outlet ---------------------------------------------------------------------------------------------


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host.lower())


def outlet_from_links(urls: list[str]) -> str | None:
    """Return the domain most of these links point to, when one domain holds a majority, else None."""
    hosts = Counter(h for h in map(_host, urls) if h)
    if not hosts:
        return None
    host, count = hosts.most_common(1)[0]
    return host if count * 2 > sum(hosts.values()) else None


# --- public entry points ----------------------------------------------------------------------------------


def clean_text(raw: str) -> CleanedText:
    """Clean a plain-text report: read its header, strip markup and boilerplate, normalise whitespace."""
    text = _INVISIBLE.sub("", raw.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES))
    fields, published, text = _read_header(text)
    links: list[str] = []
    if _has_markup(text):
        text, links = remove_read_more_html(text)
        text = _markup_to_text(text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _INLINE_RULE.sub("\n\n", text)
    paragraphs = _paragraphs(text)
    url = fields.get("url") or None
    outlet = fields.get("outlet") or (_host(url) if url else None) or outlet_from_links(links)
    return CleanedText(
        text="\n\n".join(paragraphs),
        published=published,
        title=fields.get("title") or None,
        url=url,
        outlet=outlet,
    )


def html_to_text(html_doc: str) -> CleanedText:
    """Extract a web page's article text and metadata with trafilatura, then clean what it keeps."""
    # Imported here: trafilatura pulls in lxml and its date and language tooling, which plain-text runs
    # never need (nothing is loaded at import time).
    import trafilatura

    markup, links = remove_read_more_html(html_doc)
    result = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        # The page's declared date only: a date guessed from the body ("since 12 March 2019") would become
        # the publication date every relative date resolves against.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None or not _meta(result, "text"):
        if not _PAGE.search(markup):
            # A fragment ("<p>...</p>" in a JSONL batch) is too small for trafilatura's extraction; it is
            # inline markup, which clean_text handles.
            return clean_text(html_doc)
        return CleanedText(text="", outlet=outlet_from_links(links))
    title = _meta(result, "title")
    # trafilatura writes one paragraph a line; a blank line between them is our paragraph convention.
    body = (_meta(result, "text") or "").replace("\n", "\n\n")
    cleaned = clean_text(body)
    paragraphs = cleaned.text.split("\n\n")
    if title and paragraphs and paragraphs[0] == " ".join(title.split()):
        paragraphs = paragraphs[1:]  # the headline is Document.title, not a sentence to code
    date_text = _meta(result, "date")
    url = _meta(result, "url") or cleaned.url
    outlet = (
        (_host(url) if url else None)
        or _meta(result, "hostname")
        or _meta(result, "sitename")
        or cleaned.outlet
        or outlet_from_links(links)
    )
    return CleanedText(
        text="\n\n".join(paragraphs),
        published=(parse_published(date_text) if date_text else None) or cleaned.published,
        title=title or cleaned.title,
        url=url,
        outlet=outlet,
    )


def _meta(result: object, name: str) -> str | None:
    value = getattr(result, name, None)
    return (value.strip() or None) if isinstance(value, str) else None
