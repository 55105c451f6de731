"""Tests for the framing report: a pro-LNA, a pro-GNA and a neutral report of our own, grouping by outlet,
a user actor file, and the three seeds (both "Libyan army" readings, with the cues that decided them)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from polemos.framing_report import FramingReport, frame_document, framing_reports, report_to_json
from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import Document
from polemos.sources import read_documents

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"
GNA = "Military Forces of Libya (2016-) Government of National Accord"
DAY = dt.date(2019, 6, 30)

PRO_LNA = (
    "The Libyan National Army, commanded by Field Marshal Khalifa Haftar, liberated the town of Gharyan "
    "from terrorist militias on Friday. The army said its units had cleared the last pockets of terrorists."
)
PRO_GNA = (
    "Militias loyal to the warlord Khalifa Haftar shelled residential areas of Tripoli on Sunday. "
    "The Libyan army repelled the attack, and the army liberated the town of Gharyan."
)
NEUTRAL = (
    "Forces loyal to Khalifa Haftar's Libyan National Army (LNA) clashed with troops of the Government "
    "of National Accord (GNA) near Tripoli airport on Sunday. The LNA said it had taken a checkpoint; "
    "the GNA said its forces had pushed the attackers back."
)


def _doc(doc_id: str, text: str, outlet: str | None = None) -> Document:
    return Document(id=doc_id, text=text, outlet=outlet, published=DAY)


def _labels(report: FramingReport, actor: str) -> dict[str, int]:
    found = next((a for a in report.actors if a.actor == actor), None)
    return {label.text: label.count for label in found.labels} if found else {}


def test_pro_lna_report_leans_lna_and_calls_haftars_forces_the_army(gazetteer: Gazetteer) -> None:
    (report,) = framing_reports([_doc("a", PRO_LNA)], load_actor_kb(), gazetteer)
    assert report.side == "lna" and not report.is_outlet and report.key == "a"
    assert any(c.text == "Field Marshal" and c.side == "lna" for c in report.cues)
    labels = _labels(report, HAFTAR)
    assert labels["army"] == 1 and labels["Libyan National Army"] == 1


def test_pro_gna_report_leans_gna_and_reads_the_libyan_army_through_the_framing(gazetteer: Gazetteer) -> None:
    framed = frame_document(_doc("b", PRO_GNA), load_actor_kb(), gazetteer)
    assert framed.side == "gna"
    gna = next(a for a in framed.actors if a.actor == GNA)
    libyan_army = next(label for label in gna.labels if label.text == "Libyan army")
    assert libyan_army.rule == "framing:gna via 'warlord'"
    assert {label.text for label in gna.labels} == {"Libyan army", "army"}
    assert any(c.text == "warlord" and c.side == "gna" for c in framed.cues)


def test_neutral_report_leans_nowhere_and_names_both_sides(gazetteer: Gazetteer) -> None:
    (report,) = framing_reports([_doc("c", NEUTRAL)], load_actor_kb(), gazetteer)
    assert report.side is None and report.leanings == (("neutral", 1),)
    assert "Libyan National Army" in _labels(report, HAFTAR) and "GNA" in _labels(report, GNA)
    assert "its forces" not in _labels(report, GNA)  # pronouns are no labels


def test_reports_group_by_outlet_and_keep_outletless_documents_apart(gazetteer: Gazetteer) -> None:
    docs = [
        _doc("1", PRO_GNA, "tripoli-post"),
        _doc("2", PRO_GNA.replace("Sunday", "Monday"), "tripoli-post"),
        _doc("3", NEUTRAL, "tripoli-post"),
        _doc("4", PRO_LNA),
    ]
    reports = {r.key: r for r in framing_reports(docs, load_actor_kb(), gazetteer)}
    assert set(reports) == {"tripoli-post", "4"}
    post = reports["tripoli-post"]
    assert post.is_outlet and post.documents == ("1", "2", "3")
    assert post.side == "gna" and dict(post.leanings) == {"gna": 2, "neutral": 1}
    assert _labels(post, GNA)["Libyan army"] == 2
    warlord = next(c for c in post.cues if c.text == "warlord" and c.side == "gna")
    assert warlord.count == 2
    by_document = framing_reports(docs, load_actor_kb(), gazetteer, by_outlet=False)
    assert [r.key for r in by_document] == ["1", "2", "3", "4"]


def test_split_outlet_leans_nowhere(gazetteer: Gazetteer) -> None:
    docs = [_doc("1", PRO_GNA, "x"), _doc("2", PRO_LNA, "x")]
    (report,) = framing_reports(docs, load_actor_kb(), gazetteer)
    assert report.side is None and dict(report.leanings) == {"gna": 1, "lna": 1}


def test_user_actor_file_labels_count_under_its_actors(tmp_path: Path, gazetteer: Gazetteer) -> None:
    extra = tmp_path / "my-actors.yaml"
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
    text = "The Martyrs of Zawiya clashed with the Dignity Army west of Tripoli. The Dignity Army withdrew."
    (report,) = framing_reports([_doc("u", text)], load_actor_kb([extra]), gazetteer)
    assert _labels(report, "Zawiya Martyrs Brigade") == {"Martyrs of Zawiya": 1}
    assert _labels(report, HAFTAR) == {"Dignity Army": 2}


def test_report_json_has_side_cues_and_labels(gazetteer: Gazetteer) -> None:
    (report,) = framing_reports([_doc("b", PRO_GNA, "tripoli-post")], load_actor_kb(), gazetteer)
    data = json.loads(json.dumps(report_to_json(report)))
    assert data["outlet"] == "tripoli-post" and data["side"] == "gna"
    assert data["scores"]["gna"] > data["scores"].get("lna", 0)
    gna = next(a for a in data["actors"] if a["actor"] == GNA)
    assert {"text": "Libyan army", "count": 1, "rule": "framing:gna via 'warlord'"} in gna["labels"]


# ---------------------------------------------------------------------- the seeds
@pytest.fixture(scope="module")
def seed_reports(seed_manifest: list[dict[str, Any]], gazetteer: Gazetteer) -> dict[str, FramingReport]:
    docs = [
        d
        for m in seed_manifest
        for d in read_documents([SEEDS / m["file"]], published=dt.date.fromisoformat(m["published"]))
        if isinstance(d, Document)
    ]
    return {r.key: r for r in framing_reports(docs, load_actor_kb(), gazetteer)}


def test_seed_reports_lean_as_the_seeds_are_written(seed_reports: dict[str, FramingReport]) -> None:
    assert {k: (r.side, r.is_outlet) for k, r in seed_reports.items()} == {
        "000_aea3f91c47e42a8b": ("lna", False),
        "thenational.ae": ("lna", True),
        "002_37df46fae67b9620": ("gna", False),
    }


def test_seed_libyan_army_readings_show_their_framing_cues(seed_reports: dict[str, FramingReport]) -> None:
    lna_doc = seed_reports["000_aea3f91c47e42a8b"]
    army = next(
        label
        for a in lna_doc.actors
        if a.actor == HAFTAR
        for label in a.labels
        if label.text == "Libyan army forces"
    )
    assert army.rule == "apposition:led by Khalifa Haftar"
    assert any(c.text == "Libyan army forces" and c.side == "lna" for c in lna_doc.cues)
    gna_doc = seed_reports["002_37df46fae67b9620"]
    army = next(
        label for a in gna_doc.actors if a.actor == GNA for label in a.labels if label.text == "Libyan army"
    )
    assert army.rule == "framing:gna via 'warlord'" and army.count >= 3
    assert any(c.text == "warlord" and c.side == "gna" for c in gna_doc.cues)
    assert "Field Marshall" in {c.text for c in seed_reports["thenational.ae"].cues}
