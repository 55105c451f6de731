"""Tests for the gazetteer: name folding, trust of alternate names, the packaged supplement, user files."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    IndexedGazetteer,
    display_name,
    is_trusted_match,
    load_gazetteer,
    normalise_name,
)


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds with user files go to a test folder, not the user's cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("POLEMOS_GAZETTEER", raising=False)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def _entry(
    name: str, cc: str = "LY", *, gid: int | None = 1, alts: tuple[str, ...] = (), pop: int = 0
) -> GazetteerEntry:
    return GazetteerEntry(gid, name, cc, cc, None, None, 30.0, 15.0, pop, "P", "PPL", alts)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Al-Bayda", "Al Bayḑā’"),
        ("el Bayda", "Bayda"),
        ("Misrata", "Misratah"),
        ("Mazar-i-Sharif", "Mazār-e Sharīf"),
        ("Janzour", "Janzur"),
        ("Jufra airbase", "Jufra Air Base"),
        ("Markaz-e Woluswali-ye Achin", "Achin"),
        ("TRIPOLI", "tripoli"),
    ],
)
def test_normalise_name_folds_spelling_variants(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_normalise_name_keeps_distinct_names_apart() -> None:
    assert normalise_name("Buerat") != normalise_name("Tarhuna")
    assert normalise_name("Al") == "al"  # a lone article is kept, not emptied


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("Mazār-e Sharīf", "Mazar-e Sharif"), ("Al Bayḑā’", "Al Bayda"), ("‘Alāqahdārī Gēlān", "Gelan")],
)
def test_display_name_writes_ascii_without_district_centre_words(raw: str, shown: str) -> None:
    assert display_name(raw) == shown


def test_is_trusted_match_rejects_a_loose_geonames_alternate() -> None:
    tarhuna = _entry("Tarhuna", pop=52_420)
    assert not is_trusted_match("El-Buerat", tarhuna)
    assert not is_trusted_match("Buerat", tarhuna)


@pytest.mark.parametrize(
    ("said", "name"), [("Derna", "Darnah"), ("Misurata", "Misratah"), ("Zawia", "Az Zawiyah")]
)
def test_is_trusted_match_accepts_close_transliterations(said: str, name: str) -> None:
    assert is_trusted_match(said, _entry(name))


def test_is_trusted_match_trusts_curated_entries_and_aliases() -> None:
    assert is_trusted_match("Buerat al-Hsun", _entry("Buerat", gid=None))
    assert is_trusted_match("Chaghcharan", _entry("Fayroz Koh", alts=("Chaghcharan",)))


def test_indexed_gazetteer_lookup_orders_trusted_then_populous() -> None:
    gaz = IndexedGazetteer([_entry("Buerat", gid=None), _entry("Tripoli", pop=10)])
    # GeoNames alternate names are indexed as keys, not stored on the entry: they stay untrusted.
    gaz.add(_entry("Tarhuna", pop=52_420), {"tarhuna", normalise_name("El-Buerat")})
    assert [e.name for e in gaz.lookup("Buerat")] == ["Buerat", "Tarhuna"]
    assert gaz.lookup("Nowhere") == []


def test_indexed_gazetteer_country_codes_only_in_capitals() -> None:
    libya = GazetteerEntry(1, "Libya", "LY", "Libya", None, None, 32.9, 13.2, 6_000_000, "A", "PCLI")
    india = GazetteerEntry(2, "India", "IN", "India", None, None, 28.6, 77.2, 1, "A", "PCLI")
    gaz = IndexedGazetteer()
    gaz.add_country(libya, ("LBY", "Libyan", "Libyans"))
    gaz.add_country(india, ("IND", "Indian"))
    assert gaz.country("LY") is libya and gaz.country("LBY") is libya and gaz.country("libyan") is libya
    assert gaz.country("In") is None and gaz.country("IN") is india
    assert gaz.lookup("Libyan") == []  # a demonym is no place mention
    assert gaz.lookup("Libya") == [libya]


def test_load_gazetteer_is_cached_per_process(gazetteer: Gazetteer) -> None:
    assert load_gazetteer() is gazetteer


def test_lookup_tripoli_lists_libya_and_lebanon(gazetteer: Gazetteer) -> None:
    countries = [e.country_code for e in gazetteer.lookup("Tripoli") if e.feature_class == "P"]
    assert countries[0] == "LY" and "LB" in countries


def test_lookup_buerat_is_the_curated_town_not_tarhuna(gazetteer: Gazetteer) -> None:
    best = gazetteer.lookup("Buerat")[0]
    assert best.name == "Buerat" and best.geonames_id is None
    assert _km(best.latitude, best.longitude, 31.40, 15.73) < 5


@pytest.mark.parametrize(
    ("name", "feature_class", "lat", "lon", "tolerance_km"),
    [
        ("Fattaih", "P", 32.75, 22.80, 20),
        ("Wadi Wishka", "H", 31.4, 15.6, 30),
        ("Buerat al-Hsun", "P", 31.40, 15.73, 5),
        ("Jarif", "P", 31.1, 16.5, 40),
        ("Jufra airbase", "S", 29.1, 15.9, 20),
        ("al Watiya air base", "S", 32.4736, 11.8994, 1),
        ("Mitiga airport", "S", 32.894, 13.276, 3),
        ("Tripoli International Airport", "S", 32.669, 13.159, 1),
        ("Ras Lanuf", "P", 30.5, 18.55, 10),
        ("Es Sider", "S", 30.63, 18.35, 10),
        ("Zueitina oil terminal", "S", 30.9, 20.1, 20),
        ("Brega oil terminal", "S", 30.41, 19.58, 10),
        ("Ghardabiya air base", "S", 31.06, 16.6, 10),
        ("Tamanhint air base", "S", 27.24, 14.66, 10),
        ("Brak al-Shati air base", "S", 27.65, 14.27, 10),
        ("Ganfouda", "P", 32.03, 20.02, 5),
        ("Sabha airport", "S", 26.99, 14.47, 10),
        ("Qasr Abu Haid", "P", 31.06, 16.66, 2),
    ],
)
def test_curated_supplement_has_conflict_places(
    gazetteer: Gazetteer, name: str, feature_class: str, lat: float, lon: float, tolerance_km: float
) -> None:
    best = gazetteer.lookup(name)[0]
    assert best.country_code == "LY" and best.feature_class == feature_class
    assert _km(best.latitude, best.longitude, lat, lon) <= tolerance_km


def test_admin1_tables_cover_libya_and_afghanistan(gazetteer: Gazetteer) -> None:
    libya, afghanistan = gazetteer.admin1_entries("LY"), gazetteer.admin1_entries("AF")
    assert len(libya) == 22 and len(afghanistan) == 34
    assert all(e.feature_class == "A" and e.feature_code == "ADM1" and e.seat for e in libya + afghanistan)
    seats = {e.name: e.seat for e in afghanistan}
    assert seats["Helmand"] == "Lashkar Gah" and seats["Balkh"] == "Mazar-e Sharif"


def test_admin1_names_come_from_geonames_for_other_countries(gazetteer: Gazetteer) -> None:
    nigeria = {e.name: e for e in gazetteer.admin1_entries("NG")}
    assert nigeria["Borno"].seat == "Maiduguri" and nigeria["Borno"].feature_code == "ADM1"
    # GeoNames' wrapper words are dropped from the name reports use, kept as an alternate.
    cairo = next(e for e in gazetteer.admin1_entries("EG") if "Muhafazat al Qahirah" in e.alternate_names)
    assert cairo.name == "Al Qahirah" and cairo.seat == "Cairo"


@pytest.mark.parametrize(
    ("town", "country", "admin1"),
    [
        ("Derna", "LY", "Darnah"),
        ("Sirte", "LY", "Surt"),
        ("Mazar-e Sharif", "AF", "Balkh"),
        ("Cairo", "EG", "Al Qahirah"),
    ],
)
def test_geonames_places_carry_admin1_names_where_tabled(
    gazetteer: Gazetteer, town: str, country: str, admin1: str | None
) -> None:
    best = next(e for e in gazetteer.lookup(town) if e.country_code == country)
    assert best.admin1 == admin1


def test_country_entries_use_acled_names_and_sit_at_the_capital(gazetteer: Gazetteer) -> None:
    libya = gazetteer.country("LY")
    assert libya is not None and libya.feature_class == "A" and libya.feature_code == "PCLI"
    assert libya.seat == "Tripoli" and _km(libya.latitude, libya.longitude, 32.89, 13.18) < 5
    congo = gazetteer.country("CD")
    assert congo is not None and congo.name == "Democratic Republic of Congo"
    assert gazetteer.country("Afghan") == gazetteer.country("AFG") == gazetteer.country("Afghanistan")


def test_user_file_adds_places_and_aliases(own_cache: None, tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "aliases:\n  LY:\n    Tarhuna: [Tarhouna Town]\n"
        "places:\n  - {name: Camp Zulu, latitude: 31.5, longitude: 15.5, country: LY,"
        " feature_class: S, feature_code: CMP, source: test}\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer([extra])
    assert gaz is not load_gazetteer()
    assert gaz.lookup("Camp Zulu")[0].latitude == 31.5
    assert gaz.lookup("Tarhouna Town")[0].name == "Tarhuna"


@pytest.mark.parametrize(
    "body",
    [
        "places:\n  - {name: Nowhere, country: LY, feature_class: P, feature_code: PPL}\n",
        "places:\n  - {name: Nowhere, country: LY, feature_class: P, feature_code: PPL,"
        " latitude: 95, longitude: 0}\n",
        "admin1:\n  LY:\n    '99': {name: Somewhere}\n",
        "villages: []\n",
        "places: [12]\n",
        "places: [unclosed\n",
    ],
)
def test_bad_user_file_raises_knowledge_error(own_cache: None, tmp_path: Path, body: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_gazetteer([bad])


def test_alias_to_a_place_geonames_lacks_raises_knowledge_error(own_cache: None, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("aliases:\n  LY:\n    Atlantis: [Atlantida]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"(?i)atlantis"):
        load_gazetteer([bad])


def test_missing_user_file_raises_knowledge_error(own_cache: None, tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read"):
        load_gazetteer([tmp_path / "absent.yaml"])
