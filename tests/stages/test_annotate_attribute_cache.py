"""The memoized attribute ruler and lemmatizer give every token what the real components give it."""

from __future__ import annotations

from typing import Any

from polemos.stages.annotate import _parse, rule_attributes
from polemos.stages.attribute_cache import RuleAttributes
from polemos.stages.token_view import ParsedSentence

# Written for this test: verbs, nouns and pronouns in several forms, contractions, and the colloquial
# forms the model's multi-token rules handle ("gon na", "let 's", "ai n't").
SENTENCES = [
    "Gunmen attacked the convoy and killed three soldiers.",
    "The soldiers were attacking when the gunmen fled.",
    "She said they're gonna retake the town, and they ain't leaving.",
    "Let's see whether the rebels have got ta withdraw.",
    "Shelling hit the market; two shells landed near a mosque.",
    "He himself was wounded, but his brothers weren't.",
    "Forces loyal to the government recaptured the bridges on Tuesday.",
    "   ",
    "The militia's leaders denied that their fighters had looted homes.",
    "There were clashes near the port, and there is fear that all of them was hit.",
    "Y'all is gon na see: it was there, and is is a word.",
]


def _view(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, t.dep_, str(t.head.i), str(t.morph), t.lemma_) for t in doc]


def _read(sentence: ParsedSentence) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, t.dep_, str(t.head.i), t.lemma_, t.norm_) for t in sentence]


def test_memoized_rules_match_the_real_components(nlp: Any) -> None:
    rules = rule_attributes(nlp)
    assert rules.enabled  # the default model's rules can be memoized
    real = list(nlp.pipe(SENTENCES))
    expected = [_view(d) for d in real]
    read_out = [_read(ParsedSentence.from_doc(d)) for d in real]
    for _ in range(2):  # the first pass fills the memo, the second reads from it
        # Written into the Docs, as the components would ...
        piped = nlp.pipe([nlp.tokenizer(s) for s in SENTENCES * 2], disable=rules.disabled)
        assert [_view(d) for d in rules.apply(list(piped))] == expected * 2
        # ... or handed straight to the read-out, the Docs left as they are.
        parsed = _parse(nlp, [nlp.tokenizer(s) for s in SENTENCES * 2])
        assert [_read(p) for p in parsed] == read_out * 2


class _Ruler:
    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        self.patterns = patterns


class _Vocab:
    class strings:  # mimics spaCy's vocab.strings
        @staticmethod
        def add(word: str) -> int:
            return hash(word)


class _Nlp:
    pipe_names = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
    vocab = _Vocab()

    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        self.ruler = _Ruler(patterns)

    def get_pipe(self, name: str) -> Any:
        return self.ruler if name == "attribute_ruler" else object()


def test_rules_reading_other_tokens_or_attributes_are_not_memoized() -> None:
    local = {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN"}}
    assert RuleAttributes(_Nlp([local])).enabled
    by_entity = {"patterns": [[{"ENT_TYPE": "GPE"}]], "attrs": {"POS": "PROPN"}}
    assert not RuleAttributes(_Nlp([local, by_entity])).enabled
    unnamed_pair = {"patterns": [[{"TAG": "MD"}, {"TAG": "RB"}]], "attrs": {"LEMMA": "will"}}
    assert not RuleAttributes(_Nlp([local, unnamed_pair])).enabled
    named_pair = {"patterns": [[{"LOWER": "gon"}, {"TAG": "TO"}]], "attrs": {"LEMMA": "go"}}
    assert RuleAttributes(_Nlp([local, named_pair])).enabled


def test_one_token_rules_match_as_the_rulers_matcher(nlp: Any) -> None:
    # Learning matches the ruler's one-token patterns in Python: on tokens where no multi-token pattern
    # applies, the matches must be the Matcher's own, in the ruler's order.
    from polemos.stages.attribute_cache import SingleTokenRules

    single = SingleTokenRules.of(nlp)
    assert single is not None
    ruler = nlp.get_pipe("attribute_ruler")
    checked = 0
    for doc in nlp.pipe(SENTENCES, disable=["attribute_ruler", "lemmatizer"]):
        real = ruler.match(doc)
        if any(end - start > 1 for *_, start, end in real):
            continue  # a multi-token rule: such Docs go through the real components
        assert single.matches(doc) == real, doc.text
        checked += len(real)
    assert checked > 50


def test_one_token_rules_found_through_in_lists_and_spaces_match_as_a_matcher(nlp: Any) -> None:
    # Made-up rules of every kind the index files a rule under: a word named exactly, each word of an
    # IN list (of tags, labels or words), IS_SPACE, and rules it must try on every token.
    from spacy.matcher import Matcher

    from polemos.stages.attribute_cache import SingleTokenRules

    specs = [
        {"LOWER": "were"},
        {"TAG": {"IN": ["DT", "WDT"]}, "DEP": {"NOT_IN": ["det"]}},
        {"DEP": {"IN": ["aux", "auxpass"]}, "TAG": {"NOT_IN": ["TO"]}},
        {"LOWER": {"IN": ["have", "had", "do"]}, "DEP": {"IN": ["ROOT", "aux"]}},
        {"IS_SPACE": True},
        {"LOWER": {"REGEX": "^sh"}},
        {"TAG": {"NOT_IN": ["NN", "NNS", "DT"]}, "DEP": "nsubj"},
    ]
    single = SingleTokenRules(nlp.get_pipe("attribute_ruler"), list(enumerate(specs)))
    matcher = Matcher(nlp.vocab)
    for i, spec in enumerate(specs):
        matcher.add(str(i), [[spec]])
    checked = 0
    for doc in nlp.pipe(SENTENCES, disable=["attribute_ruler", "lemmatizer"]):
        mine = sorted((n, start) for n, _key, start, _end in single.matches(doc))
        real = sorted((int(nlp.vocab.strings[key]), start) for key, start, _end in matcher(doc))
        assert mine == real, doc.text
        checked += len(real)
    assert checked > 20
