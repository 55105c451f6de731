"""Find reported death tolls in a sentence and choose an event's fatality figure under ACLED's rules.

Runs on every candidate sentence after extraction and before in-document aggregation: it reads
claims (count, victims, claimant) with plain regular expressions, keeps every one of them, and
`choose_fatalities` reduces them to the single figure ACLED records.

The stage's parts: counts and ACLED's vague words (`fatality_numbers`), the verbs of killing
(`fatality_verbs`), single victims written without a number (`fatality_singles`), claimants
(`fatality_claimants`), coders' bookkeeping and parties' own claims (`fatality_sources`), multi-day,
several-place and running totals (`fatality_periods`), casualties and deaths told without a number
(`fatality_casualties`), deaths by burning (`fatality_burning`), suicide bombers' own deaths
(`fatality_bombers`), lives taken (`fatality_lives`), uncounted plural victims
(`fatality_plurals`), raised tolls (`fatality_revisions`), the grammar of a counted victim phrase
(`fatality_phrases`) and the asides between it and its verb (`fatality_asides`),
deaths told as a cause, a mourned death or an intent (`fatality_frames`), the choice
of one figure (`fatality_choice`);
word lists live in `knowledge/data/fatalities.yaml` (`fatality_words`). The dead of one incident that the
report tells as several events are counted once, by the highest-ranked of them (aggregate stage).
"""

from __future__ import annotations

import re
from dataclasses import replace

from polemos.model import FatalityClaim
from polemos.stages.fatality_asides import APPOSITION, NAMED_PP, RELATIVE, RELATIVE_NOT_ASIDE
from polemos.stages.fatality_bombers import implied_bombers
from polemos.stages.fatality_burning import burning_claims
from polemos.stages.fatality_casualties import uncounted_deaths, unknown_casualties
from polemos.stages.fatality_choice import (
    ADDITIONAL,
    BACKGROUND,
    SPARKED,
    choose_fatalities,
    head_noun,
    is_additional,
    is_later_death,
)
from polemos.stages.fatality_claimants import REPORT, claimant_mentions, claimant_of
from polemos.stages.fatality_frames import CAUSE, INTENT, MOURNED
from polemos.stages.fatality_lives import lives_claims
from polemos.stages.fatality_numbers import FIRST_WORDS, MIN_QUALS, NUM, QUAL, parse_number
from polemos.stages.fatality_periods import adjust_for_period, split_multi_day
from polemos.stages.fatality_phrases import (
    BOMBER,
    CLOSE_QUOTE,
    GROUP_OF,
    OPEN_QUOTE,
    RANGE,
    RANGE_LOW,
    SEP,
    VICT_GREEDY,
    VICT_LAZY,
    VOUCHED,
    VOUCHING,
    WORD,
    item,
    items,
)
from polemos.stages.fatality_plurals import bare_plural_claims
from polemos.stages.fatality_revisions import raised_tolls
from polemos.stages.fatality_singles import is_person_head, one_more, single_claims
from polemos.stages.fatality_sources import mask_coder_notes
from polemos.stages.fatality_verbs import ACTIVE_KILL, KILLED, may_tell_deaths
from polemos.stages.fatality_words import fatality_words

__all__ = ["choose_fatalities", "find_fatality_claims", "parse_number", "split_multi_day"]

_NUM, _QUAL = NUM, QUAL
_IS_MIN = re.compile(rf"^(?:{MIN_QUALS})$", re.I)
# An act before the killing that `_AUX` lets through ("were abducted and killed"): no auxiliary by itself.
_FIRST_ACT = re.compile(r"\b[a-z]+ed\s+and\s+|\s+", re.I)


