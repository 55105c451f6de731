"""Choose ACLED's one fatality figure for an event from the claims its reports make.

Claims compete or add up according to whom they count: rival reports of the same dead compete and
the lowest wins; the dead of different groups, and dead a report says come on top ("a further 36
bodies", "two more soldiers"), are summed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.model import FatalityClaim
from polemos.stages.fatality_periods import CUMULATIVE
from polemos.stages.fatality_revisions import REVISED
from polemos.stages.fatality_sources import is_party_claim, party_of_sources

__all__ = [
    "ADDITIONAL",
    "BACKGROUND",
    "SPARKED",
    "choose_fatalities",
    "head_noun",
    "is_additional",
    "is_later_death",
    "is_vague",
]

# Marks a claim about deaths an event is about but did not cause: "a vigil for two men killed".
BACKGROUND = "|background"

# Marks a death an event came after: "clashes broke out following the killing of a guard". ACLED counts
# it with the fighting it set off (one of the parties' first blow) but not with a protest or riot over it
# (another event's dead); the aggregate stage, which knows the event's type, keeps it for a battle.
SPARKED = "|sparked"

# Marks a claim whose dead come on top of those already told: "A further 36 corpses were uncovered".
ADDITIONAL = "|additional"
_ADDITIONAL_BEFORE = re.compile(r"\b(?:a\s+further|an(?:other)?\s+additional|another|further)\s+$", re.I)
# "two other soldiers" adds to "five soldiers"; a bare "others" already makes a group of its own, which
# a total told before it includes ("killing 35 ... Three others were killed" elsewhere is no addition).
_ADDITIONAL_VICTIMS = re.compile(r"^(?:more|other|additional|further)\s+[a-z]", re.I)


def is_additional(text_before: str, victims: str | None) -> bool:
    """Whether a count told after `text_before`, of `victims`, adds dead to a toll told before it.

    "another 5 soldiers", "a further 36 bodies", "two more civilians", "three other policemen".
    """
    return bool(_ADDITIONAL_BEFORE.search(text_before[-40:]) or _ADDITIONAL_VICTIMS.match(victims or ""))


# "One person was killed and another injured. He died of his injuries in hospital.": a wounded person's
# later death comes on top of the dead told before it ("one of them died of his wounds" is one of them).
_LATER_DEATH = re.compile(
    # Within the claim's clause: "four killed, including two who died of their wounds" is no later death.
    r"^(?!\w+\s+of\s+(?:them|those|these|whom)\b)(?:(?!\b(?:including|among|who|whom)\b)[^.;:,])*?"
    r"\b(?:succumb\w*|died\s+(?:of|from)\s+(?:his|her|their|the)?\s*(?:wounds|injuries))",
    re.I,
)


def is_later_death(text_from_claim: str) -> bool:
    """Whether a claim (the text from its start on) tells a wounded person's later death: "He died of his
    wounds", "the victim later succumbed"."""
    return bool(_LATER_DEATH.match(text_from_claim[:160]))


def head_noun(victims: str) -> str:
    """The head noun of a victim phrase, singular and lower-case: 'Haftar's militiamen' -> 'militiaman'."""
    # "members of the brigade" -> "member": the head comes before its "of" phrase.
    # "Ghanaians returning home" -> "Ghanaian": a participle starts a clause after the head.
    cleaned = re.sub(r"\([^)]*\)", " ", victims.lower()).strip()
    phrase = re.split(r"\s+of\s+|(?<=\w)\s+[a-z]+ing\b", cleaned)[0]
    words: list[str] = re.findall(r"[a-z]+", re.sub(r"['’]s\b", "", phrase))
    if not words:
        return ""
    head = words[-1]
    # "thieves", "wives": an "f" or "fe" becomes "ves" in the plural.
    irregular = (
        ("people", "person"),
        ("children", "child"),
        ("men", "man"),
        ("ieves", "ief"),
        ("wives", "wife"),
    )
    for plural, singular in (*irregular, ("ies", "y")):
        if head.endswith(plural):
            return head[: -len(plural)] + singular
    if head.endswith(("ches", "shes", "sses")):
        return head[:-2]  # "witches", "bushes": the plural adds "es"
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


# "a number of them dead": a pronoun points back at victims already counted, so it names no group.
_GENERIC_VICTIMS = frozenset(
    {"", "person", "individual", "victim", "body", "corpse", "dead", "them", "those", "these"}
)


_PRONOUNS = frozenset({"them", "those", "these", "whom"})


