"""Find reported death tolls in a sentence and choose an event's fatality figure under ACLED's rules.

Runs on every candidate sentence after extraction and before in-document aggregation: it reads
claims (count, victims, claimant) with plain regular expressions, keeps every one of them, and
`choose_fatalities` reduces them to the single figure ACLED records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from polemos.model import FatalityClaim

__all__ = ["choose_fatalities", "find_fatality_claims", "parse_number", "split_multi_day"]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000}
# ACLED codebook: "several/many/few" -> 3 or 10 by scale (we take the conservative 3), "dozens" -> 12,
# "hundreds" -> 100. "scores" (a score is 20) -> 20 and "thousands" -> 1000 follow the same logic.
_VAGUE = {
    "several": 3,
    "many": 3,
    "few": 3,
    "a few": 3,
    "numerous": 3,
    "a number": 3,
    "a handful": 3,
    "a couple": 2,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
}
_MAX_DIGITS = 9  # no report counts a billion dead; also keeps int() clear of its 4300-digit limit

_W = "|".join(sorted(_TENS, key=len, reverse=True))
_U = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORDNUM = rf"(?:(?:{_W})(?:[- ](?:{_U}))?|{_U})"
# Order matters: longer forms first so "two dozen" is not read as "two" with victims "dozen".
_NUM = (
    rf"(?:(?:(?:a|an|{_WORDNUM}|[0-9]+)\s+)?(?:dozen|hundred|thousand)(?:\s+(?:and\s+)?{_WORDNUM})?"
    rf"|[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+|{_WORDNUM}"
    r"|a\s+(?:few|number|handful|couple)|dozens|scores|hundreds|thousands|several|many|few|numerous|an?)\b"
)
_MIN_QUALS = (
    r"at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of"
)
_QUAL = (
    rf"(?:{_MIN_QUALS}|some|about|around|approximately|nearly|almost|roughly|up\s+to|as\s+many\s+as"
    r"|an\s+estimated|a\s+total\s+of|at\s+most|fewer\s+than|less\s+than)"
)
_IS_MIN = re.compile(rf"^(?:{_MIN_QUALS})$", re.I)

# Words that end a victim phrase: function words, verbs, time words. "of" and determiners are allowed
# so that "one of its fighters" and "members of the security forces" stay whole.
_STOP = (
    r"(?:were|was|is|are|be|been|being|have|has|had|and|or|but|in|on|at|by|from|with|after|before|during"
    r"|when|while|that|which|who|whom|whose|as|than|to|for|into|since|until|including|among|near|outside"
    r"|inside|across|along|around|within|throughout|through|under|behind|between|against|without|via|per"
    r"|reportedly|allegedly|also|all|later|earlier|yesterday|today|tonight|overnight|last|this|then"
    r"|ago|monday|tuesday|wednesday|thursday|friday|saturday|sunday|according|said|says|say|killed|killing"
    r"|dead|died|wounded|injured|hurt|slain|murdered|executed|perished|lost|shot|blew|neutrali[sz]ed"
    r"|eliminated|massacred|beheaded|martyred|deaths|fatalities|left|leaving|not|no)"
)
_WORD = r"[A-Za-z][A-Za-z'’-]*"
_VICT_LAZY = rf"(?!{_STOP}\b){_WORD}(?:\s+(?!{_STOP}\b){_WORD}){{0,4}}?"
_VICT_GREEDY = rf"(?!{_STOP}\b){_WORD}(?:\s+(?!{_STOP}\b){_WORD}){{0,4}}"
_BOMBER = r"the\s+(?:suicide\s+)?bomber\b"
_SEP = r"(?:\s*,(?![0-9])\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s+plus\s+)"
# "killing 5 civilians, 2 of them children": the second number is a subset, not another group.
_NOT_PARTITIVE = rf"(?!(?:{_QUAL}\s+)?{_NUM}\s+of\s+(?:them|whom|those|these|which)\b)"
_NOT_WOUNDED = r"(?!\s+(?:were\s+|others\s+)?(?:wounded|injured|hurt)\b)"


# "between 10 and 15", "10-15", "two or three": ACLED keeps the lower figure.
_RANGE = rf"(?:between\s+{_NUM}\s+and\s+|{_NUM}\s*(?:-|–|to|or)\s*)"
_RANGE_LOW = re.compile(rf"(?:between\s+)?({_NUM})", re.I)


def _item(victims: str) -> str:
    return rf"(?:(?:{_QUAL})\s+)?(?:{_RANGE}?{_NUM}(?:\s+{victims})?|{_BOMBER})"


def _items(victims: str) -> str:
    return rf"{_item(victims)}(?:{_SEP}{_NOT_PARTITIVE}{_item(victims)}{_NOT_WOUNDED}){{0,5}}"


# Transitive forms: with no auxiliary ("5 soldiers killed in ...") they read as passive only when no
# object follows; "Two gunmen killed a policeman" is active and must not yield 2.
_TRANSITIVE = (
    r"killed|shot\s+dead|shot\s+and\s+killed|(?:stabbed|beaten|burned|burnt|hacked)\s+to\s+death|slain"
    r"|murdered|executed|assassinated|massacred|slaughtered|beheaded|martyred|neutrali[sz]ed|eliminated"
)
# "neutralised"/"eliminated" are military-jargon for killed (e.g. GNA and LNA communiqués); ACLED codes
# reported deaths as reported, so they count. "shot" alone may mean wounded and does not.
_TRANSITIVE_RE = re.compile(_TRANSITIVE, re.I)
_INTRANSITIVE = (
    r"dead|died|have\s+died|perished|lost\s+their\s+lives|blew\s+(?:himself|herself|themselves)\s+up"
    r"|deaths|fatalities"
)
_AUX = (
    r"(?:(?:were|was|are|is|have|has|had|been|being|be|got|all|also|reportedly|allegedly|later|subsequently"
    r"|confirmed|reported|believed|feared|thought|to|found|left)\s+){0,5}"
)
_OBJECT = rf"(?=\s+(?:(?:{_QUAL})\s+)?(?:{_NUM}|the|his|her|their|its|them|him|it|us|me|themselves)\b)"
# "killed and wounded 7" and "killed or injured" are casualties, not deaths: ACLED codes them 0.
_NOT_CASUALTIES = r"(?!\s+(?:and|or|and/or|&)\s+(?:wounded|injured|hurt|wounding|injuring)\b)"

_PASSIVE = re.compile(
    rf"\b(?P<list>{_items(_VICT_LAZY)})"
    r"(?P<incl>\s*,?\s*\(?\s*(?:including|among\s+them|among\s+whom)\b[^.;()]{0,80}?\)?,?)?"
    rf"\s+(?P<aux>{_AUX})(?P<trig>{_TRANSITIVE}|{_INTRANSITIVE})\b{_NOT_CASUALTIES}(?P<obj>{_OBJECT})?",
    re.I,
)
_ACTIVE = re.compile(
    r"\b(?P<trig>kill(?:s|ed|ing)?|shot\s+dead|shooting\s+dead|shot\s+and\s+killed|murder(?:ed|ing)"
    r"|execut(?:ed|ing)|massacr(?:ed|ing)|slaughter(?:ed|ing)|behead(?:ed|ing)|neutrali[sz](?:ed|ing)"
    r"|eliminat(?:ed|ing)|(?:claim|tak|took|cost)(?:s|ed|ing|e)?\s+the\s+lives\s+of)"
    rf"{_NOT_CASUALTIES}\s+(?:(?:all|the)\s+)?(?P<list>{_items(_VICT_GREEDY)})",
    re.I,
)
_LEFT_DEAD = re.compile(
    rf"\b(?P<trig>left|leaving|leaves|leave)\s+(?P<list>{_item(_VICT_LAZY)})\s+dead\b", re.I
)
_TOLL = re.compile(
    # "rose from 5 to 10" -> 10: the figure must follow a word of arrival ("to", "reached"), not "from".
    r"\b(?P<trig>(?:death\s+)?toll)\b(?:\s+[\w'’-]+){0,6}?\s+(?:to|at|of|reached|hit|hits|reaches|is|was"
    rf"|stands|stood|passed|exceeded|topped|surpassed)\s+(?P<list>(?:(?:{_QUAL})\s+)?{_NUM})",
    re.I,
)
_BODIES = re.compile(
    rf"\b(?P<list>(?:(?:{_QUAL})\s+)?{_NUM}(?:\s+{_WORD}){{0,2}}?\s+(?:bodies|corpses))\b"
    rf"|\b(?P<trig>bodies|corpses|remains)\s+of\s+(?P<list2>{_item(_VICT_GREEDY)})",
    re.I,
)
_PATTERNS = (("passive", _PASSIVE), ("active", _ACTIVE), ("left-dead", _LEFT_DEAD), ("toll", _TOLL))

_ITEM = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:(?P<range>{_RANGE})?(?P<num>{_NUM})(?:\s+(?P<victims>{_VICT_GREEDY}))?|(?P<bomber>{_BOMBER}))",
    re.I,
)
_SPLIT = re.compile(_SEP, re.I)
_NEGATED = re.compile(r"\b(?:no|not)[\s-]*$", re.I)
_YEAR = re.compile(r"^(?:1[89]|20)[0-9]{2}$")
# Heads that are never people: "killed two days ago", "15 kilometres", "a bomb killed ...".
_NON_VICTIMS = frozenset(
    _words(
        "day days week weeks month months year years hour hours minute minutes time times km "
        "kilometre kilometres kilometer kilometers mile miles metre metres meter meters percent per "
        "cent another bomb bombs blast blasts explosion explosions attack attacks strike strikes "
        "airstrike airstrikes raid raids vehicle vehicles car cars tank tanks drone drones position "
        "positions target targets hideout hideouts base bases weapon weapons depot depots mine mines "
        "shell shells rocket rockets clash clashes fighting operation operations ambush ambushes"
    )
)

_REPORT = re.compile(
    r"\b(?:said|says|say|saying|reported|reports|claimed(?!\s+the\s+lives)|claims(?!\s+the\s+lives)"
    r"|stated|states|announced|announces|confirmed|confirms|told|tells|added|adds|tweeted|wrote)\b",
    re.I,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.I)
# A claimant named after its verb ends at punctuation or at the next clause: "according to X on Monday".
_NP_AFTER = re.compile(
    r"[^,.;:()\"“”]{1,80}?"
    r"(?=\s*(?:[,.;:()\"“”]|$|\s+(?:who|which|that|on|in|at|as|while|after|said|says)\b))"
)
_SKIP_BEFORE_VERB = frozenset(_words("has have had also later earlier previously reportedly separately"))
_PASSIVE_AUX = frozenset(_words("was were is are be been being"))
_CLAIMANT_STOP = frozenset(
    _words(
        "with and but while as after that which who where when because although since also has have "
        "had was were is are been reportedly then so"
    )
)


def parse_number(text: str) -> int | None:
    """Read a count written in digits, words or ACLED's vague terms; None when `text` is not a number.

    '12' -> 12, 'twelve' -> 12, 'twenty-five' -> 25, '1,000' -> 1000, 'a dozen' -> 12, 'two dozen' -> 24,
    'two hundred and five' -> 205, 'a'/'an'/'one' -> 1. Vague terms follow the ACLED codebook:
    'dozens' -> 12, 'hundreds' -> 100, 'several'/'many'/'few' -> 3 (the low end of its "3 or 10"),
    'scores' -> 20 (a score is twenty), 'thousands' -> 1000, 'a couple' -> 2.
    """
    words = re.sub(r"[\s-]+", " ", text.strip().lower()).split(" ")
    phrase = " ".join(words)
    if phrase in _VAGUE:
        return _VAGUE[phrase]
    if phrase in ("a", "an"):
        return 1
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+", phrase):
        digits = phrase.replace(",", "")
        return int(digits) if len(digits) <= _MAX_DIGITS else None
    total, current, seen = 0, 0, False
    for i, word in enumerate(words):
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word in ("a", "an") and i == 0 and len(words) > 1:
            current = 1
        elif word.isascii() and word.isdigit() and i == 0 and len(word) <= _MAX_DIGITS:
            current = int(word)
        elif word in _SCALES and (seen or i == 0 or current):
            scaled = (current or 1) * _SCALES[word]
            if word == "thousand":
                total, current = total + scaled, 0
            else:
                current = scaled
        elif word == "and" and seen and 0 < i < len(words) - 1:
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def find_fatality_claims(text: str, *, offset: int = 0) -> list[FatalityClaim]:
    """Find every death count reported in `text` (one sentence), with its victims and claimant.

    Wounded, injured and "casualties" never count; "killed and wounded 7" is casualties (ACLED: 0).
    A subset introduced by "including" is not a claim of its own: "12 militants including 2 commanders"
    is 12. "No one was killed" and "casualties unknown" give no claim (ACLED records that as 0 anyway).
    """
    found: list[tuple[tuple[int, int], list[FatalityClaim]]] = []
    for name, pattern in (*_PATTERNS, ("bodies", _BODIES)):
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            items = _claims_in_match(text, m, name)
            if items is None or any(m.start() < b and a < m.end() for (a, b), _ in found):
                pos = m.start() + 1
                continue
            found.append((m.span(), items))
            pos = m.end()
    mentions = _claimant_mentions(text)
    claims = []
    for (m_start, m_end), items in found:
        # Coordinated claims share their report's claimant: "The LNA said 3 soldiers and 2 civilians ...".
        claimant = _claimant_of(mentions, m_start, m_end)
        for claim in items:
            claims.append(
                replace(claim, start=claim.start + offset, end=claim.end + offset, claimant=claimant)
            )
    return sorted(claims, key=lambda c: (c.start, c.end))


def _claims_in_match(text: str, m: re.Match[str], name: str) -> list[FatalityClaim] | None:
    """Split one match into its coordinated claims; None when the match is not a death report."""
    is_bodies_of = name == "bodies" and m.group("list2") is not None
    list_start, list_end = m.span("list2" if is_bodies_of else "list")
    trig = re.sub(r"\s+", " ", (m.group("trig") or "bodies").lower())
    if name == "passive" and not m.group("aux") and m.group("obj") is not None and _TRANSITIVE_RE.match(trig):
        return None  # "A bomb killed 5": the counted noun is the subject, not the dead
    # Each item of "2 Taliban and 3 soldiers" is its own claim: ACLED sums both sides of one event.
    out: list[FatalityClaim] = []
    cursor = list_start
    while (item := _ITEM.match(text, cursor, list_end)) is not None:
        if _NEGATED.search(text, 0, item.start()):
            return None  # "no one was killed"
        victims = item.group("victims")
        if item.group("bomber"):
            count, victims = 1, "bomber"  # ACLED: "the bomber is counted in fatalities"
        else:
            low = _RANGE_LOW.match(item.group("range") or "")
            num = low.group(1) if low else item.group("num")
            parsed = parse_number(num)
            if parsed is None or (num.lower() in ("a", "an") and not victims):
                return None  # "a dead end": "a" is a number only before a person
            if _YEAR.match(num) and not victims:
                return None  # "in 2011"
            if name == "bodies" and not is_bodies_of:
                victims = "bodies"
            if victims:
                victims = re.sub(r"^of\s+", "", victims, flags=re.I)
                first = victims.split()[0].lower()
                if _head(victims) in _NON_VICTIMS or first in _NON_VICTIMS:
                    return None  # "killed two days ago", "15 kilometres"
            count = parsed
        # The span holds the count and its trigger: "4 soldiers were killed", "killing 5 civilians".
        start = item.start() if name == "passive" else m.start()
        end = item.end() if name == "active" else m.end()
        is_min = bool(_IS_MIN.match(item.group("qual") or ""))
        out.append(
            FatalityClaim(count, text[start:end], start, end, None, victims or None, is_min, f"{name}:{trig}")
        )
        if (sep := _SPLIT.match(text, item.end(), list_end)) is None:
            break
        cursor = sep.end()
    return out or None


def _head(victims: str) -> str:
    """The head noun of a victim phrase, singular and lower-case: 'Haftar's militiamen' -> 'militiaman'."""
    words: list[str] = re.findall(r"[a-z]+", re.sub(r"['’]s\b", "", victims.lower()))
    if not words:
        return ""
    head = words[-1]
    for plural, singular in (("people", "person"), ("children", "child"), ("men", "man"), ("ies", "y")):
        if head.endswith(plural):
            return head[: -len(plural)] + singular
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def _claimant_of(mentions: list[tuple[int, int, str, bool]], start: int, end: int) -> str | None:
    """The claimant whose report covers `start:end`: 'X said <claim>' before it, '<claim>, X said' after."""
    in_scope = [c for c in mentions if (c[3] and c[1] <= start) or (not c[3] and c[0] >= end)]
    nearest = min(in_scope or mentions, key=lambda c: max(0, start - c[1], c[0] - end), default=None)
    return nearest[2] if nearest else None


