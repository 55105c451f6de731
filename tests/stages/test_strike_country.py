"""Tests for the forces that fly a report's strikes: their own country does not place the report
(stages/strike_country.py, doc_country.document_focus)."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus
from polemos.stages.strike_country import striker_demonyms, tells_strike


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dutch F-16 jets bombed two rocket launchers overnight.", {"NL"}),
        ("Italian warplanes carried out strikes on Syrian army depots.", {"IT"}),
        ("Belgian and Danish aircraft struck a depot.", {"BE", "DK"}),
        ("Norwegian submarines launched missiles at radar sites.", {"NO"}),
        # the struck side: after the strike, or befallen by it
        ("Jets carried out strikes on Syrian army depots.", set()),
        ("Libyan troops were bombed by French jets.", set()),
        # no strike in the sentence: forces at their work
        ("Kenyan police dispersed protesters with tear gas.", set()),
        ("Ethiopian troops shelled Kenyan refugees.", set()),  # shelling is ground fire: no strike word
    ],
)
def test_the_demonym_on_a_striking_force(text: str, expected: set[str]) -> None:
    assert striker_demonyms(text, load_countries()) == expected


def test_strike_words() -> None:
    assert tells_strike("Warplanes launched air strikes on the port.")
    assert tells_strike("The ministry says its jets dropped 300 bombs.")
    assert tells_strike("Frigates fired cruise missiles at radar sites.")
    assert not tells_strike("Troops shelled the town.")
    assert not tells_strike("Police dispersed the crowd.")


@pytest.mark.parametrize(
    "text",
    [
        # a striking army named by its name ("RAF") or by a demonym, and no place: the report tells no
        # country of its own (the run's prevailing one reads it: test_batch_country)
        "RAF Typhoons destroyed four tanks with guided missiles.",
        "Dutch F-16 jets bombed two rocket launchers overnight.",
        "Royal Navy submarines fired cruise missiles at coastal radar sites.",
        "Turkish drones struck the base.",
    ],
)
def test_a_striking_forces_country_does_not_place_the_report(gazetteer: Gazetteer, text: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2011) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the struck side's nationality places it
        ("British submarines launched strikes on Syrian radar sites.", "SY"),
        ("RAF jets dropped bombs over Libyan army positions.", "LY"),
        # the force's own country named by a group at home, or by a town of its own
        ("Nigerian jets bombed Boko Haram hideouts, killing dozens of insurgents.", "NG"),
        ("French jets struck a depot near Marseille.", "FR"),
        # ground forces and police keep their country as before (test_doc_country_foreigners)
        ("Kenyan police dispersed protesters with tear gas.", "KE"),
        ("Ethiopian troops shelled Kenyan refugees.", "ET"),
    ],
)
def test_a_strike_report_is_placed_by_what_else_it_names(
    gazetteer: Gazetteer, text: str, expected: str
) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2011) == expected
