"""A report that names no place, actor or people the gazetteer and knowledge base know exactly takes its
country from a close respelling of its unknown toponym, where no other country holds a looser one."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry, IndexedGazetteer
from polemos.stages.doc_country import document_focus
from polemos.stages.place_respelt_country import _names, respelt_country
from polemos.stages.places import toponym_runs


def _town(name: str, country: str, population: int) -> GazetteerEntry:
    return GazetteerEntry(None, name, country, country, None, None, 10.0, 10.0, population, "P", "PPL")


def _country(text: str, gazetteer: Gazetteer) -> str | None:
    return respelt_country(text, list(toponym_runs(text, gazetteer)), gazetteer)


def test_a_close_respelling_of_a_town_tells_the_country() -> None:
    gazetteer = IndexedGazetteer([_town("Bakonaba", "XA", 40_000)])
    assert _country("Traders closed their shops in Bakounaba.", gazetteer) == "XA"
    assert _country("Residents of Bakounaba marched to the town hall.", gazetteer) == "XA"


def test_a_namesake_abroad_or_a_small_place_tells_nothing() -> None:
    two = IndexedGazetteer([_town("Bakonaba", "XA", 40_000), _town("Bakanabo", "XB", 900)])
    assert _country("Traders closed their shops in Bakounaba.", two) is None
    village = IndexedGazetteer([_town("Bakonaba", "XA", 800)])
    assert _country("Traders closed their shops in Bakounaba.", village) is None


def test_no_respelling_for_a_word_that_opens_a_sentence_a_title_or_a_body() -> None:
    gazetteer = IndexedGazetteer(
        [_town("Persens", "XA", 40_000), _town("Presidente", "XA", 40_000), _town("Bakonaba", "XA", 40_000)]
    )
    assert _country("Persons with disabilities marched.", gazetteer) is None
    assert _country("Supporters of the Président marched.", gazetteer) is None
    assert _names("Workers of the Bakounaba Water Company") == []
    assert _names("Inhabitants of Bakounaba") == [(15, "Bakounaba")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Residents of Nazreth protested against power cuts.", "ET"),  # Nazret (Adama)
        ("Residents of Medjez El Beb marched to demand a new governorate.", "TN"),  # Medjez el Bab
        ("Traders protested in Zongho over market fees.", None),  # Zongo (Congo), Zango (Nigeria, Angola)
    ],
)
def test_document_focus_falls_back_on_a_respelt_town(
    gazetteer: Gazetteer, text: str, expected: str | None
) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2018) == expected
