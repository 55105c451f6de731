"""The annotate stage's pre-filters and batch parse: which sentences pay for the spaCy parse, and that
skipping the others never hides a trigger from the extract stage."""

from __future__ import annotations

from typing import Any

import pytest

from polemos.knowledge.lexicon import Lexicon
from polemos.stages.annotate import Sentence, TriggerFilter, _parse_memo, parse_batch, split_sentences
from polemos.stages.triggers import find_trigger_spans

# Written for these tests: inflected, irregular and multi-word trigger forms, and sentences with none.
SENTENCES = [
    "Militants attacked a police checkpoint near the market on Monday.",
    "Two soldiers were killed when gunmen ambushed their convoy.",
    "Government forces fought rebels for hours outside the town.",
    "The army recaptured the district centre after heavy fighting.",
    "A roadside bomb exploded as a bus passed, wounding six passengers.",
    "Warplanes struck positions held by the group overnight.",
    "Protesters gathered in front of the ministry to demand salaries.",
    "The fighters seized control of the airport and shot down a helicopter.",
    "Clashes broke out between two tribes over a land dispute.",
    "Unknown assailants abducted a local official on his way home.",
    "The weather was mild and the harvest is expected to be good.",
    "Officials said the meeting would resume next week in the capital.",
    "Fatalities unknown.",
    "He thanked the donors for their support of the new hospital.",
    "Shelling hit residential areas, and a mortar round landed near a school.",
    "The committee is drafting a report about the economy.",
]


@pytest.fixture(scope="module")
def lexicon(coder: Any) -> Lexicon:
    lex: Lexicon = coder.lexicon
    return lex


@pytest.fixture(scope="module")
def trigger_filter(nlp: Any, lexicon: Lexicon) -> TriggerFilter:
    return TriggerFilter(nlp, lexicon)


def test_filter_keeps_every_sentence_the_parse_finds_a_trigger_in(
    nlp: Any, lexicon: Lexicon, trigger_filter: TriggerFilter
) -> None:
    with_trigger = 0
    for text in SENTENCES:
        if find_trigger_spans(nlp(text), lexicon):
            with_trigger += 1
            assert trigger_filter.may_trigger(nlp.tokenizer(text)), text
    assert with_trigger >= 10  # the sentences exercise the property, not just the negative case


@pytest.mark.parametrize(
    "text",
    [
        "The weather was mild and the harvest is expected to be good.",
        "He thanked the donors for their support of the new hospital.",
        "The committee is drafting a report about the economy.",
    ],
)
def test_filter_drops_sentences_without_any_trigger_word(
    nlp: Any, trigger_filter: TriggerFilter, text: str
) -> None:
    assert not trigger_filter.may_trigger(nlp.tokenizer(text))


@pytest.mark.parametrize("word", ["fought", "ambushed", "seized", "clashes", "Shelling"])
def test_filter_knows_inflected_and_irregular_forms(trigger_filter: TriggerFilter, word: str) -> None:
    assert trigger_filter.word_may_trigger(word)


class _Pipe:
    mode = "some-future-mode"
    lookups = None
    patterns: tuple[dict[str, Any], ...] = ()


class _FakeNlp:
    """An nlp whose lemmatizer the filter cannot read."""

    pipe_names = ("lemmatizer",)

    def get_pipe(self, name: str) -> _Pipe:
        return _Pipe()


def test_filter_lets_everything_through_when_it_cannot_bound_the_lemmas(lexicon: Lexicon) -> None:
    assert TriggerFilter(_FakeNlp(), lexicon).word_may_trigger("weather")


class _RulerPipe:
    patterns = ({"patterns": [[{"TAG": "VBD"}]], "attrs": {"LEMMA": "attack"}},)


class _RulerNlp:
    """An attribute ruler that sets a trigger lemma on tokens it picks by tag, not by text."""

    pipe_names = ("attribute_ruler",)

    def get_pipe(self, name: str) -> _RulerPipe:
        return _RulerPipe()


def test_filter_lets_everything_through_when_the_ruler_sets_trigger_lemmas_by_tag(lexicon: Lexicon) -> None:
    assert TriggerFilter(_RulerNlp(), lexicon).word_may_trigger("weather")


def test_parse_batch_parses_the_selected_sentences_of_every_document(nlp: Any) -> None:
    docs = [
        split_sentences("Gunmen attacked a village. The rains came late.\n\nTroops fought back."),
        split_sentences("Nothing happened. Rebels seized the town."),
    ]
    out = parse_batch(docs, nlp, lambda s, _tokens: "e" in s.text.split()[0].lower())
    assert [[s.text for s in d] for d in out] == [[s.text for s in d] for d in docs]
    parsed = [(s.text, s.is_parsed) for d in out for s in d]
    assert parsed == [
        ("Gunmen attacked a village.", True),
        ("The rains came late.", True),
        ("Troops fought back.", False),
        ("Nothing happened.", False),
        ("Rebels seized the town.", True),
    ]
    first: Sentence = out[0][0]
    alone = nlp(first.text)
    assert [(t.text, t.lemma_, t.dep_, t.head.i) for t in first.doc] == [
        (t.text, t.lemma_, t.dep_, t.head.i) for t in alone
    ]
    assert out[0][2].paragraph == 1 and out[1][1].start == docs[1][1].start


def test_parse_batch_parses_a_repeated_sentence_once_with_the_same_parse(nlp: Any) -> None:
    _parse_memo(nlp).clear()
    piped: list[str] = []
    real_pipe = nlp.pipe

    def counting_pipe(docs: Any, **kwargs: Any) -> Any:
        docs = list(docs)
        piped.extend(d.text for d in docs)
        return real_pipe(docs, **kwargs)

    said = "It is unclear who planted the bomb."
    first = [
        split_sentences(f"Gunmen attacked a market in Gao. {said}"),
        split_sentences(f"{said} Troops fled."),
    ]
    nlp.pipe = counting_pipe
    try:
        out = parse_batch(first, nlp, lambda _s, _tokens: True)
        again = parse_batch([split_sentences(f"Rebels shelled Kidal. {said}")], nlp, lambda _s, _tokens: True)
    finally:
        del nlp.pipe  # the instance attribute goes; the class's method is back
    assert piped.count(said) == 1  # once across two documents of one batch and a later batch
    repeated = [out[0][1], out[1][0], again[0][1]]
    assert all(s.doc is repeated[0].doc for s in repeated)
    assert [s.start for s in repeated] == [33, 0, 22]  # each keeps its own place in its document
    alone = nlp(said)
    assert [(t.text, t.lemma_, t.dep_, t.head.i) for t in repeated[0].doc] == [
        (t.text, t.lemma_, t.dep_, t.head.i) for t in alone
    ]


def test_filter_needs_the_whole_phrase_not_just_its_first_word(nlp: Any) -> None:
    from polemos.knowledge.lexicon import Trigger, build_lexicon
    from polemos.taxonomy import SubEventType

    lexicon = build_lexicon([Trigger("fire", SubEventType.ARMED_CLASH, (("open", "fire"),))], {})
    only_fire = TriggerFilter(nlp, lexicon)
    assert only_fire.may_trigger(nlp.tokenizer("Soldiers opened fire on the crowd."))
    assert only_fire.may_trigger(nlp.tokenizer("The guards open fire at dawn."))
    assert not only_fire.may_trigger(nlp.tokenizer("Soldiers opened the gates; a fire broke out."))
