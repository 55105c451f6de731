"""Context marks of a sentence (extract stage): words that are not English but stand, in the sentence's
context words, for what its parse tells ("crowd-blockade": a crowd blocked a road; "unopposed": a take-over
met no resistance), so that the lexicon's `context:` conditions can name them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polemos.knowledge.lexicon import Lexicon
from polemos.stages.crowd_force import (
    BREAKING_WORDS,
    CROWD_ARSON_MARK,
    FIRING_WORDS,
    FORCE_ON_CROWD_MARK,
    SETTING_WORDS,
    STORMING_WORDS,
    breaks_up_crowd,
    crowd_sets_fire,
    fires_on_crowd,
    storms,
)
from polemos.stages.crowd_property import ATTACK_WORDS, CROWD_PROPERTY_MARK, attacks_property
from polemos.stages.escalation import (
    BLOCKADE_MARK,
    ROAD_VERBS,
    SHUTDOWN_MARK,
    SHUTTING_VERBS,
    blocks_road,
    shuts_down,
)
from polemos.stages.token_view import ParsedSentence
from polemos.stages.trigger_bombers import STOPPED_MARK, STOPPING_VERBS, shot_from_forces, stops_bomber
from polemos.stages.trigger_objects import GUNFIRE_MARK, opens_fire
from polemos.stages.victims import ARMED_WORDS

# Words that deny a fight when they qualify one ("met no resistance", "no violence").
_NO_FIGHT_MODIFIERS = frozenset({"no", "little", "minimal", "any", "without", "negligible"})
# What a take-over "without" or with "no" ... had none of: then it was not a fight.
_FIGHT_NOUNS = frozenset(
    {"resistance", "violence", "fight", "fighting", "clash", "bloodshed", "confrontation"}
)


# The context word for a crowd forcing its way in (lexicon: protest_violence); not a word of English.
FORCED_ENTRY_MARK = "forced-entry"
# Words that may tell a forced entry: "forced their way into", "forcibly entered".
_ENTRY_WORDS = frozenset({"force", "forcibly"})


def _forces_entry(tok: Any) -> bool:
    """ "forced their way into the office", "forcibly entered the court": entry by force, by anyone but the
    police or the army (who force their way in to make arrests, not in a demonstration)."""
    if tok.lower_ == "forcibly":
        verb = tok.head
        if verb.lemma_.lower() not in ("enter", "occupy", "break"):
            return False
    elif any(c.dep_ == "dobj" and c.lower_ == "way" for c in tok.children):
        verb = tok
    else:
        return False
    return not any(c.dep_ == "nsubj" and c.lemma_.lower() in ARMED_WORDS for c in verb.children)


def _after_off(lowers: Sequence[str], i: int) -> bool:
    """ "off duty", "off-duty" split by the tokenizer ("off - duty")."""
    return (i > 0 and lowers[i - 1] == "off") or (i > 1 and lowers[i - 1] == "-" and lowers[i - 2] == "off")


def _unopposed(tok: Any) -> bool:
    """ "no resistance", "without violence", "without a fight": a take-over with no fight."""
    if tok.lemma_.lower() not in _FIGHT_NOUNS:
        return False
    if any(c.lower_ in _NO_FIGHT_MODIFIERS for c in tok.children if c.dep_ in ("det", "amod", "advmod")):
        return True
    return bool(tok.dep_ == "pobj" and tok.head.lower_ == "without")


def context_marks(tokens: ParsedSentence, lexicon: Lexicon) -> set[str]:
    """The marks the sentence's parse gives it, as context words."""
    lemmas: set[str] = set()
    if any(_unopposed(t) for t, w in zip(tokens.tokens, tokens.lemmas, strict=True) if w in _FIGHT_NOUNS):
        lemmas.add("unopposed")  # "took the town without resistance"; "stiff resistance" is a fight
    if any(w == "duty" and _after_off(tokens.lowers, i) for i, w in enumerate(tokens.lowers)):
        lemmas.add("off-duty")  # "killed while he was off duty": a civilian victim (lexicon: off_duty)
    if any(
        blocks_road(t, lexicon) for t, w in zip(tokens.tokens, tokens.lemmas, strict=True) if w in ROAD_VERBS
    ):
        lemmas.add(BLOCKADE_MARK)  # a crowd's blockade makes a protest a riot (lexicon: protest_violence)
    if any(
        shuts_down(t, lexicon)
        for t, w in zip(tokens.tokens, tokens.lemmas, strict=True)
        if w in SHUTTING_VERBS
    ):
        lemmas.add(SHUTDOWN_MARK)  # "parents shut down the school": a protest (lexicon: shutdown)
    if any(opens_fire(t) for t, w in zip(tokens.tokens, tokens.lemmas, strict=True) if w == "open"):
        lemmas.add(GUNFIRE_MARK)  # "detonated an IED and opened fire": a gunfight (lexicon: gun_battle)
    if any(_forces_entry(t) for t, w in zip(tokens.tokens, tokens.lemmas, strict=True) if w in _ENTRY_WORDS):
        lemmas.add(FORCED_ENTRY_MARK)  # "protesters forced their way in": a riot (lexicon: protest_violence)
    if any(
        (w in STOPPING_VERBS and t.pos_ == "VERB" and stops_bomber(t)) or shot_from_forces(t)
        for t, w in zip(tokens.tokens, tokens.lemmas, strict=True)
    ):
        lemmas.add(STOPPED_MARK)  # "the bomber was shot by soldiers": a fight (lexicon: bomber_stopped)
    pairs = list(zip(tokens.tokens, tokens.lemmas, strict=True))
    if any(
        (w in FIRING_WORDS and fires_on_crowd(t, lexicon))
        or (w in BREAKING_WORDS and breaks_up_crowd(t, lexicon))
        for t, w in pairs
    ):
        lemmas.add(FORCE_ON_CROWD_MARK)  # "opened fire on protesters": force used on a crowd
    # "protesters stormed the ministry": a riot; "forces stormed the protest camp": force on a crowd
    lemmas.update(m for t, w in pairs if w in STORMING_WORDS and (m := storms(t)) is not None)
    if any(w in SETTING_WORDS and crowd_sets_fire(t, lexicon) for t, w in pairs):
        lemmas.add(CROWD_ARSON_MARK)  # "demonstrators set the station on fire": a riot
    if any(w in ATTACK_WORDS and attacks_property(t, lexicon) for t, w in pairs):
        lemmas.add(CROWD_PROPERTY_MARK)  # "the offices were attacked during a demonstration": a riot
    return lemmas
