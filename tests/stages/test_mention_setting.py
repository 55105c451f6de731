"""Which of a report's places an event mention gets (mention_setting.choose_place): the place its own
clause names, not a destination, an origin, a town that only qualifies an organisation or where the
reporter spoke; a home place over a foreign one; and, when the report names no place before or with the
event, the place named just after it.

The sentences are parsed by the real model; places are given by hand (not looked up), so that these
tests exercise the choice alone.
"""

from __future__ import annotations

from typing import Any

import pytest

from polemos.knowledge.lexicon import Lexicon, load_lexicon
from polemos.model import GeoPrecision, Place
from polemos.stages.annotate import Sentence, parse_batch, split_sentences
from polemos.stages.mention_context import NarrativeContext, SentenceFacts, home_country
from polemos.stages.mention_setting import choose_place
from polemos.stages.triggers import TriggerHit, candidate_hits

# Made-up towns, each with its country (coordinates only need to differ).
TOWNS = {
    "Karvala": "Libya",
    "Oststadt": "Libya",
    "Merona": "Libya",
    "Tessaly": "Libya",
    "Dunmore": "Libya",
    "Vostograd": "Russia",
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _places(sent: Sentence) -> tuple[Place, ...]:
    found = []
    for k, (name, country) in enumerate(TOWNS.items()):
        at = sent.text.find(name)
        if at >= 0:
            start = sent.start + at
            found.append(
                Place(
                    name,
                    30.0 + k,
                    15.0 + k,
                    country,
                    geo_precision=GeoPrecision.TOWN,
                    start=start,
                    end=start + len(name),
                    reason="test",
                )
            )
    return tuple(sorted(found, key=lambda p: p.start))


def _code(nlp: Any, lexicon: Lexicon, text: str, trigger: str) -> Place | None:
    """The place chosen for the trigger word `trigger` of the report `text`, told sentence by sentence
    the way the extract stage does (last place carried forward, the whole report's facts known)."""
    sentences = parse_batch([split_sentences(text)], nlp, lambda _s, _t: True)[0]
    facts = [SentenceFacts(places=_places(s)) for s in sentences]
    ctx = NarrativeContext(facts=facts, sentences=sentences)
    for sent, fact in zip(sentences, facts, strict=True):
        hits: list[TriggerHit] = candidate_hits(sent.doc, lexicon, frozenset())
        for hit in hits:
            if hit.anchor.text == trigger or sent.doc[hit.start].text == trigger:
                return choose_place(sent, fact, hit, ctx)
        if fact.places:
            ctx.last_place, ctx.last_place_sentence = fact.places[-1], sent
    raise AssertionError(f"no trigger {trigger!r} found")


def _name(place: Place | None) -> str | None:
    return place.name if place is not None else None


def test_a_report_naming_its_place_only_after_the_event_takes_that_place(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        "A prisoner was executed by fighters of a local brigade. "
        "A video released later shows the man kneeling on a road in Merona."
    )
    place = _code(nlp, lexicon, text, "executed")
    assert _name(place) == "Merona"
    assert place is not None and place.inherited  # a mention naming its own place still wins the merge


def test_a_place_named_far_after_the_event_is_not_taken(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        "A prisoner was executed by fighters of a local brigade. "
        "The brigade denied it. Its leader was not available. Its spokesman also spoke. "
        "Elsewhere, farmers met in Merona."
    )
    assert _code(nlp, lexicon, text, "executed") is None


def test_a_town_naming_who_reacts_next_is_not_taken(nlp: Any, lexicon: Lexicon) -> None:
    text = "A prisoner was executed by fighters of a local brigade. Officials in Merona condemned it."
    assert _code(nlp, lexicon, text, "executed") is None


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        pytest.param(
            "A prisoner was executed by fighters of a local brigade. In Merona, the brigade denied it.",
            "executed",
            "Merona",
            id="a_next_sentence_opening_on_the_place_gives_it",
        ),
        pytest.param(
            "Gunmen entered Karvala at dawn. A prisoner was executed. A video later appeared in Merona.",
            "executed",
            "Karvala",
            id="a_place_named_before_the_event_beats_one_named_after",
        ),
        pytest.param(
            "Women in Tessaly protested over officials joining the delegation of the council to Dunmore.",
            "protested",
            "Tessaly",
            id="the_place_of_a_protest_beats_the_destination_of_a_delegation",
        ),
        pytest.param(
            "Rebel fighters advanced to Merona and attacked Karvala on Monday.",
            "attacked",
            "Karvala",
            id="a_destination_of_the_trigger_itself_still_counts",
        ),
        pytest.param(
            "Airstrikes targeted the Brigades for the Defence of Oststadt in the area of Merona.",
            "Airstrikes",
            "Merona",
            id="a_town_qualifying_an_armed_group_is_not_where_it_was_struck",
        ),
        pytest.param(
            "Renewed airstrikes targeted Oststadt's Northern Shield near Merona.",
            "airstrikes",
            "Merona",
            id="a_town_as_the_possessor_of_a_named_force_is_not_the_place",
        ),
        pytest.param(
            "Oststadt militia attacked on Monday near Merona.",
            "attacked",
            "Merona",
            id="a_town_naming_whose_militia_attacked_is_not_where_it_attacked",
        ),
        pytest.param(
            "Fighting spread around Karvala. Jets struck a camp 10km Southwest of Merona on Monday.",
            "struck",
            "Merona",
            id="a_compass_point_of_a_town_is_near_that_town",
        ),
        pytest.param(
            "Fighting spread around Merona. Gunmen attacked a convoy on the road, officials in Karvala said.",
            "attacked",
            "Merona",
            id="where_the_reporting_source_sits_is_not_where_the_event_was",
        ),
    ],
)
def test_the_event_takes_the_place_it_happened_at(
    nlp: Any, lexicon: Lexicon, text: str, trigger: str, place: str
) -> None:
    assert _name(_code(nlp, lexicon, text, trigger)) == place


def test_a_lone_town_in_a_name_is_still_the_place_when_nothing_else_is_named(
    nlp: Any, lexicon: Lexicon
) -> None:
    text = "Airstrikes targeted the Brigades for the Defence of Oststadt."
    assert _name(_code(nlp, lexicon, text, "Airstrikes")) == "Oststadt"


def test_a_home_place_beats_a_foreign_one_in_the_same_sentence(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        "Fighting went on in Karvala. "
        "Militiamen clashed with the army outside the Vostograd embassy in Merona, officials added."
    )
    assert _name(_code(nlp, lexicon, text, "clashed")) == "Merona"


def test_home_country_needs_a_plurality_of_the_reports_places() -> None:
    def at(name: str) -> SentenceFacts:
        return SentenceFacts(places=(Place(name, 1.0, 1.0, TOWNS[name]),))

    assert home_country([at("Karvala"), at("Vostograd"), at("Merona")]) == "Libya"
    assert home_country([at("Vostograd"), at("Karvala")]) is None  # a tie tells nothing
    assert home_country([]) is None
