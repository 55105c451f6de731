"""Counts as reports write them: digits, words ("twenty-one"), scales ("two dozen") and ACLED's vague terms.

`NUM` is the regular expression the fatalities stage builds its patterns from; `parse_number` reads what
it matched.
"""

from __future__ import annotations

import re

from polemos.stages.fatality_words import fatality_words

__all__ = ["FIRST_WORDS", "MIN_QUALS", "NUM", "QUAL", "WORDNUM", "parse_number"]

_UNITS = tuple(
    str.split(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen"
    )
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000}
_MAX_DIGITS = 9  # no report counts a billion dead; also keeps int() clear of its 4300-digit limit

_W = "|".join(sorted(_TENS, key=len, reverse=True))
_U = "|".join(sorted(_UNITS, key=len, reverse=True))
WORDNUM = rf"(?:(?:{_W})(?:[- ](?:{_U}))?|{_U})"
_WORDNUM = WORDNUM
# Order matters: longer forms first so "two dozen" is not read as "two" with victims "dozen".
NUM = (
    rf"(?:(?:(?:a|an|{_WORDNUM}|[0-9]+)\s+)?(?:dozen|hundred|thousand)(?:\s+(?:and\s+)?{_WORDNUM})?"
    rf"|[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+|{_WORDNUM}"
    # "an unknown number of militants": a number the report cannot give is ACLED's vague "a number".
    # 'A "number" of soldiers': reports quote the vague word they do not vouch for.
    r"|an?\s+[\"“]?(?:(?:unknown|unspecified|undetermined|undisclosed|unconfirmed|uncertain)\s+)?number"
    # "killed a lot of people": as vague as "many".
    r"|a\s+(?:few|handful|couple|lot)|lots|dozens|tens(?!\s+of\s+(?:thousands|hundreds))|scores|hundreds|thousands"
    r"|several|many|few|numerous|some(?=\s+of\s)|an?)\b"
)
MIN_QUALS = (
    r"at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of"
)
QUAL = (
    rf"(?:{MIN_QUALS}|some|about|around|approximately|nearly|almost|roughly|up\s+to|as\s+many\s+as"
    r"|an\s+estimated|a\s+total\s+of|at\s+most|fewer\s+than|less\s+than)"
)

# Every word a count written as `QUAL`/`NUM` can open with, other than digits (keep in step with both
# when adding a form): the fatality patterns test it first, as a cheap guard on where a count can start.
FIRST_WORDS = frozenset(
    (*_UNITS, *_TENS, *_SCALES, "a", "an", "dozens", "tens", "scores", "hundreds", "thousands", "several",
     "many", "few", "numerous", "some", "lots", "at", "more", "over", "upwards", "in", "no", "about",
     "around", "approximately", "nearly", "almost", "roughly", "up", "as", "fewer", "less")
)  # fmt: skip


def parse_number(text: str) -> int | None:
    """Read a count written in digits, words or ACLED's vague terms; None when `text` is not a number.

    '12' -> 12, 'twelve' -> 12, 'twenty-five' -> 25, '1,000' -> 1000, 'a dozen' -> 12, 'two dozen' -> 24,
    'two hundred and five' -> 205, 'a'/'an'/'one' -> 1. Vague terms follow the ACLED codebook and
    ACLED's coding (see fatalities.yaml): 'dozens' -> 12, 'hundreds' -> 100, 'several'/'many' -> 10,
    'few'/'a few' -> 3, 'scores' -> 20 (a score is twenty), 'thousands' -> 1000, 'a couple' -> 2.
    """
    text = re.sub(
        r"^an?\s+(?:unknown|unspecified|undetermined|undisclosed|unconfirmed|uncertain)\s+",
        "a ",
        re.sub(r"[\"“”]", "", text).strip(),  # 'a "number"'
        flags=re.I,
    )
    words = re.sub(r"[\s-]+", " ", text.lower()).split(" ")
    phrase = " ".join(words)
    vague = fatality_words().vague_counts
    if phrase in vague:
        return vague[phrase]
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
