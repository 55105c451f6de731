"""Who an unnamed doer was, as a later sentence of the report says ("A militia guarding the bank shot a
customer. The militia guarding the bank are from Misrata"; "Gunmen attacked the town. The gunmen are said
to have been members of the Kani brigade"): the "resolve actors" stage reads such an identity statement
about the same label as naming the doer, as a coder reading the whole report would.

Only an identity statement counts: the same label (or another word for unnamed attackers) as the subject
of a copula, optionally hedged ("said/believed to be"), and "members of", "part of", "loyal to" a named
force or "from" a town whose militia the knowledge base names. Anything else a later sentence says of the
label (what it did, where it went) names no one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.knowledge.actors import ActorEntry, ActorKB
from polemos.stages.actor_scan import Scan

__all__ = ["identified_later"]

_REACH = 3  # later sentences an identity statement may stand in
# Words for unnamed attackers that name the same men: "gunmen ... The attackers were from X", "gunmen from
# the town attacked ... The town's fighters are said to have been members of X"
_ATTACKERS = frozenset(
    {"gunmen", "gunman", "attackers", "attacker", "assailants", "assailant", "fighters", "militants"}
)
# Words before the subject's head that make it others than the doers: "The dead militiamen were from X"
_VICTIM = (
    r"(?!(?:dead|slain|killed|wounded|injured|arrested|detained|captured|abducted|kidnapped|missing|"
    r"other|rival|opposing)\b)"
)
_COPULA = (
    r"\s+(?:are|were|is|was)\s+(?:(?:all|reportedly|allegedly|apparently|originally)\s+)?"
    r"(?:(?:said|believed|thought|reported|understood|known|alleged|suspected)\s+to\s+(?:be|have\s+been)\s+)?"
)
# What ties the subject to whom it names: "members of", "loyal to", "from", or nothing before a name
# ("The attackers were Fulani herdsmen")
_TIE = r"(?:(?:(?:(?:all\s+)?(?:members|fighters|militiamen|part)\s+of)|loyal\s+to|from)\s+)?(?:the\s+)?"
# The subject may carry a clause before the copula: "The militia guarding the bank are from ..."
_SUBJECT_TAIL = r"(?:\s+(?!(?:are|were|is|was)\b)[\w'’-]+){0,5}?"
# What may follow "from": a town or people whose militia the knowledge base names ("from Misrata")
_PLACE = re.compile(r"[A-Z][\w'’-]+")
# Owners of a doer: armed organisations, state forces and identity militias
_ARMED = frozenset({1, 2, 3, 4})


def identified_later(scan: Scan, start: int, head: str) -> tuple[ActorEntry, str] | None:
    """The entry a later sentence identifies the unnamed doer label at `start` (head word `head`) as,
    with the words that say so; None where no such identity statement follows within a few sentences."""
    word = head.split()[-1].lower() if head.split() else ""
    if not word:
        return None
    heads = {word, word.rstrip("s"), word + "s"} | (_ATTACKERS if word in _ATTACKERS else set())
    subject = "|".join(sorted(re.escape(h) for h in heads if h))
    statement = re.compile(
        rf"\b[Tt]he\s+(?:{_VICTIM}[\w'’-]+\s+){{0,3}}?(?:{subject}){_SUBJECT_TAIL}{_COPULA}({_TIE})",
        re.IGNORECASE,
    )
    here = scan.sentence_index(start)
    own = scan.sentence(start)
    # the statement's own subject too ("The militia guarding the bank are from Misrata")
    spans = [(start, own[1]), *scan.sentences[here + 1 : here + 1 + _REACH]]
    for i, (s_start, s_end) in enumerate(spans):
        m = (
            statement.match(scan.text, s_start, s_end)
            if i == 0
            else statement.search(scan.text, s_start, s_end)
        )
        if m is None:
            continue
        tie_end = m.end()
        named = next((n for n in scan.named if tie_end <= n.start <= tie_end + 4 and n.end <= s_end), None)
        if named is not None and named.entry.inter in _ARMED and not named.anti:
            return named.entry, scan.text[m.start() : named.end]
        place = _PLACE.match(scan.text, tie_end)
        if m.group(1).lower().startswith("from ") and place is not None:
            entry = _militia_of(scan, place.group())
            if entry is not None:
                return entry, scan.text[m.start() : place.end()]
    return None


def _militia_of(scan: Scan, place: str) -> ActorEntry | None:
    """The militia the knowledge base names for men "from" a town or people ("militia from Misrata")."""
    kb: ActorKB = scan.kb
    iso2 = scan.country.iso2 if scan.country else None
    phrase = f"militia from {place}"
    for match in kb.scan(phrase):
        if match.start != 0 or match.end != len(phrase):
            continue
        pool = [e for e in match.candidates if e.is_valid(scan.year) and e.inter in _ARMED]
        pool = [e for e in pool if iso2 is None or e.country in (None, iso2)]
        if pool:
            return pool[0]
    return None


# The people a report has shown held by someone: "those detained", "the detainees", "the hostages"
_HELD = re.compile(
    r"\b(?:(?:those|the\s+people|the\s+men|the\s+children|the\s+civilians)\s+(?:detained|arrested|abducted|"
    r"kidnapped|seized|held|taken)|the\s+(?:detainees|detained|abductees|hostages|captives))\b",
    re.IGNORECASE,
)
# A deed of holding people, after its doer: "raiding homes, arresting and detaining children"
_HOLDING = re.compile(
    r"\b(?:arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|abduct(?:ed|ing|s)?|kidnap(?:ped|ping|s)?|"
    r"(?:took|taking|take|takes)\s+(?:\w+\s+)?hostages?|seiz(?:ed|ing)\s+(?:\w+\s+){0,2}(?:hostages?|men|people))\b",
    re.IGNORECASE,
)
_HELD_REACH = 2  # sentences back the holders may be named in


def holder_of(scan: Scan, start: int, before: Sequence[tuple[int, int, str]]) -> int | None:
    """Where the doer of a deed to people held ("those detained have been tortured") was named: the
    index in `before` (earlier mentions as (start, end, category)) of the last armed or state
    party named, in a sentence or two before, as the one that detained, abducted or took them hostage.
    Who held them is who did what they suffered in captivity, unless the report says otherwise."""
    s_start, s_end = scan.sentence(start)
    if _HELD.search(scan.text, s_start, s_end) is None:
        return None
    here = scan.sentence_index(start)
    for i in range(len(before) - 1, -1, -1):
        m_start, m_end, category = before[i]
        back = here - scan.sentence_index(m_start)
        if category not in ("state", "armed") or back < 1 or back > _HELD_REACH:
            continue
        _, m_s_end = scan.sentence(m_start)
        if _HOLDING.search(scan.text, m_end, m_s_end) is not None:
            return i
    return None
