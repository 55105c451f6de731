"""Deaths by burning as reports of mob justice tell them: "residents burned a suspected thief", "a woman
accused of witchcraft was set ablaze", "three were set on fire", "a captive being burned alive".

Burning a person is a killing in these reports, but "burned" and "set ablaze" are verbs of property
destruction far more often ("burned houses", "set the station on fire"), so a death is read only when a
person is what burned: a person noun (the `person_nouns` of `fatalities.yaml`, singular or plural) or
"him"/"her" as object, or a passive subject that is a person or a bare count ("Three were set ablaze":
reports name the property they mean). "Burned to death" is a verb of killing read elsewhere
(`fatality_verbs`); "in effigy" burns no one.
"""

from __future__ import annotations

import re

from polemos.model import FatalityClaim
from polemos.stages.fatality_choice import head_noun
from polemos.stages.fatality_numbers import MIN_QUALS, NUM, QUAL, WORDNUM, parse_number
from polemos.stages.fatality_singles import is_person_head

__all__ = ["burning_claims"]

# Every form below holds one of these (lower case): the cheap test that spares the patterns most sentences.
_CUES = ("burn", "ablaze", "alight", "on fire", "set fire")

_SET_ON_FIRE = r"(?:ablaze|alight|on\s+fire)"
# A victim: a count or an article and up to three words ending in a person ("a suspected thief", "two
# young men"), or a singular pronoun; a fourth word tells whether the phrase ends there ("a student
# hostel"). The person check is done on the words (`_victim`).
_VICTIM = rf"(?:(?P<num>(?:{QUAL}\s+)?{NUM})|the|this|that)\s+(?P<words>[\w'’-]+(?:\s+[\w'’-]+){{0,3}})"
_PRONOUN = r"(?P<pronoun>him|her)\b"
_NOT_EFFIGY = r"(?!\s+in\s+effigy)"

# "burned a woman accused of witchcraft", "burnt alive two suspected robbers", "burning him alive".
_BURN_ACTIVE = re.compile(
    rf"\b(?P<trig>burn(?:s|ed|t|ing)?)\s+(?:alive\s+)?(?:{_PRONOUN}|{_VICTIM}){_NOT_EFFIGY}", re.I
)
# "set a man ablaze", "set him on fire".
_SET_ACTIVE = re.compile(
    rf"\b(?P<trig>set(?:s|ting)?)\s+(?:{_PRONOUN}|{_VICTIM})\s+{_SET_ON_FIRE}{_NOT_EFFIGY}", re.I
)
# "set fire to a suspect", "set ablaze two alleged thieves".
_SET_FIRE_TO = re.compile(
    rf"\b(?P<trig>set(?:s|ting)?\s+(?:{_SET_ON_FIRE}|fire\s+to))\s+(?:{_PRONOUN}|{_VICTIM}){_NOT_EFFIGY}",
    re.I,
)
# "Three are set ablaze", "a militant being burned alive", "two men were set on fire by a mob". Plain
# "was burned" may be a burn wound and does not count.
_PASSIVE = re.compile(
    rf"(?:^|(?<=\s)|(?<=[,;:(]))(?:(?P<num>(?:{QUAL}\s+)?{NUM})|the|this|that)"
    # No article or count inside the subject: in "a video shows a prisoner being burned alive" it is the
    # prisoner.
    rf"(?P<words>(?:\s+(?!(?:a|an|the|this|that|{WORDNUM}|[0-9]+)\b)[\w'’-]+){{0,5}}?)\s+"
    r"(?:was|were|is|are|being|been|got|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?"
    rf"(?P<trig>burn(?:ed|t)\s+alive|set\s+{_SET_ON_FIRE})\b",
    re.I,
)
# Each reading: its pattern, whether the victims close the match, whether a bare count is a subject.
_READINGS = (
    (_BURN_ACTIVE, True, False),
    (_SET_ACTIVE, False, False),
    (_SET_FIRE_TO, True, False),
    (_PASSIVE, False, True),
)
# Words after which a noun phrase has ended: a relative, a participle or preposition opening what the
# person did or where, or the verb.
_PHRASE_END = re.compile(
    r"^(?:who|whom|that|which|they|he|she|it|accused|suspected|alleged|allegedly|believed|said|thought"
    r"|in|at|on|for|from|near|after|before|with|by|of|and|or|to|was|were|is|are|as|over|during|while"
    r"|when|alive|ablaze|alight)$",
    re.I,
)
_MIN = re.compile(rf"(?:{MIN_QUALS})\s", re.I)
_ARTICLE = re.compile(r"^(?:a|an|one|the|this|that)$", re.I)


def burning_claims(text: str) -> list[FatalityClaim]:
    """A claim for each person (or count of persons) the sentence `text` says was burned."""
    lower = text.lower()
    if not any(cue in lower for cue in _CUES):
        return []
    out: list[FatalityClaim] = []
    for pattern, victim_last, bare_ok in _READINGS:
        for m in pattern.finditer(text):
            if (read := _victim(m, bare_ok=bare_ok)) is None:
                continue
            count, victims = read
            # A claim that ends on its victims ends at their head: "burned a suspected thief" (in ...).
            end = _victims_end(m, victims) if victim_last else m.end()
            trig = re.sub(r"\s+", " ", m.group("trig").lower())
            is_min = bool(_MIN.match(m.group("num") or ""))
            out.append(
                FatalityClaim(
                    count, text[m.start() : end], m.start(), end, None, victims, is_min, f"burning:{trig}"
                )
            )
    return out


def _is_singular_person(head: str, word: str) -> bool:
    """Whether the phrase's last word is its person head in the singular ("thief", not "thieves")."""
    return word.lower() == head


def _victims_end(m: re.Match[str], victims: str) -> int:
    if "pronoun" in m.re.groupindex and m.group("pronoun"):
        return m.end("pronoun")
    return m.start("words") + len(victims)


def _victim(m: re.Match[str], *, bare_ok: bool) -> tuple[int, str] | None:
    """(count, victims) of a match when what burned is a person, else None."""
    if "pronoun" in m.re.groupindex and m.group("pronoun"):
        return 1, "person"
    num, words = m.group("num"), (m.group("words") or "").split()
    count = 1 if num is None else parse_number(re.sub(rf"^{QUAL}\s+", "", num, flags=re.I))
    if count is None:
        return None
    if not words:
        # "Three were set ablaze": a bare count is a subject in the passive only, and an article never is.
        return (count, "people") if bare_ok and num is not None and not _ARTICLE.match(num) else None
    # The shortest phrase that ends in a person where the noun phrase ends: "a suspected thief accused of
    # ..." is a thief, while "a student hostel", "a civilian vehicle", "a man's house" burn no one.
    for n, word in enumerate(words, 1):
        if word.endswith(("'", "’")) or re.search(r"['’]s$", word, re.I):
            return None
        following = words[n] if n < len(words) else ""
        victims = " ".join(words[:n])
        if is_person_head(head := head_noun(victims)) and (not following or _PHRASE_END.match(following)):
            # "set the rival supporters alight": how many a definite plural names is not told.
            return None if num is None and not _is_singular_person(head, words[n - 1]) else (count, victims)
    return None
