"""The grammar of a counted victim phrase, shared by the toll readings of `fatalities`: where a phrase of
victims ends, the words it may hold, counts and ranges ("between 10 and 15", "6-8"), groups ("a family of
five"), quoted or vouched counts ("Four reported Boko Haram dead") and coordinated items ("3 soldiers and 2
civilians"). Regular-expression source strings (compiled into the readings' patterns), and the pattern
that reads a range's lower figure."""

from __future__ import annotations

import re

from polemos.stages.fatality_numbers import NUM, QUAL, WORDNUM

__all__ = [
    "BOMBER",
    "CLOSE_QUOTE",
    "GROUP_OF",
    "OPEN_QUOTE",
    "RANGE",
    "RANGE_LOW",
    "SEP",
    "STOP",
    "VICT_GREEDY",
    "VICT_LAZY",
    "VOUCHED",
    "VOUCHING",
    "WORD",
    "item",
    "items",
]


# Words that end a victim phrase: function words, verbs, time words. "of" and determiners are allowed
# so that "one of its fighters" and "members of the security forces" stay whole.
STOP = (
    # "is" and "as" only in lower case: "IS militants" are Islamic State fighters, "AS fighters" al Shabaab's.
    # "over" ends the phrase as a preposition: "killed 30 snipers over several days" counts snipers, not days.
    r"(?:were|was|(?-i:is)|are|be|been|being|have|has|had|and|or|but|in|on|at|by|from|with|after|before|during"
    r"|when|while|that|which|who|whom|whose|(?-i:as|As)|than|to|for|into|since|until|including|among|near|outside"
    r"|over|amid"
    r"|inside|across|along|around|within|throughout|through|under|behind|between|against|without|via|per"
    r"|reportedly|allegedly|also|all|later|earlier|yesterday|today|tonight|overnight|last|this|then"
    r"|ago|monday|tuesday|wednesday|thursday|friday|saturday|sunday|according|said|says|say|killed|killing"
    r"|dead|died|wounded|injured|hurt|slain|murdered|executed|perished|lost|shot|blew|neutrali[sz]ed"
    r"|eliminated|massacred|beheaded|martyred|deaths|fatalities|left|leaving|not|no|saying|claiming|telling"
    r"|reported|confirmed|believed|feared|death|fatality|claims?|claimed|reports?)"
)
WORD = r"['‘]?[A-Za-z][A-Za-z'’-]*"  # "1 'Arbaki' was killed": coders quote local names
# A victim phrase is up to 8 words; an acronym in brackets may follow a name: "fighters of the Libyan
# National Army (LNA)", or a nickname in quotes: '(“Desert Hawks”) Brigade'. Digits never belong to it,
# so "210 Brigade" is a name and not 210 dead.
_BRACKETED = r"\([\"“'‘]?[A-Za-z][A-Za-z.&'’“”\" -]{0,30}\)"
# "10 Hema and Lendu villagers", "4 Taliban and IS fighters": two names joined by "and" qualify one head;
# lower-case words after "and" start another item ("3 soldiers and 2 civilians") or end the phrase.
# An acronym or nationality in brackets may follow the first: "African Union (Uganda) and Somali troops".
_NAME_PAIR = r"(?-i:[A-Z][\w'’-]*(?:\s+\([A-Za-z .'’-]{1,30}\))?\s+and\s+[A-Z][\w'’-]*)"
# "One of the two policemen later died": a count after "of the" belongs to the group the first is one of.
_TOK = (
    rf"(?:{_NAME_PAIR}|(?!(?:{STOP}|{WORDNUM})\b){WORD}|[0-9]+(?:st|nd|rd|th)\b|{_BRACKETED}"
    rf"|(?<=\bof\sthe\s)(?:{WORDNUM}|[0-9]+)\b)"
)
VICT_LAZY = rf"(?:{_NAME_PAIR}|(?!{STOP}\b)(?:{WORD}|[0-9]+(?:st|nd|rd|th)\b))(?:\s+{_TOK}){{0,7}}?"
VICT_GREEDY = rf"(?:{_NAME_PAIR}|(?!{STOP}\b)(?:{WORD}|[0-9]+(?:st|nd|rd|th)\b))(?:\s+{_TOK}){{0,7}}"
BOMBER = r"the\s+(?:suicide\s+)?bomber\b"
# "killed a council member in addition to 3 of his guards": one more group of the same dead.
SEP = (
    r"(?:\s*,(?![0-9])\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s+plus\s+"
    r"|\s+(?:in\s+addition\s+to|along\s+with|together\s+with)\s+)"
)
# "killing 5 civilians, 2 of them children": the second number is a subset, not another group.
_NOT_PARTITIVE = rf"(?!(?:{QUAL}\s+)?{NUM}\s+of\s+(?:them|whom|those|these|which)\b)"
_NOT_WOUNDED = r"(?!\s+(?:were\s+|others\s+)?(?:wounded|injured|hurt)\b)"


# "between 10 and 15", "10-15", "two or three": ACLED keeps the lower figure.
# A hyphen makes a range only between digits: "twenty-one" is 21, "6-8" is 6 to 8.
RANGE = rf"(?:between\s+{NUM}\s+and\s+|(?:between\s+)?[0-9]+\s*[-–]\s*(?=[0-9])|{NUM}\s+(?:to|or)\s+)"
RANGE_LOW = re.compile(rf"(?:between\s+)?({NUM})", re.I)


# "a family of five", "a group of 10 soldiers": the count is the number, not the collective.
GROUP_OF = r"(?:(?:a|an|the)\s+(?:family|group|couple|party|band)\s+of\s+)"
# '"Several" people were killed': reports quote vague figures they do not vouch for; "100+ dead".
CLOSE_QUOTE = r"(?:[\"”’'+](?=\s))?"
OPEN_QUOTE = r"(?:[\"“](?=[a-z]))?"


# "Four reported Boko Haram dead", "two confirmed militants were killed": a participle before the victims
# says who vouches for the count, not who died ("Six reported dead" has no victims: the participle is
# then the verb's, as a victim phrase never opens on "dead" or "killed").
VOUCHED = r"(?:\s+(?:reported|confirmed))?"
# Words that vouch for a count and are no victims when nothing follows them ("7 confirmed deaths").
VOUCHING = frozenset({"known", "confirmed", "reported", "documented", "recorded", "verified"})


def item(victims: str) -> str:
    count = rf"{OPEN_QUOTE}{RANGE}?{NUM}{CLOSE_QUOTE}(?:{VOUCHED}\s+{victims})?"
    return rf"(?<![/:])(?:(?:{QUAL})\s+)?{GROUP_OF}?(?:{count}|{BOMBER})"


def items(victims: str) -> str:
    return rf"{item(victims)}(?:{SEP}{_NOT_PARTITIVE}{item(victims)}{_NOT_WOUNDED}){{0,5}}"
