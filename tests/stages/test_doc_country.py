"""Tests for the document's country: own actors and institutions first, then toponyms with namesakes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus, own_country_votes, toponym_votes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party or force of one country decides before any toponym
        ("UPND supporters clashed with police in Barcelona township.", "ZM"),
        ("FARDC soldiers patrolled near the lake.", "CD"),
        # a big city of the report's country outweighs a namesake of the smaller place beside it
        ("Protesters gathered outside the offices in Auckland Park, Johannesburg.", "ZA"),
        # a demonym often names a foreign party: the town still decides
        ("Egyptian warplanes struck Derna.", "LY"),
        ("Turkish drones hit Tripoli.", "LY"),
        ("People gathered in the square.", None),
    ],
)
def test_document_focus(gazetteer: Gazetteer, text: str, expected: str | None) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == expected


def test_toponym_votes_count_namesakes_below_the_main_reading(gazetteer: Gazetteer) -> None:
    votes, first = toponym_votes("Fighting in Tripoli.", gazetteer)
    assert max(votes, key=lambda c: votes[c]) == "LY"
    assert set(votes) > {"LY"} and first["LY"] == len("Fighting in ")


def test_toponym_votes_ignore_a_geonames_namesake_with_no_population(gazetteer: Gazetteer) -> None:
    # GeoNames lists an unpeopled Chinese "Beida": it must not make a Libyan report Chinese
    votes, _ = toponym_votes("Gunmen attacked a checkpoint in Beida.", gazetteer)
    assert "CN" not in votes


def test_toponym_votes_count_a_demonym_that_opens_a_name(gazetteer: Gazetteer) -> None:
    votes, first = toponym_votes("Units of the Libyan National Army advanced.", gazetteer)
    assert votes == {"LY": pytest.approx(1.0)} and first["LY"] == len("Units of the ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a demonym names a foreign party; the place something happens "in" names the report's country
        ("A small Turkish fishing boat was seized by armed men in Zuwara.", "LY"),
        ("A small Maltese tug was seized by armed men in Zuwara on Monday.", "LY"),
        # a demonym still decides where no place is named (but on a striking force: test_strike_country);
        # "into" a town sets the scene there too
        ("Turkish troops stormed the base.", "TR"),
        ("Nigerian troops crossed into Diffa.", "NE"),
    ],
)
def test_a_place_set_as_the_scene_outweighs_a_demonym(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == expected


def test_the_country_holding_most_toponyms_wins_over_bigger_namesakes(gazetteer: Gazetteer) -> None:
    # Benin has a Plateau province and Italy a Bassa, but only Nigeria holds both names
    text = "Herders attacked a village in Bassa Local Government Area of Plateau State."
    assert document_focus(text, gazetteer, load_actor_kb(), 2017) == "NG"


def test_a_word_opening_the_sentence_holds_no_toponym(gazetteer: Gazetteer) -> None:
    # "Early" is an American town: with "Tripoli" (also American) it must not make the report American
    assert document_focus("Early morning raids hit Tripoli.", gazetteer, load_actor_kb(), 2011) == "LY"


def test_a_name_that_ends_a_run_after_of_counts_in_full(gazetteer: Gazetteer) -> None:
    # "Mogadishu" of "Wadajir District of Mogadishu" is the city's own name, not a loose fit
    votes, _ = toponym_votes("Gunmen killed an elder in the Wadajir District of Mogadishu.", gazetteer)
    assert votes["SO"] >= 1.5


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        # a foreign air force named alone strikes abroad: the town it strikes names the country
        ("RAF Typhoons hit a radar site in Ajdabiya overnight.", 2011, "LY"),
        ("Royal Air Force jets bombed an ammunition store outside Benghazi.", 2011, "LY"),
        # named alone and nowhere, a force still tells its country
        ("RAF Typhoons returned to their base after the mission.", 2011, "GB"),
        # a domestic force's report stays at home though it names a foreign victim's nationality
        ("Gaddafi forces detained two Dutch reporters at a checkpoint.", 2011, "LY"),
    ],
)
def test_document_focus_forces_fight_abroad(
    gazetteer: Gazetteer, text: str, year: int, expected: str
) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), year) == expected


def test_own_country_votes_count_a_force_once_and_a_leader_twice() -> None:
    kb, countries = load_actor_kb(), load_countries()
    assert own_country_votes("RAF jets took off at dawn.", kb, countries, 2011) == {"GB": 1}
    votes = own_country_votes("RAF jets struck a tank of Gaddafi's army.", kb, countries, 2011)
    assert votes == {"GB": 1, "LY": 2}


def test_own_country_votes_a_mission_for_the_country_it_serves() -> None:
    kb, countries = load_actor_kb(), load_countries()
    # a mission named after the country it serves votes for it, as a force does
    assert own_country_votes("AMISOM troops escorted the convoy.", kb, countries, 2017) == {"SO": 1}
    # a foreign contractor's country is where it comes from, not where it fights
    assert own_country_votes("Wagner mercenaries guarded the oil field.", kb, countries, 2020) == {}


def test_document_focus_a_mission_alone_places_the_report(gazetteer: Gazetteer) -> None:
    assert (
        document_focus("AMISOM troops came under fire on the road.", gazetteer, load_actor_kb(), 2017) == "SO"
    )


def test_a_report_s_toponym_runs_are_read_once_however_often_they_are_asked_for() -> None:
    from polemos.stages.places import KeptRuns

    read: list[int] = []

    def source() -> Iterator[int]:
        for i in range(4):
            read.append(i)
            yield i

    runs = KeptRuns(source())  # type: ignore[arg-type]  # any items: the replay does not look at them
    assert next(iter(runs)) == 0  # a reader that stops at the first
    assert list(runs) == [0, 1, 2, 3]
    assert list(runs) == [0, 1, 2, 3]
    assert read == [0, 1, 2, 3]
