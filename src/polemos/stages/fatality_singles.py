"""Deaths of one person written without a number: "an army colonel was shot dead", "gunmen killed the
driver", "kill NISS officer", "a woman later died of her injuries", "detonated his vest, killing himself".

Reports name a single victim far more often than they write "1". A claim of one is made only when the
victim is a person: a singular person noun (packaged list in `fatalities.yaml`), a personal pronoun or
a proper name; "the plan was executed" and "the convoy was attacked" give nothing.
"""

from __future__ import annotations

import re

from polemos.model import FatalityClaim
from polemos.stages.fatality_words import fatality_words

__all__ = ["is_person_head", "single_claims"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DEATH = (
    r"killed|shot\s+dead|shot\s+and\s+killed|(?:stabbed|beaten|burned|burnt|hacked|stoned)\s+to\s+death"
    r"|gunned\s+down|assassinated|murdered|executed|beheaded|lynched|slain|decapitated"
)
_NOT_CASUALTY = r"(?!\s+(?:or|and/or)\s+(?:wounded|injured|hurt)\b)(?!\s+and\s+(?:wounded|injured|hurt)\b)"
_PASSIVE = re.compile(
    r"\b(?P<aux>was|is|has\s+been|had\s+been|(?:is|was)\s+(?:reported|said|believed|thought|understood)\s+to"
    r"\s+have\s+been)\s+(?:(?:reportedly|allegedly|later|also|subsequently|then|apparently|summarily|brutally)\s+)*"
    # "was hit on the head and killed", "was abducted and later killed"
    r"(?:(?:[a-z]+\s+){1,5}?and\s+(?:later\s+|then\s+)?)?"
    rf"(?P<trig>{_DEATH}|found\s+dead)\b{_NOT_CASUALTY}",
    re.I,
)
_DIED = re.compile(
    r"\b(?P<trig>(?:later\s+|subsequently\s+|reportedly\s+)?died|(?:is|was)\s+(?:reported|said|believed)"
    r"\s+to\s+have\s+died|succumbed)\b",
    re.I,
)
_ACTIVE = re.compile(
    r"\b(?P<trig>kill(?:s|ed|ing)?|assassinat(?:e|es|ed|ing)|murder(?:s|ed|ing)?|execut(?:e|es|ed|ing)"
    r"|behead(?:s|ed|ing)?|lynch(?:es|ed|ing)?|gun(?:s|ned|ning)?\s+down|stab(?:s|bed|bing)?\s+to\s+death"
    r"|shot\s+dead|shooting\s+dead|shot\s+and\s+killed)"
    # "killed and dismembered a police captain": a second verb may share the object.
    r"(?:\s+and\s+[a-z]+ed)?\s+(?P<obj>(?:(?:[\w'’-]+|\([^()]{1,30}\))\s*){1,7})",
    re.I,
)
_SHOT_DEAD = re.compile(
    r"\b(?P<trig>shoot|shoots|shot|shooting)\s+(?P<obj>(?:the|a|an)\s+(?:[\w'’-]+\s+){1,3}?)dead\b", re.I
)
# "beat a 70-year-old to death", "stoning him to death", "leaving the driver dead".
_TO_DEATH = re.compile(
    r"\b(?P<trig>(?:beat|stab|ston|hack|burn|club|lynch)[a-z]*)\s+"
    r"(?P<obj>(?:(?:the|a|an|one)\s+(?:[\w'’-]+\s+){0,3}?|him\s+|her\s+))to\s+death\b",
    re.I,
)
_LEFT = re.compile(
    r"\b(?P<trig>left|leaving|leaves)\s+(?P<obj>(?:the|a|an|one)\s+(?:[\w'’-]+\s+){0,3}?)(?:dead|killed)\b",
    re.I,
)
_SELF = re.compile(r"\b(?P<trig>kill(?:s|ed|ing)|blew\s+up)\s+(?:only\s+)?(?P<obj>himself|herself)\b", re.I)
# "The commander was killed in 2011", "he was killed two years ago": history, not this event's dead.
_BACKGROUND = re.compile(
    r"\s+(?:in\s+(?:1[89]|20)[0-9]{2}\b|(?:[\w-]+\s+){1,2}(?:days?|weeks?|months?|years?)\s+ago\b"
    r"|last\s+(?:week|month|year)\b)",
    re.I,
)
_NEGATIONS = _words("no no-one noone nobody none neither nor not never")
_DETERMINERS = _words("a an the one his her their its another former senior local young")
_OBJ_END = re.compile(
    r"^(?:of|in|on|at|near|outside|inside|and|or|but|while|as|after|before|during|with|by|for|from|who|whom"
    r"|which|that|when|where|because|to|into|last|yesterday|today|early|late)$",
    re.I,
)
_PRONOUNS = _words("he she him")
_NAME_PARTICLES = _words("al el bin ben ibn abu de da van ould ag")
_CLAUSE_START = re.compile(r"[.;:,()\"“”]|\b(?:and|but|while|after|when|as|who|whom|which|that)\b", re.I)


def single_claims(text: str) -> list[FatalityClaim]:
    """Claims of one death each, for the person-victim phrasings above (numbers are read elsewhere)."""
    out: list[FatalityClaim] = []
    for m in _PASSIVE.finditer(text):
        if _BACKGROUND.match(text, m.end()):
            continue
        if (victim := _subject_person(text, m.start(), plural_ok=False)) is not None:
            out.append(_claim(text, _clause_start(text, m.start()), m.end(), victim, "passive", m))
    for m in _DIED.finditer(text):
        if _BACKGROUND.match(text, m.end()):
            continue
        if (victim := _subject_person(text, m.start(), plural_ok=False)) is not None:
            out.append(_claim(text, _clause_start(text, m.start()), m.end(), victim, "died", m))
    for pattern in (_ACTIVE, _SHOT_DEAD, _TO_DEATH, _LEFT):
        for m in pattern.finditer(text):
            if (victim := _object_person(m.group("obj"))) is not None:
                out.append(_claim(text, m.start(), m.end(), victim, "active", m))
    for m in _SELF.finditer(text):
        out.append(_claim(text, m.start(), m.end(), "bomber", "self", m))
    return out


def _claim(text: str, start: int, end: int, victim: str, rule: str, m: re.Match[str]) -> FatalityClaim:
    trig = re.sub(r"\s+", " ", m.group("trig").lower())
    return FatalityClaim(1, text[start:end].strip(), start, end, None, victim, False, f"single-{rule}:{trig}")


def _clause_start(text: str, end: int) -> int:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, end)]
    start = starts[-1] if starts else 0
    while start < end and text[start].isspace():
        start += 1
    return start


