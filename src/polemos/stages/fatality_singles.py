"""Deaths of one person written without a number: "an army colonel was shot dead", "gunmen killed the
driver", "kill NISS officer", "a woman later died of her injuries", "detonated his vest, killing himself",
a headline's "Farmer killed in Selea.", "beat him, which led to his death".

Reports name a single victim far more often than they write "1". A claim of one is made only when the
victim is a person: a singular person noun (packaged list in `fatalities.yaml`), a personal pronoun or
a proper name; "the plan was executed" and "the convoy was attacked" give nothing. A person or a counted
group coordinated with the victim ("killed the chief and two of his sons", "was killed along with his
daughter") is one more claim, unless that group was wounded or taken instead.
"""

from __future__ import annotations

import re
from dataclasses import replace

from polemos.model import FatalityClaim
from polemos.stages.fatality_choice import head_noun
from polemos.stages.fatality_numbers import NUM, parse_number
from polemos.stages.fatality_verbs import ACTIVE_KILL, KILLED
from polemos.stages.fatality_words import fatality_words, is_person, is_person_head, is_plural_person

__all__ = ["is_person_head", "one_more", "single_claims"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DEATH = KILLED
_NOT_CASUALTY = r"(?!\s+(?:or|and/or)\s+(?:wounded|injured|hurt)\b)(?!\s+and\s+(?:wounded|injured|hurt)\b)"
_PASSIVE = re.compile(
    r"\b(?P<aux>was|is|has\s+been|had\s+been|(?:is|was)\s+(?:reported|said|believed|thought|understood)\s+to"
    r"\s+have\s+been)\s+(?:(?:reportedly|allegedly|later|also|subsequently|then|apparently|confirmed"
    # "was also confirmed killed", "was tragically killed": any adverb of manner.
    r"|(?-i:[a-z]{3,}ly))\s+)*"
    # "was hit on the head and killed", "was abducted and later killed"
    r"(?:(?:[a-z]+\s+){1,5}?and\s+(?:later\s+|then\s+)?)?"
    # "was “neutralised” by the army": reports quote the jargon of communiqués.
    # "was shot down": of a person (the subject must be one), a killing, as of an aircraft.
    rf"[“\"‘']?(?P<trig>{_DEATH}|found\s+dead|shot\s+down)\b[”\"’']?{_NOT_CASUALTY}",
    re.I,
)
_SHOT_DOWN = re.compile(r"shot\s+down", re.I)
_DIED = re.compile(
    r"\b(?P<trig>(?:later\s+|subsequently\s+|reportedly\s+)?died|(?:is|was)\s+(?:reported|said|believed)"
    r"\s+to\s+have\s+died|succumbed)\b",
    re.I,
)
_ACTIVE = re.compile(
    rf"\b(?P<trig>{ACTIVE_KILL})"
    # "killed and dismembered a police captain": a second verb may share the object.
    r"(?:\s+and\s+[a-z]+ed)?\s+(?P<obj>(?:(?:[\w'’-]+|\([^()]{1,30}\))\s*){1,7})",
    re.I,
)
# "shot the trader dead", "shot him dead" (a pronoun as for "stabbed him to death").
_SHOT_DEAD = re.compile(
    r"\b(?P<trig>shoot|shoots|shot|shooting)\s+(?P<obj>(?:the|a|an)\s+(?:[\w'’-]+\s+){1,3}?|him\s+|her\s+)dead\b",
    re.I,
)
# "beat a 70-year-old to death", "stoning him to death", "leaving the driver dead".
_TO_DEATH = re.compile(
    r"\b(?P<trig>(?:beat|stab|ston|hack|burn|club|lynch|tortur|strangl)[a-z]*)\s+"
    r"(?P<obj>(?:(?:the|a|an|one)\s+(?:[\w'’-]+\s+){0,3}?|him\s+|her\s+))to\s+death\b",
    re.I,
)
_LEFT = re.compile(
    r"\b(?P<trig>left|leaving|leaves)\s+(?P<obj>(?:the|a|an|one)\s+(?:[\w'’-]+\s+){0,3}?)(?:dead|killed)\b",
    re.I,
)
# "a body was discovered along the coast": one dead, though no one is seen killing ("bodies" are counted
# in `fatalities`; "the body of a man" there too).
_BODY_FOUND = re.compile(
    # "his body was found in the river": the victim named before, now found dead.
    r"\b(?:a|one|another|his|her)\s+(?:[a-z'’-]+\s+){0,2}?(?P<trig>body|corpse)\s+(?:was|has\s+been|had\s+been)\s+"
    r"(?:\w+ly\s+|later\s+|also\s+)?(?:found|discovered|recovered|retrieved|dumped|pulled|uncovered)\b",
    re.I,
)
# "A school principal and another civilian were killed", "the driver and his assistant were shot dead":
# two single persons, each written without a number, made one plural subject by "and".
_PAIR = re.compile(
    r"\b(?P<a>(?:a|an|one|1|the)\s+(?:[\w'’-]+\s+){1,3}?)(?:and|as\s+well\s+as)\s+"
    r"(?P<b>(?:a|an|one|another|the|his|her|their)\s+(?:[\w'’-]+\s+){1,3}?)"
    # "the chairman and the treasurer of Kuma village were both killed": where the second one is from.
    r"(?:(?:of|from|in)\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}\s+)?"
    # "are killed": notes often tell the event in the present.
    r"(?:were|are|have\s+been|had\s+been)\s+(?:(?:[a-z]{3,}ly|later|also|then|both)\s+)*"
    # "a man and his mother were abducted and later slaughtered": the deaths follow a first act.
    r"(?:(?:abducted|kidnapped|captured|seized|detained|tortured|arrested|assaulted|attacked|beaten)\s+and\s+"
    r"(?:(?:[a-z]{3,}ly|later|then)\s+)?)?"
    rf"(?P<trig>{_DEATH})\b{_NOT_CASUALTY}",
    re.I,
)
# "ended with the execution of the civilian", "the killing of the village chief": one person's death as a
# noun, with a definite article (a count or "a" is read with the counted nominals of `fatalities`).
# `fatalities` leaves out those named as the cause of what the report tells ("after the killing of ...").
_NOMINAL_THE = re.compile(
    r"\b(?P<trig>assassination|killing|murder|execution|beheading|lynching|death)\s+of\s+"
    r"(?P<obj>the\s+(?:[\w'’-]+\s*){1,4})",
    re.I,
)
# "beat a soldier, which resulted in his death", "leading to her death": one person's death as a noun.
_CAUSED_DEATH = re.compile(
    r"\b(?P<trig>(?:result(?:s|ed|ing)?\s+in|l(?:ed|eads?|eading)\s+to|caus(?:es|ed|ing)))\s+"
    r"(?P<obj>his|her)\s+(?:own\s+)?death\b",
    re.I,
)
# "Farmer killed in Selea.", "Retired policeman shot dead outside his home": a headline's bare singular
# noun, no article and no auxiliary, is one person. Only at the start of the sentence and only before a
# place, time or cause phrase (or its end): "Soldier killed two ..." would be an active verb with an object.
# A dateline may lead it: "20 April, evening: Clan elder killed, Hodan district" (no sentence stop inside).
_HEADLINE = re.compile(
    rf"^\s*(?:[^.;!?]{{1,40}}?:\s+)?(?P<np>[A-Z][\w'’-]*(?:\s+[\w'’-]+){{0,2}}?)\s+(?P<trig>{_DEATH}|found\s+dead)\b"
    r"(?=\s*(?:[.,;:]|$)|\s+(?:in|at|near|on|by|after|during|as|while|when|outside|inside|amid|overnight"
    r"|yesterday|today|following|over)\b)"
)
# Words that make the phrase no bare noun ("A farmer killed ..." is read as any other subject).
_HEADLINE_OPENERS = _words("a an the one his her their its another")
_SELF = re.compile(r"\b(?P<trig>kill(?:s|ed|ing)|blew\s+up)\s+(?:only\s+)?(?P<obj>himself|herself)\b", re.I)
# "Three suicide bombers detonate their packs, killing only themselves": the bombers' number is the count.
_SELVES = re.compile(
    rf"\b(?P<num>{NUM})\s+(?:[\w-]+\s+){{0,3}}?(?:suicide\s+)?bombers\b[^.;]{{0,120}}?"
    r"\b(?P<trig>kill(?:s|ed|ing)?)\s+(?:only\s+)?themselves\b",
    re.I,
)
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
    r"|which|that|when|where|because|to|into|last|yesterday|today|early|late|end|mid)$",
    re.I,
)
_PRONOUNS = _words("he she him")
_HURT_WORDS = _words("wounded injured hurt")
_HURT = re.compile(r"^(?:wounded|injured|hurt|was|were|is|are)$", re.I)
_NAME_PARTICLES = _words("al el bin ben ibn abu de da van ould ag")
_RELATIVE = re.compile(r"\s+(?:but\s+|and\s+)?(?:who|which|that|whose)\b", re.I)
_CLAUSE_START = re.compile(r"[.;:,()\"“”]|\b(?:and|but|while|after|when|as|who|whom|which|that)\b", re.I)


