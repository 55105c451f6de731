"""Which actor mentions of a sentence can be a side of its event (extract stage): not observers or
mediators, not who only reports the deed or found the dead; and the party named as the source of fire.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from polemos.model import Actor
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, claimant_tokens, token_at

# What follows a party named as a bomb's casualty: "soldiers (of the LNA) were killed", "reported dead".
CASUALTY_AFTER = re.compile(
    r"[^.;:]{0,60}?\b(?:(?:was|were|been|are|is|reportedly|reported|later)\s+){1,2}"
    r"(?:\w+\s+)?(?:killed|wounded|injured|hurt|dead)\b"
)
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
# bombardment from rebel positions", "a shell fired from militants" name who fired, whoever the clause's
# subject is.
_FIRE_FROM = re.compile(
    r"\b(?:fire|gunfire|shelling|shells|bombardment|bombardments|bombing|bombings|airstrikes?|air\s+strikes?"
    r"|air\s+raids?|strikes|rockets|mortars?|missiles|fired|launched)\s+(?:by|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A deed attributed to a party in the report's own words: "(the explosions) are said to be the work of a
# group calling itself X", "the attack was blamed on X", "killings attributed to X"; the party named within
# a few words after it ("a group calling itself") is its doer
_ATTRIBUTED = re.compile(r"\b(?:the\s+work\s+of|blamed\s+on|attributed\s+to)\s+", re.IGNORECASE)
_ATTRIBUTED_REACH = 30
# ...or claimed by the party named before it: "militants are claiming the rocket attack was in retaliation",
# "the group claimed responsibility for the bombing" (a claim of "the attack" takes the report's own deed)
_CLAIMED_DEED = re.compile(
    r"\s*(?:\([^)]{0,30}\)\s*)?(?:(?:are|is|was|were|have|has|had)\s+)?(?:now\s+|reportedly\s+|also\s+)?"
    r"claim(?:s|ed|ing)?\s+(?:responsibility\s+for\s+|credit\s+for\s+)?(?:the|this|that)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:attacks?|bombings?|strikes?|shelling|blasts?|explosions?|assault|ambush|killings?"
    r"|assassination)\b"
    # not who names another as its doer ("police claim the attack was carried out by X")
    r"(?!\s+(?:was|were)\s+(?:\w+\s+)?(?:by|carried|conducted|committed|perpetrated|launched)\b)",
    re.IGNORECASE,
)
# Verbs of finding the dead: who finds bodies or a grave ("rebel forces uncovered 30 executed bodies",
# "soldiers found a mass grave") came upon the killing, and is not who did it.
_FINDING = frozenset({"find", "discover", "uncover", "unearth", "exhume", "recover", "retrieve", "locate"})
# Observers and mediators report on fighting; they are never a party to it.
_NON_COMBATANT = re.compile(
    r"\bUnited Nations\b|^UN\b|^UN[A-Z]+:|Red Cross|Human Rights Watch|Amnesty|Crisis Group"
)
# ...but a UN peace operation with troops ("Stabilization Mission in Mali", "Hybrid Operation in Darfur",
# "Interim Security Force for Abyei") is attacked and fights; its political and assistance missions
# ("Support Mission in Libya", "Assistance Mission in Afghanistan") only observe and mediate.
_PEACE_OPERATION = re.compile(r"\b(?:Mission|Operation|Force) (?:in|for)\b")
_POLITICAL_MISSION = re.compile(r"\b(?:Support|Assistance|Political|Verification) Mission\b")


def peace_force(actor: Actor) -> bool:
    """Whether `actor` is a UN peace operation with troops (ACLED lists the group attacking it first)."""
    return bool(_NON_COMBATANT.search(actor.name)) and not is_observer(actor.name)


def is_observer(name: str) -> bool:
    """Whether an actor named `name` only observes or mediates fighting (never a side of it)."""
    if not _NON_COMBATANT.search(name):
        return False
    return not _PEACE_OPERATION.search(name) or bool(_POLITICAL_MISSION.search(name))


def first_mention(
    ms: Sequence[ActorMentionLike], *, exclude: Actor | None = None, civilian: bool = False
) -> ActorMentionLike | None:
    for m in ms:
        if (m.category == "civilian") == civilian and m.actor != exclude:
            return m
    return None


def parties(ms: Sequence[ActorMentionLike]) -> list[ActorMentionLike]:
    """Mentions that can be a side of an armed interaction (not observers, mediators or bystanders)."""
    return [m for m in ms if m.category != "civilian" and not is_observer(m.actor.name)]


def source_of_fire(
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
    if m2 is not None and m2.actor == source.actor:
        m2 = m1  # the source was taken for the side fired on ("a shell fired from militants landed")
    elif m1 is not None and m2 is None:
        m2 = m1
    return source, m2


class _Mentions(Protocol):
    """The document's resolved mentions (stages/actors.py DocumentActors)."""

    def mentions_in(self, start: int, end: int) -> Sequence[ActorMentionLike]: ...


