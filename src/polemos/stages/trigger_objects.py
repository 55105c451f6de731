"""What a trigger acts on (extract stage): the anchor token of a trigger phrase, its objects, whether what
it takes is ground, and whether forces fought on the ground.
"""

from __future__ import annotations

from typing import Any

from polemos.knowledge.lexicon import Lexicon
from polemos.stages.token_view import view

# Prepositions whose object is what a trigger acts on ("as": "taken as hostages" takes captives).
ATTACHED_PREPS = frozenset({"of", "on", "against", "around", "in", "into", "at", "from", "over", "as"})
# What "ground" qualifies when forces fought on the ground: "ground forces", "ground and air strikes".
GROUND_FIGHT_HEADS = frozenset(
    {"force", "troop", "strike", "airstrike", "operation", "intervention", "assault", "offensive", "raid",
     "attack", "soldier", "unit", "incursion", "excursion", "fighting", "combat", "battle"}
)  # fmt: skip


def _held_under(holder: Any) -> list[Any]:
    """What is "under the control of" someone: the subject of "is" ("the port is now under the control of
    the rebels"), or the names a headline hangs it from ("Kusa and Dimbo under control of the brigade")."""
    if holder.pos_ in ("AUX", "VERB"):
        return [c for c in holder.children if c.dep_ == "nsubj"]
    return [holder] if holder.pos_ in ("PROPN", "NOUN") else []


def _shared_passive_subject(verb: Any) -> list[Any]:
    """The subject a coordinated passive verb shares with the verbs before it: "were doused in petrol and
    set alight", "a soldier found on the border was shot and killed" (the subject of "found" is the one
    shot, since "was shot" is passive and has none of its own)."""
    passive = False
    node = verb
    for _ in range(3):
        passive = passive or any(c.dep_ == "auxpass" for c in node.children)
        subjects = [c for c in node.head.children if c.dep_ == "nsubjpass"]
        if subjects:
            return subjects
        if passive and node.head.i != node.i:
            found = [c for c in node.head.children if c.dep_ == "nsubj"]
            if found:
                return found
        if node.head.dep_ != "conj" or node.head.i == node.i:
            break
        node = node.head
    return []


def phrase_anchor(doc: Any, start: int, end: int) -> Any:
    """The token of span [start, end) whose head lies outside it."""
    for tok in doc[start:end]:
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok
    return doc[end - 1]


# Nouns that make a preposition of several words with "of" ("in front of", "on behalf of", "in the middle
# of"): they name where or for whom, and are nothing the trigger acts on.
PREPOSITION_NOUNS = frozenset(
    {"front", "behalf", "spite", "view", "case", "lieu", "middle", "midst", "wake", "course", "top"}
)


def _preposition_noun(token: Any) -> bool:
    """ "shot him in front of his wife": "front" is part of a preposition, not an armed front."""
    return token.lower_ in PREPOSITION_NOUNS and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    )


# Verbs whose object is whom they harm: a place, a time or an occasion told with "in", "at", "on" is where
# and when, never who ("killed two employees in a suspected extremist attack", "killed at a checkpoint").
# (Not "shoot" or "fire": "shot at the police" names whom they shot at.)
_VICTIM_VERBS = frozenset(
    {"kill", "murder", "wound", "injure", "behead", "execute", "abduct", "kidnap", "slay", "assassinate",
     "stab", "lynch", "rape", "torture", "hack"}
)  # fmt: skip
_SETTING_PREPS = frozenset({"in", "at", "on", "around", "into"})