def _subject_person(text: str, end: int, *, plural_ok: bool) -> str | None:
    """The person the clause before `end` is about: 'A senior commander in the 210 Brigade' -> 'commander'.

    Bracketed asides are skipped, and an apposition between commas is looked through: in "A commander
    of the unit, the najdah, was killed" the subject is the first segment.
    """
    text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text[:end])
    found = _segment_person(text[_clause_start(text, end) : end], plural_ok=plural_ok)
    sentence = re.split(r"[.;:!?]", text)[-1]
    segments = sentence.split(",")
    for segment in segments[-2:-4:-1] if found is None and len(segments) > 1 else ():
        if _CLAUSE_START.search(segment):
            break
        if (found := _segment_person(segment, plural_ok=plural_ok, whole=False)) is not None:
            break
    return found


def _segment_person(segment: str, *, plural_ok: bool, whole: bool = True) -> str | None:
    words = re.findall(r"[\w'’-]+", segment)
    if not words or any(w.isdigit() for w in words[:1]):
        return None
    lowered = [re.sub(r"['’]s$", "", w.lower()) for w in words]
    if _NEGATIONS & set(lowered):
        return None  # "no one was killed", "none of them died"
    if lowered[-1] in _PRONOUNS or (len(lowered) == 1 and lowered[0] in _PRONOUNS):
        return "person"
    # The head noun is the first person noun before any "in"/"of"/"from" phrase.
    for w in lowered:
        if w in ("in", "of", "from", "with", "at", "on"):
            break
        if _is_person(w):
            return w
        if not plural_ok and _is_plural_person(w):
            return None
    if not whole:
        return None
    if all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words) and lowered[0] not in _DETERMINERS:
        return "person"  # a proper name: "Emhemmed Azzabi was found dead"
    non_victims = fatality_words().non_victims
    head_words = re.split(r" (?:in|of|from|with|at|on) ", " ".join(lowered))[0].split()
    if lowered[0] in ("a", "an", "one") and not non_victims & set(head_words):
        return "person"  # "a football coach from the south was shot dead": only people are shot dead
    return None


def _object_person(obj: str) -> str | None:
    """The single person an active verb's object names: 'a village chief near' -> 'chief'.

    The head is the last word before a preposition or clause word; "a passenger bus" is a bus.
    """
    words: list[str] = []
    for w in re.findall(r"[\w'’-]+", re.sub(r"\([^()]*\)", " ", obj)):
        low = re.sub(r"['’]s$", "", w.lower())
        if _OBJ_END.match(low):
            break
        if low.isdigit() or low in _NEGATIONS:
            return None
        words.append(low)
    if words == ["him"] or words == ["her"]:
        return "person"
    if not words or words[0] in _PRONOUNS - {"he", "she"}:
        return None
    return words[-1] if _is_person(words[-1]) else None


def is_person_head(word: str) -> bool:
    """Whether a (singularised) head noun names people: 'man', 'fighter', 'policeman'."""
    return _is_person(word) or _is_plural_person(word)


def _is_person(word: str) -> bool:
    nouns = fatality_words().person_nouns
    # "a 70-year-old": an age stands for the person.
    return word in nouns or (word.endswith(("man", "woman")) and len(word) > 5) or word.endswith("-year-old")


def _is_plural_person(word: str) -> bool:
    nouns = fatality_words().person_nouns
    return (word.endswith("s") and word[:-1] in nouns) or (word.endswith("men") and len(word) > 5)
