"""ACLED's closed vocabularies: event types, sub-event types (in hierarchy order), inter codes.

Every stage codes to these enums; exports write their `.value` strings, which are ACLED's own labels.
The definitions follow the codebook digest in ACLED-CODING.md.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class EventType(StrEnum):
    """The six ACLED event types, in the codebook's hierarchy order (higher wins in aggregation)."""

    BATTLES = "Battles"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class DisorderType(StrEnum):
    POLITICAL_VIOLENCE = "Political violence"
    DEMONSTRATIONS = "Demonstrations"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"
    POLITICAL_VIOLENCE_AND_DEMONSTRATIONS = "Political violence; Demonstrations"


class SubEventType(StrEnum):
    """The 25 ACLED sub-event types, in the codebook's hierarchy order."""

    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    ARMED_CLASH = "Armed clash"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "Excessive force against protesters"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    PEACEFUL_PROTEST = "Peaceful protest"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION = "Abduction/forced disappearance"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_ESTABLISHED = "Headquarters or base established"
    LOOTING = "Looting/property destruction"
    NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
    OTHER = "Other"

    @property
    def event_type(self) -> EventType:
        return PARENT[self]

    @property
    def rank(self) -> int:
        """Position in ACLED's hierarchy: lower ranks win when one event combines several."""
        return _RANK[self]


_S = SubEventType
PARENT: dict[SubEventType, EventType] = {
    **dict.fromkeys(
        [_S.GOVERNMENT_REGAINS_TERRITORY, _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY, _S.ARMED_CLASH],
        EventType.BATTLES,
    ),
    **dict.fromkeys(
        [_S.EXCESSIVE_FORCE_AGAINST_PROTESTERS, _S.PROTEST_WITH_INTERVENTION, _S.PEACEFUL_PROTEST],
        EventType.PROTESTS,
    ),
    **dict.fromkeys([_S.VIOLENT_DEMONSTRATION, _S.MOB_VIOLENCE], EventType.RIOTS),
    **dict.fromkeys(
        [
            _S.CHEMICAL_WEAPON,
            _S.AIR_DRONE_STRIKE,
            _S.SUICIDE_BOMB,
            _S.SHELLING,
            _S.REMOTE_EXPLOSIVE,
            _S.GRENADE,
        ],
        EventType.EXPLOSIONS,
    ),
    **dict.fromkeys([_S.SEXUAL_VIOLENCE, _S.ATTACK, _S.ABDUCTION], EventType.VIOLENCE_AGAINST_CIVILIANS),
    **dict.fromkeys(
        [
            _S.AGREEMENT,
            _S.ARRESTS,
            _S.CHANGE_TO_GROUP,
            _S.DISRUPTED_WEAPONS_USE,
            _S.HEADQUARTERS_ESTABLISHED,
            _S.LOOTING,
            _S.NON_VIOLENT_TRANSFER,
            _S.OTHER,
        ],
        EventType.STRATEGIC_DEVELOPMENTS,
    ),
}
_RANK = {s: i for i, s in enumerate(SubEventType)}

TERRITORY_CHANGES = frozenset(
    {_S.GOVERNMENT_REGAINS_TERRITORY, _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY, _S.NON_VIOLENT_TRANSFER}
)


def disorder_type(sub: SubEventType) -> DisorderType:
    """Return ACLED's disorder type for a sub-event type."""
    parent = sub.event_type
    if sub is _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS:
        return DisorderType.POLITICAL_VIOLENCE_AND_DEMONSTRATIONS
    if parent is EventType.PROTESTS:
        return DisorderType.DEMONSTRATIONS
    if parent is EventType.RIOTS:
        return DisorderType.POLITICAL_VIOLENCE_AND_DEMONSTRATIONS
    if parent is EventType.STRATEGIC_DEVELOPMENTS:
        return DisorderType.STRATEGIC_DEVELOPMENTS
    return DisorderType.POLITICAL_VIOLENCE


class Inter(IntEnum):
    """ACLED actor types (inter codes)."""

    STATE_FORCES = 1
    REBEL_GROUP = 2
    POLITICAL_MILITIA = 3
    IDENTITY_MILITIA = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER = 8

    @property
    def label(self) -> str:
        return _INTER_LABELS[self]


_INTER_LABELS = {
    Inter.STATE_FORCES: "State forces",
    Inter.REBEL_GROUP: "Rebel group",
    Inter.POLITICAL_MILITIA: "Political militia",
    Inter.IDENTITY_MILITIA: "Identity militia",
    Inter.RIOTERS: "Rioters",
    Inter.PROTESTERS: "Protesters",
    Inter.CIVILIANS: "Civilians",
    Inter.EXTERNAL_OTHER: "External/Other forces",
}


def interaction_code(inter1: int | None, inter2: int | None) -> int:
    """Return ACLED's numeric interaction code: the unordered pair of inter codes, e.g. 1 & 2 -> 12.

    A one-sided event (no actor 2) is `inter1 * 10` (10 "State forces only", 20, ...).
    """
    if not inter1 and not inter2:
        return 0
    if not inter1 or not inter2:
        return int(inter1 or inter2 or 0) * 10
    low, high = sorted((int(inter1), int(inter2)))
    return low * 10 + high
