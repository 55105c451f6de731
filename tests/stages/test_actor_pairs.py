"""Identity groups named as a pair before one armed noun: the first of the pair is an actor too."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.stages.actors import DocumentActors

TABU = "Tabu Ethnic Militia (Libya)"
AWLAD = "Awlad Suleiman Ethnic Militia (Libya)"


def _actors(text: str) -> list[tuple[str, str]]:
    doc = DocumentActors.build(text, load_actor_kb(), country="LY", year=2017, month=4)
    return [(m.text, m.actor.name) for m in doc.mentions]


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out between Tebu and Awlad Sulaiman fighters in Sebha.",
        "Clashes broke out between rival Tebu and Awlad Sulaiman communities in Sebha.",
        "Clashes broke out between the Tebu, and Awlad Sulaiman tribes in Sebha.",
    ],
)
def test_the_first_group_of_a_pair_is_named_by_the_noun_after_the_second(text: str) -> None:
    found = _actors(text)
    assert ("Tebu", TABU) in found
    assert any(name == AWLAD for _, name in found)


def test_a_group_alone_or_not_paired_by_and_is_no_actor() -> None:
    # a people named without an armed noun is no militia, nor is one listed with "or" or far before
    assert all(name != TABU for _, name in _actors("Tebu elders met in Sebha. Awlad Sulaiman fighters left."))
    assert all(name != TABU for _, name in _actors("Neither Tebu or Awlad Sulaiman fighters came."))


def test_a_paired_name_of_another_country_is_not_taken() -> None:
    # "Dinka" names a South Sudanese group: not the pair of a Libyan militia
    assert all(text != "Dinka" for text, _ in _actors("Dinka and Tebu fighters clashed near Kufra."))