def object_tokens(anchor: Any, *, with_setting: bool = False) -> list[Any]:
    """What the trigger acts on: the verb's object, or the noun it is 'of' ("liberation of the capital").
    `with_setting` keeps where a harm verb tells it happened ("killed in Kusa"), for choosing the place."""
    node = anchor.head if anchor.dep_ == "prt" else anchor
    objs = [c for c in node.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    harms = node.pos_ == "VERB" and node.lemma_.lower() in _VICTIM_VERBS
    setting = _SETTING_PREPS if harms and not with_setting else frozenset()
    for c in node.children:
        # "from": what a force is driven out of ("dislodged the militants from the town"); "over": a count
        # ("arrested over 200").
        if c.dep_ == "prep" and c.lower_ in ATTACHED_PREPS and c.lower_ not in setting:
            objs.extend(p for p in c.children if p.dep_ == "pobj" and not _preposition_noun(p))
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("out", "off"):
            # "pushed the militants out of the town": the place is the object of "out of"
            objs.extend(p for g in c.children if g.dep_ == "prep" for p in g.children if p.dep_ == "pobj")
    if not objs and harms and node.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in node.children):
        # "a policeman is reported to have been injured": the victim is the subject of the verb of saying
        # (not in "gunmen are reported to have killed", which is active)
        objs.extend(c for c in node.head.children if c.dep_ in ("nsubjpass", "nsubj"))
    if not objs and anchor.dep_ == "conj" and anchor.pos_ == "VERB":
        # "were doused in petrol and set alight": coordinated verbs share their passive subject
        objs.extend(_shared_passive_subject(anchor))
    if not objs and anchor.pos_ == "VERB":
        # "attacked and torched an army base": the object of the verb coordinated after it is its own too
        objs.extend(
            o for c in anchor.children if c.dep_ == "conj" and c.pos_ == "VERB" for o in c.children
            if o.dep_ == "dobj"
        )  # fmt: skip
    # "a convoy came under attack / under fire": the subject of "came" is what was attacked
    come = anchor.head.head if anchor.dep_ == "pobj" and anchor.head.lower_ == "under" else anchor
    if come.lemma_.lower() == "come" and any(c.lower_ == "under" for c in come.children):
        objs.extend(c for c in come.children if c.dep_ == "nsubj")
    elif come is not anchor and anchor.lemma_.lower() == "control":
        objs.extend(_held_under(come))
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ in ("dobj", "nsubjpass") and not objs:
        objs.append(anchor)
    if not objs and anchor.tag_ in ("VBD", "VBN") and anchor.dep_ == "amod":
        objs.append(anchor.head)  # a misparse seen on news text: "artillery captured(amod) hills"
    if not objs and _verb_read_as_noun(anchor):
        objs.append(anchor.head)  # a headline's present tense: "Rebel forces overrun(compound) the airport"
    expanded: list[Any] = []
    for o in objs:
        expanded.append(o)
        expanded.extend(c for c in o.children if c.dep_ in ("compound", "amod", "conj", "appos"))
        for c in o.children:  # "the city of Tarhuna", "hills around Fattaih"; not "an attack by fighters"
            if c.dep_ == "prep" and c.lower_ != "by" and not _whose(o, c):
                expanded.extend(p for p in c.children if p.dep_ == "pobj" and not _preposition_noun(p))
    return expanded


# People named by their tie to someone ("employees of an aid group", "supporters of the army", "the wife
# of a soldier"): the "of" phrase says whose they are, and they, not it, are what is acted on.
_TIED_PEOPLE = frozenset(
    {"employee", "staff", "worker", "supporter", "sympathiser", "sympathizer", "relative", "family",
     "wife", "husband", "son", "daughter", "child", "brother", "sister", "father", "mother", "widow",
     "kin", "parent", "friend", "driver", "cook", "contractor", "volunteer", "follower"}
)  # fmt: skip


def _whose(obj: Any, prep: Any) -> bool:
    """ "two employees of an aid group": an "of" phrase after people named by their tie to it."""
    return prep.lower_ == "of" and obj.lemma_.lower() in _TIED_PEOPLE


# Capture verbs that are no nouns: tagged as one, they are a headline's present tense the parser misread.
_CAPTURE_VERBS = frozenset({"overrun", "retake", "recapture", "seize", "liberate", "overtake", "retook"})


def _verb_read_as_noun(anchor: Any) -> bool:
    """ "Rebel forces overrun Misratah airport": after a plural subject, a capture verb in a headline's
    present tense is parsed as a noun compound of the place it takes."""
    return (
        anchor.dep_ == "compound"
        and anchor.lemma_.lower() in _CAPTURE_VERBS
        and anchor.head.i > anchor.i
        and anchor.i > 0
        and anchor.doc[anchor.i - 1].tag_ in ("NNS", "NNPS")
    )


