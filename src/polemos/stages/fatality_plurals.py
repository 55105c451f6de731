"""Killings of a group the report does not count: "the strikes killed militants and civilians", "troops
were accused of killing Murle civilians", "gunmen continued killing innocent people", "all the passengers
were killed".

ACLED codes plural fatalities without a number as a vague figure (the codebook's "3 or 10, depending on
scale"; its coding of such notes is 10, the `a number` of `fatalities.yaml`). A claim is made only for a
plural person noun right after the verb, bare or after names and a few adjectives: "killed the
civilians" points back at dead counted elsewhere, "killed civilians' cattle" kills no one. The claim
is vague (`fatality_choice.is_vague`): a count the report gives of the same dead replaces it.
"""

from __future__ import annotations

import re

from polemos.model import FatalityClaim
from polemos.stages.fatality_singles import is_person_head
from polemos.stages.fatality_words import fatality_words

__all__ = ["PLURAL", "bare_plural_claims"]

# The rule's prefix, by which `fatality_choice` knows the claim's count for ACLED's vague figure.
PLURAL = "plural:"

# Finite and -ing forms only: "to kill civilians" is an aim or a threat, not a report.
_KILL = r"kill(?:s|ed|ing)|massacr(?:es|ed|ing)|slaughter(?:s|ed|ing)"
# "The army denied killing civilians", "without killing civilians": no death is reported.
_DENIED = re.compile(r"\b(?:not|never|den(?:y|ies|ied|ying)|without|refus\w+)\s+(?:\w+\s+){0,2}$", re.I)
# Words that may stand before the head: names ("Murle civilians", "IS militants") and a few adjectives.
_MODIFIER = r"(?:(?-i:[A-Z])[\w'’-]*|innocent|unarmed|suspected|alleged|armed|local|fellow|civilian|rival)"
_BARE_PLURAL = re.compile(
    rf"\b(?P<trig>{_KILL})\s+[\"“]?(?P<victims>(?:{_MODIFIER}\s+){{0,2}}(?P<head>(?-i:[a-z]+)))\b"
    # "killed civilians' cattle": a possessive's head is what died.
    r"(?!['’])",
    re.I,
)

# "All militants inside the vehicles were killed", "all the passengers were shot dead": a whole group the
# report does not count (a place or a bracket may follow the head; "killed or wounded" is casualties).
_ALL_PASSIVE = re.compile(
    rf"\b(?P<all>all)\s+(?:of\s+)?(?:the\s+)?(?P<victims>(?:{_MODIFIER}\s+){{0,2}}(?P<head>(?-i:[a-z]+)))\b"
    r"(?:\s+(?:in|inside|on|aboard|at|from|of)\b[^,.;:()]{1,40}?)?\s+(?:were|have\s+been|had\s+been)\s+"
    rf"(?:\w+ly\s+)?(?P<trig>{_KILL}|executed|shot\s+dead|murdered)\b(?!\s+(?:or|and)\s+(?:wounded|injured))",
    re.I,
)


def bare_plural_claims(text: str) -> list[FatalityClaim]:
    """A vague claim for each uncounted plural group of persons the sentence `text` says was killed."""
    lower = text.lower()
    if not any(stem in lower for stem in ("kill", "massacr", "slaughter", "shot dead", "execut", "murder")):
        return []
    vague = fatality_words().vague_counts["a number"]
    out = []
    for m in (*_BARE_PLURAL.finditer(text), *_ALL_PASSIVE.finditer(text)):
        head = m.group("head").lower()
        if not _is_plural_person(head) or _DENIED.search(text, max(0, m.start() - 40), m.start()):
            continue
        trig = m.group("trig").lower()
        out.append(
            FatalityClaim(
                vague, m.group(), m.start(), m.end(), None, m.group("victims"), False, f"{PLURAL}{trig}"
            )
        )
    return out


def _is_plural_person(word: str) -> bool:
    """A plural noun of persons ("civilians", "people", "policemen"); a singular is read elsewhere."""
    if word in ("people", "persons", "children", "men", "women"):
        return True
    if word.endswith("men") and len(word) > 3:
        return is_person_head(word)
    return word.endswith("s") and is_person_head(word[:-1])
