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


def test_a_plural_possessive_joins_the_words_of_a_name() -> None:
    from polemos.knowledge.phrases import PhraseIndex

    index: PhraseIndex[str] = PhraseIndex()
    index.add("Tripoli Revolutionaries Brigade", "TRB")
    found = index.find("Fighters of the Tripoli Revolutionaries' Brigade fled.")
    assert [m.text for m in found] == ["Tripoli Revolutionaries' Brigade"]
    # ... but a space alone after a word's own apostrophe is still needed: no gluing across a quote mark
    assert index.find("Tripoli Revolutionaries '' Brigade") == []


def test_ascii_and_accented_texts_fold_alike() -> None:
    from polemos.knowledge.phrases import PhraseIndex

    # an ASCII text is folded by lower-casing it whole; any other word by word (accents dropped)
    index: PhraseIndex[str] = PhraseIndex()
    index.add("Ansar al-Sharia", "AaS")
    index.add("Misrātah", "town")
    assert [m.text for m in index.find("ANSAR AL-SHARIA fighters left MISRATAH.")] == [
        "ANSAR AL-SHARIA",
        "MISRATAH",
    ]
    assert [m.text for m in index.find("Ansār al-Sharīa fighters left Misrātah.")] == [
        "Ansār al-Sharīa",
        "Misrātah",
    ]
