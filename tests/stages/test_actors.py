"""Tests for in-document actor resolution: framing, ambiguous and generic labels, coreference, foreign
states, user knowledge files, and the three seed reports as integration cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.stages.actors import ActorMention, DocumentActors
from polemos.stages.doc_country import document_country

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"
GNA = "Military Forces of Libya (2016-) Government of National Accord"
DMSC = "Shura Council of Darnah Mujahidin"


def _build(text: str, country: str | None = "LY", year: int | None = 2019) -> DocumentActors:
    return DocumentActors.build(text, load_actor_kb(), country=country, year=year)


def _at(doc: DocumentActors, context: str, phrase: str | None = None) -> ActorMention:
    """Return the mention covering `phrase` (default: all of `context`) where `context` first occurs."""
    start = doc.text.index(context) + context.index(phrase or context)
    found = [m for m in doc.mentions if m.start <= start < m.end]
    assert found, f"no mention at {phrase!r} in {context!r}; mentions: {[m.text for m in doc.mentions]}"
    return found[0]


def _actor(doc: DocumentActors, context: str, phrase: str | None = None) -> str:
    return _at(doc, context, phrase).actor.name


# ---------------------------------------------------------------------- rule 1-2: framing and "the army"
PRO_HAFTAR = (
    "The national army, commanded by Field Marshal Khalifa Haftar, pushed into the southern suburbs of "
    "Tripoli on Friday. The army said its units liberated Qasr Bin Ghashir from terrorist militias. "
    "Troops also shot down a drone over Gharyan, the army's spokesman said."
)
PRO_GNA = (
    "The Libyan army repelled an attack by militias loyal to the renegade general Khalifa Haftar south of "
    "Tripoli. Haftar's militia lost dozens of fighters, and the army liberated the town of Gharyan. "
    "Government forces also struck a convoy of the putschist forces near Tarhuna."
)
NEUTRAL = (
    "Forces loyal to Khalifa Haftar's Libyan National Army (LNA) clashed with troops of the Government "
    "of National Accord (GNA) near Tripoli airport on Sunday. The LNA said it had taken a checkpoint; "
    "the GNA said its forces had pushed the attackers back."
)


def test_pro_haftar_document_calls_the_lna_the_army() -> None:
    doc = _build(PRO_HAFTAR)
    assert doc.framing.side == "lna"
    assert doc.framing.scores["lna"] > doc.framing.scores.get("gna", 0.0)
    assert _actor(doc, "The army said", "The army") == HAFTAR
    assert _actor(doc, "Troops also", "Troops") == HAFTAR
    assert _actor(doc, "terrorist militias") == "Unidentified Armed Group (Libya)"  # no opponent is named
    assert _at(doc, "The army said", "The army").rule.startswith("framing:lna")


def test_pro_gna_document_calls_the_gna_the_army() -> None:
    doc = _build(PRO_GNA)
    assert doc.framing.side == "gna"
    assert any(c.text == "warlord" or c.text == "renegade" for c in doc.framing.cues)
    assert _actor(doc, "The Libyan army repelled", "The Libyan army") == GNA
    assert _actor(doc, "militias loyal to", "militias") == HAFTAR
    assert _actor(doc, "Haftar's militia") == HAFTAR
    assert _actor(doc, "Government forces also", "Government forces") == GNA


def test_neutral_document_has_no_side_and_resolves_by_name() -> None:
    doc = _build(NEUTRAL)
    assert doc.framing.side is None
    assert _actor(doc, "Libyan National Army") == HAFTAR
    assert _actor(doc, "troops of the Government", "troops") == GNA  # "of" attaches the label to its name
    assert _actor(doc, "its forces") == GNA


def test_apposition_wins_over_document_framing() -> None:
    text = PRO_GNA + " Elsewhere, Libyan army forces, led by Haftar, shelled Zawiya."
    doc = _build(text)
    assert doc.framing.side == "gna"
    mention = _at(doc, "Libyan army forces, led", "Libyan army forces")
    assert mention.actor.name == HAFTAR and mention.rule.startswith("apposition:led by")


def test_framing_reads_the_text_not_the_outlet() -> None:
    same = _build(PRO_GNA).framing
    again = DocumentActors.build(PRO_GNA, load_actor_kb(), country="Libya", year=2019).framing
    assert same.side == again.side == "gna"


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2011, "Military Forces of Libya (1969-2011)"),
        (2013, "Military Forces of Libya (2012-2014)"),
    ],
)
def test_libyan_army_before_2014_is_the_regime_of_the_year(year: int, expected: str) -> None:
    doc = _build("The Libyan army shelled the port of Misrata overnight.", year=year)
    assert _actor(doc, "The Libyan army") == expected


def test_neutral_libya_report_with_no_camp_named_gets_generic_state_forces() -> None:
    doc = _build("The army said it had cleared mines from a road near Sirte.", year=2019)
    mention = _at(doc, "The army")
    assert mention.actor.name == "Military Forces of Libya (2014-)" and mention.confidence < 0.5


# ---------------------------------------------------------------------- other countries
AFGHAN = (
    "Taliban militants stormed a checkpoint in Baghlan province late on Tuesday, killing four Afghan "
    "soldiers and a policeman. The army said 9 insurgents died when reinforcements arrived. Separately, "
    "unknown gunmen shot dead a teacher in Jalalabad, while villagers fled fighting between rival tribesmen "
    "in Paktia. The militants have not commented. Protesters later blocked the highway, and NATO said US "
    "forces carried out an airstrike in support of Afghan security forces."
)


@pytest.mark.parametrize(
    ("context", "phrase", "expected", "inter"),
    [
        ("Taliban militants", None, "Taliban", 2),
        ("four Afghan soldiers", "Afghan soldiers", "Military Forces of Afghanistan (2014-)", 1),
        ("a policeman", "policeman", "Police Forces of Afghanistan (2014-)", 1),
        ("The army said", "The army", "Military Forces of Afghanistan (2014-)", 1),
        ("9 insurgents", "insurgents", "Taliban", 2),
        ("unknown gunmen", None, "Unidentified Armed Group (Afghanistan)", 3),
        ("a teacher", "teacher", "Civilians (Afghanistan)", 7),
        ("villagers", None, "Civilians (Afghanistan)", 7),
        ("rival tribesmen", "tribesmen", "Unidentified Tribal Militia (Afghanistan)", 4),
        ("The militants have", "The militants", "Taliban", 2),
        ("Protesters", None, "Protesters (Afghanistan)", 6),
        ("NATO", None, "NATO: North Atlantic Treaty Organization", 8),
        ("US forces", None, "Military Forces of the United States", 8),
        ("Afghan security forces", None, "Military Forces of Afghanistan (2014-)", 1),
    ],
)
def test_afghan_report_uses_afghan_state_names_and_templates(
    context: str, phrase: str | None, expected: str, inter: int
) -> None:
    doc = _build(AFGHAN, country="AF", year=2020)
    mention = _at(doc, context, phrase or context)
    assert (mention.actor.name, mention.actor.inter) == (expected, inter)


def test_country_is_inferred_when_not_given() -> None:
    doc = _build(
        "Nigerian troops killed 10 Boko Haram fighters in Borno, the army said.", country=None, year=2017
    )
    assert doc.country is not None and doc.country.iso2 == "NG"
    assert _actor(doc, "the army") == "Military Forces of Nigeria (2015-)"
    assert _actor(doc, "Boko Haram fighters").startswith("Boko Haram")


# ---------------------------------------------------------------------- rule 3-4: generic labels
def test_hostile_label_without_a_named_opponent_is_unidentified() -> None:
    doc = _build("Gunmen attacked a market in Baidoa, killing three traders.", country="SO", year=2019)
    assert _actor(doc, "Gunmen") == "Unidentified Armed Group (Somalia)"
    assert _actor(doc, "traders") == "Civilians (Somalia)"


def test_unknown_gunmen_stay_unidentified_even_beside_a_named_group() -> None:
    doc = _build(
        "Al Shabaab fighters raided a base; later unidentified gunmen killed an elder.", country="SO"
    )
    assert _actor(doc, "Al Shabaab fighters") == "Al Shabaab"
    assert _actor(doc, "unidentified gunmen") == "Unidentified Armed Group (Somalia)"


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected", "category"),
    [
        ("Women and children were among the dead.", "children", "Civilians (Libya)", "civilian"),
        ("Worshippers were leaving the mosque.", "Worshippers", "Civilians (Libya)", "civilian"),
        ("A journalist was abducted in Tripoli.", "journalist", "Civilians (Libya)", "civilian"),
        ("Demonstrators gathered in Martyrs' Square.", "Demonstrators", "Protesters (Libya)", "protester"),
        ("An angry mob torched the council building.", "angry mob", "Rioters (Libya)", "rioter"),
        (
            "Rival tribes fought over the oasis.",
            "Rival tribes",
            "Unidentified Communal Militia (Libya)",
            "armed",
        ),
        ("Egyptians were kidnapped near Sirte.", "Egyptians", "Civilians (Egypt)", "civilian"),
    ],
)
def test_people_labels_resolve_to_acled_templates(
    sentence: str, phrase: str, expected: str, category: str
) -> None:
    mention = _at(_build(sentence), phrase)
    assert (mention.actor.name, mention.category, mention.is_generic) == (expected, category, True)


def test_named_identity_group_beats_the_unnamed_template() -> None:
    doc = _build("Tebu fighters and rival tribesmen clashed near Ubari.")
    assert (_actor(doc, "Tebu fighters"), _at(doc, "Tebu fighters").is_generic) == (
        "Tabu Ethnic Militia (Libya)",
        False,
    )
    assert _actor(doc, "rival tribesmen", "tribesmen") == "Unidentified Communal Militia (Libya)"


# ---------------------------------------------------------------------- rule 5: coreference
def test_its_fighters_refers_to_the_group_just_named() -> None:
    doc = _build("The Benghazi Revolutionaries Shura Council said two of its fighters died.", year=2016)
    mention = _at(doc, "its fighters")
    assert mention.actor.name == "BRSC: Shura Council of Benghazi Revolutionaries"
    assert mention.rule.startswith("coref:its")


def test_sentence_initial_they_refers_to_the_previous_subject() -> None:
    doc = _build("The LNA shelled positions held by militias near the port. They then entered the old town.")
    assert _at(doc, "They then", "They").actor.name == HAFTAR


def test_possessive_after_a_hostile_verb_refers_to_the_opponent() -> None:
    doc = _build(
        "The DMSC controls Derna. Our forces are shelling their positions, the LNA commander said.", year=2017
    )
    mention = _at(doc, "their positions", "their")
    assert mention.actor.name == DMSC and "opponent" in mention.rule


# ---------------------------------------------------------------------- rule 6: foreign states
def test_foreign_forces_are_external_and_the_home_country_is_no_actor() -> None:
    doc = _build("Egyptian warplanes struck Derna as Turkey sent drones to Libya.", year=2019)
    egypt = _at(doc, "Egyptian warplanes")
    assert (egypt.actor.name, egypt.actor.inter, egypt.category) == (
        "Military Forces of Egypt (2014-)",
        8,
        "external",
    )
    turkey = _at(doc, "Turkey")
    assert (turkey.actor.name, turkey.category) == ("Military Forces of Turkey", "external")
    assert not [m for m in doc.mentions if m.text == "Libya"]


def test_anti_prefix_names_the_opposing_camp() -> None:
    doc = _build("Anti-Haftar forces retook the airport.", year=2019)
    assert _actor(doc, "Anti-Haftar forces") == GNA


# ---------------------------------------------------------------------- API and user knowledge files
def test_every_mention_carries_rule_confidence_and_category() -> None:
    doc = _build(PRO_GNA)
    assert doc.mentions
    for m in doc.mentions:
        assert m.rule and 0.0 < m.confidence <= 1.0
        assert m.category in {"state", "armed", "civilian", "protester", "rioter", "external"}
        assert doc.text[m.start : m.end] == m.text


def test_mentions_in_returns_only_mentions_inside_the_span() -> None:
    doc = _build(PRO_GNA)
    start = doc.text.index("Haftar's militia lost")
    end = doc.text.index(".", start)
    texts = [m.text for m in doc.mentions_in(start, end)]
    assert texts[0] == "Haftar's militia" and "the army" in texts
    assert all(start <= m.start and m.end <= end for m in doc.mentions_in(start, end))


def test_resolve_phrase_at_a_known_span_and_for_a_free_phrase() -> None:
    doc = _build(PRO_GNA)
    pos = doc.text.index("militias loyal to")
    found = doc.resolve_phrase("militias loyal to the renegade general Khalifa Haftar", pos)
    assert found is not None and found.actor.name == HAFTAR
    free = doc.resolve_phrase("the Libyan forces", 0)
    assert free is not None and free.actor.name == GNA
    assert doc.resolve_phrase("the weather", 0) is None


def test_user_actor_file_adds_an_actor_and_an_alias(tmp_path: Path) -> None:
    extra = tmp_path / "local-actors.yaml"
    extra.write_text(
        """