# Transitive forms: with no auxiliary ("5 soldiers killed in ...") they read as passive only when no
# object follows; "Two gunmen killed a policeman" is active and must not yield 2.
_TRANSITIVE = KILLED
_TRANSITIVE_RE = re.compile(_TRANSITIVE, re.I)
_INTRANSITIVE = (
    r"dead|died|have\s+died|perished|lost\s+their\s+lives|blew\s+(?:himself|herself|themselves)\s+up"
    r"|deaths|fatalities|death|fatality"
)
_AUX = (
    r"(?:(?:were|was|are|is|have|has|had|been|being|be|got|all|also|reportedly|allegedly|later|subsequently"
    r"|confirmed|reported|believed|feared|thought|to|found|left|summarily|brutally|said|claimed|alleged"
    r"|understood|known"
    # "one person has been reported as killed"
    r"|as"
    # "were mistakenly killed", "are tragically killed": an adverb of manner between auxiliary and verb.
    r"|(?-i:[a-z]{3,}ly)"
    # "2 men were abducted and later killed": the deaths follow a first act.
    r"|(?:abducted|kidnapped|captured|seized|detained|tortured|arrested|assaulted|attacked|beaten)\s+and)"
    r"\s+){0,5}"
)
# "one gendarme killed, two wounded": a count that was wounded is the next item, not the verb's object.
_OBJECT = (
    rf"(?=\s+(?:(?:{_QUAL})\s+)?(?:{_NUM}|the|his|her|their|its|them|him|it|us|me|themselves|himself|herself)\b"
    r"(?!\s+(?:others\s+|were\s+)?(?:wounded|injured|hurt)\b))"
)
# "killed and wounded 7" and "killed or injured" are casualties, not deaths: ACLED codes them 0.
_NOT_CASUALTIES = r"(?!\s+(?:and|or|and/or|&)\s+(?:wounded|injured|hurt|wounding|injuring)\b)"

