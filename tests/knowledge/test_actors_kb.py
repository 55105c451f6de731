"""Tests for the actor knowledge base: packaged entries, matching, camps, templates and user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.actors import load_actor_kb

HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"
GNA = "Military Forces of Libya (2016-) Government of National Accord"
DMSC = "Shura Council of Darnah Mujahidin"


def _names(text: str, year: int | None = None) -> list[tuple[str, str]]:
    return [(text[s:e], entry.name) for s, e, entry in load_actor_kb().match(text, year=year)]


def test_packaged_kb_loads_once_per_process() -> None:
    assert load_actor_kb() is load_actor_kb()


def test_entry_carries_acled_name_inter_country_years_and_side() -> None:
    entry = load_actor_kb().entry(HAFTAR)
    assert entry is not None
    assert (entry.inter, entry.country, entry.start_year, entry.end_year, entry.side) == (
        1,
        "LY",
        2014,
        None,
        "lna",
    )
    assert "LNA" in entry.abbreviations and "Khalifa Haftar" in entry.leaders
    assert "warlord" in entry.framing_cues


@pytest.mark.parametrize(
    ("name", "inter"),
    [
        ("Military Forces of Libya (1969-2011)", 1),
        ("Military Forces of Libya (2014-) Haftar Faction - Saiqa Forces", 1),
        ("Military Forces of Libya (2016-) Presidential Guard", 1),
        ("BRSC: Shura Council of Benghazi Revolutionaries", 3),
        ("DPF: Derna Protection Force", 3),
        ("Islamic State (Libya)", 2),
        ("Misratah Communal Militia (Libya)", 4),
        ("Zintan Ethnic Militia (Libya)", 4),
        ("Tabu Ethnic Militia (Libya)", 4),
        ("Awlad Suleiman Ethnic Militia (Libya)", 4),
        ("Wagner Group", 8),
        ("Operation Unified Protector: NATO Mission in Libya (2011-2011)", 8),
        ("Taliban", 2),
        ("Islamic State (Afghanistan)", 2),
        ("Police Forces of Afghanistan (2014-)", 1),
        ("NATO: North Atlantic Treaty Organization", 8),
    ],
)
def test_major_libya_and_afghanistan_actors_are_present(name: str, inter: int) -> None:
    entry = load_actor_kb().entry(name)
    assert entry is not None and entry.inter == inter


def test_match_finds_aliases_abbreviations_and_leaders_longest_first() -> None:
    text = "The Libyan National Army (LNA) of Field Marshal Khalifa Haftar hit Derna Mujahaddin Shura Council"
    assert _names(text) == [
        ("Libyan National Army", HAFTAR),
        ("LNA", HAFTAR),
        ("Field Marshal Khalifa Haftar", HAFTAR),
        ("Derna Mujahaddin Shura Council", DMSC),
    ]


def test_abbreviations_match_only_as_written() -> None:
    assert _names("This is what IS claimed.") == [("IS", "Islamic State")]
    assert _names("The Gna said it is so.") == []


def test_match_ignores_accents_case_and_hyphenation() -> None:
    assert _names("pro-haftar units and al-qaida men") == [("haftar", HAFTAR), ("al-qaida", "Al Qaeda")]


def test_match_prefers_the_entry_valid_in_the_year() -> None:
    assert _names("The Taliban took Kunduz.", 2020) == [("Taliban", "Taliban")]
    assert _names("The Taliban took Kunduz.", 2022) == [("Taliban", "Military Forces of Afghanistan (2021-)")]


def test_identity_group_needs_an_armed_noun() -> None:
    assert _names("Tebu fighters clashed with Misratan brigades.") == [
        ("Tebu fighters", "Tabu Ethnic Militia (Libya)"),
        ("Misratan brigades", "Misratah Communal Militia (Libya)"),
    ]
    assert _names("The Tebu community of Misrata met elders.") == []


def test_a_pastoral_peoples_herdsmen_and_attackers_are_its_militia() -> None:
    names = _names("Fulani herdsmen and Fulani attackers raided two farming villages.")
    assert [text for text, _ in names] == ["Fulani herdsmen", "Fulani attackers"]
    assert all(name.startswith("Fulani Ethnic Militia (") for _, name in names)
    # "herders" alone stays out: as often the ones attacked, and the people lives in many countries
    assert _names("Fulani herders lost cattle in the raid.") == []
    kb = load_actor_kb()
    assert kb.entry("Fulani Ethnic Militia (Ghana)") is not None


def test_identity_group_units_name_its_militia_on_their_own() -> None:
    assert _names("A member of the Third Force fired at a car.") == [
        ("Third Force", "Misratah Communal Militia (Libya)")
    ]
    assert _names("Men of the Barasa tribe took him.") == [
        ("Barasa tribe", "Al-Barasa Ethnic Militia (Libya)")
    ]


def test_camps_oppose_each_other_and_name_their_army_by_year() -> None:
    kb = load_actor_kb()
    assert kb.opposes("lna", "gna") and kb.opposes("gna", "lna") and not kb.opposes("lna", "lna")
    assert kb.opposes("islamist", "lna") and not kb.opposes("islamist", "gna")
    gna_2020, gna_2022 = kb.forces_for("gna", 2020), kb.forces_for("gna", 2022)
    assert gna_2020 is not None and gna_2020.name == GNA
    assert gna_2022 is not None and "Government of National Unity" in gna_2022.name
    assert kb.forces_for("islamist", 2018) is None


def test_templates_render_for_any_country() -> None:
    t = load_actor_kb().templates
    assert t["civilians"].render("Somalia", "SO") == "Civilians (Somalia)"
    assert t["unidentified_armed_group"].render("Mali", "ML") == "Unidentified Armed Group (Mali)"
    assert t["unidentified_communal_militia"].render("Libya", "LY") == "Unidentified Communal Militia (Libya)"
    assert (
        t["unidentified_communal_militia"].render("Afghanistan", "AF")
        == "Unidentified Tribal Militia (Afghanistan)"
    )
    assert t["ethnic_militia"].render("Nigeria", "NG", "Fulani") == "Fulani Ethnic Militia (Nigeria)"
    assert (t["rioters"].inter, t["protesters"].inter, t["civilians"].inter) == (5, 6, 7)


def test_user_file_adds_an_actor_and_extends_an_alias(tmp_path: Path) -> None:
    extra = tmp_path / "my-actors.yaml"
    extra.write_text(
        """