def attributed_doer(text: str, actors: _Mentions, doer: Actor | None) -> ActorMentionLike | None:
    """The armed party a report says a deed was the work of, blamed on or attributed to, anywhere in its
    text ("Explosions hit the district. They are said to be the work of a group calling itself X"), or
    that claimed it ("militants are claiming the rocket attack"): the doer of a violent event whose own
    sentence names none (`doer` None or an unidentified group)."""
    if doer is not None and not doer.name.startswith("Unidentified Armed Group"):
        return None
    for found in _ATTRIBUTED.finditer(text):
        ms = actors.mentions_in(found.end(), found.end() + _ATTRIBUTED_REACH + 60)
        near = [m for m in parties(ms) if m.start - found.end() <= _ATTRIBUTED_REACH]
        named = [m for m in near if m.category in ("state", "armed", "external")]
        if named:
            return min(named, key=lambda m: m.start)
    if "claim" not in text.lower():
        return None  # no claim can match: spares a scan of every mention
    armed = [
        m for m in parties(actors.mentions_in(0, len(text))) if m.category in ("state", "armed", "external")
    ]
    return next((m for m in armed if _CLAIMED_DEED.match(text, m.end)), None)


def not_claimants(ms: Sequence[ActorMentionLike], sent: Sentence) -> list[ActorMentionLike]:
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
            or CASUALTY_AFTER.match(sent.text, after)
            or _OWN_DEED.match(sent.text, after)
        ):
            keep.append(m)
        else:
            claimants.append(m)
    named_doer = any(_DOER_AFTER_REPORT.search(sent.text, 0, m.start - sent.start) for m in parties(keep))
    return keep if claimants and named_doer else list(ms)


def finders_of_dead(ms: Sequence[ActorMentionLike], sent: Sentence) -> list[ActorMentionLike]:
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


# What names a state as an institution, not as its men: a protest "against the government" has no state
# side until police or troops are named (ACLED leaves actor 2 of such a protest empty).
_INSTITUTION = re.compile(
    r"^(?:the\s+)?(?:\w+\s+)?(?:government|governments|authorities|administration|regime)(?:'s|’s|')?$",
    re.IGNORECASE,
)


def not_institutions(ms: Sequence[ActorMentionLike]) -> list[ActorMentionLike]:
    """The mentions that are not a government named as an institution ("the government", "the local
    administration", "the authorities"): what a crowd demands of it makes it no side of a protest."""
    return [m for m in ms if not (m.category == "state" and _INSTITUTION.match(_named_as(m)))]


def _named_as(m: ActorMentionLike) -> str:
    """The words that name a mention's actor: a pronoun's antecedent ("them", read as "the government")."""
    if m.rule.startswith("coref:") and "->" in m.rule:
        return m.rule.split("->", 1)[1].strip()
    return m.text.strip()