# "After the death of two fighters, 2 villagers were executed": a count after a death told as a noun is
# that noun's, not the first of the verb's list.
_AFTER_NOMINAL = re.compile(
    r"\b(?:deaths?|killings?|murders?|assassinations?|executions?|beheadings?)\s+of\s+(?:the\s+)?$", re.I
)
# "sentenced the two men to death", "were condemned to death": a court's sentence, which no one has died of.
_SENTENCED = re.compile(r"\b(?:sentenc|condemn)(?:e|es|ed|ing)\b(?:\s+[\w'’-]+){0,8}?\s+to\s+$", re.I)
# A victim list opens on a count, a quote, "between" or "the" (a group of, the bomber): a cheap lookahead
# that spares the full pattern's tries at every other word of the sentence.
_MAY_COUNT = (
    r"(?=[0-9\"“]|(?:" + "|".join(sorted({*FIRST_WORDS, "the", "between"}, key=len, reverse=True)) + r")\b)"
)
_PASSIVE = re.compile(
    rf"\b{_MAY_COUNT}(?P<list>{items(VICT_LAZY)})"
    # "3 policemen (5 according to the group) were killed": a bracketed aside is another source's figure.
    r"(?P<aside>\s*\([^()]{1,80}\))?"
    r"(?:(?P<incl>\s*,?\s*\(?\s*(?:including|among\s+them|among\s+whom)\b[^.;()]{0,80}?\)?,?)"
    # "50 soldiers, including three officers, and 23 fighters were killed": the list goes on after it.
    rf"(?:(?<=,)\s*and\s+(?P<more>{items(VICT_LAZY)}))?)?"
    rf"(?P<pp>{NAMED_PP})?(?P<appos>{APPOSITION})?(?P<rel>{RELATIVE})?"
    rf"\s+(?P<aux>{_AUX})(?P<trig>{_TRANSITIVE}|{_INTRANSITIVE})\b{_NOT_CASUALTIES}(?P<obj>{_OBJECT})?",
    re.I,
)
# The passive pattern ends in whitespace (or an auxiliary) and a death word: a sentence with no such word
# after a space cannot match it, and its many possible starts make it the costliest pattern to try.
_PASSIVE_NEEDS = re.compile(rf"\s(?:{_TRANSITIVE}|{_INTRANSITIVE})\b", re.I)
_ACTIVE = re.compile(
    rf"\b(?P<trig>{ACTIVE_KILL})"
    rf"{_NOT_CASUALTIES}\s+(?:(?:all|the)\s+)?(?P<list>{items(VICT_GREEDY)})",
    re.I,
)
_LEFT_DEAD = re.compile(
    rf"\b(?P<trig>left|leaving|leaves|leave)\s+(?P<list>{item(VICT_LAZY)})\s+dead\b", re.I
)
_TOLL = re.compile(
    # "rose from 5 to 10" -> 10: the figure must follow a word of arrival ("to", "reached"), not "from".
    # "the total number of fatalities from the clash was 47" is a toll in other words.
    # "Witnesses put the fatalities at around 40": a source's estimate of the toll.
    r"\b(?P<trig>(?:death\s+)?toll|(?:total\s+)?number\s+of\s+(?:fatalities|deaths|dead)"
    r"|put(?:s|ting)?\s+the\s+(?:fatalities|deaths|dead))\b(?:\s+[\w'’-]+){0,6}?\s+(?:to|at|of|reached|hit|hits|reaches|is|was"
    rf"|stands|stood|passed|exceeded|topped|surpassed)\s+(?P<list>(?:(?:{_QUAL})\s+)?{_NUM})",
    re.I,
)
_BODIES = re.compile(
    rf"\b(?P<list>(?:(?:{_QUAL})\s+)?{_NUM}(?:\s+{WORD}){{0,2}}?\s+(?:bodies|corpses))\b"
    rf"|\b(?P<trig>bodies|body|corpses|remains|graves)\s+of\s+(?P<list2>{item(VICT_GREEDY)})",
    re.I,
)
_BODY_WORDS = ("bod", "corpse", "remains", "grave")  # every form _BODIES can match holds one
# "the killing of 5 protesters", "led to the death of one of the miners": the deaths as a noun.
_NOMINAL = re.compile(
    # "the shooting dead of four": a killing told by its manner ("the stabbing to death of" is "death of").
    r"\b(?P<trig>(?:assassination|killing|murder|execution|beheading|lynching|deaths?|shooting\s+dead)\s+of)\s+"
    # Greedy: "the deaths of two male ambulance drivers" holds its whole victim phrase, which no verb ends.
    rf"(?P<list>{items(VICT_GREEDY)})",
    re.I,
)
# "Rebels lost three men": a side's own dead. Only people count; "lost 3 vehicles" is no death.
_LOST = re.compile(rf"\b(?P<trig>los(?:e|es|t|ing))\s+(?:(?:all|the)\s+)?(?P<list>{item(VICT_GREEDY)})", re.I)
_PATTERNS = (
    ("passive", _PASSIVE),
    ("active", _ACTIVE),
    ("left-dead", _LEFT_DEAD),
    ("toll", _TOLL),
    ("lost", _LOST),
    ("nominal", _NOMINAL),
)

_ITEM = re.compile(
    # "from 27/02 to 07/03 Cameroonian forces": a date's digits are no count.
    rf"(?<![/:])(?:(?P<qual>{_QUAL})\s+)?"
    rf"{GROUP_OF}?(?:{OPEN_QUOTE}(?P<range>{RANGE})?(?P<num>{_NUM}){CLOSE_QUOTE}(?:{VOUCHED}\s+(?P<victims>{VICT_GREEDY}))?"
    rf"|(?P<bomber>{BOMBER}))",
    re.I,
)
_SPLIT = re.compile(SEP, re.I)
_NEGATED = re.compile(r"\b(?:no|not)[\s-]*$", re.I)
# Units of time, distance and share: after a count they measure an age, a place or a part, never people.
_UNIT = re.compile(
    r"^(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilomet\w*|miles?|met\w*|percent|per|cent)$"
)
_YEAR = re.compile(r"^(?:1[89]|20)[0-9]{2}$")
# "killing four officers, a provincial spokesman said": the last item is the claimant, not a victim.
_CLAIMANT_NEXT = re.compile(
    rf"\s*(?:has\s+|had\s+|have\s+)?{REPORT.pattern}"
    # "13 others reported killed" is a passive, not a claimant.
    r"(?!\s+(?:to\s+have\s+|as\s+)?(?:been\s+)?(?:killed|dead|died|slain|murdered|executed|wounded|injured))",
    re.I,
)


