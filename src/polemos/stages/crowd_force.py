"""Force met by a crowd, and a crowd's own force, read from a sentence's parse (extract stage).

ACLED codes a demonstration met with force as a Protest with intervention (Excessive force against
protesters when the force kills or maims), with the crowd as actor 1 and the force as actor 2; a crowd's
own violence makes its demonstration a riot. Whether "fired", "broke up" or "stormed" tells the one or
the other depends on who did it to whom, which the lexicon's word classes cannot see: these tests give
the extract stage context marks (`context_marks`) and the escalation stage its crowd's beatings.
"""

from __future__ import annotations

from typing import Any

from polemos.knowledge.lexicon import Lexicon
from polemos.stages.trigger_objects import object_tokens
from polemos.stages.victims import ARMED_WORDS, former

# The context word for force used on a crowd: fired on, broken up, stormed by armed men (lexicon class
# `protest_intervention`); not a word of English.
FORCE_ON_CROWD_MARK = "force-on-crowd"
# The context word for a crowd storming a place (lexicon class `protest_violence`); not a word of English.
CROWD_STORM_MARK = "crowd-storm"
# The context word for a crowd setting a place on fire (lexicon class `protest_violence`).
CROWD_ARSON_MARK = "crowd-arson"

# Every lemma the tests below can accept: callers skip the other tokens without asking them.
FIRING_WORDS = frozenset({"fire", "open"})
BREAKING_WORDS = frozenset({"break"})
STORMING_WORDS = frozenset({"storm"})

# A crowd or its demonstration, as what is fired on or broken up ("fired on the crowd", "broke up the
# sit-in"); people named by their trade or place ("fired at villagers") are no crowd by themselves.
_CROWD_NOUNS = frozenset(
    {"crowd", "gathering", "rally", "march", "protest", "demonstration", "sit-in", "mob", "marcher",
     "mourner", "rioter", "picket", "procession", "vigil"}
)  # fmt: skip
# Prepositions that give what a gun is fired at: "fired at", "opened fire on", "fired live rounds into".
_TARGET_PREPS = frozenset({"at", "on", "upon", "into", "towards", "toward"})
# Subjects that tell a crowd's own act ("They beat up people who kept their shops open").
_CROWD_PRONOUNS = frozenset({"they", "some", "many", "others"})


def _crowd(tok: Any, lexicon: Lexicon) -> bool:
    """A crowd or its demonstration, or people told demonstrating ("protesters", "demonstrators")."""
    lemma = tok.lemma_.lower()
    if lemma == "in" and any(c.lower_ == "sit" for c in tok.children):
        return True  # "a sit - in", as the tokenizer splits it
    return lemma in _CROWD_NOUNS or tok.lower_ in _CROWD_NOUNS or lexicon.in_class(lemma, "protesting")


def _with_conjuncts(toks: list[Any]) -> list[Any]:
    return [w for t in toks for w in (t, *t.conjuncts)]


def fires_on_crowd(tok: Any, lexicon: Lexicon) -> bool:
    """ "Police opened fire on protesters", "soldiers fired live rounds at the crowd": guns fired at a crowd
    (the deaths told with it make it excessive force; with none it is force used to suppress it)."""
    lemma = tok.lemma_.lower()
    doc = tok.doc
    if lemma == "open":
        # "opened fire": the parser hangs "fire" on "open" as its object, or elsewhere in a headline's
        # present tense ("forces open fire on protesters gathered ..."), but it follows "open"
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "fire":
            return False
        holders = [tok, doc[tok.i + 1]]
    elif lemma == "fire" and tok.pos_ == "VERB":
        holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    elif lemma == "fire" and tok.i > 0 and doc[tok.i - 1].lower_ == "open":
        holders = [tok]  # "open fire on protesters" read as a noun phrase, "open" its modifier
    else:
        return False
    preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS]
    targets = [p for c in preps for p in c.children if p.dep_ == "pobj"]
    # "the protesters were fired upon": the crowd the passive's subject
    targets = _with_conjuncts(targets + [c for c in tok.children if c.dep_ == "nsubjpass" and preps])
    # "fired on a crowd of protesters": the crowd, or the people it is of
    targets += [p for t in targets for c in t.children if c.dep_ == "prep" for p in c.children]
    return any(_crowd(t, lexicon) for t in targets)


