"""A run's prevailing country, for the reports in it that name none.

A short item on a country desk's feed ("Government forces retake a city.", "Police fire on protesters,
three killed.") often names no country at all: its reader knows it from the feed. Coded alone, its sides
are "Military Forces" and "Protesters" of no country, which no dataset can use. So every ingest path
(`pipeline.ingest`, the Dask batch, `polemos evaluate`) tallies the country of each document it codes
(where its first placed event happens, else its sides' country) and holds back the documents whose events
tell no country at all; at the end of the run these are coded again with the country most of the run's
documents are in, when one clearly prevails (`prevailing`), their events flagged `country-from-batch`.
Where none prevails (a world feed, a run of a few documents) they are stored as first coded.

The tally is the run's, not the store's: a run is one feed's delivery, and the same run coded again gives
the same events whatever the store held before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from polemos.knowledge.countries import load_countries
from polemos.model import Event
from polemos.taxonomy import EventType, Inter

__all__ = ["BATCH_FLAG", "MIN_DOCUMENTS", "MIN_SHARE", "BatchCountry", "events_country"]

# The flag on events coded with the run's country rather than one their own text tells.
BATCH_FLAG = "country-from-batch"
# A run of fewer placed documents says too little about its feed; and a country must hold a clear majority
# of them: a regional or world feed has none, and a report with no country there may be from anywhere.
MIN_DOCUMENTS = 10
MIN_SHARE = 0.6
_ARMY = "Military Forces of"


def events_country(events: Sequence[Event]) -> str | None:
    """The ISO2 code of the country a document's events are in: the first place's, else the first side's
    with a country (a foreign force's country where the report names no place is still a lead; not
    civilians', nor a striking army's), else None."""
    countries = load_countries()
    for event in events:
        if event.place is not None and event.place.country:
            found = countries.get(event.place.country)
            if found is not None:
                return found.iso2
    for event in events:
        for actor in (event.actor1, event.actor2):
            # civilians may be named by their nationality, which is not where it happens ("a Swedish
            # national was shot": Civilians (Sweden) wherever he was)
            if actor is not None and actor.country and actor.inter != Inter.CIVILIANS:
                if actor is event.actor1 and _strikes(event):
                    continue
                return actor.country
    return None


def _strikes(event: Event) -> bool:
    """Whether an event is a state army's strike, or its shelling, bombing or missile fire: armies strike
    abroad as readily as at home ("RAF Tornados destroyed three launchers"), so the striker's country tells
    no more where it happened than a victim's nationality does (stages/strike_country.py)."""
    a1 = event.actor1
    return (
        event.event_type == EventType.EXPLOSIONS
        and a1 is not None
        and a1.inter in (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER)
        and a1.name.startswith(_ARMY)
    )


class BatchCountry:
    """The tally of one run: which countries its documents were coded in."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def holds_back(self, events: Sequence[Event]) -> bool:
        """Count a document's country; True when it has events and none of them tells a country, so that it
        waits for `prevailing` (a document with no events has nothing a country would change)."""
        code = events_country(events)
        if code is not None:
            self.counts[code] += 1
        return code is None and bool(events)

    def prevailing(self) -> str | None:
        """The country of a clear majority (MIN_SHARE) of the run's placed documents, once it has
        MIN_DOCUMENTS of them; else None."""
        total = sum(self.counts.values())
        if total < MIN_DOCUMENTS:
            return None
        code, n = self.counts.most_common(1)[0]
        return code if n >= MIN_SHARE * total else None
