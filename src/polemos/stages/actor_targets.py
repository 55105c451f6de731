"""Who an attack hit and who planted the bomb (extract stage): the casualties of a bomb, shell or air
strike, a state post or vehicle attacked, a mine's named victim, an air strike's target, and the party
named as a bomb's planter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.model import Actor
from polemos.stages.actor_parties import CASUALTY_AFTER, first_mention, parties, peace_force
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, Roles
from polemos.stages.device_handlers import handled_device
from polemos.stages.mention_context import DocumentActorsLike

# What comes before a party named as a bomb's casualty: "(the bomb went off,) killing two soldiers",
# "leaving six wounded, including a soldier" (not its target: "targeting an AMISOM convoy")
_CASUALTY_BEFORE = re.compile(r"\b(?:killing|wounding|injuring|leaving)\b[^.;:]{0,80}$", re.IGNORECASE)
# What comes before the civilians a weapon hit: "(shelling) killed 7 civilians", "killing two children",
# "(an air strike) hit a wedding party of villagers"
_HIT_BEFORE = re.compile(
    r"\b(?:killed|killing|wounded|wounding|injured|injuring|hit|hitting|struck|targeted|targeting|leaving)\b"
    r"[^.;:]{0,60}$",
    re.IGNORECASE,
)
# A state's post, camp or vehicle as what an attack hit: "attacked an army base", "fired on a police
# checkpoint", "a bomb targeted a military convoy"
_STATE_SITE = re.compile(
    r"\b(?:attack(?:s|ed|ing)?|hit(?:s|ting)?|struck|strik(?:es|ing)|target(?:s|ed|ing)?|raid(?:s|ed|ing)?"
    r"|storm(?:s|ed|ing)?|ambush(?:es|ed|ing)?|shell(?:s|ed|ing)?|overr[au]n|on|at|against)\s+"
    r"(?:an?|the|one|two|three|several)?\s*(?:\w+\s+)?"
    r"(?P<state>military|army|troop|government|police|security|gendarmerie)\s+"
    r"(?:base|bases|camp|camps|checkpoint|checkpoints|check\s+point|check\s+points|outpost|outposts"
    r"|position|positions|post|posts|station|stations|barracks|convoy|convoys|vehicle|vehicles|patrol"
    r"|patrols|garrison|headquarters)\b",
    re.IGNORECASE,
)
# The label each such state word resolves as
_STATE_WORD_AS = {
    "military": "military forces",
    "army": "army forces",
    "troop": "troops",
    "government": "government forces",
    "police": "police",
    "security": "security forces",
    "gendarmerie": "gendarmerie",
}
# A party named as the owner of the vehicle or post a mine or bomb hit: "an IED struck a MINUSMA vehicle",
# "a bomb targeted an AMISOM convoy" (the verb before it), "a MINUSMA convoy hit a landmine" (after it)
_STRUCK_BEFORE = re.compile(
    r"\b(?:hit|hits|hitting|struck|strikes|striking|targeted|targets|targeting)\s+(?:an?|the|one|two)?\s*$",
    re.IGNORECASE,
)
_SITE_WORDS = (
    r"\s+(?:vehicles?|convoys?|patrols?|trucks?|armou?red\s+vehicles?|bases?|camps?|checkpoints?|posts?)"
)
# a mention may hold the site word itself ("MINUSMA convoy"): read it as the owner's name and the site
_SITE_IN_MENTION = re.compile(_SITE_WORDS + r"$", re.IGNORECASE)
_OWNED_SITE = re.compile(
    _SITE_WORDS + r"\b"
    r"(?P<hit>\s+(?:\w+\s+)?(?:hit|struck|ran\s+over|drove\s+over|drove\s+into)\b)?",
    re.IGNORECASE,
)
# ...or as the owner of one told as attacked by someone ("a MINUSCA patrol was attacked by ABs", "convoy
# targeted by IED"): the side attacked, whoever the attacker (a name the scan may not know) is
_ATTACKED_SITE = re.compile(
    _SITE_WORDS + r"\s+(?:(?:was|were|has\s+been|had\s+been)\s+)?"
    r"(?:attacked|ambushed|targeted|struck|hit|raided)\s+by\b",
    re.IGNORECASE,
)
# Who set a mine or bomb: "a Taliban-planted IED", "a bomb planted by the Taliban"
_PLANTED_AFTER = re.compile(r"[-\s](?:planted|placed|laid)\b", re.IGNORECASE)
# Words one of which either pattern needs (lower case): a cheap test before them
_PLANT_WORDS = ("planted", "placed", "laid", "set")
_PLANTED_BEFORE = re.compile(r"\b(?:planted|placed|laid|set)\s+by\s+(?:the\s+)?$", re.IGNORECASE)


def planter_first(
    m1: ActorMentionLike | None,
    m2: ActorMentionLike | None,
    ms: Sequence[ActorMentionLike],
    sent: Sentence,
) -> tuple[ActorMentionLike | None, ActorMentionLike | None]:
    """The party a report names as who planted a mine or bomb ("a Taliban-planted IED", "a landmine planted
    by IS") is actor 1, whatever hit it ("their vehicle hit a Taliban-planted mine" makes the vehicle's
    owners the clause's subject); the side chosen first, if another, becomes the one hit."""
    lower = sent.text.lower()
    if not any(w in lower for w in _PLANT_WORDS):
        return m1, m2  # neither pattern can match: spares a scan of the sentence per party
    found = next(
        (
            m
            for m in parties(ms)
            if _PLANTED_AFTER.match(sent.text, m.end - sent.start)
            or _PLANTED_BEFORE.search(sent.text, 0, max(0, m.start - sent.start))
        ),
        None,
    )
    if found is None or (m1 is not None and m1.actor == found.actor):
        return m1, m2
    if m1 is not None and (m2 is None or m2.actor == found.actor):
        m2 = m1
    return found, m2


def state_site(sent: Sentence, actors: DocumentActorsLike, doer: Actor | None) -> ActorMentionLike | None:
    """The state forces whose post an attack hit ("attacked a military outpost", "shelled an army base",
    "a bomb hit a police vehicle"): a state word that only describes a place or a vehicle names no actor
    in the scan ("a military operation" is none), but as what was attacked it names the side attacked."""
    lower = sent.text.lower()
    if not any(w in lower for w in _STATE_WORD_AS):
        return None  # no state word: the pattern cannot match
    for found in _STATE_SITE.finditer(sent.text):
        phrase = _STATE_WORD_AS[found.group("state").lower()]
        m = actors.resolve_phrase(phrase, sent.start + found.start("state"))
        if m is not None and m.category == "state" and m.actor != doer:
            return m
    return None


def casualties_hit(
    roles: Roles, ms: Sequence[ActorMentionLike], sent: Sentence, doer: Actor | None
) -> ActorMentionLike | None:
    """Who a bomb, shell or air strike hit, where the trigger's parse tied no armed party to it: ACLED lists
    them as the event's actor 2 ("a Taliban-planted mine killed 3 policemen", "shelling killed 7
    civilians"). An armed party the sentence names as its casualties comes first (civilians killed beside
    soldiers are the toll of an attack on the soldiers); else civilians that are the trigger's object, or
    that the sentence names as its casualties (the parse often ties "killed" in "1 civilian was killed when
    a bomb exploded" to another verb than the bomb's)."""
    said = [
        m
        for m in ms
        if m.actor != doer
        and m.category in ("civilian", "state", "armed", "external")
        and (
            CASUALTY_AFTER.match(sent.text, max(0, m.end - sent.start))
            or _HIT_BEFORE.search(sent.text, 0, max(0, m.start - sent.start))
        )
    ]
    armed = parties([m for m in said if m.category != "civilian"])
    if armed:
        return armed[0]
    return (
        first_mention(roles.patients, civilian=True)
        or first_mention(roles.others, civilian=True)
        or first_mention(said, civilian=True)
    )


def mine_victim(
    m1: ActorMentionLike, sent: Sentence, actors: DocumentActorsLike, position: int, planted: bool = True
) -> tuple[ActorMentionLike | None, ActorMentionLike | None]:
    """A mine or bomb whose only named party is said to have been killed or wounded by it ("two soldiers
    were killed in a landmine explosion", "a bomb went off, killing two soldiers"), owned the vehicle it
    hit or was defusing it ("army engineers were trying to defuse it", see device_handlers): that party is
    the target, and whoever planted it, unnamed, is actor 1 (an unidentified armed group, or the period's
    default perpetrator). Of any other attack (not `planted`), only the owner of a vehicle or post told
    as attacked by someone ("a MINUSCA patrol was attacked by ABs") is its target."""
    start, end = max(0, m1.start - sent.start), max(0, m1.end - sent.start)
    if (site := _SITE_IN_MENTION.search(m1.text)) is not None:
        end -= len(site.group())
    # a foreign force on an offensive mandate (AMISOM, a foreign army) goes first whatever hit its
    # convoys, as the desks list it before the sides it fights (stages/actor_order.swap_sides)
    owner = m1.actor.inter != 8 or peace_force(m1.actor)
    attacked = owner and _ATTACKED_SITE.match(sent.text, end) is not None
    hit = planted and (
        CASUALTY_AFTER.match(sent.text, end) is not None
        or _CASUALTY_BEFORE.search(sent.text, 0, start) is not None
        or (owner and _site_hit(sent, start, end))
        or handled_device(sent.text, start, end)  # "LNA engineers were trying to defuse it"
    )
    if not attacked and not hit:
        return m1, None
    planter = actors.resolve_phrase("unidentified armed group", position)
    if planter is None or planter.actor == m1.actor:
        return m1, None
    return planter, m1


def _site_hit(sent: Sentence, start: int, end: int) -> bool:
    """Whether the party at `start`:`end` of the sentence owns the vehicle or post the blast hit: named
    after the verb of hitting ("struck a MINUSMA vehicle") or before "hit a mine" ("a UN convoy hit")."""
    site = _OWNED_SITE.match(sent.text, end)
    if site is None:
        return False
    return site.group("hit") is not None or _STRUCK_BEFORE.search(sent.text, 0, start) is not None


def air_target(
    m1: ActorMentionLike, actors: DocumentActorsLike, position: int
) -> tuple[ActorMentionLike, ActorMentionLike | None]:
    """An air strike whose only named party is a militia or rebel group not said to strike ("air raids on
    the BDB's positions"): armed groups of that kind rarely fly, so the group is the target and the
    striker is whoever flies there (the period's air power, resolved as an unnamed perpetrator)."""
    if m1.actor.inter not in (2, 3, 4):
        return m1, None
    flyer = actors.resolve_phrase("unidentified armed group", position)
    if flyer is None or flyer.actor.inter not in (1, 8):
        return m1, None
    return flyer, m1
