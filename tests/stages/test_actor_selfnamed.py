"""A group the report names by the name it gives itself ("fighters who called themselves "Islamic Emirate
of Fezzan"") is an actor of that name: a knowledge-base alias that only begins the longer name (the
Taliban's "Islamic Emirate") is not that actor, nor is the noun the name is told of ("rebels"); a name the
knowledge base holds in full stays its own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coded_sides import coded_sides

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.self_names import self_names
from polemos.model import Document

WAR_DAY = dt.date(2011, 6, 14)


def test_self_given_names_are_found_quoted_or_capitalised() -> None:
    text = (
        'Fighters who called themselves "Islamic Emirate of Fezzan" raided a depot. Later a group '
        "calling itself the Sons of Ghat Brigade claimed it."
    )
    assert [n.name for n in self_names(text)] == ["Islamic Emirate of Fezzan", "Sons of Ghat Brigade"]
    assert self_names("The rebels called for a ceasefire.") == []


def test_an_alias_that_only_begins_a_self_given_name_is_not_matched() -> None:
    kb = load_actor_kb()
    inside = kb.scan('Fighters who called themselves "Islamic Emirate of Fezzan" raided a depot.')
    assert all(m.key != "Islamic Emirate" for m in inside)
    alone = kb.scan("Fighters of the Islamic Emirate raided a depot.")
    assert any(m.key == "Islamic Emirate" for m in alone)


def test_a_self_named_group_is_coded_under_its_own_name(coder: Any) -> None:
    text = 'Rebels who called themselves "Islamic Emirate of Fezzan" attacked a police post in Ghat.'
    sides = coded_sides(coder, text, WAR_DAY)
    assert "Islamic Emirate of Fezzan" in sides
    assert not {"Taliban", "Libyan Rebel Forces"} & set(sides)


def test_a_name_the_knowledge_base_holds_in_full_stays_its_own(coder: Any) -> None:
    text = "Gunmen from a group calling itself the Islamic State attacked a police post in Sirte."
    events = coder.code(Document(id="kb", text=text, published=dt.date(2016, 6, 14)))
    names = {e.actor1.name for e in events if e.actor1} | {e.actor2.name for e in events if e.actor2}
    assert any(n.startswith("Islamic State") for n in names), names
