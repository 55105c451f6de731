"""Who a sentence says was harmed, and whether they were fighters or civilians (extract stage): the word
classes of combatants and civilians, the harmed tokens of a sentence, headline participles, and people
harmed on purpose rather than by a mishap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polemos.knowledge.lexicon import Lexicon
from polemos.stages.token_view import view

# Words that name combatants; a victim so named makes "killed" a battle, not violence against civilians.
ARMED_WORDS = frozenset(
    {"soldier", "fighter", "militant", "troop", "militia", "militiaman", "policeman", "police", "officer",
     "insurgent", "rebel", "guard", "commander", "jihadist", "gunman", "army", "force", "personnel",
     "terrorist", "mercenary", "recruit", "serviceman", "combatant", "extremist", "taliban", "arbaki",
     "commando", "sniper", "infiltrator", "bodyguard", "policemen", "militiamen", "jawan", "gendarme",
     "peacekeeper", "conscript", "paratrooper", "marine", "guardsman", "trooper",
     # who attacked, named by the act: "engaged the attackers, killing two" is a fight
     "attacker", "assailant", "raider",
     # armed self-defence groups (ACLED's vigilante militias): a fight with them is a battle
     "vigilante"}
)  # fmt: skip
CIVILIAN_WORDS = frozenset(
    {"civilian", "child", "woman", "man", "resident", "villager", "teacher", "student", "journalist",
     "worker", "farmer", "worshipper", "passenger", "people", "boy", "girl", "family", "doctor", "nurse",
     "trader",
     "shopkeeper", "elder", "scholar", "cleric", "imam", "driver", "person", "pupil", "patient", "wife",
     "son", "daughter", "brother", "father", "mother", "businessman", "shepherd", "activist", "individual",
     "inhabitant",
     # people at work or on the road, and kin: "shot dead its owner", "killed two pastoralists"
     "owner", "customer", "motorist", "vendor", "fisherman", "hunter", "miner", "tourist", "pilgrim",
     "refugee", "migrant", "pastoralist", "baby", "infant", "teenager", "husband", "sister", "neighbour",
     "neighbor", "citizen",
     # people named by their tie to an employer, a cause or a family: "two employees of an aid group",
     # "supporters of the army", "relatives of a soldier" are not its fighters
     "employee", "staff", "supporter", "sympathiser", "sympathizer", "relative", "widow", "volunteer",
     "contractor",
     # scholars by their post: "attacked an academic at the university"
     "academic", "professor"}
)  # fmt: skip


# Civilian words that name a trade or a standing, never a fighter ("man", "son" or "people" may be one).
CIVILIAN_TRADES = frozenset(
    {"civilian", "child", "woman", "villager", "teacher", "student", "journalist", "farmer", "worshipper",
     "passenger", "girl", "doctor", "nurse", "trader", "shopkeeper", "pupil", "patient", "businessman",
     "shepherd", "customer", "motorist", "vendor", "fisherman", "pilgrim", "refugee", "migrant",
     "pastoralist", "baby", "infant", "herder", "herdsman"}
)  # fmt: skip


def victim_class(tokens: Sequence[Any], categories: Sequence[str]) -> str | None:
    """'civilian' or 'armed' for who was harmed, from the harmed tokens and their actor categories."""
    # "an ex-soldier", "a former policeman", "retired officers": civilians now (ACLED), whatever force
    # the actor stage names them by
    armed = [t for t in tokens if {t.lemma_.lower(), t.lower_} & ARMED_WORDS]
    if armed and all(former(t) for t in armed):
        return "civilian"
    # Written forms and a bare plural too: the tagger leaves unknown plurals as they are ("Arbakis").
    lemmas = {w for t in tokens for w in (t.lemma_.lower(), t.lower_, t.lower_.removesuffix("s"))}
    # "shot dead two pastoralists": people named by a civilian trade or standing, and no armed word, are
    # civilians whatever armed actor a phrase around them resolves to
    named_civilians = bool(lemmas & CIVILIAN_TRADES) and not armed
    if not named_civilians and (
        any(c in ("state", "armed", "external") for c in categories) or any(map(_security_member, tokens))
    ):
        return "armed"
    if named_civilians or any(c == "civilian" for c in categories):
        return "civilian"
    if lemmas & ARMED_WORDS:
        return "armed"
    if lemmas & CIVILIAN_WORDS:
        return "civilian"
    return None


def _security_member(token: Any) -> bool:
    """ "a security official", "security agents": one of the security forces, whatever his title (the
    word "security" alone names no one)."""
    return token.lemma_.lower() == "security" and token.dep_ in ("compound", "amod", "nmod")


# Words that make a soldier or a fighter one no longer: he is a civilian victim.
FORMER_WORDS = frozenset({"ex", "former", "retired", "demobilised", "demobilized", "ex-", "veteran"})


def former(token: Any) -> bool:
    """ "ex FAB soldier", "a former policeman", "ex-combatants": modified by a word of having left."""
    if any(
        c.lower_ in FORMER_WORDS for c in token.children if c.dep_ in ("amod", "compound", "nmod", "advmod")
    ):
        return True
    return (token.i > 0 and token.doc[token.i - 1].lower_ in FORMER_WORDS) or token.lower_.startswith("ex-")


HARM_VERBS = frozenset(
    {
        "kill",
        "wound",
        "injure",
        "die",
        "behead",
        "abduct",
        "kidnap",
        "shoot",
        "execute",
        "murder",
        "hurt",
        "target",
    }
)


# Harm verbs that always take an object: told with a subject and none ("Farmer killed in the
# village", "Five soldiers wounded"), they are a headline's passive, however the tagger reads the tense.
_TRANSITIVE_HARM = frozenset({"kill", "wound", "injure", "assassinate", "murder", "stab"})


def headline_participle(verb: Any) -> bool:
    """ "three soldiers killed", "Farmer killed in the village": a harm verb whose subject is its victim
    (a headline drops the auxiliary; the tagger then often reads a past tense)."""
    if any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
        return False
    if verb.tag_ == "VBN":
        return True
    return (
        verb.tag_ == "VBD"
        and verb.lemma_.lower() in _TRANSITIVE_HARM
        and not any(c.dep_ in ("conj", "ccomp", "xcomp") for c in verb.children)
    )


# Prepositions that name some of the harmed: "5 people were killed, including 4 fighters".
_AMONG_PREPS = frozenset({"including", "among"})


def sentence_victims(doc: Any) -> list[Any]:
    """Tokens naming who was harmed anywhere in the sentence ("4 policemen were wounded in attacks",
    "eight soldiers reported dead", "leaving seven militants dead")."""
    out: list[Any] = []
    tokens = view(doc)
    for tok, lemma in zip(tokens.tokens, tokens.lemmas, strict=True):
        if lemma == "dead":
            out.extend(_dead_ones(tok))
        if lemma in HARM_VERBS:
            out.extend(among_harmed(tok))
            # headline style drops the auxiliary: in "three soldiers killed" the subject is the victim
            headline = headline_participle(tok)
            for c in tok.children:
                if c.dep_ in ("nsubjpass", "dobj") or (c.dep_ == "nsubj" and (headline or lemma == "die")):
                    out.append(c)
                    out.extend(g for g in c.children if g.dep_ in ("appos", "conj", "compound"))
                    if c.like_num:  # "killing 30 of its inhabitants": who the number counts
                        out.extend(
                            p for g in c.children if g.dep_ == "prep" and g.lower_ == "of" for p in g.children
                        )
    return out


def among_harmed(verb: Any) -> list[Any]:
    """Some of the harmed, named after the count: "5 people were killed, including 4 fighters"."""
    return [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in _AMONG_PREPS
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _dead_ones(dead: Any) -> list[Any]:
    """Who "dead" says died: "two soldiers dead" (its subject), "soldiers reported dead" (the subject of
    the verb it completes), "left seven militants dead" (that verb's object), "dead soldiers"."""
    if dead.dep_ == "amod":
        return [dead.head]
    subjects = [c for c in dead.children if c.dep_ == "nsubj"]
    if dead.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and dead.head.i != dead.i:
        # the object when there is one: in "militiamen shot a customer dead" the subject killed
        around = list(dead.head.children)
        objects = [c for c in around if c.dep_ == "dobj"]
        subjects += objects or [c for c in around if c.dep_ in ("nsubj", "nsubjpass")]
    return [w for s in subjects for w in (s, *(c for c in s.children if c.dep_ in ("conj", "compound")))]


# Verbs of harm done on purpose (not "die"): told of people with no mishap named, they report a killing
# or a shooting, whoever did it ("a farmer was killed in his field", "gunmen shot two traders").
DELIBERATE_HARM_VERBS = frozenset(
    {"kill", "shoot", "wound", "injure", "gun", "open", "stab", "murder", "assassinate"}
)
REFLEXIVES = frozenset({"himself", "herself", "themselves", "oneself", "myself", "yourself"})


def harms_people(anchor: Any, objs: Sequence[Any], lexicon: Lexicon) -> bool:
    """ "A man was killed in the village", "two farmers killed", "unknown men shot a trader": people were
    harmed by a verb of deliberate harm, and the sentence names no mishap that did it ("killed in a road
    accident", "floods killed 12 people", "injured when the wall collapsed"). ACLED records such killings
    whoever the perpetrator; an accident or a disaster is no event."""
    if anchor.lemma_.lower() not in DELIBERATE_HARM_VERBS or _names_mishap(anchor.doc, lexicon):
        return False
    if any(o.lower_ in REFLEXIVES for o in objs):
        return False  # "shot himself": no one harmed him
    harmed = list(objs)
    if anchor.dep_ in ("acl", "amod") and anchor.tag_ == "VBN":
        harmed.append(anchor.head)  # "two farmers killed in Selea": the noun is the victim
    if headline_participle(anchor):
        harmed.extend(c for c in anchor.children if c.dep_ == "nsubj")  # headline: "2 people killed"
    people = lexicon.classes.get("person", frozenset()) | CIVILIAN_WORDS
    return any(t.lemma_.lower() in people or _counted_people(t) for t in harmed)


def _counted_people(token: Any) -> bool:
    """ "killed 12", "2 killed": a count of the harmed, not a date or a number after a preposition
    ("killed the bill in 2019"). (The pipeline runs no NER, so a count is all that tells people here.)"""
    return token.dep_ != "pobj" and bool(token.like_num)


def _names_mishap(doc: Any, lexicon: Lexicon) -> bool:
    """An accident, a disaster or a disease is told in the sentence ("crash", "flood", "cholera"), or a
    fire that people were caught "in" (opened fire is a shooting)."""
    mishap = lexicon.classes.get("mishap", frozenset())
    tokens = view(doc)
    if any(w in mishap for w in (*tokens.lemmas, *tokens.lowers)):
        return True
    return any(
        t.lemma_.lower() == "fire" and t.dep_ == "pobj" and t.head.lower_ in ("in", "by")
        for t in tokens.tokens
    )