def choose_fatalities(claims: Sequence[FatalityClaim], *, outlet: str | None = None) -> int:
    """Choose ACLED's fatality figure for one event from its claims; 0 when there are none.

    `outlet` is the document's source(s). A party's claim about its enemies' losses that only the
    party's own outlet carries (`fatality_sources.is_party_claim`) stays among the event's claims but
    does not make its figure.

    Claims are grouped by victim head noun ("4 soldiers" and "one soldier" compete; "soldiers" and "its
    fighters" do not). Within a group the lowest figure wins (ACLED: "when there are conflicting
    reports, the most conservative estimate is recorded"); different groups are summed, because
    ACLED counts the dead of both sides of one event. Claims with no victim group, or a generic one
    ("people", "bodies"), are totals: the lowest total competes with the sum of the groups, and the
    larger of the two is kept, since a breakdown by group is part of the total, not a rival to it.
    Dead told as coming on top ("a further 36 bodies") are added whatever their group.
    A total that another outlet or source gives ("AFP reports 8 dead" beside "Seven soldiers are dead")
    is a rival report of the same dead, not a whole the breakdown is part of: the lower figure is kept.
    A toll the report says was raised ("later raised to 16") replaces the lowest total: it is the
    report's update of its own figure, not a rival one. A death marked as the event's spark (`SPARKED`)
    is left to the aggregate stage, which keeps it for a battle.
    A suicide bomber is added on top (ACLED counts the bomber; reports' totals usually leave him out
    unless they say "including the bomber", which is then no claim of its own).
    """
    party = party_of_sources(outlet)
    groups: dict[str, list[FatalityClaim]] = {}
    additional = 0
    kept = [
        c
        for c in claims
        if not (
            is_party_claim(c, party)
            or c.rule.endswith(CUMULATIVE)
            or BACKGROUND in c.rule
            or SPARKED in c.rule
        )
    ]
    if any(not _is_pronoun(c) for c in kept):
        # "Three people were killed. One of them died in hospital.": a count of "them" is part of dead told
        # elsewhere, no rival figure; alone ("A number of them were killed") it is the only figure there is.
        kept = [c for c in kept if not _is_pronoun(c)]
    kept = _without_replaced_vague(kept)
    # "11 thought dead, later raised to 16": the report's own update is its total, whatever it told before.
    revised = [c.count for c in kept if REVISED in c.rule]
    kept = [c for c in kept if REVISED not in c.rule]
    for claim in kept:
        if ADDITIONAL in claim.rule:
            additional += claim.count
            continue
        group = head_noun(claim.victims or "")
        groups.setdefault("" if group in _GENERIC_VICTIMS else group, []).append(claim)
    if "bomber" in groups:
        # "carried out by one suicide bomber. The explosion killed the attacker": the attacker is the bomber.
        for word in ("attacker", "assailant", "perpetrator"):
            groups["bomber"].extend(groups.pop(word, []))
    lowest = {group: _group_figure(members, group) for group, members in groups.items()}
    total = lowest.pop("", None)
    if revised:
        total = max(revised)
    bombers = lowest.pop("bomber", 0)
    by_group = sum(lowest.values())
    if total is None:
        return bombers + additional + by_group
    if (
        lowest
        and not revised
        and _told_by_another_outlet(groups[""], [c for k, g in groups.items() if k for c in g])
    ):
        # "Seven soldiers are dead. AFP reports 8 dead": another outlet's count of the same dead is a
        # conflicting report, not a total the breakdown is part of: ACLED records the lower.
        return bombers + additional + min(total, by_group)
    return bombers + additional + max(total, by_group)


# A claimant that is another report of the incident: a news outlet or "a separate source".
_OUTLET = re.compile(
    r"\b(?:(?:separate|secondary|second|another|other|different|alternative)\s+(?:[a-z]+\s+)?(?:sources?|reports?)"
    r"|AFP|Agence\s+France|Reuters|AP|Associated\s+Press|NYT|New\s+York\s+Times|BBC|Al[\s-]Jazeera|Al[\s-]Arabiya"
    r"|media|newspaper|daily|radio|television|TV|news\s+agency)\b"
)


def _told_by_another_outlet(totals: Sequence[FatalityClaim], parts: Sequence[FatalityClaim]) -> bool:
    """Whether every total is told as another outlet's or source's figure than the breakdown's."""
    told = {c.claimant for c in parts}
    return all(c.claimant and c.claimant not in told and _OUTLET.search(c.claimant) for c in totals)