actors:
  - name: Tariq Ibn Ziyad Brigade
    inter: 3
    country: LY
    years: [2017, null]
    aliases: [Tariq Ben Ziyad Brigade, Tariq Ibn Ziyad Brigade]
    parent: Military Forces of Libya (2014-) Haftar Faction
    side: lna
  - name: Military Forces of Libya (2014-) Haftar Faction
    aliases: [Karama Army]
""",
        encoding="utf-8",
    )
    kb = load_actor_kb([extra])
    text = "The Tariq Ben Ziyad Brigade and the Karama Army advanced."
    assert [(text[s:e], x.name) for s, e, x in kb.match(text)] == [
        ("Tariq Ben Ziyad Brigade", "Tariq Ibn Ziyad Brigade"),
        ("Karama Army", HAFTAR),
    ]
    haftar = kb.entry(HAFTAR)
    assert haftar is not None and "LNA" in haftar.abbreviations and haftar.inter == 1
    assert load_actor_kb().match("the Karama Army") == []  # the packaged knowledge base is untouched


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("actors:\n  - name: X\n    inter: 9\n", "`inter`"),
        ("actors:\n  - name: X\n    inter: 3\n    colour: red\n", "unknown field"),
        ("actors:\n  - name: X\n", "`inter` is required"),
        ("actors:\n  - name: X\n    inter: 3\n    side: purple\n", "`side`"),
        ("actors:\n  - name: X\n    inter: 3\n    parent: Nobody\n", "`parent`"),
        ("actors:\n  - name: X\n    inter: 3\n    country: Libya\n", "`country`"),
        ("actors:\n  - name: X\n    inter: 3\n    years: [2019, 2010]\n", "`years`"),
        ("actors:\n  - name: X\n    inter: 3\n    framing_cues: [heroic villain]\n", "framing cue"),
        ("actors:\n  - name: X\n    inter: 3\n    aliases: alias\n", "`aliases`"),
        ("sides:\n  - id: s\n    opposes: [nobody]\n", "`opposes`"),
        ("sides:\n  - id: s\n    fighters: [Nobody]\n", "`fighters`"),
        ("sides:\n  - id: s\n    leads_battles: often\n", "`leads_battles`"),
        ('sides:\n  - id: s\n    leads_battles: [["2011-05", "2011-02"]]\n', "`leads_battles`"),
        ('sides:\n  - id: s\n    leads_battles: [["2011-13", 2012]]\n', "`leads_battles`"),
        ("sides:\n  - id: s\n    leads_battles: [2011, 2012]\n", "`leads_battles`"),
        ('sides:\n  - id: s\n    trails_battles: [["2012-05", "2012-02"]]\n', "`trails_battles`"),
        ('actors:\n  - name: X\n    inter: 3\n    named: [{years: ["2011-6", 2012], name: Y}]\n', "`named`"),
        ('actors:\n  - name: X\n    inter: 3\n    named: [{years: ["2012-06", 2011], name: Y}]\n', "`named`"),
        ("defaults:\n  - {country: LY, labels: [navy], actor: Taliban}\n", "`labels`"),
        ("defaults:\n  - {country: LY, labels: [army], actor: Nobody}\n", "unknown actor"),
        ("defaults:\n  - {country: Libya, labels: [army], actor: Taliban}\n", "`country`"),
        ("defaults:\n  - {labels: [army], actor: Taliban}\n", "needs `country`"),
        ("labels:\n  weird: [x]\n", "unknown label kind"),
        ("people: []\n", "unknown section"),
        ("actors: [\n", "not valid YAML"),
    ],
)
def test_user_file_errors_name_file_entry_and_field(tmp_path: Path, body: str, message: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message) as err:
        load_actor_kb([extra])
    assert str(extra) in str(err.value)


def test_missing_user_file_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read"):
        load_actor_kb([tmp_path / "absent.yaml"])


# ---------------------------------------------------------------------- default readings and areas
@pytest.mark.parametrize(
    ("country", "year", "label_class", "expected"),
    [
        ("LY", 2017, "army", HAFTAR),
        ("LY", 2017, "air", HAFTAR),
        ("LY", 2019, "army", None),  # both camps claim "the army" in the Tripoli war
        ("LY", 2011, "air", "Operation Unified Protector: NATO Mission in Libya (2011-2011)"),
        ("LY", 2011, "unnamed", "Military Forces of Libya (1969-2011)"),
        ("LY", 2010, "air", None),
        ("AF", 2017, "army", None),
    ],
)
def test_default_reading_depends_on_country_and_years(
    country: str, year: int, label_class: str, expected: str | None
) -> None:
    found = load_actor_kb().default_reading(country, year, label_class)
    assert (found.name if found else None) == expected


def test_user_file_default_is_consulted_before_packaged_ones(tmp_path: Path) -> None:
    extra = tmp_path / "defaults.yaml"
    extra.write_text(f"defaults:\n  - {{country: LY, years: [2017, 2017], labels: [army], actor: {GNA}}}\n")
    kb = load_actor_kb([extra])
    assert kb.default_reading("LY", 2017, "army").name == GNA  # type: ignore[union-attr]
    assert kb.default_reading("LY", 2016, "army").name == HAFTAR  # type: ignore[union-attr]


def test_regional_branches_list_the_places_of_their_territory() -> None:
    kb = load_actor_kb()
    tripoli, barqa = kb.entry("Islamic State (Tripoli)"), kb.entry("Islamic State (Cyrenaica Province)")
    assert tripoli is not None and "Sirte" in tripoli.areas
    assert barqa is not None and "Derna" in barqa.areas
    assert [m.text for m in kb.area_index.find("clashes in Sirte and Derna")] == ["Sirte", "Derna"]


def test_aerial_words_are_a_label_list() -> None:
    found = load_actor_kb().aerial_index.find("Fresh air strikes hit the port; warplanes circled.")
    assert [m.text for m in found] == ["air strikes", "warplanes"]


def test_entry_names_follow_acleds_naming_of_the_period() -> None:
    entry = load_actor_kb().entry(HAFTAR)
    assert entry is not None
    assert entry.name_in(2016) == "Military Forces of Libya (2014-)"
    assert entry.name_in(2017) == HAFTAR and entry.name_in(None) == HAFTAR


def test_bad_period_name_names_file_and_field(tmp_path: Path) -> None:
    extra = tmp_path / "bad-named.yaml"
    extra.write_text("actors:\n  - name: X\n    inter: 3\n    named: [{years: [2010, 2011]}]\n")
    with pytest.raises(KnowledgeError, match="`named`") as err:
        load_actor_kb([extra])
    assert str(extra) in str(err.value)


def test_country_blind_match_leaves_descriptive_aliases_out() -> None:
    # "opposition forces" were Libya's rebels in 2011: a South Sudan report must not vote for Libya
    assert _names("Clashes between government and opposition forces near Malakal.", 2017) == []
    assert _names("LNA forces clashed with BRSC fighters.", 2017)[0][1] == HAFTAR


def test_regional_file_adds_african_armed_groups_with_their_country() -> None:
    kb = load_actor_kb()
    assert _names("Civilian JTF members clashed with the FDLR.") == [
        ("Civilian JTF", "CJTF: Civilian Joint Task Force"),
        ("FDLR", "FDLR: Democratic Forces for the Liberation of Rwanda"),
    ]
    entry = kb.entry("SPLA/M-In Opposition: Sudanese Peoples Liberation Army/Movement-In Opposition")
    assert entry is not None and (entry.country, entry.inter) == ("SS", 2)


def test_camp_of_reads_canonical_and_period_names_within_the_camps_years() -> None:
    kb = load_actor_kb()
    lna = kb.camp_of(HAFTAR, 2017)
    assert lna is not None and lna.id == "lna" and lna.leads_battles
    # the LNA's 2016 name is also a plain state-forces entry of its own; in 2016 it is the LNA's name
    old = kb.camp_of("Military Forces of Libya (2014-)", 2016)
    assert old is not None and old.id == "lna"
    assert kb.camp_of("Military Forces of Libya (1969-2011)", 2011) is not None
    assert kb.camp_of("Military Forces of Libya (1969-2011)", 2013) is None  # the camp had ended
    gna = kb.camp_of(GNA, 2020)
    assert gna is not None and not gna.leads_battles
    assert kb.camp_of("Unidentified Armed Group (Libya)", 2017) is None


def test_the_eastern_authorities_forces_are_haftars() -> None:
    text = "Forces loyal to Libya's eastern authorities struck the air base."
    assert ("eastern authorities", HAFTAR) in _names(text, 2017)
    # "rebel fighters" and "opposition fighters" were Libya's rebels in 2011, no one's outside those years
    assert _names("Rebel fighters entered the town.", 2011) == [("Rebel fighters", "Libyan Rebel Forces")]
    assert _names("Rebel fighters entered the town.", 2017) == []


def test_a_camp_may_lead_battles_only_in_the_months_a_user_file_gives(tmp_path: Path) -> None:
    extra = tmp_path / "war.yaml"
    extra.write_text(
        "sides:\n  - id: insurgents\n    years: [2030, 2032]\n"
        '    leads_battles: [["2030-03", "2030-08"], [2032, 2032]]\n',
        encoding="utf-8",
    )
    side = load_actor_kb([extra]).side("insurgents")
    assert side is not None and side.leads_battles
    assert [side.leads_in(2030, m) for m in (2, 3, 8, 9)] == [False, True, True, False]
    assert side.leads_in(2031, 5) is False and side.leads_in(2032, 1) is True
    assert side.leads_in(2030) is True  # an unknown month reads as mid-year


def test_a_period_name_may_change_within_a_year() -> None:
    rebels = load_actor_kb().entry("Libyan Rebel Forces")
    assert rebels is not None
    assert [rebels.name_in(2011, m) for m in (5, 6, 9, 10, 11)] == [
        "Libyan Rebel Forces",
        "NLA: National Liberation Army",
        "NLA: National Liberation Army",
        "Military Forces of Libya (1969-2011)",  # the recognised NTC's fighters: the state's forces
        "Military Forces of Libya (2011-2012)",
    ]


def test_a_period_name_reads_back_to_the_camp_that_bore_it_then() -> None:
    kb = load_actor_kb()
    # In October 2011 the state forces' name was the NTC's fighters', and Gaddafi's were a militia.
    state = kb.camp_of("Military Forces of Libya (1969-2011)", 2011, 10)
    assert state is not None and state.id == "ntc"
    loyalists = kb.camp_of("Militia (Pro-Government)", 2011, 10)
    assert loyalists is not None and loyalists.id == "gaddafi" and loyalists.leads_in(2011, 10)
    early = kb.camp_of("Military Forces of Libya (1969-2011)", 2011, 5)
    assert early is not None and early.id == "gaddafi"
    assert kb.camp_of("Militia (Pro-Government)", 2011, 5) is None  # nobody's period name in May
    # the rebels' one foe in November is the loyalist militia
    foe = kb.sole_opponent("Military Forces of Libya (2011-2012)", "LY", 2011, 11)
    assert foe is not None and foe.name_in(2011, 11) == "Militia (Pro-Government)"


def test_a_unit_commanders_press_spellings_name_his_unit() -> None:
    saiqa = "Military Forces of Libya (2014-) Haftar Faction - Saiqa Forces"
    for text in ("Commander Werfelli executed the prisoners.", "Mahmoud Werfalli executed the prisoners."):
        assert [name for _, name in _names(text, 2017)] == [saiqa]


def test_gaddafi_is_known_in_the_british_press_spelling_too() -> None:
    gaddafi = "Military Forces of Libya (1969-2011)"
    assert _names("Gadaffi loyalists held the airport.", 2011) == [("Gadaffi loyalists", gaddafi)]
    assert _names("Muammar Gadaffi spoke on television.", 2011) == [("Muammar Gadaffi", gaddafi)]
