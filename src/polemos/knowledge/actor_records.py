"""The records of the actor knowledge base: an actor, a camp of a conflict, and a knowledge-base phrase
found in text. The loader (polemos.knowledge.actor_merge) builds them from the actor files; the knowledge
base (polemos.knowledge.actors) looks them up.
"""

from __future__ import annotations

from dataclasses import dataclass

from polemos.knowledge.actor_periods import Period, PeriodName, day_at


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the knowledge base, with the words that name it and the camp it fights for."""

    name: str
    inter: int
    country: str | None
    start_year: int | None
    end_year: int | None
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    leaders: tuple[str, ...]
    parent: str | None
    side: str | None
    framing_cues: tuple[str, ...]
    areas: tuple[str, ...] = ()  # places of a regional branch's territory ("Sirte" for IS's Tripoli province)
    period_names: tuple[PeriodName, ...] = ()  # (start, end, name) ACLED used
    # A mission contingent only where a report names the mission: its country's army also fights there
    # under its own command, so "Kenyan troops" alone are the state's, not AMISOM's
    named_only: bool = False

    def name_in(self, year: int | None, month: int | None = None, day: int | None = None) -> str:
        """Return the name ACLED gives the actor's events of `year`/`month`/`day` (an unknown month read
        as mid-year, an unknown day as mid-month; its canonical name by default)."""
        if year is None:
            return self.name
        at = day_at(year, month, day)
        for start, end, name in self.period_names:
            if (start is None or start <= at) and (end is None or at <= end):
                return name
        return self.name

    def is_valid(self, year: int | None) -> bool:
        """Return whether the actor existed in `year` (always, when the year is unknown)."""
        if year is None:
            return True
        return (self.start_year is None or self.start_year <= year) and (
            self.end_year is None or year <= self.end_year
        )


@dataclass(frozen=True)
class Side:
    """A camp of a conflict ("lna", "gna"), the camps it fights and the forces it calls its army."""

    id: str
    country: str | None
    start_year: int | None
    end_year: int | None
    description: str
    opposes: frozenset[str]
    forces: tuple[str, ...]
    # ACLED's desk for the conflict lists this camp first in its battles (see `sides` in actors.yaml)
    leads_battles: bool = False
    # Where given, the days in which it leads: a war whose initiative changed hands within a year
    lead_periods: tuple[Period, ...] = ()
    # A camp without a state's forces may still field one armed force under its own name (the 2011
    # uprising's rebels): the opponent of its enemy's forces in a battle that names only them, but never
    # "the army" or a state's forces (the rules that read `forces` as the state's keep to those)
    fighters: tuple[str, ...] = ()
    # ACLED's desk lists this camp second in its battles, whoever attacked (a new state's forces after the
    # war that made it: the groups that fight them are named first); `trail_periods` as `lead_periods`
    trails_battles: bool = False
    trail_periods: tuple[Period, ...] = ()

    def is_valid(self, year: int | None) -> bool:
        """Return whether the camp fought in `year` (always, when the year is unknown)."""
        return year is None or (self.start_year or 0) <= year <= (self.end_year or 9999)

    def leads_in(self, year: int | None, month: int | None = None, day: int | None = None) -> bool:
        """Return whether ACLED lists this camp first in its battles of `year`/`month`/`day` (an unknown
        month is read as mid-year, an unknown day as mid-month; an unknown year as any time the camp
        leads)."""
        return _holds(self.leads_battles, self.lead_periods, year, month, day)

    def trails_in(self, year: int | None, month: int | None = None, day: int | None = None) -> bool:
        """Return whether ACLED lists this camp second in its battles of `year`/`month`/`day` (read as
        `leads_in` reads its days)."""
        return _holds(self.trails_battles, self.trail_periods, year, month, day)


def _holds(
    habit: bool, periods: tuple[Period, ...], year: int | None, month: int | None, day: int | None
) -> bool:
    """Whether a habit of order (true, or true within `periods`) holds on a report's day."""
    if not habit or not periods or year is None:
        return habit
    at = day_at(year, month, day)
    return any(start <= at <= end for start, end in periods)


@dataclass(frozen=True)
class AliasMatch:
    """A knowledge-base phrase found in text: span, every entry it may name, and how it named them."""

    start: int
    end: int
    text: str
    candidates: tuple[ActorEntry, ...]
    how: str  # "alias" | "abbreviation" | "leader"
    key: str  # the phrase as the knowledge base writes it
