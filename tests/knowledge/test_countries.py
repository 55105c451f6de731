"""Tests for the country table: lookups, regime-year naming of state forces, and the schema check."""

from __future__ import annotations

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.countries import (
    load_countries,
    parse_countries,
    parse_regimes,
    state_forces_name,
    with_regimes,
)


@pytest.mark.parametrize(
    ("key", "iso2"),
    [
        ("Libya", "LY"),
        ("LY", "LY"),
        ("LBY", "LY"),
        ("Libyan", "LY"),
        ("Afghan", "AF"),
        ("Somali", "SO"),
        ("Nigerian", "NG"),
        ("Congolese", "CD"),
        ("DRC", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("UAE", "AE"),
        ("the Emirates", "AE"),
        ("Emirati", "AE"),
        ("US", "US"),
        ("United States", "US"),
        ("Norway", "NO"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
    ],
)
def test_country_lookup_by_name_code_alias_or_demonym(key: str, iso2: str) -> None:
    country = load_countries().get(key)
    assert country is not None and country.iso2 == iso2


def test_country_table_uses_acled_spellings_and_unique_codes() -> None:
    countries = list(load_countries())
    assert len(countries) > 240
    assert len({c.iso2 for c in countries}) == len(countries)
    assert len({c.iso3 for c in countries}) == len(countries)
    names = {c.name for c in countries}
    assert {"Democratic Republic of Congo", "Republic of Congo", "Ivory Coast", "eSwatini"} <= names


@pytest.mark.parametrize(
    ("country", "year", "kind", "expected"),
    [
        ("Libya", 2010, "military", "Military Forces of Libya (1969-2011)"),
        ("Libya", 2011, "military", "Military Forces of Libya (1969-2011)"),
        ("Libya", 2013, "military", "Military Forces of Libya (2012-2014)"),
        ("Libya", 2018, "military", "Military Forces of Libya (2014-)"),
        ("Libya", 2018, "police", "Police Forces of Libya (2016-)"),
        ("Libya", 2015, "police", "Police Forces of Libya (2014-)"),
        ("Afghanistan", 2020, "military", "Military Forces of Afghanistan (2014-)"),
        ("AF", 2020, "police", "Police Forces of Afghanistan (2014-)"),
        ("Afghanistan", 2022, "military", "Military Forces of Afghanistan (2021-)"),
        ("Nigeria", 2017, "military", "Military Forces of Nigeria (2015-)"),
        ("Somalia", 2019, "military", "Military Forces of Somalia (2017-)"),
        ("Egyptian", 2019, "military", "Military Forces of Egypt (2014-)"),
        ("Turkey", 2020, "military", "Military Forces of Turkey"),
        ("United Arab Emirates", 2020, "military", "Military Forces of the United Arab Emirates"),
        ("British", 2011, "military", "Military Forces of United Kingdom"),  # ACLED writes no article here
        ("Atlantis", 2020, "military", "Military Forces of Atlantis"),
    ],
)
def test_state_forces_name_follows_regime_periods(country: str, year: int, kind: str, expected: str) -> None:
    assert state_forces_name(country, year, kind) == expected  # type: ignore[arg-type]


def test_state_forces_name_closes_a_fallen_regime_in_later_exports() -> None:
    assert state_forces_name("Afghanistan", 2020, as_of=2024) == "Military Forces of Afghanistan (2014-2021)"
    assert state_forces_name("Nigeria", 2017, as_of=2024) == "Military Forces of Nigeria (2015-2023)"


def test_state_forces_name_without_year_uses_current_regime() -> None:
    assert state_forces_name("Libya", None) == "Military Forces of Libya (2014-)"


@pytest.mark.parametrize(
    ("month", "expected"),
    [(10, "Military Forces of Libya (1969-2011)"), (11, "Military Forces of Libya (2011-2012)"),
     (None, "Military Forces of Libya (1969-2011)")],
)  # fmt: skip
def test_libyas_state_forces_take_the_new_governments_name_after_liberation(
    month: int | None, expected: str
) -> None:
    # liberation was declared on 23 October 2011: the old name holds through October, mid-year without a month
    assert state_forces_name("Libya", 2011, month=month) == expected
    assert state_forces_name("Libya", 2012, month=5) == "Military Forces of Libya (2011-2012)"


def test_capital_letter_aliases_match_only_in_capitals() -> None:
    found = [m.text for m in load_countries().index.find("Tell us what the US and the UAE said.")]
    assert found == ["US", "UAE"]


def test_plural_demonym_is_recognised() -> None:
    libya = load_countries().get("LY")
    assert libya is not None
    assert libya.is_plural_demonym("Libyans") and not libya.is_plural_demonym("Libyan")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": "Narnia", "iso2": "nar", "iso3": "NAR"}, "`iso2`"),
        ({"name": "Narnia", "iso2": "NR", "iso3": "NARN"}, "`iso3`"),
        ({"name": "Narnia", "iso2": "NR", "iso3": "NAR", "capital": "x"}, "unknown field"),
        (
            {"name": "Narnia", "iso2": "NR", "iso3": "NAR", "regimes": [{"start": 2010, "end": 2001}]},
            "before",
        ),
        (
            {"name": "Narnia", "iso2": "NR", "iso3": "NAR", "regimes": [{"start": 2010, "kinds": ["navy"]}]},
            "kinds",
        ),
    ],
)
def test_country_schema_errors_name_the_entry_and_field(row: dict[str, object], message: str) -> None:
    with pytest.raises(KnowledgeError, match=message) as err:
        parse_countries({"countries": [row]})
    assert "countries.yaml" in str(err.value)