actors:
  - name: Zawiya Martyrs Brigade
    inter: 3
    country: LY
    years: [2014, null]
    aliases: [Zawiya Martyrs Brigade, Martyrs of Zawiya]
    side: gna
  - name: Military Forces of Libya (2014-) Haftar Faction
    aliases: [Dignity Army]
""",
        encoding="utf-8",
    )
    kb = load_actor_kb([extra])
    doc = DocumentActors.build(
        "The Martyrs of Zawiya clashed with the Dignity Army west of Tripoli.", kb, country="LY", year=2019
    )
    assert _actor(doc, "Martyrs of Zawiya") == "Zawiya Martyrs Brigade"
    assert _actor(doc, "Dignity Army") == HAFTAR


# ---------------------------------------------------------------------- the three seeds
SEED_CASES = {
    "000_aea3f91c47e42a8b.txt": (
        2018,
        "lna",
        [
            ("Libyan army forces, led by", "Libyan army forces", HAFTAR),
            ("from militants", "militants", DMSC),
            ("linked to the military", "the military", HAFTAR),
            ("The troops are", "troops", HAFTAR),
            ("by the extremist groups", "extremist groups", DMSC),
            ("the army’s progress", "the army", HAFTAR),
            ("airstrikes by the army", "the army", HAFTAR),
            ("a militant field hospital", "militant", DMSC),
            ("pro-Haftar forces", "pro-Haftar forces", HAFTAR),
            ("radical Islamists led by", "radical Islamists", DMSC),
            ("so-called Shura Council", "Shura Council", DMSC),
            ("The Libyan forces have", "Libyan forces", HAFTAR),
            ("residents in Derna", "residents", "Civilians (Libya)"),
        ],
    ),
    "001_7408a9ead5e549ea.txt": (
        2018,
        "lna",
        [
            ("The Libyan National Army captured", "Libyan National Army", HAFTAR),
            ("against militias holding", "militias", DMSC),
            ("LNA units backed", "LNA units", HAFTAR),
            ("the Derna Mujahaddin Shura Council (DMSC)", "Derna Mujahaddin Shura Council", DMSC),
            ("targeting their hideouts", "their", DMSC),
            ("four soldiers were", "soldiers", HAFTAR),
            ("one of its fighters", "its fighters", DMSC),
            ("the self-styled LNA", "LNA", HAFTAR),
            ("rival tribal groups", "rival tribal groups", "Unidentified Communal Militia (Libya)"),
            ("three children were", "children", "Civilians (Libya)"),
        ],
    ),
    "002_37df46fae67b9620.txt": (
        2020,
        "gna",
        [
            ("The Libyan army seized", "The Libyan army", GNA),
            ("militias loyal to warlord", "militias", HAFTAR),
            ("The army seized the depot", "The army", GNA),
            ("They also liberated", "They", GNA),
            (
                "United Arab Emirates (UAE)",
                "United Arab Emirates",
                "Military Forces of the United Arab Emirates",
            ),
            ("members of Haftar’s militia", "Haftar’s militia", HAFTAR),
            ("airstrikes by the army", "the army", GNA),
            ("the Libyan army liberated", "the Libyan army", GNA),
            ("the Libyan Army on Thursday", "the Libyan Army", GNA),
            ("the Libyan government launched", "Libyan government", GNA),
            ("backed by Turkey", "Turkey", "Military Forces of Turkey"),
            ("Turkish military support", "Turkish military", "Military Forces of Turkey"),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(SEED_CASES))
def test_seed_reports_resolve_through_the_general_rules(name: str) -> None:
    year, side, cases = SEED_CASES[name]
    doc = _build((SEEDS / name).read_text(encoding="utf-8"), country="LY", year=year)
    assert doc.framing.side == side
    got = [(phrase, _at(doc, context, phrase).actor.name) for context, phrase, _ in cases]
    assert got == [(phrase, expected) for _, phrase, expected in cases]


def test_seed_001_isis_suicide_attack_is_the_libyan_islamic_state() -> None:
    doc = _build((SEEDS / "001_7408a9ead5e549ea.txt").read_text(encoding="utf-8"), year=2018)
    mention = _at(doc, "ISIS suicide attack", "ISIS")
    assert mention.actor.name.startswith("Islamic State") and mention.actor.inter == 2


# ---------------------------------------------------------------------- unnamed perpetrators and defaults
OUP = "Operation Unified Protector: NATO Mission in Libya (2011-2011)"


def test_unnamed_perpetrator_of_an_air_strike_is_a_force_that_flies() -> None:
    text = "Fresh air strikes on Tuesday hit positions of the Benghazi Defence Brigades near the port."
    doc = _build(text, year=2017)
    found = doc.resolve_phrase("unidentified armed group", text.index("hit"))
    assert found is not None and found.actor.name == HAFTAR and found.rule.startswith("aerial:")


def test_unnamed_perpetrator_without_air_strike_stays_unidentified() -> None:
    text = "A car bomb exploded near a checkpoint in Benghazi on Tuesday."
    doc = _build(text, year=2017)
    found = doc.resolve_phrase("unidentified armed group", text.index("exploded"))
    assert found is not None and found.actor.name == "Unidentified Armed Group (Libya)"


def test_unattributed_air_strike_in_a_country_without_camps_is_its_state_forces() -> None:
    text = "Airstrikes killed several fighters in a forest camp on Monday."
    doc = _build(text, country="NG", year=2017)
    found = doc.resolve_phrase("unidentified armed group", text.index("killed"))
    assert found is not None and found.actor.name.startswith("Military Forces of Nigeria")


@pytest.mark.parametrize(
    ("year", "text", "expected"),
    [
        (2011, "Air raids hit targets in the town overnight.", OUP),
        (2011, "Mortar bombs killed three rebels overnight.", "Military Forces of Libya (1969-2011)"),
        # a bomb planted in hiding is no war party's (see actor_clandestine)
        (2011, "A car bomb killed three rebels overnight.", "Unidentified Armed Group (Libya)"),
        (2014, "A car bomb killed three fighters overnight.", "Unidentified Armed Group (Libya)"),
    ],
)
def test_unnamed_perpetrator_takes_the_default_of_the_war(year: int, text: str, expected: str) -> None:
    doc = _build(text, year=year)
    found = doc.resolve_phrase("unidentified armed group", text.index("overnight"))
    assert found is not None and found.actor.name == expected


def test_army_with_no_camp_shown_before_2019_is_the_self_styled_national_army() -> None:
    doc = _build("Troops continued their slow push into the district, the army said.", year=2017)
    mention = _at(doc, "the army")
    assert mention.actor.name == HAFTAR and mention.rule.startswith("default:army")


def test_nato_in_2011_without_a_known_country_is_its_libya_operation() -> None:
    doc = _build("NATO strikes hit nine anti-aircraft guns.", country=None, year=2011)
    assert _actor(doc, "NATO") == OUP
    later = _build("NATO said its troops would stay.", country=None, year=2020)
    assert _actor(later, "NATO") == "NATO: North Atlantic Treaty Organization"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two men in Sirte were killed by a mine laid by the Islamic State.", "Islamic State (Tripoli)"),
        ("The Islamic State claimed a bombing in Derna.", "Islamic State (Cyrenaica Province)"),
        ("The Islamic State claimed a bombing.", "Islamic State (Libya)"),
    ],
)
def test_islamic_state_in_libya_is_the_province_whose_places_the_report_names(
    text: str, expected: str
) -> None:
    assert _actor(_build(text, year=2016), "Islamic State") == expected


def test_a_force_is_coded_as_its_unit_when_the_report_names_one_unit() -> None:
    text = "Saiqa special forces advanced in Ganfouda. The LNA said it had taken two blocks."
    doc = _build(text, year=2017)
    saiqa = "Military Forces of Libya (2014-) Haftar Faction - Saiqa Forces"
    assert _actor(doc, "Saiqa special forces") == saiqa
    assert _actor(doc, "The LNA said", "LNA") == saiqa
    assert _actor(_build("The LNA said it had taken two blocks.", year=2017), "LNA") == HAFTAR


def test_unity_government_names_the_government_of_its_years() -> None:
    doc = _build("Forces loyal to the unity government clashed with rival militias in Tripoli.", year=2017)
    assert _actor(doc, "Forces loyal") == GNA


def test_government_troops_get_no_army_default() -> None:
    doc = _build("Government troops advanced on the city centre on Monday.", year=2016)
    assert _actor(doc, "Government troops") == "Military Forces of Libya (2014-)"
    assert not _at(doc, "Government troops").rule.startswith("default:")


def test_actor_is_written_under_the_name_acled_used_that_year() -> None:
    assert _actor(_build("LNA forces clashed with BRSC fighters.", year=2016), "LNA forces") == (
        "Military Forces of Libya (2014-)"
    )
    assert _actor(_build("LNA forces clashed with BRSC fighters.", year=2017), "LNA forces") == HAFTAR


# ---------------------------------------------------------------------- national force names and the country
def test_national_force_name_is_the_state_forces_of_its_country() -> None:
    doc = _build("FARDC soldiers repelled an attack on their base near the lake.", country="CD", year=2016)
    m = _at(doc, "FARDC soldiers")
    assert (m.actor.name, m.actor.inter) == ("Military Forces of Democratic Republic of Congo (2001-)", 1)


def test_national_force_name_abroad_is_a_foreign_force() -> None:
    doc = _build("KDF soldiers killed five Al Shabaab militants near the border.", country="SO", year=2016)
    m = _at(doc, "KDF soldiers")
    assert (m.actor.name, m.actor.inter) == ("Military Forces of Kenya (2013-)", 8)
    assert _actor(doc, "Al Shabaab militants") == "Al Shabaab"


def test_force_abbreviation_joined_to_more_is_another_name() -> None:
    # SPLA-N is the Sudanese rebel movement, not the army of South Sudan the SPLA became
    doc = _build("SPLA-N fighters shelled the town.", country="SD", year=2016)
    assert all("South Sudan" not in m.actor.name for m in doc.mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UPND supporters marched to the police station.", "ZM"),
        ("Civilian JTF members repelled the attack.", "NG"),
        ("SAF aircraft bombed a village; two farmers died.", "SD"),
        (
            "KDF soldiers killed five Al Shabaab militants.",
            "SO",
        ),  # the domestic group outweighs the army abroad
        ("Egyptian warplanes struck Derna.", None),  # demonyms often name a foreign party: left to toponyms
        ("People gathered in the square.", None),
    ],
)
def test_document_country_from_domestic_actors_forces_and_parties(text: str, expected: str | None) -> None:
    assert document_country(text, load_actor_kb(), 2016) == expected