# Capture phrases (lemmas) whose object is ground, never a person: "recaptured Kalvo", "reestablished control
# over Kalvo". A name they take is a place the gazetteer may not know (hamlets, districts, hills).
GROUND_TAKING = frozenset(
    {"recapture", "retake", "retook", "liberate", "overrun", "take control", "seize control", "gain control",
     "wrest control", "regain control", "take full control", "seize full control", "take complete control",
     "establish control", "reestablish control", "re-establish control", "re - establish control",
     "restore control"}
)  # fmt: skip


def takes_ground_only(doc: Any, start: int, end: int, lexicon: Lexicon) -> bool:
    phrase = " ".join(view(doc).lemmas[start:end])
    return phrase in GROUND_TAKING or (phrase == "clear" and _clears_of_fighters(doc[start], lexicon))


def _clears_of_fighters(verb: Any, lexicon: Lexicon) -> bool:
    """ "cleared Ngoshe of Boko Haram", "cleared the hills of militants": what is cleared of an armed
    group is ground ("cleared him of all charges" is not). The parser hangs "of" from the verb or from
    its object."""
    hosts = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
    hosts += [j for h in hosts[1:] for j in h.conjuncts]
    classes = lexicon.classes
    fighters = classes.get("nonstate_group", frozenset()) | classes.get("armed_group", frozenset())
    return any(
        p.pos_ == "PROPN" or p.lemma_.lower() in fighters
        for h in hosts
        for c in h.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    )


def named_ground(token: Any) -> bool:
    """A proper name taken as ground, not the side it was taken from ("retook Kalvo from the rebels")."""
    return token.pos_ == "PROPN" and not (token.dep_ == "pobj" and token.head.lower_ == "from")


def ground_combat(doc: Any) -> bool:
    """ "in ground and air strikes", "ground forces supported by helicopter gunships", "combined air and
    ground strikes": forces fought on the ground in the operation the sentence tells (ACLED: an air strike
    during a ground battle is part of the battle)."""
    tokens = view(doc)
    lowers = tokens.lowers
    if "ground" not in lowers:
        return False  # most sentences
    for i, lower in enumerate(lowers):
        if lower != "ground":
            continue
        if (i + 2 < len(lowers) and lowers[i + 1] == "and" and lowers[i + 2].startswith("air")) or (
            i >= 2 and lowers[i - 1] == "and" and lowers[i - 2].startswith("air")
        ):
            return True  # "in ground and airstrikes", "air and ground strikes", whatever the parse
        tok = tokens.tokens[i]
        head = tok.head
        if tok.dep_ in ("amod", "compound", "nmod", "conj") and head.lemma_.lower() in GROUND_FIGHT_HEADS:
            return True
    return False


# The context word the extract stage adds for guns fired in the sentence ("opened fire on the convoy");
# not a word of English: "fire" alone is also what a bombed car catches.
GUNFIRE_MARK = "opened-fire"


def opens_fire(tok: Any) -> bool:
    """ "opened fire on the truck", "open fire at the patrol": guns fired, by whoever."""
    return tok.lemma_.lower() == "open" and any(c.dep_ == "dobj" and c.lower_ == "fire" for c in tok.children)


def crowd_doers(verb: Any, lexicon: Lexicon) -> bool:
    """Whether the verb's subject is told as a crowd ("angry residents", "a mob", "rioters")."""
    crowd = lexicon.classes.get("mob_cue", frozenset()) | lexicon.classes.get("crowd", frozenset())
    return any(
        t.lemma_.lower() in crowd or t.lower_ in crowd
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass")
        for t in c.subtree
    )


# Words for the armed owners of premises ("the headquarters of Gaddafi forces", "the militia's base")
_ARMED_OWNERS = frozenset(
    {"force", "troop", "army", "police", "militant", "fighter", "militia", "rebel", "insurgent", "jihadist",
     "gunman", "loyalist", "soldier", "brigade", "battalion", "regiment", "guard", "unit"}
)  # fmt: skip


def held_by_armed(objs: list[Any]) -> bool:
    """Whether premises a trigger takes are told as an armed side's ("the headquarters of Gaddafi forces",
    "the brigade's compound"): taking them is ground won from that side, a battle, not premises that
    changed hands."""
    for o in objs:
        owners = [c for c in o.children if c.dep_ == "poss"]
        owners += [g for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"]  # fmt: skip
        if any(w.lemma_.lower() in _ARMED_OWNERS for w in owners):
            return True
    return False