# The claims of sentences read lately, by text (offsets from the sentence's start): a reading depends on
# the sentence's text alone, and wire copy and stock phrases repeat sentences word for word.
_RECENT: dict[str, tuple[FatalityClaim, ...]] = {}
_RECENT_LIMIT = 4096


def find_fatality_claims(text: str, *, offset: int = 0) -> list[FatalityClaim]:
    """Find every death count reported in `text` (one sentence), with its victims and claimant.

    Wounded, injured and "casualties" never count; "killed and wounded 7" is casualties (ACLED: 0).
    A subset introduced by "including" is not a claim of its own: "12 militants including 2 commanders"
    is 12. "No one was killed" and "casualties unknown" give no claim (ACLED records that as 0 anyway).
    """
    if not may_tell_deaths(text):
        return []
    found = _RECENT.get(text)
    if found is None:
        if len(_RECENT) >= _RECENT_LIMIT:
            _RECENT.clear()
        found = _RECENT[text] = tuple(_read_claims(text))
    if not offset:
        return list(found)
    return [replace(c, start=c.start + offset, end=c.end + offset) for c in found]


def _read_claims(text: str) -> list[FatalityClaim]:
    text = mask_coder_notes(text)  # blank, same length: offsets and claim texts stay the original's
    # A raised toll first: the toll pattern would read "the death toll rose to 16" as a rival figure.
    found: list[tuple[tuple[int, int], list[FatalityClaim]]] = [
        ((c.start, c.end), [c]) for c in raised_tolls(text)
    ]
    # The bodies pattern opens on any number; the words it needs are rare, so look for them first.
    lower = text.lower()
    bodies = (("bodies", _BODIES),) if any(w in lower for w in _BODY_WORDS) else ()
    for name, pattern in (*_PATTERNS, *bodies):
        if name == "passive" and not _PASSIVE_NEEDS.search(text):
            continue
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            cause = CAUSE.search(text, 0, m.start()) if name == "nominal" else None
            items = None if cause and not cause.group("sparked") else _claims_in_match(text, m, name)
            if items is None or any(m.start() < b and a < m.end() for (a, b), _ in found):
                pos = m.start() + 1
                continue
            if cause:
                items = [replace(c, rule=c.rule + SPARKED) for c in items]
            found.append((m.span(), items))
            pos = m.end()
    readings = (
        single_claims, burning_claims, bare_plural_claims, unknown_casualties, uncounted_deaths,
        implied_bombers, lives_claims,
    )  # fmt: skip
    for claim in (c for read in readings for c in read(text)):
        if claim.rule.startswith("single-nominal") and (cause := CAUSE.search(text, 0, claim.start)):
            if not cause.group("sparked"):
                continue  # "a protest over the killing of the chief": as for counted nominals above
            claim = replace(claim, rule=claim.rule + SPARKED)
        if not any(claim.start < b and a < claim.end for (a, b), _ in found):
            found.append(((claim.start, claim.end), [claim]))
    mentions = claimant_mentions(text)
    claims = []
    for (m_start, m_end), items in found:
        # Coordinated claims share their report's claimant: "The LNA said 3 soldiers and 2 civilians ...".
        # A source named inside the claim's own span ("3 policemen (5 according to X)") is an aside's.
        outside = [c for c in mentions if not m_start <= c[0] < m_end]
        claimant = claimant_of(outside, m_start, m_end)
        for claim in items:
            if INTENT.search(text, max(0, claim.start - 40), claim.start):
                continue  # "attempted to assassinate a police officer": no one died of an intent
            if is_additional(text[: claim.start], claim.victims) or is_later_death(text[claim.start :]):
                claim = replace(claim, rule=claim.rule + ADDITIONAL)
            if MOURNED.search(text, 0, claim.start):
                claim = replace(claim, rule=claim.rule + BACKGROUND)
            claim = adjust_for_period(claim, text)
            claims.append(replace(claim, claimant=claimant))
    return sorted(claims, key=lambda c: (c.start, c.end))


