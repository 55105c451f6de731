"""Property tests of the parsers that meet raw input: whatever they are given, they return and keep their
word.

The text cleaner, the HTML extractor, the date resolver, the number parser, the fatality finder and the
input reader (JSONL, text and HTML files of arbitrary bytes) never raise, and what they return holds the
invariants later stages rely on: offsets that point at the quoted text, clean paragraphs, storable strings.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from polemos.model import Document, Rejection, TimePrecision
from polemos.source_documents import EARLIEST_PUBLISHED
from polemos.sources import read_documents
from polemos.stages.clean import CleanedText, clean_text, html_to_text
from polemos.stages.dates import find_dates, resolve_date_expression
from polemos.stages.fatalities import find_fatality_claims, parse_number

# Words the parsers look for, so that arbitrary input reaches their rules and not only their early exits.
_VOCABULARY = (
    "on Monday last week 3 March 2020 ago two days yesterday since in January between and the weekend "
    "earlier this month next Friday 12 killed at least people soldiers were dozens said police , . "
    "tomorrow years decade late overnight hundreds of civilians died twenty-five a dozen bodies found "
    "killing wounded title: date: url: Read more: By Share Advertisement ___"
)
_SPACES = ("\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u200b", "\u2028")
_WORDS = [*_VOCABULARY.split(), *_SPACES, "date 2020-06-07", "Published: 7 June 2020"]
_MARKUP = [
    "<p>", "</p>", "<html>", "<body>", "</body>", "<div class='a'>", "</div>", "<a href='https://x.test/a'>",
    "</a>", "<br>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#x110000;", "&#99999999;", "&nbsp;",
    "<strong>Read more:</strong>", "<![CDATA[", "]]>", "<?xml version='1.0' encoding='utf-8'?>", "<", ">",
    "<title>", "</title>", "<meta charset='cp1251'>", "<h1>", "</h1>", "<li>", "<table><tr><td>",
]  # fmt: skip
_PIECES = st.one_of(st.sampled_from(_WORDS), st.text(max_size=6))
_TEXT = st.lists(_PIECES, max_size=30).map(" ".join)
_HTML = st.lists(st.one_of(st.sampled_from(_MARKUP), _PIECES), max_size=40).map("".join)
_PUBLISHED = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
_OFFSET = st.integers(min_value=0, max_value=10**6)

_FAST = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
_SLOW = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def _assert_clean(cleaned: CleanedText) -> None:
    """Cleaned text is paragraphs separated by one blank line, each trimmed, one line, never empty."""
    text = cleaned.text
    assert "\r" not in text and "\t" not in text
    if text:
        for paragraph in text.split("\n\n"):
            assert paragraph and paragraph == paragraph.strip() and "\n" not in paragraph
    for value in (cleaned.title, cleaned.url, cleaned.outlet):
        assert value is None or isinstance(value, str)


@_FAST
@given(_TEXT)
@example("title: A\ntitle: B\n\nText.")
@example("date: unknown\n\nText.")
@example("\ufeff\u200b\r\n\r\n")
def test_clean_text_never_raises_and_gives_clean_paragraphs(raw: str) -> None:
    _assert_clean(clean_text(raw))


@_FAST
@given(st.text())
def test_clean_text_on_any_unicode(raw: str) -> None:
    _assert_clean(clean_text(raw))


@_SLOW
@given(_HTML)
@example("<html><body>" + "<div>" * 300 + "<p>Deep.</p>")
@example("<?xml version='1.0' encoding='utf-8'?><html><body><p>Declared.</p></body></html>")
@example("<html><body><p>NUL \x00 and \x0b controls.</p></body></html>")
def test_html_to_text_never_raises_on_malformed_markup(markup: str) -> None:
    _assert_clean(html_to_text(markup))


@_FAST
@given(_TEXT, _PUBLISHED, _OFFSET)
@example("on Monday", dt.date(1, 1, 1), 0)
@example("3 years ago last week", dt.date(1, 1, 2), 0)
@example("on 31 December", dt.date(9999, 12, 31), 5)
@example("99999 years ago", dt.date(2020, 1, 1), 0)
def test_find_dates_offsets_point_at_the_expression(
    text: str, published: dt.date | None, offset: int
) -> None:
    points = find_dates(text, published, offset=offset)
    end = offset
    for p in points:
        assert text[p.start - offset : p.end - offset] == p.expression
        assert p.start >= end, "expressions are disjoint and in text order"
        end = p.end
        assert isinstance(p.precision, TimePrecision)
        assert published is not None or p.rule, "a resolved date names its rule"
        if published is not None and not any(ch.isdigit() for ch in p.expression):
            # "on Monday", "last week", "two days ago": relative days are never after publication
            assert p.date <= published


@_FAST
@given(_TEXT, _PUBLISHED)
@example(" on Monday, ", dt.date(2020, 6, 8))
def test_resolve_date_expression_is_whole_or_nothing(expression: str, published: dt.date | None) -> None:
    point = resolve_date_expression(expression, published)
    if point is not None:
        assert expression[point.start : point.end] == point.expression
        assert point.expression.strip(" \t\r\n,;:().") == point.expression


@_FAST
@given(_TEXT)
@example("9" * 5000)
@example("1," + "000," * 2000 + "000")
@example("twenty " * 100)
@example("٣")
def test_parse_number_returns_a_count_or_none(text: str) -> None:
    n = parse_number(text)
    assert n is None or (isinstance(n, int) and n >= 0)


@_FAST
@given(st.integers(min_value=0, max_value=10**12))
def test_parse_number_reads_back_digits(n: int) -> None:
    expected = n if n < 10**9 else None  # no report counts a billion dead
    assert parse_number(str(n)) == expected
    assert parse_number(f"{n:,}") == expected


@_FAST
@given(_TEXT, _OFFSET)
@example("No one was killed, 12 militants including 2 commanders died", 7)
def test_find_fatality_claims_offsets_point_at_the_claim(text: str, offset: int) -> None:
    claims = find_fatality_claims(text, offset=offset)
    assert [(c.start, c.end) for c in claims] == sorted((c.start, c.end) for c in claims)
    for c in claims:
        assert c.count >= 0
        assert text[c.start - offset : c.end - offset] == c.text


# --- the input reader -------------------------------------------------------------------------------------

_counter = itertools.count()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # hypothesis runs many examples per test call: a module-scoped folder, one new file per example
    return tmp_path_factory.mktemp("properties")


def _write(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"input{next(_counter)}{suffix}"
    path.write_bytes(data)
    return path


def _assert_read(path: Path, lines: int | None) -> list[Document]:
    """Read `path`; check every result names the file, and every Document is storable."""
    results = list(read_documents([path]))
    assert results, "every input gives at least a Document or a Rejection"
    docs = []
    for r in results:
        assert isinstance(r, Document | Rejection)
        if isinstance(r, Rejection):
            assert r.path == str(path) and r.reason
            if r.line is not None:
                assert lines is not None and 1 <= r.line <= lines
            continue
        docs.append(r)
        assert r.text and r.id
        for value in (r.id, r.text, r.title, r.url, r.outlet, r.path, r.language):
            assert value is None or value.encode("utf-8")  # no lone surrogates: SQLite must store it
        if r.published is not None:
            assert EARLIEST_PUBLISHED <= r.published <= dt.date.today() + dt.timedelta(days=1)
    assert len({d.id for d in docs}) == len(docs)
    return docs


def _line_count(data: bytes) -> int:
    return data.count(b"\n") + 1


@_SLOW
@given(st.binary(max_size=400))
@example(b"\xff\xfe\x00garbage\n{]\n")
@example(b"\xfe\xff\x00{\x00\n")
@example(b"[" * 100_000 + b"\n")
@example(b'{"id": 1' + b"0" * 5000 + b', "text": "x"}\n')
@example(b'{"id": "a", "text": "\\ud800 lone"}\n')
@example(b"\x1f\x8b\x08\x00 gzip")
def test_read_documents_jsonl_of_any_bytes(workdir: Path, data: bytes) -> None:
    _assert_read(_write(workdir, ".jsonl", data), _line_count(data))


_JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), _TEXT,
    st.sampled_from(["2020-06-07", "2020-02-30", "0001-01-01", "9999-12-31", "2020-06-07T10:00:00+02:00",
                     "last Tuesday", "", " "]),
    st.lists(st.integers(), max_size=2),
)  # fmt: skip
_OBJECTS = st.dictionaries(
    st.sampled_from(["id", "text", "html", "title", "url", "outlet", "published", "language", "extra"]),
    _JSON_VALUES,
    max_size=8,
)


@_SLOW
@given(st.lists(st.one_of(_OBJECTS, _JSON_VALUES), max_size=6), st.booleans())
def test_read_documents_jsonl_of_any_objects(workdir: Path, values: list[object], ascii_only: bool) -> None:
    data = "\n".join(json.dumps(v, ensure_ascii=ascii_only) for v in values).encode("utf-8", "surrogatepass")
    _assert_read(_write(workdir, ".jsonl", data), _line_count(data))


@_SLOW
@given(st.binary(max_size=400), st.sampled_from([".txt", ".html"]))
@example(b"caf\xe9", ".txt")
@example(b"bad \x81\x8d bytes", ".txt")
@example("Forces entered Derna.".encode("utf-16-le"), ".txt")
@example(b"\xff\xfe\x00\x00", ".txt")
@example(b"<html><body><p>" + "Боевики атаковали город".encode("cp1251") + b"</p>", ".html")
def test_read_documents_text_and_html_of_any_bytes(workdir: Path, data: bytes, suffix: str) -> None:
    _assert_read(_write(workdir, suffix, data), None)


@_SLOW
@given(_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1"]))
def test_read_documents_text_in_common_encodings(workdir: Path, text: str, encoding: str) -> None:
    data = text.encode(encoding, "replace")
    docs = _assert_read(_write(workdir, ".txt", data), None)
    if encoding.startswith("utf") and docs:
        assert docs[0].text == clean_text(text.removeprefix("\ufeff")).text