def _claimant_mentions(text: str) -> list[tuple[int, int, str, bool]]:
    """Who reports what in the sentence: 'according to X', 'X said', 'said X', 'with X saying'.

    Each mention is (start, end, claimant, is_forward): a forward mention reports what follows it.
    """
    mentions = []
    for m in _ACCORDING.finditer(text):
        if np := _NP_AFTER.match(text, m.end()):
            is_first = not text[: m.start()].strip()  # "According to police, 5 died"
            mentions.append((m.start(), np.end(), np.group().strip(), is_first))
    for m in _REPORT.finditer(text):
        words = list(re.finditer(r"[\w'’-]+", text[: m.start()].rsplit(",", 1)[-1]))
        base = m.start() - len(text[: m.start()].rsplit(",", 1)[-1])
        while words and words[-1].group().lower() in _SKIP_BEFORE_VERB:
            words.pop()
        if words and words[-1].group().lower() in _PASSIVE_AUX:
            continue  # "were reported killed": a passive, not a claimant
        subject: list[re.Match[str]] = []
        for w in reversed(words):
            if w.group().lower() in _CLAIMANT_STOP or len(subject) == 6:
                break
            subject.insert(0, w)
        between = text[base + subject[-1].end() : m.start()] if subject else ""
        if subject and not re.search(r"[\"“”.;:()]", between):
            start = base + subject[0].start()
            # "police said." ends its clause and reports what came before; "X said 5 died" reports on.
            is_forward = re.match(r"\s*(?:$|[,.;!?)”])", text[m.end() :]) is None
            mentions.append((start, m.end(), text[start : base + subject[-1].end()], is_forward))
        elif (not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ',"“”') and (
            np := _NP_AFTER.match(text, m.end())
        ):
            # ", said the ministry": the claimant follows the verb.
            mentions.append((m.start(), np.end(), np.group().strip(), False))
    return [mention for mention in mentions if mention[2]]


