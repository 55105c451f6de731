"""Tests for relation extraction: each relation kind and cue shape, coordinated lists, negation and modality,
dates, evidence, the parse fallback, and the cue file's loader and schema check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import Document, Relation, RelationKind
from polemos.stages.actors import DocumentActors
from polemos.stages.annotate import Sentence, split_sentences
from polemos.stages.relation_cues import load_relation_cues
from polemos.stages.relations import extract_relations

HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"
GNA = "Military Forces of Libya (2016-) Government of National Accord"
DMSC = "Shura Council of Darnah Mujahidin"
SDF = "Special Deterrence Forces"
TURKEY = "Military Forces of Turkey"
RUSSIA = "Military Forces of Russia"
EGYPT = "Military Forces of Egypt (2014-)"
UAE = "Military Forces of the United Arab Emirates"
SUNDAY = dt.date(2020, 6, 7)

S = RelationKind.SUPPORTS
A = RelationKind.ALLIED_WITH
F = RelationKind.FIGHTS
L = RelationKind.LINKED_TO
LEAD = RelationKind.LEADS
C = RelationKind.CONTROLS


def _extract(
    text: str, gazetteer: Gazetteer, published: dt.date = SUNDAY, nlp: Any = None, **kwargs: Any
) -> list[Relation]:
    kb = load_actor_kb()
    doc = Document(id="t", text=text, published=published)
    actors = DocumentActors.build(text, kb, country="LY", year=published.year)
    sentences = split_sentences(text)
    if nlp is not None:
        sentences = [Sentence(s.index, s.start, s.end, s.text, s.paragraph, nlp(s.text)) for s in sentences]
    return extract_relations(doc, sentences, actors, gazetteer, "LY", kb=kb, **kwargs)


def _triples(relations: list[Relation]) -> list[tuple[RelationKind, str, str]]:
    return [(r.kind, r.source, r.target) for r in relations]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # supports: passive, relative clause, possessive noun, hyphen modifier
        ("The Government of National Accord has long been backed by Turkey.", [(S, TURKEY, GNA)]),
        ("Drones were supplied by the United Arab Emirates, which supports the LNA.", [(S, UAE, HAFTAR)]),
        ("Egypt's support for Haftar is no secret.", [(S, EGYPT, HAFTAR)]),
        ("Turkish-backed forces of the GNA pushed south.", [(S, TURKEY, GNA)]),
        # allied_with: active cue, and "loyal to" inside a relative clause
        ("The Special Deterrence Forces, allied with the GNA, patrolled Tripoli.", [(A, SDF, GNA)]),
        ("The Rada, which is loyal to the GNA, patrolled Tripoli.", [(A, SDF, GNA)]),
        # fights: "between X and Y", "at war with"
        ("Clashes between the Special Deterrence Forces and the LNA continued.", [(F, SDF, HAFTAR)]),
        ("The GNA is at war with Haftar's forces.", [(F, GNA, HAFTAR)]),
        # leads: passive, title; a surname alone names the entry's first listed leader of that name
        (
            "The Libyan National Army, commanded by Khalifa Haftar, entered Derna.",
            [(LEAD, "Khalifa Haftar", HAFTAR)],
        ),
        ("LNA commander Field Marshal Khalifa Haftar spoke on Monday.", [(LEAD, "Khalifa Haftar", HAFTAR)]),
        ("The LNA, led by Haftar, pushed west.", [(LEAD, "Khalifa Haftar", HAFTAR)]),
        # controls: capture, passive change, standing control of a direction, modifier, airport
        ("On Friday, the GNA recaptured the town of Gharyan.", [(C, GNA, "Gharyan")]),
        ("Gharyan fell to the GNA on Friday.", [(C, GNA, "Gharyan")]),
        ("Haftar's forces still control the east.", [(C, HAFTAR, "Eastern Libya")]),
        ("The GNA-controlled town of Zawiya was quiet.", [(C, GNA, "Az Zawiyah")]),
    ],
)
def test_each_relation_kind_is_read_from_its_cue(
    text: str, expected: list[tuple[RelationKind, str, str]], gazetteer: Gazetteer
) -> None:
    assert _triples(_extract(text, gazetteer)) == expected


def test_linked_to_under_a_hedge_keeps_lower_confidence(gazetteer: Gazetteer) -> None:
    plain, hedged = (
        _extract(f"The Shura Council of Darnah Mujahidin {verb} Al Qaeda.", gazetteer, dt.date(2018, 5, 8))
        for verb in ("is linked to", "is believed to be linked to")
    )
    assert _triples(plain) == _triples(hedged) == [(L, DMSC, "Al Qaeda")]
    assert hedged[0].confidence < plain[0].confidence


def test_coordinated_list_gives_one_edge_each(gazetteer: Gazetteer) -> None:
    text = "Haftar has been supported by Russia, Egypt and the United Arab Emirates."
    assert _triples(_extract(text, gazetteer)) == [(S, RUSSIA, HAFTAR), (S, EGYPT, HAFTAR), (S, UAE, HAFTAR)]


def test_relative_clause_between_subject_and_cue_is_skipped(gazetteer: Gazetteer) -> None:
    text = "Haftar, whose militia still controls the east, has been supported by Russia."
    assert _triples(_extract(text, gazetteer)) == [(C, HAFTAR, "Eastern Libya"), (S, RUSSIA, HAFTAR)]


@pytest.mark.parametrize(
    "text",
    [
        "The GNA is not backed by Russia.",
        "Russia would never arm the GNA.",
        "Haftar's forces do not control Sirte.",
        "Haftar vowed that Derna would be captured by the LNA.",
        "The GNA aims to control Sirte.",
        "The Libyan army launched an operation to take control of Sirte.",
        "The GNA has lost the support of Turkey.",
        "The UN-backed GNA rejected the offer.",  # UN backing is recognition, not support
    ],
)
def test_negation_modality_and_recognition_state_no_relation(text: str, gazetteer: Gazetteer) -> None:
    assert _extract(text, gazetteer) == []


@pytest.mark.parametrize(
    "text",
    [
        "The GNA seized a depot with mines in Tarhuna.",  # the depot was seized, not the town
        "The LNA captured high ground outside Derna.",
        "A media centre linked to the military said so.",  # no actor stands before the cue
    ],
)
def test_a_place_or_actor_not_governed_by_the_cue_is_no_end(text: str, gazetteer: Gazetteer) -> None:
    assert _extract(text, gazetteer) == []


def test_a_change_of_hands_beats_the_former_stronghold_in_its_sentence(gazetteer: Gazetteer) -> None:
    text = "On Friday, the GNA liberated Tarhuna, the last stronghold of Haftar in western Libya."
    assert _triples(_extract(text, gazetteer)) == [(C, GNA, "Tarhuna")]


def test_dates_come_from_the_sentence_else_the_publication(gazetteer: Gazetteer) -> None:
    text = (
        "The GNA has been under attack by Haftar's forces since April 2019. "
        "On Friday, the GNA recaptured the town of Gharyan. Haftar is backed by Russia."
    )
    got = {(r.kind, r.start) for r in _extract(text, gazetteer)}
    assert got == {(F, dt.date(2019, 4, 15)), (C, dt.date(2020, 6, 5)), (S, SUNDAY)}


def test_controls_target_is_a_resolved_place_and_coreference_reaches_the_town(gazetteer: Gazetteer) -> None:
    text = (
        "Fighting was reported near Derna on Monday. "
        "The town is controlled by the Shura Council of Darnah Mujahidin."
    )
    (r,) = _extract(text, gazetteer, dt.date(2018, 5, 8))
    assert (r.kind, r.source) == (C, DMSC)
    assert r.target_place is not None and r.target == r.target_place.name
    assert abs(r.target_place.latitude - 32.77) < 0.05 and abs(r.target_place.longitude - 22.64) < 0.05


def test_evidence_shows_the_cue_the_sentence_and_the_framing_that_read_the_army(gazetteer: Gazetteer) -> None:
    text = (
        "Militias loyal to the warlord Khalifa Haftar shelled Tripoli again. "
        "On Friday, the Libyan army liberated the strategic city of Tarhuna."
    )
    (r,) = _extract(text, gazetteer)
    assert (r.kind, r.source, r.target) == (C, GNA, "Tarhuna")
    assert r.evidence is not None
    assert r.evidence.text == "the Libyan army liberated the strategic city of Tarhuna"
    assert text[r.evidence.start : r.evidence.end] == r.evidence.text
    assert "active:'liberated'" in r.evidence.rule and "framing:gna via 'warlord'" in r.evidence.rule
    assert r.evidence.sentence.startswith("On Friday")


def test_the_parse_finds_a_subject_the_words_miss(gazetteer: Gazetteer, nlp: Any) -> None:
    text = "The GNA, which has fought for months, on Friday finally and decisively captured Sirte."
    assert _extract(text, gazetteer) == []
    (r,) = _extract(text, gazetteer, nlp=nlp)
    assert (r.kind, r.source, r.target) == (C, GNA, "Sirte")
    assert r.evidence is not None and "subject by parse" in r.evidence.rule


def test_given_places_and_dates_are_used_instead_of_finding_them(gazetteer: Gazetteer) -> None:
    text = "On Friday, the GNA recaptured the town of Gharyan."
    (r,) = _extract(text, gazetteer, dates=[[]])
    assert (r.target, r.start) == ("Gharyan", SUNDAY)  # no date given: the publication date
    assert _extract(text, gazetteer, places=[[]]) == []  # no place given: no controls edge


# ---------------------------------------------------------------------- the cue file
def test_user_cue_file_adds_a_pattern(tmp_path: Path, gazetteer: Gazetteer) -> None:
    extra = tmp_path / "cues.yaml"
    extra.write_text(
        "cues:\n  - {kind: supports, shape: passive, confidence: 0.7, patterns: [bankrolled through]}\n",
        encoding="utf-8",
    )
    text = "The LNA is bankrolled through Egypt."
    assert _extract(text, gazetteer) == []
    got = _extract(text, gazetteer, cues=load_relation_cues([extra]))
    assert _triples(got) == [(S, EGYPT, HAFTAR)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("cues:\n  - {kind: hates, shape: active, patterns: [x]}\n", "`kind` 'hates'"),
        ("cues:\n  - {kind: fights, shape: sideways, patterns: [x]}\n", "`shape` 'sideways'"),
        (
            "cues:\n  - {kind: fights, shape: active, patterns: ['(unclosed']}\n",
            "not a valid regular expression",
        ),
        ("cues:\n  - {kind: fights, shape: modifier, patterns: [backed]}\n", "must start with a hyphen"),
        ("cues:\n  - {kind: fights, shape: active, confidence: 2, patterns: [x]}\n", "`confidence`"),
        ("object_stops: [in, on]\n", "object_stops"),  # YAML reads a bare `on` as true
        ("verbs: [x]\n", "unknown section"),
    ],
)
def test_cue_file_schema_errors_name_file_and_field(tmp_path: Path, body: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"bad\.yaml") as info:
        load_relation_cues([bad])
    assert message in str(info.value)


def test_packaged_cues_cover_every_relation_kind() -> None:
    cues = load_relation_cues()
    assert {p.kind for p in cues.patterns} == set(RelationKind)
    assert load_relation_cues() is cues