@pytest.mark.parametrize(
    ("country", "year", "month", "expected"),
    [
        # a regime that took office early in the year names that year's events; one in the autumn does not
        ("Somalia", 2017, None, "Military Forces of Somalia (2017-)"),
        ("Somalia", 2017, 1, "Military Forces of Somalia (2012-)"),
        ("Somalia", 2016, None, "Military Forces of Somalia (2012-)"),
        ("Zimbabwe", 2017, None, "Military Forces of Zimbabwe (1987-)"),
        ("Zimbabwe", 2017, 12, "Military Forces of Zimbabwe (2017-)"),
        ("Zambia", 2016, None, "Military Forces of Zambia (2015-)"),
        ("Kenya", 2010, None, "Military Forces of Kenya (2002-)"),
        ("Gambia", 2016, None, "Military Forces of Gambia (1994-)"),
    ],
)
def test_regime_table_names_state_forces_by_month(
    country: str, year: int, month: int | None, expected: str
) -> None:
    assert state_forces_name(country, year, month=month) == expected


def test_regime_table_closes_periods_in_later_exports() -> None:
    assert state_forces_name("Kenya", 2016, as_of=2024) == "Military Forces of Kenya (2013-2022)"


def test_regime_table_rejects_bad_months_and_unknown_countries() -> None:
    with pytest.raises(KnowledgeError, match="YYYY-MM"):
        parse_regimes({"regimes": {"Kenya": [{"start": "2013-13"}]}})
    with pytest.raises(KnowledgeError, match="Narnia"):
        with_regimes(list(load_countries()), parse_regimes({"regimes": {"Narnia": [{"start": 2010}]}}))


def test_state_names_index_forces_and_cues_by_country() -> None:
    found = {
        m.text: (m.values[0][0].iso2, m.values[0][1])
        for m in load_countries().state_index.find("FARDC troops and UPND supporters met Kenya Police.")
    }
    assert found == {"FARDC": ("CD", "military"), "UPND": ("ZM", "cue"), "Kenya Police": ("KE", "police")}
    # abbreviations in capitals match only as written
    assert not list(load_countries().state_index.find("The saf ride home."))
