"""The verbs of killing, shared by the counted (`fatalities`) and the single-victim (`fatality_singles`)
readings, so that a verb learnt by one is known to the other.

Both are regular-expression alternations without groups, to be wrapped in a named group by the caller.
"neutralised"/"eliminated" are military jargon for killed (e.g. GNA and LNA communiqués); ACLED codes
reported deaths as reported, so they count. "shot" alone may mean wounded and does not; "summarily shot"
(shot without trial) is an execution and does.
"""

from __future__ import annotations

__all__ = ["ACTIVE_KILL", "DEATH_STEMS", "KILLED", "may_tell_deaths"]

# Past participles: "5 soldiers were killed", "a colonel was gunned down".
KILLED = (
    r"killed|shot\s+dead|shot\s+and\s+killed|(?:(?:stabbed|beaten|burned|burnt|hacked|stoned|shot|clubbed|tortured),?\s+"
    # "were shot, hacked or burned to death": the manners listed share one "to death".
    # "was tortured to death", "were strangled to death": any manner that ends in death is a killing.
    r"(?:(?:and|or)\s+)?){0,3}(?:stabbed|beaten|burned|burnt|hacked|stoned|shot|clubbed|tortured|strangled"
    r"|bludgeoned|kicked|whipped|starved|macheted)\s+to\s+death|put\s+to\s+death|slain"
    r"|murdered|executed|assassinated|massacred|slaughtered|beheaded|martyred|neutrali[sz]ed|eliminated"
    # "was gunned-down": notes hyphenate the phrasal verb.
    r"|gunned[\s-]+down|lynched|decapitated|summarily\s+shot|shot\s+summarily"
)

# Finite and -ing forms taking the dead as object: "killing 5 civilians", "gunmen killed a policeman",
# "the blast claimed the lives of two".
ACTIVE_KILL = (
    r"kill(?:s|ed|ing)?|shot\s+dead|shooting\s+dead|shot\s+and\s+killed|murder(?:s|ed|ing)?"
    r"|execut(?:e|es|ed|ing)|massacr(?:e|es|ed|ing)|slaughter(?:s|ed|ing)?|behead(?:s|ed|ing)?"
    r"|neutrali[sz](?:e|es|ed|ing)|assassinat(?:e|es|ed|ing)|decapitat(?:e|es|ed|ing)|lynch(?:es|ed|ing)?"
    r"|gun(?:s|ned|ning)?[\s-]+down|stab(?:s|bed|bing)?\s+to\s+death|eliminat(?:e|es|ed|ing)"
    # "residents stoned to death a woman": the manner may stand before the object as after it.
    r"|(?:beat(?:s|en|ing)?|ston(?:e|es|ed|ing)|hack(?:s|ed|ing)?|burn(?:s|t|ed|ing)?|club(?:s|bed|bing)?"
    r"|tortur(?:e|es|ed|ing)|strangl(?:e|es|ed|ing)|put(?:s|ting)?)\s+to\s+death"
    r"|(?:claim|tak|took|cost)(?:s|ed|ing|e)?\s+the\s+lives\s+of|summarily\s+sho(?:t|ots|oting)"
)

# Lower-cased stems one of which every death report holds, whichever reading finds it: the verbs above,
# the intransitive and nominal words (dead, died, deaths, fatalities, perished, lives, succumbed), tolls
# ("death toll", "number of"), bodies, a side's losses ("lost three men"), burning ("set ablaze") and
# suicide bombers.
DEATH_STEMS = (
    "kill", "dead", "die", "death", "fatalit", "perish", "lives", "succumb", "slain", "murder", "execut",
    "assassin", "massacr", "slaughter", "behead", "martyr", "neutrali", "eliminat", "gun", "lynch",
    "decapit", "blew", "toll", "number", "bod", "corpse", "remains", "grave", "los", "shot", "shoot",
    "burn", "ablaze", "alight", "on fire", "set fire",
    # casualties of a stressed scale ("heavy casualties", often misspelt "causalities"; `fatality_casualties`)
    "casualt", "causalit",
    # a suicide bomber is his attack's dead (`fatality_bombers`)
    "suicide bomber", "the bomber",
)  # fmt: skip


def may_tell_deaths(text: str) -> bool:
    """Could the text report a death? False only when it holds none of the death stems: a test far
    cheaper than the readings' regular expressions, which most sentences of a long report never need."""
    lower = text.lower()
    return any(stem in lower for stem in DEATH_STEMS)