def single_claims(text: str) -> list[FatalityClaim]:
    """Claims of one death each, for the person-victim phrasings above (numbers are read elsewhere)."""
    out: list[FatalityClaim] = []
    for rule, pattern in (("passive", _PASSIVE), ("died", _DIED)):
        for m in pattern.finditer(text):
            if _BACKGROUND.match(text, m.end()):
                continue
            if (victim := _subject_person(text, m.start(), plural_ok=False)) is not None:
                if _SHOT_DOWN.match(m.group("trig")) and not _names_person(text, m.start()):
                    continue  # "a helicopter was shot down": only a person noun makes it a death
                out.append(_claim(text, _clause_start(text, m.start()), m.end(), victim, rule, m))
                out.extend(_one_more_claims(text, m.end(), rule, m))
    for pattern in (_ACTIVE, _SHOT_DEAD, _TO_DEATH, _LEFT):
        for m in pattern.finditer(text):
            if (found := _object_person(m.group("obj"))) is not None:
                victim, head_end = found
                # The object's own words end the claim, so that "and another man" after it is one more.
                end = m.start("obj") + head_end if pattern is _ACTIVE else m.end()
                out.append(_claim(text, m.start(), end, victim, "active", m))
                if pattern is _ACTIVE:
                    out.extend(_one_more_claims(text, end, "active", m))
    for m in _NOMINAL_THE.finditer(text):
        if (found := _first_person(m.group("obj"))) is not None:
            victim, head_end = found
            out.append(_claim(text, m.start(), m.start("obj") + head_end, victim, "nominal", m))
    head = _HEADLINE.match(text)
    if head is not None and (victim := _headline_person(head.group("np"))) is not None:
        out.append(_claim(text, head.start("np"), head.end(), victim, "headline", head))
    for m in _CAUSED_DEATH.finditer(text):
        out.append(_claim(text, m.start(), m.end(), "person", "caused-death", m))
    for m in _PAIR.finditer(text):
        if (pair := _pair_victims(m)) is not None:
            out.append(replace(_claim(text, m.start(), m.end(), pair, "pair", m), count=2))
    for m in _SELF.finditer(text):
        out.append(_claim(text, m.start(), m.end(), "bomber", "self", m))
        # "killed himself and two soldiers": the bomber's victims follow him.
        out.extend(_one_more_claims(text, m.end(), "self", m))
    for m in _BODY_FOUND.finditer(text):
        out.append(_claim(text, m.start(), m.end(), "body", "body", m))
    # The pattern opens on any number; the word it needs is rare, so look for it first.
    for m in _SELVES.finditer(text) if "themselves" in text else ():
        if (count := parse_number(m.group("num"))) is not None:
            claim = _claim(text, m.start("trig"), m.end(), "bombers", "self", m)
            out.append(replace(claim, count=count))
            out.extend(_one_more_claims(text, m.end(), "self", m))
    return out