def _claims_in_match(text: str, m: re.Match[str], name: str) -> list[FatalityClaim] | None:
    """Split one match into its coordinated claims; None when the match is not a death report."""
    is_bodies_of = name == "bodies" and m.group("list2") is not None
    list_start, list_end = m.span("list2" if is_bodies_of else "list")
    trig = re.sub(r"\s+", " ", (m.group("trig") or "bodies").lower())
    # "A bomb killed 5", "a mob attacked and lynched four thieves": the counted noun is the subject.
    subject = name == "passive" and not _FIRST_ACT.sub("", m.group("aux")) and m.group("obj") is not None
    if subject and _TRANSITIVE_RE.match(trig):
        return None
    if name == "passive" and m.group("rel") and RELATIVE_NOT_ASIDE.search(m.group("rel")):
        return None
    if name == "passive" and _AFTER_NOMINAL.search(text, 0, m.start()):
        return None
    if (
        name == "passive"
        and trig == "death"
        and _SENTENCED.search(text, max(0, m.start() - 80), m.start("trig"))
    ):
        return None  # "a court sentenced 12 rebels to death": a sentence, no death
    # Each item of "2 Taliban and 3 soldiers" is its own claim: ACLED sums both sides of one event.
    out: list[FatalityClaim] = []
    spans = [(list_start, list_end)]
    if name == "passive" and m.group("more"):
        spans.append(m.span("more"))
    for span in spans:
        if (part := _items_in(text, m, name, trig, span, out)) is None:
            return None
        out = part
    if out and name in ("active", "nominal") and (extra := one_more(text, out[-1].end)) is not None:
        # "killed a man and his wife": a last victim named without a number is one more death.
        victims, end = extra
        out.append(
            FatalityClaim(1, text[m.start() : end], m.start(), end, None, victims, False, f"{name}:{trig}")
        )
    return out or None


def _items_in(
    text: str, m: re.Match[str], name: str, trig: str, span: tuple[int, int], out: list[FatalityClaim]
) -> list[FatalityClaim] | None:
    """`out` and the claims of the coordinated list at `span`; None when the match is not a report."""
    list_start, list_end = span
    is_bodies_of = name == "bodies" and m.group("list2") is not None
    out = list(out)
    cursor = list_start
    while (item := _ITEM.match(text, cursor, list_end)) is not None:
        if _NEGATED.search(text, 0, item.start()):
            return None  # "no one was killed"
        if out and _CLAIMANT_NEXT.match(text, item.end()):
            break
        victims = item.group("victims")
        if victims and victims.lower() in VOUCHING:
            victims = None  # "four known deaths": the word vouches for the count, it names no one
        if item.group("bomber"):
            count, victims = 1, "bomber"  # ACLED: "the bomber is counted in fatalities"
        else:
            low = RANGE_LOW.match(item.group("range") or "")
            num = low.group(1) if low else item.group("num")
            parsed = parse_number(num)
            if parsed is None or (num.lower() in ("a", "an") and not victims):
                return None  # "a dead end": "a" is a number only before a person
            if _YEAR.match(num) and not victims:
                return None  # "in 2011"
            if name == "bodies" and not is_bodies_of:
                victims = "bodies"
            if victims and re.fullmatch(r"of\s+the", victims, re.I):
                return None  # "two of the dead were locals": a part of a toll told elsewhere
            if victims:
                victims = re.sub(r"^of\s+", "", victims, flags=re.I)
                first = victims.split()[0].lower()
                non_victims = fatality_words().non_victims
                head = head_noun(victims)
                # "Four mine clearance experts": a first word that names no person may modify a head that
                # does, but a unit never does: "a 60 year old man" is one man, not 60.
                modifier = is_person_head(head) and not _UNIT.match(first)
                if head in non_victims or (first in non_victims and not modifier):
                    # "killed two days ago", "15 kilometres"; "shot dead two herders and 70 of their
                    # camels": a later item that is no person ends the list.
                    if out:
                        break
                    return None
            if name == "lost" and not (victims and is_person_head(head_noun(victims))):
                return None
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
    return out
