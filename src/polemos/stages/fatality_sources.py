"""Who stands behind a death toll: coders' bookkeeping that must not be read, and parties' own claims.

Two source rules sit here, apart from the reading of counts:

- `mask_coder_notes` blanks a data set's coding remarks ("Fatalities coded as 0 (X reported 4)",
  "(fatalities coded across 3 events)"). They state the answer of a coded data set, not what a
  report says, so reading them would be scoring the coder's figure against itself.
- `party_of_sources` / `is_party_claim`: ACLED draws on parties to the conflict only "under
  conditions" and records "the most conservative estimate". A party's claim about its enemies' losses,
  carried only by the party's own outlet (e.g. an insurgent group's news agency), is kept as a claim
  but is not taken as the event's figure until another source reports it.
"""

from __future__ import annotations

import re
from functools import cache

from polemos.model import FatalityClaim
from polemos.stages.fatality_words import fatality_words

__all__ = ["is_party_claim", "mask_coder_notes", "party_of_sources"]

_PARENS = r"\((?:[^()]|\([^()]*\))*\)"
# A parenthetical holding coding bookkeeping: "(coded as 7 fatalities total)", "(lower figure recorded)".
_CODER_PARENS = re.compile(r"\((?=(?:[^()]|\([^()]*\))*\b(?:coded|recorded)\b)(?:[^()]|\([^()]*\))*\)", re.I)
# A sentence of bookkeeping: "Fatalities coded as 0 ...", "Total fatalities coded as 5.",
# "Fatalities split between two events."
_CODER_SENTENCE = re.compile(
    rf"(?:^|(?<=[.!?;])|(?<=[.!?;][\"”)]))\s*(?:[^.!?;()]|{_PARENS})*?"
    # "7 fatalities were recorded" is news language too; only "coded"/"split" mark bookkeeping.
    r"\b(?:fatalit(?:y|ies)\s+(?:were\s+|was\s+|are\s+|is\s+)?(?:coded|split|divided)"
    rf"|deaths\s+(?:were\s+|are\s+)?coded)\b(?:[^.!?;()]|{_PARENS})*[.!?;]?",
    re.I,
)


def mask_coder_notes(text: str) -> str:
    """`text` with coding bookkeeping blanked out (same length, so offsets still point into `text`)."""

    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group())

    return _CODER_SENTENCE.sub(blank, _CODER_PARENS.sub(blank, text))


def party_of_sources(outlet: str | None) -> str | None:
    """The party whose own outlets are a document's only sources ("Voice of Jihad" -> "Taliban").

    `outlet` may list several sources separated by ";" or ","; None unless every one is an outlet of
    the same party, since a second, independent source lifts the claim out of the party's word alone.
    """
    if not outlet:
        return None
    outlets = fatality_words().party_outlets
    parties = {outlets.get(_norm(o)) for o in re.split(r"[;,]", outlet) if o.strip()}
    if len(parties) != 1:
        return None
    party = parties.pop()
    return party


def is_party_claim(claim: FatalityClaim, party: str | None) -> bool:
    """Whether `claim` is a party's unconfirmed word on its enemies' losses.

    With `party` (the document's sources are all that party's outlets) every claim counts, except the
    party's own dead ("two of its fighters", "Taliban militants were killed"): admitting one's own
    losses is not propaganda. Without it, a claim whose claimant is a known party outlet counts.
    """
    outlets = fatality_words().party_outlets
    claimant = _norm(claim.claimant or "")
    speaker = party
    if not speaker and _any_outlet().search(claimant):  # most claimants name no party outlet
        speaker = next((p for o, p in outlets.items() if re.search(rf"\b{re.escape(o)}\b", claimant)), None)
    if speaker is None:
        return False
    victims = _norm(claim.victims or "")
    # The party's own dead are named by its name ("Taliban fighters") or a possessive ("its fighters");
    # generic words of a name ("state", "front") would also match its enemies.
    own = {_norm(speaker), "its", "their own", "our"} | {
        w for w in _norm(speaker).split() if len(w) > 2 and w not in _GENERIC_NAME_WORDS
    }
    return not any(re.search(rf"\b{re.escape(w)}\b", victims) for w in own)


@cache
def _any_outlet() -> re.Pattern[str]:
    """One pattern matching wherever any party outlet's name stands as words."""
    outlets = fatality_words().party_outlets
    names = "|".join(re.escape(o) for o in sorted(outlets, key=len, reverse=True))
    return re.compile(rf"\b(?:{names})\b" if names else r"(?!)")


_GENERIC_NAME_WORDS = frozenset(
    {"state", "islamic", "front", "army", "group", "movement", "forces", "national", "the", "and", "for"}
)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).strip(" .'\"")
