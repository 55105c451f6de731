"""Tests for the cleaning stage: markup, boilerplate, header metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polemos.stages.clean import clean_text, html_to_text, outlet_from_links, parse_published

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEEDS = FIXTURES / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_clean_text_seed001_removes_read_more_list_and_keeps_link_text() -> None:
    cleaned = clean_text(_seed("001"))
    assert "<" not in cleaned.text and "href" not in cleaned.text
    assert "Read more" not in cleaned.text
    assert "Tripoli bomb blasts deal major blow" not in cleaned.text
    assert "US quietly increasing air strikes" not in cleaned.text
    assert "_" not in cleaned.text
    # links that are part of a sentence keep their words
    assert "declared on Monday that attempts to negotiate a peaceful end" in cleaned.text
    assert "following an ISIS suicide attack on the Tripoli headquarters" in cleaned.text
    # the rules around the link list separate two paragraphs
    first, second = cleaned.text.split("\n\n")
    assert first.endswith("lack the weapons and training of the LNA.")
    assert second.startswith("Derna has had a chequered history.")
    assert cleaned.outlet == "thenational.ae"


def test_clean_text_seed002_reads_inline_date_and_drops_read_more_lines() -> None:
    cleaned = clean_text(_seed("002"))
    assert cleaned.published == dt.date(2020, 6, 7)
    assert cleaned.text.startswith("The Libyan army seized a mine depot")
    assert "READ MORE" not in cleaned.text
    assert "Erdogan says Turkey" not in cleaned.text
    assert "Russian meddling" not in cleaned.text
    assert "\n\nLibyan army's advances\n\n" in cleaned.text  # a subheading is kept as its own paragraph
    assert "\n\n\n" not in cleaned.text


def test_clean_text_seed000_keeps_text_and_paragraphs() -> None:
    raw = _seed("000")
    cleaned = clean_text(raw)
    assert cleaned.published is None and cleaned.outlet is None
    assert cleaned.text == "\n\n".join(p.strip() for p in raw.strip().split("\n\n"))


@pytest.mark.parametrize(
    ("raw", "field", "value"),
    [
        ("date 2020-06-07 The army advanced.", "published", dt.date(2020, 6, 7)),
        ("Date: 2020-06-07\nThe army advanced.", "published", dt.date(2020, 6, 7)),
        ("published: 2020-06-07T10:30:00Z\n\nThe army advanced.", "published", dt.date(2020, 6, 7)),
        ("Published: 7 June 2020\nThe army advanced.", "published", dt.date(2020, 6, 7)),
        ("title: GNA retakes Tarhuna\nThe army advanced.", "title", "GNA retakes Tarhuna"),
        ("url: https://www.aa.com.tr/en/x\nThe army advanced.", "url", "https://www.aa.com.tr/en/x"),
        ("url https://www.aa.com.tr/en/x The army advanced.", "url", "https://www.aa.com.tr/en/x"),
        ("outlet: Anadolu Agency\nThe army advanced.", "outlet", "Anadolu Agency"),
        ("url: https://www.aa.com.tr/en/x\nThe army advanced.", "outlet", "aa.com.tr"),
    ],
)
def test_clean_text_reads_and_removes_header(raw: str, field: str, value: object) -> None:
    cleaned = clean_text(raw)
    assert getattr(cleaned, field) == value
    assert cleaned.text == "The army advanced."


def test_clean_text_reads_a_multi_line_header() -> None:
    raw = "title: Fighting in Derna\ndate: 2018-05-08\noutlet: The National\n\nLNA forces advanced on Derna."
    cleaned = clean_text(raw)
    assert (cleaned.title, cleaned.published, cleaned.outlet) == (
        "Fighting in Derna",
        dt.date(2018, 5, 8),
        "The National",
    )
    assert cleaned.text == "LNA forces advanced on Derna."


@pytest.mark.parametrize(
    "raw",
    [
        "Date: unknown\nThe army advanced.",  # an unreadable date is left for a reader to see
        "Date palms burned as the army advanced.",  # not a header at all
        "Sources: the army advanced.",
    ],
)
def test_clean_text_leaves_text_that_is_not_a_header(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.published is None
    assert cleaned.text.split() == raw.split()


def test_clean_text_header_only_at_the_top() -> None:
    cleaned = clean_text("The army advanced.\n\ndate: 2020-06-07")
    assert cleaned.published is None


@pytest.mark.parametrize(
    "junk",
    [
        "By Jason Pack",
        "BY HAMDI YILDIZ, Anadolu Agency",
        "Share this article",
        "Facebook Twitter WhatsApp Email",
        "Advertisement",
        "Photo: AFP",
        "Read more:",
        "Related",
        "See also: Turkey sends drones to Libya",
        "READ MORE: Erdogan says Turkey to increase support for Libya's Sarraj",
        "_______________",
        "----------",
        "Copyright © 2018 The National",
        "Last updated: May 8, 2018 10:31",
    ],
)
def test_clean_text_drops_boilerplate_lines(junk: str) -> None:
    raw = f"The army advanced on Derna.\n\n{junk}\n\nFour soldiers were killed."
    assert clean_text(raw).text == "The army advanced on Derna.\n\nFour soldiers were killed."


@pytest.mark.parametrize(
    "sentence",
    [
        "By Monday, the army had advanced on Derna and taken the port.",
        "Related fighting broke out in Sabha.",
        "Share prices fell as fighting spread.",
    ],
)
def test_clean_text_keeps_sentences_that_start_like_boilerplate(sentence: str) -> None:
    assert clean_text(f"{sentence}\n\nThe army advanced.").text == f"{sentence}\n\nThe army advanced."


def test_clean_text_normalises_whitespace_and_paragraphs() -> None:
    raw = "\ufeff  First  paragraph\r\nwraps here.\r\n\r\n\r\n\tSecond\u00a0paragraph. \n\n\n"
    assert clean_text(raw).text == "First paragraph wraps here.\n\nSecond paragraph."


def test_clean_text_one_paragraph_per_line_when_no_blank_lines() -> None:
    assert clean_text("First line.\nSecond line.\n").text == "First line.\n\nSecond line."


def test_clean_text_strips_inline_html_blocks_and_entities() -> None:
    raw = (
        "<p>Forces entered <a href='https://example.org/derna'>Derna</a> on Monday &amp; held it.</p>"
        "<p>Four soldiers&nbsp;were killed.<br><br>Five were wounded.</p><script>var x = 1;</script>"
    )
    assert clean_text(raw).text == (
        "Forces entered Derna on Monday & held it.\n\nFour soldiers were killed.\n\nFive were wounded."
    )


def test_clean_text_does_not_take_angle_brackets_in_plain_text_for_markup() -> None:
    assert clean_text("Casualties were <10 and >5 by noon.").text == "Casualties were <10 and >5 by noon."


@pytest.mark.parametrize(
    ("urls", "outlet"),
    [
        (
            ["https://www.thenational.ae/a", "https://www.thenational.ae/b", "https://bbc.com/c"],
            "thenational.ae",
        ),
        (["https://www.thenational.ae/a"], "thenational.ae"),
        (["https://a.com/x", "https://b.com/y"], None),
        ([], None),
        (["not a url"], None),
    ],
)
def test_outlet_from_links_needs_a_majority_domain(urls: list[str], outlet: str | None) -> None:
    assert outlet_from_links(urls) == outlet


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-06-07", dt.date(2020, 6, 7)),
        ("2020-06-07T10:00:00+02:00", dt.date(2020, 6, 7)),
        ("7 June 2020", dt.date(2020, 6, 7)),
        ("June 7th, 2020", dt.date(2020, 6, 7)),
        ("yesterday", None),
        ("", None),
        ("2020-13-45", None),
    ],
)
def test_parse_published(text: str, expected: dt.date | None) -> None:
    assert parse_published(text) == expected


def test_html_to_text_extracts_article_and_metadata() -> None:
    cleaned = html_to_text((FIXTURES / "inputs" / "derna.html").read_text(encoding="utf-8"))
    assert cleaned.title == "Libyan National Army captures high ground outside Derna"
    assert cleaned.published == dt.date(2018, 5, 8)
    assert cleaned.url is not None and cleaned.url.startswith("https://www.thenational.ae/")
    assert cleaned.outlet == "thenational.ae"
    assert cleaned.text.startswith("The Libyan National Army captured high ground outside Derna")
    for junk in (
        "Read more",
        "Tripoli bomb blasts",
        "READ MORE",
        "Erdogan",
        "Copyright",
        "Share",
        "By Jason",
    ):
        assert junk not in cleaned.text
    assert "LNA units backed by air strikes and artillery captured hills around Fattaih" in cleaned.text
    assert "four soldiers were killed" in cleaned.text


def test_html_to_text_fragment_falls_back_to_inline_cleaning() -> None:
    fragment = "<p>GNA forces entered <a href='https://aa.com.tr/t'>Tarhuna</a> on Friday.</p>"
    assert html_to_text(fragment).text == "GNA forces entered Tarhuna on Friday."


def test_html_to_text_empty_page_gives_empty_text() -> None:
    assert html_to_text("<html><body></body></html>").text == ""


_PLAIN = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="<&_\x00"), max_size=300)


@given(_PLAIN)
def test_clean_text_output_is_normalised_and_only_keeps_input_words(raw: str) -> None:
    cleaned = clean_text(raw)
    text = cleaned.text
    assert text == text.strip()
    assert "\n\n\n" not in text
    for paragraph in text.split("\n\n"):
        assert paragraph == " ".join(paragraph.split())
    raw_words = set(raw.split())
    assert all(word in raw_words or word in raw for word in text.split())


@given(st.text(max_size=300))
def test_clean_text_never_raises(raw: str) -> None:
    clean_text(raw)