def _first_person(obj: str) -> tuple[str, int] | None:
    """The shortest opening of `obj` that names one person, and where it ends: "the driver sparked a
    strike" -> ('driver', 10); None when no opening does ("the ceasefire")."""
    for word in re.finditer(r"[\w'’-]+", obj):
        if (found := _object_person(obj[: word.end()])) is not None and found[1] == word.end():
            return found
    return None


def _names_person(text: str, end: int) -> bool:
    """Whether the clause before `end` ends its subject on a person noun ("a young herder"), not on a
    thing a person word only qualifies ("a rebel aircraft"), a pronoun, or a borrowed subject ("that it")."""
    segment = text[_clause_start(text, end) : end]
    head = re.split(r"\s(?:in|of|from|with|at|on|near)\s", f" {segment.lower()} ")[0].split()
    return bool(head) and head[0] not in _PRONOUNS and is_person(re.sub(r"['’]s$", "", head[-1]))


def _headline_person(phrase: str) -> str | None:
    """The singular person a headline's bare noun phrase ends in ("Retired policeman" -> policeman); None
    for a phrase that opens on a determiner or number (read elsewhere) or names anyone in the plural."""
    words = [w.lower() for w in phrase.split()]
    if words[0] in _HEADLINE_OPENERS | _PRONOUNS | _NEGATIONS or parse_number(words[0]) is not None:
        return None
    if any(is_plural_person(w) for w in words) or not is_person(words[-1]):
        return None
    return words[-1]


