"""A document's event mentions grouped into events (aggregate stage): the group of one event, its date
and top mention, and when two places are one location."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from polemos.model import Actor, DatePoint, EventMention, GeoPrecision, Place
from polemos.taxonomy import EventType, Inter

# Two "near X" places this close are the same battlefield (ACLED codes both to the nearby town).
NEAR_KM = 20.0


# Closer than this, two places are one location whatever their precision (a district and its city).
SAME_KM = 5.0


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    r = math.radians
    h = (
        math.sin(r(b.latitude - a.latitude) / 2) ** 2
        + math.cos(r(a.latitude)) * math.cos(r(b.latitude)) * math.sin(r(b.longitude - a.longitude) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.inherited or b.inherited:
        return True
    if a.name.split(" - ")[0] == b.name.split(" - ")[0]:
        return True  # "Darnah - Eastern Coast" is in Darnah
    if distance_km(a, b) <= SAME_KM:
        return True
    loose = a.geo_precision >= GeoPrecision.NEAR or b.geo_precision >= GeoPrecision.NEAR
    return loose and distance_km(a, b) <= NEAR_KM


@dataclass
class EventGroup:
    """The mentions a report tells of one event (its day, place and actor pair), in report order."""

    mentions: list[EventMention] = field(default_factory=list)

    @property
    def first(self) -> EventMention:
        return self.mentions[0]

    @property
    def actor1(self) -> Actor | None:
        return next((m.actor1 for m in self.mentions if m.actor1), None)

    @property
    def actor2(self) -> Actor | None:
        return next((m.actor2 for m in self.mentions if m.actor2), None)

    def actor2_of(self, event_type: EventType) -> Actor | None:
        """Actor 2 of the event the group codes as `event_type`. A battle is fought between organised
        armed groups (ACLED never lists civilians in one), so the civilians a mention read while typed
        otherwise ("the attack" on civilians told again, the hostages of a kidnapping told beside the
        fight) are no side of it; another mention's armed side is, else none."""
        sides = [m.actor2 for m in self.mentions if m.actor2]
        if event_type is EventType.BATTLES:
            sides = [a for a in sides if a.inter != Inter.CIVILIANS]
        return sides[0] if sides else None

    @property
    def place(self) -> Place | None:
        places = [m.place for m in self.mentions if m.place]
        # A place the event's own sentence names beats one inherited from an earlier sentence.
        return min(places, key=lambda p: (p.inherited, p.geo_precision)) if places else None


def group_date(g: EventGroup) -> DatePoint | None:
    """The date an event is coded with: the most precise of its mentions' own dates (else any)."""
    dated = [m.date for m in g.mentions if m.date is not None]
    own = [d for d in dated if not d.rule.startswith(("inherited", "published"))]
    return min(own or dated, key=lambda d: d.precision) if dated else None


def top_mention(g: EventGroup) -> EventMention:
    return min(g.mentions, key=lambda m: m.sub_event_type.rank)