def breaks_up_crowd(tok: Any, lexicon: Lexicon) -> bool:
    """ "Police broke up the demonstration", "the sit-in was broken up by soldiers": a crowd dispersed by
    force; "the rally broke up in the evening" (the crowd its subject) is its end, no force."""
    if tok.lemma_.lower() != "break" or not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return False
    objects = _with_conjuncts([c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")])
    return any(_crowd(o, lexicon) for o in objects)


def _doers(verb: Any) -> list[Any]:
    """Who did the verb's act: its subject or its passive's agent, or those of the verb it is a conjunct of
    ("gathered outside and stormed the building")."""
    while True:
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        doers += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if doers or verb.dep_ != "conj" or verb.head is verb:
            return _with_conjuncts(doers)
        verb = verb.head


def _armed(tok: Any) -> bool:
    return tok.lemma_.lower() in ARMED_WORDS and not former(tok)


# Words of an aim: a storming planned, threatened or aimed at is not yet done ("assembling with an aim of
# storming the CBD", "threatened to storm the ministry"); one tried is ("tried to storm the gate").
_INTENT_WORDS = frozenset(
    {"aim", "intention", "intent", "plan", "goal", "purpose", "threat", "intend", "threaten", "want", "vow",
     "pledge", "promise", "call", "urge"}
)  # fmt: skip


def _intended(verb: Any) -> bool:
    """ "an aim of storming", "planned to storm", "threatened to storm": the act only aimed at."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    elif verb.dep_ not in ("xcomp", "acl", "advcl"):
        return False
    return head.lemma_.lower() in _INTENT_WORDS


def storms(tok: Any) -> str | None:
    """ "Protesters stormed the ministry" is a crowd's violence (`CROWD_STORM_MARK`); "security forces
    stormed the protest camp" is force used on a crowd (`FORCE_ON_CROWD_MARK`), no riot of its crowd."""
    if tok.lemma_.lower() != "storm" or tok.pos_ != "VERB" or _intended(tok):
        return None
    return FORCE_ON_CROWD_MARK if any(_armed(d) for d in _doers(tok)) else CROWD_STORM_MARK


def crowd_beats(tok: Any, lexicon: Lexicon) -> bool:
    """ "They beat up shopkeepers who stayed open", "the demonstrators beat a passer-by": a crowd's own
    violence told after its protest (the police beating protesters, or people beaten, is not)."""
    if tok.lemma_.lower() != "beat" or tok.pos_ != "VERB":
        return False
    return _crowd_did(tok, lexicon)


# Every lemma `crowd_sets_fire` can accept.
SETTING_WORDS = frozenset({"set"})
# What a place is set as, burning: "set the station ablaze", "set cars alight".
_BURNING = frozenset({"alight", "ablaze", "afire"})


def crowd_sets_fire(tok: Any, lexicon: Lexicon) -> bool:
    """ "The demonstrators then set the police station on fire", "they set fire to the town hall",
    "youths set cars alight": a crowd's arson, which makes its demonstration a riot (ACLED: destruction by
    demonstrators); the police or soldiers setting a camp on fire are not the crowd."""
    if tok.lemma_.lower() != "set" or tok.pos_ != "VERB":
        return False
    kids = tok.children
    if any(c.dep_ == "dobj" and c.lower_.endswith(("self", "selves")) for c in kids):
        return False  # "set themselves on fire": a self-immolation, a protest act (ACLED)
    burning = any(c.lower_ in _BURNING for c in kids) or any(
        c.dep_ == "prep" and c.lower_ == "on" and any(p.lower_ == "fire" for p in c.children) for c in kids
    )
    # "set fire to the building": fire the object, what burns the object of "to"
    burning = burning or any(c.dep_ == "dobj" and c.lower_ == "fire" for c in kids)
    return burning and _crowd_did(tok, lexicon)


def _crowd_did(tok: Any, lexicon: Lexicon) -> bool:
    """Whether the verb's subject is a crowd: its words, or a pronoun where no armed men are told."""
    doers = [c for c in tok.children if c.dep_ == "nsubj"]
    if not doers and tok.dep_ == "conj":
        doers = [c for c in tok.head.children if c.dep_ == "nsubj"]
    # "they" is the crowd only where the sentence names no armed men it could be ("Police arrived and
    # they beat the marchers")
    armed_told = any(_armed(t) for t in tok.doc)
    return any(
        (d.lower_ in _CROWD_PRONOUNS and not armed_told)
        or lexicon.in_class(d.lemma_.lower(), "mob_cue")
        or _crowd(d, lexicon)
        for d in _with_conjuncts(doers)
    )


# The verbs whose object is a crowd whatever word names it: what is dispersed or broken up is a gathering.
_DISPERSING_WORDS = frozenset({"disperse", "break"})
# The pronoun of people already told ("fired tear gas to disperse them"; "they", a subject, is as often
# resolved to the force).
_PEOPLE_PRONOUNS = frozenset({"them"})
# Words of a crowd told before the dispersal in its own sentence ("workers went on strike and police
# dispersed them"), beside the lexicon's people demonstrating.
_CROWD_ACTS = frozenset({"protest", "strike", "demonstrate", "march", "rally", "riot", "gather"})


def disperses_the_told(anchor: Any, objects: list[Any]) -> bool:
    """ "Students marched in Karvo. Police fired tear gas to disperse them": a dispersal whose object is a
    pronoun disperses the people the report has just told, a gathering (the trigger's `object:gathering`):
    one disperses crowds, not armed men or places."""
    return anchor.lemma_.lower() in _DISPERSING_WORDS and any(o.lower_ in _PEOPLE_PRONOUNS for o in objects)


def told_crowd_dispersal(sent: Any, start: int, lexicon: Lexicon) -> bool:
    """Whether the trigger at document offset `start` in the parsed sentence `sent` is a dispersal of a
    pronoun ("to disperse them") whose crowd only an earlier sentence can tell: none told before it in the
    sentence ("traders went on strike and police dispersed them")."""
    for tok in sent.doc:
        if sent.start + tok.idx == start:
            before = list(sent.doc)[: list(sent.doc).index(tok)]
            return disperses_the_told(tok, object_tokens(tok)) and not any(
                t.lemma_.lower() in _CROWD_ACTS or _crowd(t, lexicon) for t in before
            )
    return False