# The words of ACLED's vague figures (fatalities.yaml's vague counts) as a claim's text writes them.
_VAGUE = (
    r"\b(?:several|many|numerous|(?:a|an)\s+[\"“]?(?:\w+\s+)?number|(?:a\s+)?few|a\s+handful|dozens|tens|scores"
    r"|hundreds|thousands)"
)
_VAGUE_WORDS = re.compile(rf"{_VAGUE}\b", re.I)
_VAGUE_BEFORE_VICTIMS = re.compile(rf"{_VAGUE}\s+(?:of\s+)?[\"“”']?$", re.I)


def _is_total(claim: FatalityClaim) -> bool:
    # "a number of deaths" keeps only "of" of its victim phrase: it names no group.
    return head_noun(re.sub(r"^of\b\s*", "", claim.victims or "", flags=re.I)) in _GENERIC_VICTIMS


def _without_replaced_vague(claims: list[FatalityClaim]) -> list[FatalityClaim]:
    """`claims` less the vague figures a given count replaces.

    ACLED's vague figure stands in for a number no report gives: "there could have been two fatalities
    ... killing a number of BDB supporters" is 2, and "a number of deaths" beside "the assassination of
    a hunter" is 1. A vague count of one side still adds to another side's exact one: "three LNA
    fighters killed and an unspecified number of BRSC fighters" is 3 + 10.
    """
    exact = [c for c in claims if not is_vague(c)]
    if not exact:
        return claims
    exact_total = any(_is_total(c) for c in exact)
    return [c for c in claims if not is_vague(c) or not (exact_total or _is_total(c))]


def is_vague(claim: FatalityClaim) -> bool:
    """Whether a claim's count is one of ACLED's vague figures ("several", "a number", "dozens") rather
    than a number the report gives."""
    if claim.rule.startswith(("casualties:", "plural:")):  # the rule prefixes of fatality_casualties/_plurals
        return True
    at = claim.text.rfind(claim.victims) if claim.victims else -1
    if at < 0:
        return bool(_VAGUE_WORDS.search(claim.text))  # '"Dozens" killed': the count is all there is
    # The count just before the claim's own victims, not another item of its list: in "two soldiers and
    # dozens of civilians were killed" the soldiers' claim spans the civilians' count too.
    return bool(_VAGUE_BEFORE_VICTIMS.search(claim.text[:at].rstrip() + " "))


def _is_pronoun(claim: FatalityClaim) -> bool:
    return (claim.victims or "").lower() in _PRONOUNS


def _group_figure(claims: Sequence[FatalityClaim], head: str) -> int:
    """The figure of claims sharing a head noun: the lowest, unless they name different sides.

    "Three LNA fighters ... and an unspecified number of BRSC fighters" count two sides' dead, which
    add up; "21 LNA fighters" and "10 fighters" are rival figures for the same dead. Sides are told
    apart by the names in the victim phrase; phrases sharing a name ("LNA fighters", "fighters of
    the Libyan National Army (LNA)") are one side. A figure naming no side competes with the sum.
    """
    sides: list[tuple[set[str], int]] = []
    unnamed: list[int] = []
    for claim in claims:
        names = _side_names(claim.victims or "", head) if head else set()
        if not names:
            unnamed.append(claim.count)
            continue
        for i, (known, low) in enumerate(sides):
            if known & names:
                sides[i] = (known | names, min(low, claim.count))
                break
        else:
            sides.append((names, claim.count))
    if len(sides) < 2:
        return min([low for _, low in sides] + unnamed)
    parts = sum(low for _, low in sides)
    return max(min(unnamed), parts) if unnamed else parts


_NAME = re.compile(r"(?<![\w'’-])(?-i:[A-Z])[\w'’-]*")
# Lower-case words that name a side as well as a name does: "one rebel fighter ... four pro-Gaddafi
# fighters" are the dead of two sides, "two government soldiers ... three soldiers" may be the same dead.
_SIDE_WORD = re.compile(
    r"(?<![\w'’-])(?:(?:pro|anti)-[\w'’-]+|rebels?|government|regime|opposition|enemy|loyalists?|insurgents?)\b",
    re.I,
)


def _side_names(victims: str, head: str) -> set[str]:
    """The capitalised words of a victim phrase other than its head: 'LNA special forces fighters' ->
    {'lna'}; the words of a name before an "of" phrase's head count too ('members of the Omar Mukhtar
    Brigade'), and so do lower-case side words ('pro-Gaddafi fighters' -> {'pro-gaddafi'})."""
    words = [*_NAME.findall(victims), *_SIDE_WORD.findall(victims)]
    return {w.lower().rstrip("s") for w in words} - {head, ""}
