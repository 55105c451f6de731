"""The token-trie phrase index shared by the actor knowledge base and the country table."""

from __future__ import annotations


def test_phrase_index_remembers_texts_but_not_past_a_new_phrase() -> None:
    from polemos.knowledge.phrases import PhraseIndex

    index: PhraseIndex[str] = PhraseIndex()
    index.add("Derna", "town")
    first = index.find("Clashes in Derna and Benghazi.")
    first.clear()  # a caller changing its list must not change what the next caller gets
    assert [m.text for m in index.find("Clashes in Derna and Benghazi.")] == ["Derna"]
    index.add("Benghazi", "city")
    assert [m.text for m in index.find("Clashes in Derna and Benghazi.")] == ["Derna", "Benghazi"]
