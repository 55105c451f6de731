"""Identity militias (ACLED's inter 4): vigilante mobs that punish suspects, unnamed communities at feud,
and armed men of a named people, in whatever country the report is set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries
from polemos.model import Actor, Document
from polemos.stages.actor_communities import communal_feud, communal_sides
from polemos.stages.actor_vigilantes import crowd_justice, vigilantes
from polemos.stages.doc_country import own_country_votes
from polemos.taxonomy import EventType

VAC = EventType.VIOLENCE_AGAINST_CIVILIANS


def _events(coder: Any, text: str) -> list[Any]:
    return list(coder.code(Document(id="identity", text=text, published=dt.date(2017, 6, 10))))


# ---------------------------------------------------------------------------------------------- vigilantes
@pytest.mark.parametrize(
    "sentence",
    [
        "Villagers beat to death a man they suspected of stealing a goat.",
        "A woman accused of witchcraft was burned by residents.",
        "Two men were set alight for allegedly stealing a phone.",
        "A man was killed in an apparent mob justice incident.",
    ],
)
def test_a_crowd_that_punishes_a_suspect_is_a_vigilante_militia(sentence: str) -> None:
    assert crowd_justice(VAC, None, sentence, sentence, [])
    assert crowd_justice(EventType.RIOTS, Actor("Rioters (Kenya)", 5, "KE"), sentence, sentence, [])


def test_crowd_justice_needs_an_unnamed_doer_and_a_suspect() -> None:
    text = "Villagers beat to death a man they suspected of stealing a goat."
    # a named doer or an event of another kind keeps its actors
    assert not crowd_justice(VAC, Actor("Police Forces of Kenya (2013-)", 1, "KE"), text, text, [])
    assert not crowd_justice(EventType.BATTLES, None, text, text, [])
    # no suspect, no lynching: an ordinary attack
    plain = "Villagers beat a man to death."
    assert not crowd_justice(VAC, None, plain, plain, [])
    # "suspected kidnappers" are the doers, not the crowd's victims
    kidnap = "Suspected kidnappers abducted a trader."
    assert not crowd_justice(VAC, None, kidnap, kidnap, [])


def test_a_vigilante_militia_with_no_country_keeps_its_type() -> None:
    assert vigilantes(None, None) == Actor("Vigilante Militia", 4, None)
    found = Actor("Vigilante Militia (Kenya)", 4, "KE")
    assert vigilantes(found, "KE") == found


def test_a_lynching_is_coded_to_the_countrys_vigilante_militia(coder: Any) -> None:
    events = _events(coder, "An angry crowd in Eldoret lynched a suspected thief on Monday.")
    assert events and events[0].actor1 == Actor("Vigilante Militia (Kenya)", 4, "KE")
    assert events[0].actor2 == Actor("Civilians (Kenya)", 7, "KE")


def test_gunmen_and_police_who_kill_a_suspect_stay_themselves(coder: Any) -> None:
    events = _events(coder, "Gunmen killed a suspected thief in Kano.")
    assert events and events[0].actor1 == Actor("Unidentified Armed Group (Nigeria)", 3, "NG")
    events = _events(coder, "Police shot dead a suspected robber in Nairobi.")
    assert events and events[0].actor1 is not None and events[0].actor1.inter == 1


def test_vigilantes_named_so_are_a_vigilante_militia(coder: Any) -> None:
    events = _events(coder, "Vigilantes killed two suspected bandits in Zamfara State.")
    assert events and events[0].actor1 == Actor("Vigilante Militia (Nigeria)", 4, "NG")


# ---------------------------------------------------------------------------------------------- feuds
@pytest.mark.parametrize(
    ("etype", "text", "expected"),
    [
        (EventType.BATTLES, "Eight dead in inter-clan fighting north of the town.", True),
        (EventType.BATTLES, "Two villages clashed over a boundary dispute.", True),
        (VAC, "Gunmen shot a herder dead in a cattle raid.", True),
        # a household's quarrel over land is no feud of communities
        (VAC, "A widow was stabbed by unknown men over a land dispute.", False),
        (EventType.BATTLES, "Gunmen attacked an army post.", False),
        (EventType.EXPLOSIONS, "A bomb exploded during communal clashes.", False),
    ],
)
def test_a_feud_of_communities_is_told_by_the_reports_words(
    etype: EventType, text: str, expected: bool
) -> None:
    assert communal_feud(etype, None, text) is expected


def test_a_named_doer_is_never_a_feuds_militia() -> None:
    named = Actor("Al Shabaab", 2, "SO")
    assert not communal_feud(EventType.BATTLES, named, "Clan fighting erupted.")


def test_both_unnamed_sides_of_a_communal_battle_are_one_militia() -> None:
    militia = Actor("Unidentified Communal Militia (Kenya)", 4, "KE")
    assert communal_sides(EventType.BATTLES, militia, None, "KE") == (militia, militia)
    police = Actor("Police Forces of Kenya (2013-)", 1, "KE")
    assert communal_sides(EventType.BATTLES, militia, police, "KE") == (militia, police)
    assert communal_sides(VAC, None, None, None) == (Actor("Unidentified Communal Militia", 4, None), None)


def test_clan_fighting_in_somalia_is_between_clan_militias(coder: Any) -> None:
    events = _events(coder, "Six people died in clan fighting in Beledweyne, Hiraan region.")
    clan = Actor("Unidentified Clan Militia (Somalia)", 4, "SO")
    assert events and (events[0].actor1, events[0].actor2) == (clan, clan)


# ---------------------------------------------------------------------------------------------- peoples
def test_a_people_named_in_the_plural_is_its_militia(coder: Any) -> None:
    events = _events(coder, "Fulanis attacked the village of Tsoho in Benue State, killing seven people.")
    assert events and events[0].actor1 == Actor("Fulani Ethnic Militia (Nigeria)", 4, "NG")


def test_raiders_and_attacks_of_a_people_are_its_militia(coder: Any) -> None:
    events = _events(coder, "Pokot raiders attacked herders near Baringo.")
    assert events and events[0].actor1 == Actor("Pokot Ethnic Militia (Kenya)", 4, "KE")
    events = _events(coder, "Nine people were killed in a Fulani attack on three villages in Plateau State.")
    assert events and events[0].actor1 == Actor("Fulani Ethnic Militia (Nigeria)", 4, "NG")


def test_a_people_of_several_countries_takes_the_reports_country(coder: Any) -> None:
    events = _events(
        coder, "Fulani militia attacked villages near Bambari. Central African troops responded."
    )
    expected = Actor("Fulani Ethnic Militia (Central African Republic)", 4, "CF")
    assert events and events[0].actor1 == expected


def test_a_people_of_several_countries_does_not_vote_as_a_countrys_own_actor() -> None:
    votes = own_country_votes("Fulani herdsmen attacked a village.", load_actor_kb(), load_countries(), 2017)
    assert "NG" not in votes
    votes = own_country_votes("Pokot raiders attacked a village.", load_actor_kb(), load_countries(), 2017)
    assert votes.get("KE", 0) > 0


# ---------------------------------------------------------------------------------------------- labels
def test_identity_militias_of_no_known_country_keep_their_type() -> None:
    from polemos.stages.actors import DocumentActors

    doc = DocumentActors.build("Armed tribesmen fought vigilantes.", load_actor_kb(), country=None, year=2017)
    assert {m.actor for m in doc.mentions} == {
        Actor("Unidentified Communal Militia", 4, None),
        Actor("Vigilante Militia", 4, None),
    }


@pytest.mark.parametrize("verb", ["shot", "beat", "caught"])
def test_a_state_label_before_an_irregular_past_is_its_doer(verb: str) -> None:
    from polemos.stages.actors import DocumentActors

    text = f"Police {verb} a man in the market."
    doc = DocumentActors.build(text, load_actor_kb(), country="KE", year=2017)
    assert [m.actor.inter for m in doc.mentions if m.start == 0] == [1]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Clashes broke out between the Umuleri and Aguleri communities.", ["Umuleri", "Aguleri"]),
        ("Fighting between the villages of Kaboro and Senda left two dead.", ["Kaboro", "Senda"]),
        ("Okpe militia attacked a farmer of the Ewu community.", ["Okpe"]),
        ("Youths from Nkpor town raided the market.", ["Nkpor"]),
        # no community named: the unnamed militia stays
        ("Clashes between herders and local farmers left two dead.", []),
        ("Clashes between government and opposition forces.", []),
    ],
)
def test_a_feuds_sides_are_the_communities_the_sentence_names(sentence: str, names: list[str]) -> None:
    from polemos.stages.actor_communities import community_names

    assert community_names(sentence) == names


def test_a_named_community_gives_its_militia_in_the_reports_country() -> None:
    unnamed = Actor("Unidentified Communal Militia (Nigeria)", 4, "NG")
    a1, a2 = communal_sides(EventType.BATTLES, unnamed, None, "NG", ["Umuleri", "Aguleri"])
    assert (a1.name, a2 and a2.name) == (
        "Umuleri Communal Militia (Nigeria)",
        "Aguleri Communal Militia (Nigeria)",
    )
    clan = Actor("Unidentified Clan Militia (Somalia)", 4, "SO")
    a1, _ = communal_sides(VAC, clan, None, "SO", ["Saad"])
    assert a1 == Actor("Saad Clan Militia (Somalia)", 4, "SO")


# ---------------------------------------------------------------------------------------------- missions
def test_a_contributors_troops_in_the_missions_country_are_its_contingent() -> None:
    from polemos.stages.actor_naming import mission_contingent

    kb, countries = load_actor_kb(), load_countries()
    uganda, kenya, ethiopia = (countries.get(c) for c in ("UG", "KE", "ET"))
    assert uganda is not None and kenya is not None and ethiopia is not None
    found = mission_contingent(kb, uganda, "SO", 2017, "Ugandan troops")
    assert found is not None and found.name == "AMISOM: African Union Mission in Somalia (2007-) (Uganda)"
    # at home, before the mission or by air the forces are their state's
    assert mission_contingent(kb, uganda, "UG", 2017, "Ugandan troops") is None
    assert mission_contingent(kb, ethiopia, "SO", 2010, "Ethiopian troops") is None
    assert mission_contingent(kb, ethiopia, "SO", 2017, "Ethiopian air force") is None
    # an army that also fights there under its own command is the mission's only where the report says so
    assert mission_contingent(kb, kenya, "SO", 2017, "Kenyan troops") is None


def test_a_contingent_named_in_the_report_is_coded_so(coder: Any) -> None:
    events = _events(coder, "Al Shabaab fired mortars at an Ethiopian military base in Halgan, Hiraan.")
    expected = Actor("AMISOM: African Union Mission in Somalia (2007-) (Ethiopia)", 8, "SO")
    assert events and expected in (events[0].actor1, events[0].actor2)


def test_a_user_file_can_mark_a_contingent_named_only(tmp_path: Path) -> None:
    """`named_only` is data, not code: a user who knows Uganda's army also fights in Somalia on its own
    says so in their actor file, and bare "Ugandan troops" there stay Uganda's."""
    from polemos.stages.actor_naming import mission_contingent

    extra = tmp_path / "mine.yaml"
    extra.write_text(
        'actors:\n  - name: "AMISOM: African Union Mission in Somalia (2007-) (Uganda)"\n'
        "    named_only: true\n",
        encoding="utf-8",
    )
    uganda = load_countries().get("UG")
    assert uganda is not None
    assert mission_contingent(load_actor_kb([extra]), uganda, "SO", 2017, "Ugandan troops") is None
    assert mission_contingent(load_actor_kb(), uganda, "SO", 2017, "Ugandan troops") is not None


def test_named_only_must_be_true_or_false(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'actors:\n  - name: "Some Mission (Chad)"\n    inter: 8\n    named_only: "yes"\n', encoding="utf-8"
    )
    with pytest.raises(KnowledgeError, match=r"bad\.yaml.*named_only"):
        load_actor_kb([bad])
