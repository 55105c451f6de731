"""A political party's members, youths or cadres who beat, burn or kill are the party's political militia
(ACLED names them as the party, inter 3); the party's members who are attacked stay civilians, and its
crowds stay protesters or rioters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Actor, Document
from polemos.stages.party_militias import party_militia
from polemos.taxonomy import EventType, SubEventType

_VAC = EventType.VIOLENCE_AGAINST_CIVILIANS
_UNNAMED = Actor("Unidentified Armed Group (Zimbabwe)", 3, "ZW")
_ZANU = Actor("ZANU-PF: Zimbabwe African National Union-Patriotic Front", 3, "ZW")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the subject of an act of violence, or the agent of a passive one
        ("Zanu PF youths whipped a vendor at the bus terminus.", _ZANU),
        ("A teacher was beaten by suspected ZANU-PF supporters near the school.", _ZANU),
        ("ZANU-PF activists reportedly torched the homestead of an opposition councillor.", _ZANU),
        ("Two ZANU youths severely assaulted a vendor who refused to buy a party card.", _ZANU),
        # the party's members as the victims are no doers
        ("Unknown men assaulted three ZANU-PF supporters outside a beer hall.", None),
        ("ZANU-PF members were attacked on their way home.", None),
        # no violence told right after the party's following
        ("ZANU-PF supporters who attended the rally were later attacked.", None),
    ],
)
def test_a_partys_following_as_the_doers(sentence: str, expected: Actor | None) -> None:
    assert party_militia(_VAC, SubEventType.ATTACK, _UNNAMED, sentence) == expected


def test_only_unnamed_doers_and_violence_against_civilians_are_renamed() -> None:
    text = "ZANU-PF youths attacked a man in the market."
    soldiers = Actor("Military Forces of Zimbabwe (2017-)", 1, "ZW")
    assert party_militia(_VAC, SubEventType.ATTACK, soldiers, text) is None
    assert party_militia(EventType.RIOTS, SubEventType.MOB_VIOLENCE, _UNNAMED, text) is None
    assert party_militia(EventType.STRATEGIC_DEVELOPMENTS, SubEventType.LOOTING, _UNNAMED, text) == _ZANU


def test_short_abbreviations_keep_their_case_and_country() -> None:
    zambia = Actor("Unidentified Armed Group (Zambia)", 3, "ZM")
    pf = Actor("PF: Patriotic Front", 3, "ZM")
    assert party_militia(_VAC, SubEventType.ATTACK, zambia, "PF cadres beat two traders in Kitwe.") == pf
    assert party_militia(_VAC, SubEventType.ATTACK, zambia, "pf cadres beat two traders in Kitwe.") is None
    # a party of another country than the one the report is placed in is a namesake
    kenya = Actor("Unidentified Armed Group (Kenya)", 3, "KE")
    assert party_militia(_VAC, SubEventType.ATTACK, kenya, "PF cadres beat two traders.") is None


def test_a_partys_cadres_attacking_residents_are_coded_as_the_party(coder: Any) -> None:
    text = "Suspected UPND cadres stabbed two women at a market in Kitwe."
    events = coder.code(Document(id="party", text=text, published=dt.date(2016, 7, 20)))
    attacks = [e for e in events if e.event_type is _VAC]
    assert attacks and attacks[0].actor1 == Actor("UPND: United Party for National Development", 3, "ZM")
    assert any(x.field == "actor1" and x.rule == "actor:party-militia" for x in attacks[0].evidence)