def _pair_victims(m: re.Match[str]) -> str | None:
    """The two persons of a coordinated subject ('principal and civilian'), or None unless both are
    persons: "a car and its driver were destroyed" is no pair of dead."""
    heads = []
    for part in (m.group("a"), m.group("b")):
        part = re.sub(r"^1\s", "a ", part)  # "1 Taliban commander and his guard": a digit for "a"
        found = _object_person(part)
        if found is None or found[1] < len(part.rstrip()):
            return None  # the head must close the phrase: "a man in the car" names a man and a car
        heads.append(found[0])
    return " and ".join(heads)


def _one_more_claims(text: str, pos: int, rule: str, m: re.Match[str]) -> list[FatalityClaim]:
    if (extra := one_more(text, pos)) is not None:
        victims, end = extra
        return [_claim(text, end - len(victims), end, victims, rule, m)]
    # "killed his youngest son and three young grandchildren": a counted group follows the single victim.
    if (more := _AND_COUNT.match(text, pos)) is None:
        return []
    if (count := parse_number(more.group("num"))) is None:
        return []
    words = more.group("victims").split()
    for n in range(len(words), 0, -1):  # the longest phrase ending in a person: "three young grandchildren"
        if is_person_head(head_noun(victims := " ".join(words[:n]))):
            end = more.start("victims") + len(victims)
            if _HURT_AFTER.match(text, end):
                return []  # "killed the driver and two passengers were wounded"
            return [replace(_claim(text, more.start("num"), end, victims, rule, m), count=count)]
    return []


_AND_COUNT = re.compile(
    # "was killed alongside 9 other people", "along side with two guards"
    rf",?\s+(?:and|along\s*side(?:\s+with)?|along\s+with|together\s+with)\s+(?P<num>{NUM})\s+"
    r"(?P<victims>[a-z-]+(?:\s+[a-z-]+){0,2})",
    re.I,
)
# "a policeman was killed and two conscripts from the CSF injured": the group had another fate.
# "and two civilians, trying to help him, were injured": an aside between commas may come before the verb.
_HURT_AFTER = re.compile(
    r"(?:\s*,[^,;.]{1,80},)?[^,;.]*?\b(?:wounded|injured|hurt|abducted|kidnapped|arrested|captured|detained|missing"
    r"|rescued|displaced)\b",
    re.I,
)


# "killed two farmers and their son", "a colonel was killed along with his 20-year-old daughter": one
# more person, written without a number.
_AND_ONE_MORE = re.compile(
    r",?\s+(?:and|as\s+well\s+as|along\s+with|together\s+with)\s+(?P<det>another|his|her|their)"
    r"(?P<words>(?:\s+[a-z0-9][a-z0-9-]*){1,3})",
    re.I,
)


