"""The cheap tests that spare the date and place stages a regex search must never turn a match away: each
guard is checked against the search it guards, on sentences built from the words those patterns read."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from polemos.stages import dates, place_context, place_quarters
from polemos.stages.place_anaphora import ANAPHORA, ANAPHORA_WORDS
from polemos.stages.place_words import place_words


def _words(text: str) -> list[str]:
    return text.split()


# Words and gaps the date rules read, in several cases, with digits, punctuation and odd white space.
_DATE_PIECES = [
    *_words("since on the of between from and to until early mid late beginning start middle end in during "
    "last "
    "this past next coming previous earlier later ago week weeks weekend month year days recent few "
    "several couple two three a night morning yesterday today tonight overnight day before"),
    *_words("Since On The Between From Early Mid-late In During Last This Earlier ON SINCE"),
    *_words("Monday Friday Saturday SUNDAY January March May Sept Sep. Dec December MARCH Aug"),
    *_words("1 3rd 12 21st 31 2019 1998 2020-03-14 12/05/2019 3.4.2021 5-7 USA Russia ſince"),
    " ", "  ", "\n", ", ", ". ", " - ", "–", "(", ")",
]  # fmt: skip


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The rule's pattern without the lookahead `dates._opens` adds after its opening `\\b`."""
    found = re.match(r"\\b(\(\?=\(\?i:\[[^]]*\]\)\)|\(\?=\\w\))", pattern.pattern)
    assert found is not None, pattern.pattern[:40]
    return re.compile(r"\b" + pattern.pattern[found.end() :], pattern.flags)


_RULE_PAIRS = [(rule.pattern, _unguarded(rule.pattern)) for rule in dates._RULES]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=14))
def test_date_rule_lookaheads_keep_every_match(pieces: list[str]) -> None:
    text = " ".join(pieces) if len(pieces) % 2 else "".join(pieces)
    for guarded, plain in _RULE_PAIRS:
        assert _spans(guarded, text) == _spans(plain, text), (plain.pattern[:60], text)


def test_date_rule_lookaheads_keep_written_dates() -> None:
    for text in (
        "Since Monday 3 March 2020, on or around the 4th of May, between 2 and 5 June 2019.",
        "In early March, mid-2019, late last year, the beginning of April and this past May 2018 fighting.",
        "On 12/05/2019 and 2020-03-14, from March 3 to 7, and 5-7 June, two weeks ago, last weekend.",
        "Earlier yesterday evening, the day before, later this month, over the past few days.",
    ):
        for guarded, plain in _RULE_PAIRS:
            assert _spans(guarded, text) == _spans(plain, text)


_PLACE_PIECES = [
    *_words("near nearby outside around outskirts vicinity close to area edge environs suburbs surroundings "
    "countryside of the north northeast south-west eastern western side part km kilometres 15 city town "
    "village capital port settlement oasis province state governorate district neighbourhood quarter "
    "suburb in and at Kabul Helmand NEAR Of OUTSIDE Province Near"),
    " ", "  ", "\n", "\t", ", ", "(", ")",
]  # fmt: skip


def _ends_in_word(before: str, pattern: re.Pattern[str], span: int) -> bool:
    tail = before.rstrip()
    return pattern.search(tail, max(0, len(tail) - span)) is not None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=12), st.booleans())
def test_place_context_guards_pass_every_match(pieces: list[str], spaced: bool) -> None:
    before = (" ".join(pieces) if spaced else "".join(pieces))[-80:]
    if place_context.NEAR_BEFORE.search(before) or place_context._PROVINCE_BEFORE.search(before):
        assert _ends_in_word(before, place_context._LAST_WORD, 10), before
    if place_context._OF_DISTRICT.search(before):
        assert "district" in before
    if place_quarters._QUARTER_BEFORE.search(before[-40:]):
        assert place_quarters._quarter_before(before[-40:]), before
    if place_context._OFFSET.search(before):
        assert place_context._DIGIT.search(before)


def test_place_context_guards_on_written_phrases() -> None:
    for before in (
        "clashes near ",
        "fighting on the outskirts of\n",
        "15 km north-east of ",
        "fighting near the town of  ",
        "the Helmand Province of ",
        "in the northern part of ",
        "close to\t",
        "near the village ",
    ):
        assert place_context.NEAR_BEFORE.search(before) or place_context._PROVINCE_BEFORE.search(before)
        assert _ends_in_word(before, place_context._LAST_WORD, 10), before
    assert place_quarters._quarter_before("shelling in the Neighbourhood OF ")
    assert not place_quarters._quarter_before("shelling in the district and ")


def test_anaphora_words_are_in_every_match() -> None:
    for text in (
        "Gunmen attacked the town on Monday.",
        "They withdrew from the small rural village.",
        "Shelling hit the capital and the oasis overnight.",
        "Residents of the settlement fled to the city.",
    ):
        for m in ANAPHORA.finditer(text):
            assert any(word in m.group(0) for word in ANAPHORA_WORDS)


def test_not_place_pattern_finds_what_the_list_holds() -> None:
    words = place_words()
    for key in ("islamic state", "the middle east region", "kabul", "east africa", "far eastern", ""):
        assert bool(words.not_place.search(key)) == any(p in key for p in words.not_places), key
