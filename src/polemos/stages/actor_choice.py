"""Choose actor 1 and actor 2 of an event mention from the roles its trigger's parse gives, ACLED's
conventions for unnamed sides, and the narrative around the sentence (extract stage).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from polemos.model import Actor, Document, Evidence, Place
from polemos.stages.aggregate import same_place, unnamed_actor1
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, Roles, claimant_tokens, token_at
from polemos.stages.mention_context import (
    INHERIT_WINDOW,
    VIOLENT,
    DocumentActorsLike,
    NarrativeContext,
    evidence_at,
)
from polemos.taxonomy import EventType, SubEventType

# What follows a party named as a bomb's casualty: "soldiers (of the LNA) were killed", "reported dead".
_CASUALTY_AFTER = re.compile(
    r"[^.;:]{0,60}?\b(?:(?:was|were|been|are|is|reportedly|reported|later)\s+){1,2}"
    r"(?:\w+\s+)?(?:killed|wounded|injured|hurt|dead)\b"
)
# What comes before a party named as a bomb's casualty: "(the bomb went off,) killing two soldiers",
# "leaving six wounded, including a soldier" (not its target: "targeting an AMISOM convoy")
_CASUALTY_BEFORE = re.compile(r"\b(?:killing|wounding|injuring|leaving)\b[^.;:]{0,80}$", re.IGNORECASE)
# A claimant that claims its own deed is its doer: "IS claimed responsibility for", "BRSC claims targeting".
_OWN_DEED = re.compile(
    r"\s*(?:\([^)]{0,30}\)\s*)?(?:(?:has|have|had)\s+)?(?:claim|claims|claimed|admit|admits|admitted)\s+"
    r"(?:responsibility|credit|(?:to\s+have\s+)?[a-z]+ing\b)",
    re.IGNORECASE,
)
# What puts the party after it as the doer a claimant reports: "blamed NATO", "claim that NATO forces".
_DOER_AFTER_REPORT = re.compile(
    r"\b(?:blam|accus|claim|alleg|charg|report|sa(?:id|ys?)\b)[a-z]*\s+(?:that\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# Fire marked with its source: "airstrikes from Gaddafi forces", "came under shelling by the LNA", "a
# bombardment from rebel positions" name who fired, whoever the clause's subject is.
_FIRE_FROM = re.compile(
    r"\b(?:fire|gunfire|shelling|shells|bombardment|bombardments|bombing|bombings|airstrikes?|air\s+strikes?"
    r"|air\s+raids?|strikes|rockets|mortars?|missiles)\s+(?:by|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
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
# Who set a mine or bomb: "a Taliban-planted IED", "a bomb planted by the Taliban"
_PLANTED_AFTER = re.compile(r"[-\s](?:planted|placed|laid)\b", re.IGNORECASE)
_PLANTED_BEFORE = re.compile(r"\b(?:planted|placed|laid|set)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
# Explosives whose casualties a report may name before (or without) whoever set them off
_PLANTED = frozenset({SubEventType.REMOTE_EXPLOSIVE, SubEventType.SUICIDE_BOMB, SubEventType.GRENADE})
# Verbs of finding the dead: who finds bodies or a grave ("rebel forces uncovered 30 executed bodies",
# "soldiers found a mass grave") came upon the killing, and is not who did it.
_FINDING = frozenset({"find", "discover", "uncover", "unearth", "exhume", "recover", "retrieve", "locate"})
# Observers and mediators report on fighting; they are never a party to it.
_NON_COMBATANT = re.compile(
    r"\bUnited Nations\b|^UN\b|^UN[A-Z]+:|Red Cross|Human Rights Watch|Amnesty|Crisis Group"
)


def first_mention(
    ms: Sequence[ActorMentionLike], *, exclude: Actor | None = None, civilian: bool = False
) -> ActorMentionLike | None:
    for m in ms:
        if (m.category == "civilian") == civilian and m.actor != exclude:
            return m
    return None


def parties(ms: Sequence[ActorMentionLike]) -> list[ActorMentionLike]:
    """Mentions that can be a side of an armed interaction (not observers, mediators or bystanders)."""
    return [m for m in ms if m.category != "civilian" and not _NON_COMBATANT.search(m.actor.name)]


def choose_actors(
    doc: Document,
    sent: Sentence,
    sub: SubEventType,
    roles: Roles,
    actors: DocumentActorsLike,
    ctx: NarrativeContext,
    position: int,
    place: Place | None,
    sentence_mentions: Sequence[ActorMentionLike] = (),
) -> tuple[Actor | None, Actor | None, list[Evidence]]:
    etype = sub.event_type
    ev: list[Evidence] = []
    m1: ActorMentionLike | None
    m2: ActorMentionLike | None
    agents, patients, others = list(roles.agents), list(roles.patients), list(roles.others)
    victim_known = False
    if etype in VIOLENT or etype is EventType.VIOLENCE_AGAINST_CIVILIANS:
        agents, others = parties(agents), parties(others)
    # who only reports the event is never its party ("Gaddafi forces blamed NATO for the bombing")
    sentence_mentions = _not_claimants(sentence_mentions, sent)
    if etype is EventType.VIOLENCE_AGAINST_CIVILIANS:
        finders = _finders(sentence_mentions, sent)
        agents = [m for m in agents if m not in finders]
        others = [m for m in others if m not in finders]
        sentence_mentions = [m for m in sentence_mentions if m not in finders]
        m1 = first_mention(agents) or first_mention(others)
        # An armed party the sentence names but the parse did not tie to the verb is still the likelier
        # perpetrator than "unidentified gunmen".
        named = [m for m in sentence_mentions if m not in patients and m.category in ("state", "armed")]
        m1 = m1 or first_mention(parties(named))
        m2 = first_mention(patients, civilian=True) or first_mention(roles.others, civilian=True)
        m1 = m1 or actors.resolve_phrase("unidentified gunmen", position)
        m2 = m2 or actors.resolve_phrase("civilians", position)
    elif etype in (EventType.PROTESTS, EventType.RIOTS):
        crowd = "rioters" if etype is EventType.RIOTS else "protesters"
        m1 = next((m for m in (*agents, *others) if m.category in ("protester", "rioter")), None)
        m1 = m1 or actors.resolve_phrase(crowd, position)
        m2 = first_mention(patients) or first_mention([m for m in others if m.category in ("state", "armed")])
    else:
        if etype in VIOLENT:
            patients = parties(patients)
        m1 = first_mention(agents) or first_mention([m for m in others if m not in patients])
        if m1 is None and etype is not EventType.STRATEGIC_DEVELOPMENTS:
            # No agent in the trigger's clause: an armed party named elsewhere in the sentence acted.
            m1 = first_mention(parties([m for m in sentence_mentions if m not in patients]))
        m2 = first_mention(patients, exclude=m1.actor if m1 else None)
        if m2 is None and etype in VIOLENT:
            m2 = first_mention(others, exclude=m1.actor if m1 else None)
        if sub is SubEventType.AIR_DRONE_STRIKE and m1 is not None and m2 is None and m1 not in agents:
            m1, m2 = _air_target(m1, actors, position)
        if sub in _PLANTED and m1 is not None and m2 is None and m1 not in agents:
            m1, m2 = _mine_victim(m1, sent, actors, position)
            # the casualty stays actor 2 whichever camp leads the conflict's battles
            victim_known = m2 is not None
        if m1 is not None and m2 is None and "rival" in m1.text.lower():
            m2 = m1  # "fighting between rival tribal groups": both sides share the generic name
        if sub in _PLANTED:
            m1, m2 = _planter(m1, m2, sentence_mentions, sent)
        if etype is EventType.EXPLOSIONS and m2 is None:
            m2 = _casualties_hit(roles, sentence_mentions, sent, m1.actor if m1 else None)
        if etype in VIOLENT and m2 is None:
            m2 = _state_site(sent, actors, m1.actor if m1 else None)
    if etype in VIOLENT or etype is EventType.VIOLENCE_AGAINST_CIVILIANS:
        m1, m2 = _source_of_fire(m1, m2, parties(sentence_mentions), sent)
    a1 = _crowd_of(etype, m1.actor) if m1 else None
    a2 = m2.actor if m2 else None
    for fld, m, a in (("actor1", m1, a1), ("actor2", m2, a2)):
        if m is not None and a is not None and m.start >= 0:
            ev.append(evidence_at(doc, sent, fld, a.name, m.start, m.end, f"actor:{m.rule}", m.confidence))
    if etype is EventType.BATTLES and (a1 is None or a2 is None):
        a1, a2 = _fill_from_context(doc, sent, a1, a2, ctx, ev, place)
        if (a1 is None) != (a2 is None):
            # One side named, and its camp fights only one other in this war: that camp's forces.
            known = a1 or a2
            assert known is not None
            foe = actors.sole_opponent(known)
            if foe is not None:
                fld = "actor2" if a2 is None else "actor1"
                a1, a2 = (a1, foe) if a2 is None else (foe, a2)
                ev.append(
                    evidence_at(doc, sent, fld, foe.name, sent.start, sent.start, "camp:sole-opponent", 0.4)
                )
    struck = a2 is None or a2.inter == 7 or a2 in ctx.main_actors
    if a1 is None and etype is EventType.EXPLOSIONS and struck:
        a1, a2 = _strike_from_context(doc, sent, sub, a2, ctx, ev)
    if a1 is None and etype in VIOLENT:
        # ACLED's convention for an unnamed perpetrator of violence.
        unknown = actors.resolve_phrase("unidentified armed group", position)
        if unknown is not None:
            a1 = unknown.actor
            # a mine's or bomb's named casualty stays its target (as in _mine_victim); a foreign force
            # named beside an unnamed side is rather the one that struck ("bombed by NATO")
            victim_known = sub in _PLANTED and a2 is not None and a2.inter != 8
            ev.append(
                evidence_at(
                    doc, sent, "actor1", a1.name, sent.start, sent.start, "actor:unnamed-perpetrator", 0.3
                )
            )
    if (
        etype in VIOLENT
        and a1 is not None
        and a2 is not None
        and 7 not in (a1.inter, a2.inter)
        and not victim_known
        and _swap_sides(a1, a2, etype, bool(agents), actors)
    ):
        a1, a2 = a2, a1
        ev = [
            dataclasses.replace(e, field={"actor1": "actor2", "actor2": "actor1"}.get(e.field, e.field))
            for e in ev
        ]
    return a1, a2, ev


def _source_of_fire(
    m1: ActorMentionLike | None,
    m2: ActorMentionLike | None,
    ms: Sequence[ActorMentionLike],
    sent: Sentence,
) -> tuple[ActorMentionLike | None, ActorMentionLike | None]:
    """The party named as the source of the fire ("shelling from X") is actor 1; the side chosen first,
    if another, becomes the one fired on."""
    source = next((m for m in ms if _FIRE_FROM.search(sent.text, 0, m.start - sent.start)), None)
    if source is None or (m1 is not None and m1.actor == source.actor):
        return m1, m2
    if m1 is not None and (m2 is None or m2.actor == source.actor):
        m2 = m1
    return source, m2


def _not_claimants(ms: Sequence[ActorMentionLike], sent: Sentence) -> list[ActorMentionLike]:
    """The sentence's mentions less who only reports, where the report names another party as the doer
    ("Gaddafi forces blamed NATO for the bombing", "Libyan forces claim NATO forces killed ..."): the parse's
    roles leave claimants out, and so must a fallback to any armed party of the sentence. A party that
    reports an unnamed deed ("the LNA reported that a boat had been bombed") is rather telling its own."""
    if sent.doc is None or len(ms) < 2:
        return list(ms)
    reporting = claimant_tokens(sent.doc)
    if not reporting:
        return list(ms)
    keep, claimants = [], []
    for m in ms:
        tok = token_at(sent.doc, m.start - sent.start)
        after = m.end - sent.start
        if (
            tok is None
            or tok.i not in reporting
            or _CASUALTY_AFTER.match(sent.text, after)
            or _OWN_DEED.match(sent.text, after)
        ):
            keep.append(m)
        else:
            claimants.append(m)
    named_doer = any(_DOER_AFTER_REPORT.search(sent.text, 0, m.start - sent.start) for m in parties(keep))
    return keep if claimants and named_doer else list(ms)


def _finders(ms: Sequence[ActorMentionLike], sent: Sentence) -> list[ActorMentionLike]:
    """The mentions that are the subject of a verb of finding ("NTC fighters found 20 bodies"): they came
    upon the dead, and are not who killed them."""
    if sent.doc is None:
        return []
    out = []
    for m in ms:
        tok = token_at(sent.doc, m.end - 1 - sent.start)
        # up the noun phrase to its head: "soldiers of the LNA", "rebels and residents" found them
        for _ in range(4):
            if tok is None or tok.dep_ == "nsubj" or tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
                break
            tok = tok.head
        if tok is not None and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _FINDING:
            out.append(m)
    return out


def _planter(
    m1: ActorMentionLike | None,
    m2: ActorMentionLike | None,
    ms: Sequence[ActorMentionLike],
    sent: Sentence,
) -> tuple[ActorMentionLike | None, ActorMentionLike | None]:
    """The party a report names as who planted a mine or bomb ("a Taliban-planted IED", "a landmine planted
    by IS") is actor 1, whatever hit it ("their vehicle hit a Taliban-planted mine" makes the vehicle's
    owners the clause's subject); the side chosen first, if another, becomes the one hit."""
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


def _state_site(sent: Sentence, actors: DocumentActorsLike, doer: Actor | None) -> ActorMentionLike | None:
    """The state forces whose post an attack hit ("attacked a military outpost", "shelled an army base",
    "a bomb hit a police vehicle"): a state word that only describes a place or a vehicle names no actor
    in the scan ("a military operation" is none), but as what was attacked it names the side attacked."""
    for found in _STATE_SITE.finditer(sent.text):
        phrase = _STATE_WORD_AS[found.group("state").lower()]
        m = actors.resolve_phrase(phrase, sent.start + found.start("state"))
        if m is not None and m.category == "state" and m.actor != doer:
            return m
    return None


def _casualties_hit(
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
            _CASUALTY_AFTER.match(sent.text, max(0, m.end - sent.start))
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


def _mine_victim(
    m1: ActorMentionLike, sent: Sentence, actors: DocumentActorsLike, position: int
) -> tuple[ActorMentionLike | None, ActorMentionLike | None]:
    """A mine or bomb whose only named party is said to have been killed or wounded by it ("two soldiers
    were killed in a landmine explosion", "a bomb went off, killing two soldiers"): that party is the
    target, and whoever planted it, unnamed, is actor 1 (an unidentified armed group, or the period's
    default perpetrator)."""
    named_after = _CASUALTY_AFTER.match(sent.text, max(0, m1.end - sent.start)) is not None
    if not named_after and not _CASUALTY_BEFORE.search(sent.text, 0, max(0, m1.start - sent.start)):
        return m1, None
    planter = actors.resolve_phrase("unidentified armed group", position)
    if planter is None or planter.actor == m1.actor:
        return m1, None
    return planter, m1


def _crowd_of(etype: EventType, actor: Actor) -> Actor:
    """ACLED names a crowd by what it did, not by the report's word for it: "protesters" who storm a
    building are a riot's rioters, a peaceful "mob" a protest's protesters."""
    if etype not in (EventType.PROTESTS, EventType.RIOTS) or actor.inter not in (5, 6) or not actor.country:
        return actor
    return unnamed_actor1(etype, actor.country) or actor


def _air_target(
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


def _swap_sides(a1: Actor, a2: Actor, etype: EventType, agent: bool, actors: DocumentActorsLike) -> bool:
    """Return whether the two armed sides of a battle or a strike go the other way round.

    Actor order carries no meaning in ACLED's codebook, so each conflict's desk keeps its own habit: where
    the knowledge base names a camp that leads its conflict's battles, that camp goes first whoever
    attacked, except before a foreign force (whose strikes ACLED lists under the foreign force first) and
    a rival government's forces (peers: the one acting goes first); a leading state camp also goes first
    in the strikes between it and non-state groups (a rebel's rocket on an army base as much as the army's
    shelling). Elsewhere the order found stands, but for a battle with no stated initiator, where state
    forces (the lower inter code) go first."""
    lead1, lead2 = actors.leads_battles(a1), actors.leads_battles(a2)
    lead, other = (a1, a2) if lead1 else (a2, a1)
    if lead1 != lead2 and not (lead.inter == 1 and other.inter == 1):
        if other.inter == 8:
            return lead1
        if etype is EventType.BATTLES or (lead.inter == 1 and other.inter in (2, 3, 4)):
            return lead2
        return False
    if not actors.knows_camps() and a2.inter in (1, 8) and a1.inter in (2, 3, 4):
        # no desk habit known here: ACLED's general one lists state (and foreign) forces before the named
        # armed groups they fight, whoever attacked; an unidentified attacker stays first
        return not a1.name.startswith("Unidentified")
    return etype is EventType.BATTLES and not agent and a2.inter < a1.inter


def _fill_from_context(
    doc: Document,
    sent: Sentence,
    a1: Actor | None,
    a2: Actor | None,
    ctx: NarrativeContext,
    ev: list[Evidence],
    place: Place | None,
) -> tuple[Actor | None, Actor | None]:
    """A battle whose sentence leaves a side unnamed takes it from the narrative around it."""
    prev = ctx.last_mention
    if (
        prev is not None
        and sent.index - ctx.last_mention_sentence <= INHERIT_WINDOW
        and prev.event_type is EventType.BATTLES
        and same_place(prev.place, place)
        and {a1, a2} - {None} <= {prev.actor1, prev.actor2}
    ):
        rule = "context:previous-event"
        if a1 is None and a2 is None:
            a1, a2 = prev.actor1, prev.actor2
        elif a1 is None:
            a1 = prev.actor1 if prev.actor1 != a2 or prev.actor1 == prev.actor2 else prev.actor2
        elif a2 is None:
            a2 = prev.actor2 if prev.actor2 != a1 or prev.actor1 == prev.actor2 else prev.actor1
    else:
        rule = "context:document-main-actor"
        for main in ctx.main_actors:
            if a1 is None and main != a2:
                a1 = main
            elif a2 is None and main != a1:
                a2 = main
    for fld, actor in (("actor1", a1), ("actor2", a2)):
        if actor is not None and not any(e.field == fld for e in ev):
            ev.append(evidence_at(doc, sent, fld, actor.name, sent.start, sent.start, rule, 0.4))
    return a1, a2


def _strike_from_context(
    doc: Document,
    sent: Sentence,
    sub: SubEventType,
    a2: Actor | None,
    ctx: NarrativeContext,
    ev: list[Evidence],
) -> tuple[Actor | None, Actor | None]:
    """A shelling or bombing whose sentence names no one who fired or planted it, in a report on named
    armed sides: who did it is told elsewhere in the report ("civilians were killed in shelling" after "LNA
    forces advanced ... BRSC fighters were killed"; "killed by a landmine" in a report on the Islamic
    State). Shelling goes to the report's main armed sides, as a battle's unnamed side does; a mine, bomb
    or grenade only to a non-state group, and only where no state force besides the target is among those
    sides (armies seldom plant them); an air strike is left to whoever flies there (the unnamed-perpetrator
    default)."""
    sides = [a for a in ctx.main_actors if a != a2]
    if sub in (SubEventType.REMOTE_EXPLOSIVE, SubEventType.SUICIDE_BOMB, SubEventType.GRENADE):
        sides = sides if all(a.inter in (2, 3, 4) for a in sides) else []
    elif sub is not SubEventType.SHELLING:
        sides = []
    if not sides:
        return None, a2
    a1 = sides[0]
    ev.append(evidence_at(doc, sent, "actor1", a1.name, sent.start, sent.start, "context:strike-sides", 0.35))
    if (a2 is None or a2.inter == 7) and len(sides) > 1:
        # civilians killed in the shelling of a battle are its toll: its sides are ACLED's actors
        a2 = sides[1]
        ev[:] = [e for e in ev if e.field != "actor2"]
        ev.append(
            evidence_at(doc, sent, "actor2", a2.name, sent.start, sent.start, "context:strike-sides", 0.35)
        )
    return a1, a2
