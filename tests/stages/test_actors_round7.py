"""Actor names known to the day (a camp renamed mid-month) and who did what an infinitive tells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.actors import load_actor_kb
from polemos.model import Document
from polemos.stages.actors import DocumentActors
from polemos.taxonomy import EventType

GADDAFI = "Military Forces of Libya (1969-2011)"
LOYALISTS = "Militia (Pro-Government)"
REBELS = "Libyan Rebel Forces"
NLA = "NLA: National Liberation Army"
NEW_ARMY = "Military Forces of Libya (2011-2012)"


@pytest.mark.parametrize(
    ("month", "day", "regime", "rebels"),
    [
        (9, 15, GADDAFI, NLA),  # the day before the UN seated the NTC
        (9, 16, LOYALISTS, NLA),  # from that day Gaddafi's forces were a militia
        (10, 1, LOYALISTS, GADDAFI),  # the NTC's fighters written as the state's (see actors.yaml)
        (10, 20, LOYALISTS, GADDAFI),  # Gaddafi's death
        (10, 21, LOYALISTS, NEW_ARMY),  # the new government's forces from the day after
        (9, None, GADDAFI, NLA),  # a day not known reads as mid-month, before the change
        (10, None, LOYALISTS, GADDAFI),
        (None, None, GADDAFI, NLA),  # a month not known reads as mid-year
    ],
)
def test_libyas_2011_names_change_on_the_day(
    month: int | None, day: int | None, regime: str, rebels: str
) -> None:
    kb = load_actor_kb()
    gaddafi, rebel_forces = kb.entry(GADDAFI), kb.entry(REBELS)
    assert gaddafi is not None and rebel_forces is not None
    assert gaddafi.name_in(2011, month, day) == regime
    assert rebel_forces.name_in(2011, month, day) == rebels


def test_the_camp_of_a_period_name_follows_the_day() -> None:
    kb = load_actor_kb()
    before, after = kb.camp_of(GADDAFI, 2011, 9, 10), kb.camp_of(GADDAFI, 2011, 10, 5)
    assert before is not None and before.id == "gaddafi"
    assert after is not None and after.id == "ntc"  # the state's name, written for the NTC's fighters


def test_a_report_is_named_by_the_day_it_was_published() -> None:
    kb = load_actor_kb()
    text = "Gaddafi loyalists shelled the port with rockets."
    names = []
    for day in (14, 18):
        doc = DocumentActors.build(text, kb, country="LY", year=2011, month=9, day=day)
        names.append([m.actor.name for m in doc.mentions])
    assert names == [[GADDAFI], [LOYALISTS]]


def test_a_user_file_may_bound_names_and_lead_by_the_day(tmp_path: Path) -> None:
    extra = tmp_path / "war.yaml"
    extra.write_text(
        "sides:\n  - id: coast_front\n    years: [2031, 2031]\n"
        '    leads_battles: [["2031-05-10", "2031-05-20"]]\n'
        "actors:\n  - name: Coast Front\n    inter: 2\n    years: [2031, null]\n    side: coast_front\n"
        '    named: [{years: ["2031-05-12", null], name: Coast Front Army}]\n',
        encoding="utf-8",
    )
    kb = load_actor_kb([extra])
    front, side = kb.entry("Coast Front"), kb.side("coast_front")
    assert front is not None and side is not None
    assert [front.name_in(2031, 5, d) for d in (11, 12)] == ["Coast Front", "Coast Front Army"]
    assert [side.leads_in(2031, 5, d) for d in (9, 10, 20, 21)] == [False, True, True, False]
    assert side.leads_in(2031, 5) is True  # mid-month


def test_an_impossible_day_is_refused(tmp_path: Path) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(
        'actors:\n  - name: Coast Front\n    inter: 2\n    named: [{years: ["2031-02-30", null], name: X}]\n',
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="`named`"):
        load_actor_kb([extra])


def _battle(coder: Any, text: str, published: dt.date) -> tuple[str | None, str | None]:
    events = coder.code(Document(id="r7", text=text, published=published))
    fights = [e for e in events if e.event_type is EventType.BATTLES]
    assert fights, f"no battle coded in {text!r}"
    e = fights[0]
    return (e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # who was able or attempted did it (the roles are tested below); in March 2011 the camp that
        # held the initiative goes first: the rebels to 6 March, the regime in its counter-offensive
        ("Rebel fighters in Libya were able to take control of Bin Jawad after a day of clashes.",
         dt.date(2011, 3, 6), (REBELS, GADDAFI)),
        ("Libyan rebels attempted to recapture Zueitina from loyalist troops.",
         dt.date(2011, 3, 8), (GADDAFI, REBELS)),
    ],
)  # fmt: skip
def test_the_doer_of_an_infinitive_is_the_subject_above_it(
    coder: Any, text: str, published: dt.date, expected: tuple[str, str]
) -> None:
    assert _battle(coder, text, published) == expected


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Insurgent fighters were able to overrun the checkpoint.", "fighters"),
        ("The militia tried to seize the fuel depot.", "militia"),
        ("Army units managed to retake the bridge.", "units"),
        # a verb with its own object hands the infinitive to that object: the troops did not abandon it
        ("Government troops forced the rebels to abandon the town.", None),
        ("The army ordered the militia to leave the base.", None),
    ],
)
def test_the_subject_above_an_infinitive_is_its_doer_unless_an_object_is(
    nlp: Any, text: str, doer: str | None
) -> None:
    from polemos.stages.arguments import _controller_subjects

    doc = nlp(text)
    infinitive = next(t for t in doc if t.dep_ == "xcomp")
    assert [t.text for t in _controller_subjects(infinitive)] == ([doer] if doer else [])


def test_herdsmen_of_a_people_are_its_militia_in_a_report(coder: Any) -> None:
    text = "Suspected Fulani herdsmen attacked farmers near Makurdi in Benue State, Nigeria, killing four."
    events = coder.code(Document(id="r7-herd", text=text, published=dt.date(2029, 4, 3)))
    assert events and events[0].actor1 is not None
    assert (events[0].actor1.name, events[0].actor1.inter) == ("Fulani Ethnic Militia (Nigeria)", 4)


@pytest.mark.parametrize(
    ("text", "published", "perpetrator"),
    [
        # who finds the dead came upon the killing: the perpetrator stays unnamed
        ("Soldiers of the Nigerian army found the bodies of six executed farmers near Gwoza, Borno State.",
         dt.date(2029, 5, 2), "Unidentified Armed Group (Nigeria)"),
        ("Police in Kisumu, Kenya, recovered the bodies of two men shot dead by unknown attackers.",
         dt.date(2029, 5, 2), "Unidentified Armed Group (Kenya)"),
        # and in Libya's 2011 war, after the NTC was seated, whoever killed unnamed was Gaddafi's remnant
        ("NTC fighters uncovered 40 executed bodies in a warehouse in Sirte, Libya.", dt.date(2011, 10, 14),
         LOYALISTS),
    ],
)  # fmt: skip
def test_who_finds_the_dead_is_not_who_killed_them(
    coder: Any, text: str, published: dt.date, perpetrator: str
) -> None:
    events = coder.code(Document(id="r7-found", text=text, published=published))
    attacks = [e for e in events if e.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS]
    assert attacks, f"no attack coded in {text!r}"
    assert attacks[0].actor1 is not None and attacks[0].actor1.name == perpetrator


def test_a_named_killer_stays_the_perpetrator(coder: Any) -> None:
    text = "Boko Haram fighters executed five fishermen near Baga, Borno State, Nigeria."
    events = coder.code(Document(id="r7-killer", text=text, published=dt.date(2029, 5, 2)))
    assert events and events[0].actor1 is not None
    assert events[0].actor1.name.startswith("Boko Haram")