def one_more(text: str, pos: int) -> tuple[str, int] | None:
    """The victims phrase and its end when `text` goes on at `pos` with one more person, else None."""
    if (m := _AND_ONE_MORE.match(text, pos)) is None:
        return None
    end = m.end("det")
    for word in re.finditer(r"\s+([a-z0-9][a-z0-9-]*)", m.group("words")):
        end = m.end("det") + word.end()
        if _OBJ_END.match(word.group(1)) or _HURT.match(word.group(1)):
            return None  # "a sergeant was killed and another wounded when gunmen ...": the phrase ended
        if is_person_head(head_noun(word.group(1))):
            if _HURT_AFTER.match(text, end):
                return None  # "killed a trader and his wife was injured"
            return text[m.start("det") : end], end
    return None


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
    if found is None and (rel := list(_RELATIVE.finditer(sentence))):
        # "A militiaman with the brigade which is based in Tajoura was shot dead": the subject stands
        # before the relative clause.
        before = sentence[: rel[-1].start()].rstrip(" ,")  # "one of the wounded, who later died"
        subject = before[_clause_start(before, len(before)) :]
        found = _segment_person(subject, plural_ok=plural_ok, whole=False)
    return found


def _segment_person(segment: str, *, plural_ok: bool, whole: bool = True) -> str | None:
    words = re.findall(r"[\w'’-]+", segment)
    if not words or any(w.isdigit() for w in words[:1]):
        return None
    lowered = [re.sub(r"['’]s$", "", w.lower()) for w in words]
    if lowered[-4:-1] == ["one", "of", "the"] and lowered[-1] in _HURT_WORDS and lowered[-5:-4] != ["not"]:
        # "medics could not reach one of the wounded, who later died": the negation is the clause's own
        return "person"
    if _NEGATIONS & set(lowered):
        return None  # "no one was killed", "none of them died"
    if lowered[-1] in _PRONOUNS or (len(lowered) == 1 and lowered[0] in _PRONOUNS):
        return "person"
    if lowered[:2] == ["one", "of"] and any(is_plural_person(w) for w in lowered[2:]):
        return "person"  # "One of Gaddafi's top lieutenants, Ali Essawi, is killed"
    # The head noun is the first person noun before any "in"/"of"/"from" phrase.
    for w in lowered:
        if w in ("in", "of", "from", "with", "at", "on"):
            break
        if is_person(w):
            return w
        if not plural_ok and is_plural_person(w):
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


_AGE = re.compile(r"\b([0-9]{1,3})\s(years?)\s(old)\b", re.I)


def _object_person(obj: str) -> tuple[str, int] | None:
    """The single person an active verb's object names, and where its head ends in `obj`:
    'a village chief near' -> ('chief', 15).

    The head is the last word before a preposition or clause word; "a passenger bus" is a bus.
    """
    words: list[str] = []
    end = first_end = 0
    obj = re.sub(r"\([^()]*\)", lambda b: " " * len(b.group()), obj)
    # "a 20 year old boy": an age, written with spaces, is no count (same length, so offsets hold).
    obj = _AGE.sub(r"\1-\2-\3", obj)
    for m in re.finditer(r"[\w'’-]+", obj):
        low = re.sub(r"['’]s$", "", m.group().lower())
        if _OBJ_END.match(low):
            break
        if words and is_person(words[-1]) and m.group()[:1].isupper():
            break  # "assassinated businesswoman Amina Ali": the name after the noun is the same person
        if low.isdigit() or low in _NEGATIONS:
            return None
        words.append(low)
        end = m.end()
        first_end = first_end or end
    if words[:1] in (["him"], ["her"]) and all(w.endswith("ly") for w in words[1:]):
        return "person", first_end  # "killing him instantly": the adverb is no part of the victim
    if not words or words[0] in _PRONOUNS - {"he", "she"}:
        return None
    return (words[-1], end) if is_person(words[-1]) else None
