"""Whose site a blast or strike hit is its target, not its striker ("explosions near Qaddafi's residence",
"a Gaddafi-held air base"); another party the sentence names struck it, and an unnamed striker is never
the target's own side (in a war where a foreign air power flies, that power). An air campaign's strike on
targets the report leaves unnamed hit the side the knowledge base says it flew against."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.stages.actor_sites import site_owner
from polemos.stages.annotate import Sentence

GADDAFI = "Military Forces of Libya (1969-2011)"
NATO_2011 = "Operation Unified Protector: NATO Mission in Libya (2011-2011)"


def _sides(coder: Any, text: str, published: dt.date) -> tuple[str | None, str | None]:
    return coded_sides(coder, text, published)


@pytest.mark.parametrize(
    "text",
    [
        "Three heavy blasts rocked central Tripoli overnight, apparently hitting near Qaddafi's residence.",
        "A Qaddafi ammunition depot burned after several loud explosions were heard in the city.",
        "A loud blast was reported at a Gaddafi-held air base near Sabha.",
    ],
)
def test_an_unnamed_blast_at_the_regimes_site_is_the_air_powers_during_its_campaign(
    coder: Any, text: str
) -> None:
    assert _sides(coder, text, dt.date(2011, 6, 2)) == (NATO_2011, GADDAFI)


def test_another_party_the_sentence_names_struck_the_owners_site(coder: Any) -> None:
    text = "A Qaddafi ammunition depot burned after several loud explosions following a NATO raid."
    assert _sides(coder, text, dt.date(2011, 5, 10)) == (NATO_2011, GADDAFI)


def test_a_militia_leaders_headquarters_hit_by_unnamed_blasts_is_the_target(coder: Any) -> None:
    text = "Explosions hit Tripoli's Souq al-Juma district overnight, and Ghneiwa's headquarters was struck."
    assert _sides(coder, text, dt.date(2017, 5, 12)) == (
        "Unidentified Armed Group (Libya)",
        "Abu Salim Brigade",
    )


@pytest.mark.parametrize(
    ("text", "when", "sides"),
    [
        # the doer is named before a site of the side it hit: nothing changes
        ("NATO jets struck Gaddafi's compound in Tripoli.", dt.date(2011, 5, 10), (NATO_2011, GADDAFI)),
        (
            "Gaddafi forces shelled rebel positions in Misrata, killing four.",
            dt.date(2011, 5, 10),
            (GADDAFI, "Libyan Rebel Forces"),
        ),
    ],
)
def test_a_named_doer_still_strikes_first(
    coder: Any, text: str, when: dt.date, sides: tuple[str, str]
) -> None:
    assert _sides(coder, text, when) == sides


def _owner(text: str, name: str, rule: str) -> bool:
    from dataclasses import dataclass

    from polemos.model import Actor

    @dataclass
    class _M:
        start: int
        end: int
        text: str
        actor: Actor
        rule: str
        confidence: float = 0.9
        category: str = "state"
        is_generic: bool = False

    i = text.index(name)
    sent = Sentence(index=0, start=0, end=len(text), text=text, paragraph=0)
    return site_owner(_M(i, i + len(name), name, Actor(name, 1, "LY"), rule), sent)


@pytest.mark.parametrize(
    ("text", "name", "rule", "owns"),
    [
        ("Blasts hit near Qaddafi's compound.", "Qaddafi", "alias:Qaddafi", True),
        ("Blasts hit near the Qaddafi compound.", "Qaddafi", "leader:Qaddafi", True),
        ("Smoke rose from Gaddafi's Bab al-Aziziya compound.", "Gaddafi", "leader:Gaddafi", True),
        ("A blast at a Gaddafi-held air base.", "Gaddafi", "alias:Gaddafi", True),
        ("Shells hit the militia's main headquarters.", "militia", "generic:militia", True),
        ("Gaddafi forces shelled rebel positions.", "Gaddafi forces", "alias:Gaddafi forces", False),
        ("Qaddafi's warplanes bombed the town.", "Qaddafi", "leader:Qaddafi", False),
        # a group's name as a bare modifier is left to the desk's order; "targets" may be a verb
        ("An explosive detonated near an AMISOM base.", "AMISOM", "abbreviation:AMISOM", False),
        ("A suspected Shabaab IED targets a bus.", "Shabaab", "leader:Shabaab", False),
    ],
)
def test_what_names_a_sites_owner(text: str, name: str, rule: str, owns: bool) -> None:
    assert _owner(text, name, rule) is owns


@pytest.mark.parametrize(
    ("text", "when", "hit"),
    [
        # NATO's 2011 campaign was flown against Gaddafi's forces: an untold target was theirs
        (
            "NATO warplanes destroyed three tanks and two rocket launchers near Zlitan.",
            dt.date(2011, 6, 10),
            GADDAFI,
        ),
        (
            "NATO strikes at enemy positions hit an ammunition storage facility.",
            dt.date(2011, 8, 10),
            GADDAFI,
        ),
        # after Gaddafi's death his remaining forces were written as a pro-government militia
        (
            "NATO jets hit two armed vehicles near Bani Walid.",
            dt.date(2011, 10, 28),
            "Militia (Pro-Government)",
        ),
        # and so were the strikes its states flew under their own flags, before the alliance took command
        # and in their own announcements after
        ("Danish jets bombed two armoured vehicles west of Ajdabiya.", dt.date(2011, 3, 23), GADDAFI),
        ("Italian jets struck a command centre near Misrata.", dt.date(2011, 7, 14), GADDAFI),
        # before the campaign began, and a force that is not the period's air power: no target is known
        ("NATO jets hit two armed vehicles near Bani Walid.", dt.date(2011, 2, 28), None),
        ("US aircraft struck two vehicles south of Sirte.", dt.date(2017, 3, 10), None),
    ],
)
def test_an_air_campaigns_untold_target_is_the_side_it_flew_against(
    coder: Any, text: str, when: dt.date, hit: str | None
) -> None:
    assert _sides(coder, text, when)[1] == hit