_GENERIC_VICTIMS = frozenset({"", "person", "individual", "victim", "body", "corpse", "dead"})


def choose_fatalities(claims: Sequence[FatalityClaim]) -> int:
    """Choose ACLED's fatality figure for one event from its claims; 0 when there are none.

    Claims are grouped by victim head noun ("4 soldiers" and "one soldier" compete; "soldiers" and "its
    fighters" do not). Within a group the lowest figure wins (ACLED: "when there are conflicting
    reports, the most conservative estimate is recorded"); different groups are summed, because
    ACLED counts the dead of both sides of one event. Claims with no victim group, or a generic one
    ("people", "bodies"), are totals: the lowest total competes with the sum of the groups, and the
    larger of the two is kept, since a breakdown by group is part of the total, not a rival to it.
    A suicide bomber is added on top (ACLED counts the bomber; reports' totals usually leave him out
    unless they say "including the bomber", which is then no claim of its own).
    """
    lowest: dict[str, int] = {}
    for claim in claims:
        group = _head(claim.victims or "")
        group = "" if group in _GENERIC_VICTIMS else group
        lowest[group] = min(lowest.get(group, claim.count), claim.count)
    total = lowest.pop("", None)
    bombers = lowest.pop("bomber", 0)
    by_group = sum(lowest.values())
    return bombers + (by_group if total is None else max(total, by_group))


def split_multi_day(total: int, days: int) -> list[int]:
    """Split a multi-day total evenly across days, the remainder going to the first days (ACLED rule).

    '12 over 3 days' -> [4, 4, 4]; 10 over 3 -> [4, 3, 3]; 11 over 3 -> [4, 4, 3].
    """
    if days < 1 or total < 0:
        raise ValueError(f"split_multi_day needs total >= 0 and days >= 1, got total={total}, days={days}")
    base, remainder = divmod(total, days)
    return [base + 1] * remainder + [base] * (days - remainder)
