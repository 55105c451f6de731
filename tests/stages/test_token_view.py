"""ParsedSentence / ParsedToken read a spaCy parse once: each attribute and tree link must be what
spaCy's own Doc and Token give, on real parses (long sentences, coordination, relative clauses)."""

from __future__ import annotations

from typing import Any

import pytest

from polemos.config import Settings
from polemos.stages.annotate import load_nlp, parse_batch, split_sentences
from polemos.stages.token_view import ParsedSentence, view

SENTENCES = [
    "Forces loyal to the government recaptured the town of Sirte on Friday after clashes with militants.",
    "Gunmen who had been hiding in the hills ambushed a convoy, killing three soldiers and wounding two.",
    "Protesters blocked roads, burned tyres and closed shops in Benghazi and Tobruk, police said.",
    "According to the ministry, 12 people were killed and 30 were wounded when the market was shelled.",
    "The army, which is led by Haftar, said it had taken Derna, Ras Lanuf and the airport.",
    "",
    "Clashes.",
]


@pytest.fixture(scope="module")
def parsed() -> list[tuple[Any, ParsedSentence]]:
    nlp = load_nlp(Settings().model)
    out = []
    for text in SENTENCES:
        doc = nlp(text)
        out.append((doc, ParsedSentence.from_doc(doc)))
    return out


def _ids(tokens: Any) -> list[int]:
    return [t.i for t in tokens]


def test_every_attribute_and_link_is_spacys(parsed: list[tuple[Any, ParsedSentence]]) -> None:
    for doc, light in parsed:
        assert len(light) == len(doc) and light.text == doc.text
        for tok, mine in zip(doc, light, strict=True):
            for attr in ("i", "idx", "text", "whitespace_", "lower_", "lemma_", "norm_", "pos_", "tag_",
                         "dep_", "ent_type_", "like_num", "is_space"):  # fmt: skip
                assert getattr(mine, attr) == getattr(tok, attr), (doc.text, tok.i, attr)
            assert mine.head.i == tok.head.i
            assert _ids(mine.children) == _ids(tok.children)
            assert _ids(mine.lefts) == _ids(tok.lefts)
            assert _ids(mine.rights) == _ids(tok.rights)
            assert _ids(mine.subtree) == _ids(tok.subtree)
            assert (mine.left_edge.i, mine.right_edge.i) == (tok.left_edge.i, tok.right_edge.i)
            assert _ids(mine.conjuncts) == _ids(tok.conjuncts)
            assert mine.doc is light and light[mine.i] is mine
        assert light.lemmas == tuple(t.lemma_.lower() for t in doc)
        assert light.lowers == tuple(t.lower_ for t in doc)


def test_conjuncts_are_found_in_a_coordinated_list(parsed: list[tuple[Any, ParsedSentence]]) -> None:
    # The test above compares with spaCy; this one makes sure it compared something non-trivial.
    assert any(t.conjuncts for _, light in parsed for t in light)


def test_the_pipeline_hands_later_stages_parsed_sentences_and_view_is_idempotent() -> None:
    nlp = load_nlp(Settings().model)
    sentences = parse_batch(
        [split_sentences("Rebels attacked the base. It rained.")], nlp, lambda s, _t: True
    )[0]
    assert all(isinstance(s.doc, ParsedSentence) for s in sentences)
    assert view(sentences[0].doc) is sentences[0].doc
    doc = nlp("Rebels attacked the base.")
    assert view(doc) is view(doc)  # read from a spaCy Doc once, then kept on it


def test_a_crossing_arc_keeps_spacys_subtree_order() -> None:
    # A non-projective tree (the parser makes a few): token 1 hangs off token 3 across the arc from token 0
    # to token 2, so token 0's subtree is not the run of tokens between its edges.
    from spacy.tokens import Doc

    nlp = load_nlp(Settings().model)
    words = ["Militants", "troops", "attacking", "said", "fled"]
    doc = Doc(
        nlp.vocab, words=words, heads=[4, 3, 0, 4, 4], deps=["nsubj", "nsubj", "relcl", "advcl", "ROOT"]
    )
    light = ParsedSentence.from_doc(doc)
    assert not all(t._contiguous for t in light)
    for tok, mine in zip(doc, light, strict=True):
        assert _ids(mine.subtree) == _ids(tok.subtree)
        assert (mine.left_edge.i, mine.right_edge.i) == (tok.left_edge.i, tok.right_edge.i)
