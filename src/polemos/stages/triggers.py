"""Find event triggers in a parsed sentence and settle their ACLED sub-event type from context
(extract stage): lexicon match on lemmas, factuality check, object and victim classes, refinements.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from polemos.knowledge.lexicon import SPLIT_PARTICLES, Condition, Lexicon, Trigger
from polemos.stages.arguments import verb_of
from polemos.stages.modality import INTENT_VERBS, non_factual_reason
from polemos.stages.token_view import view
from polemos.taxonomy import EventType, SubEventType

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
     "neighbor"}
)  # fmt: skip


# Civilian words that name a trade or a standing, never a fighter ("man", "son" or "people" may be one).
CIVILIAN_TRADES = frozenset(
    {"civilian", "child", "woman", "villager", "teacher", "student", "journalist", "farmer", "worshipper",
     "passenger", "girl", "doctor", "nurse", "trader", "shopkeeper", "pupil", "patient", "businessman",
     "shepherd", "customer", "motorist", "vendor", "fisherman", "pilgrim", "refugee", "migrant",
     "pastoralist", "baby", "infant", "herder", "herdsman"}
)  # fmt: skip


# Prepositions whose object is what a trigger acts on ("as": "taken as hostages" takes captives).
ATTACHED_PREPS = frozenset({"of", "on", "against", "around", "in", "into", "at", "from", "over", "as"})
# Verbs of trying: a capture tried is a fight for the place, not a change of its control (ACLED codes an
# attempted or failed take-over as an armed clash).
ATTEMPT_WORDS = frozenset({"attempt", "try", "fail", "bid", "seek", "struggle"})
# Words that place the main clause after or amid another event ("during" does not: "killed during clashes"
# tells the clashes' toll).
BACKGROUND_PREPS = frozenset({"after", "following", "amid", "amidst"})
# What "ground" qualifies when forces fought on the ground: "ground forces", "ground and air strikes".
GROUND_FIGHT_HEADS = frozenset(
    {"force", "troop", "strike", "airstrike", "operation", "intervention", "assault", "offensive", "raid",
     "attack", "soldier", "unit", "incursion", "excursion", "fighting", "combat", "battle"}
)  # fmt: skip
# News that ACLED codes on its own day whatever it followed: peace deals, ceasefires, defections.
BACKGROUNDED_NEWS = frozenset({SubEventType.AGREEMENT, SubEventType.CHANGE_TO_GROUP})
_TERRITORY = frozenset(
    {SubEventType.GOVERNMENT_REGAINS_TERRITORY, SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY}
)


@dataclass(frozen=True)
class TriggerHit:
    """One factual trigger in a sentence, with its settled sub-event type and why."""

    trigger: Trigger
    sub_event_type: SubEventType
    start: int  # token indices in the sentence Doc [start, end)
    end: int
    anchor: Any  # the syntactic head token of the trigger phrase
    rule: str
    object_classes: frozenset[str]
    # A trigger in a relative clause beside main-clause triggers: it codes only when none of them does
    # ("joined workers who took to the streets": "joined" names no armed group, the march is the event).
    fallback: bool = False


def find_trigger_spans(doc: Any, lexicon: Lexicon) -> list[tuple[int, int, Trigger]]:
    """Longest lexicon matches over the sentence's lemmas (or lower-cased forms), left to right."""
    tokens = view(doc)
    lemmas, lowers = tokens.lemmas, tokens.lowers
    out: list[tuple[int, int, Trigger]] = []
    index = lexicon.index
    i = 0
    while i < len(doc):
        if lowers[i] not in index and lemmas[i] not in index:
            i += 1  # most words start no trigger phrase
            continue
        best: tuple[int, Trigger] | None = None
        # The written form first, then the lemma: a fixed order keeps the coding deterministic.
        for key in dict.fromkeys((lowers[i], lemmas[i])):
            for phrase, trig in index.get(key, ()):
                n = len(phrase)
                if i + n <= len(doc) and all(phrase[k] in (lemmas[i + k], lowers[i + k]) for k in range(n)):
                    if best is None or n > best[0]:
                        best = (n, trig)
                    break
        # a two-word phrase split by the object outranks the verb alone ("shot the drone down")
        split = _split_phrasal(doc[i], (lowers[i], lemmas[i]), lexicon) if not best or best[0] < 2 else None
        if split is not None:
            out.append((i, i + 1, split))  # the verb alone stands for the phrase
            i += 1
        elif best:
            out.append((i, i + best[0], best[1]))
            i += best[0]
        else:
            i += 1
    return out


def _split_phrasal(verb: Any, keys: tuple[str, str], lexicon: Lexicon) -> Trigger | None:
    """ "pushed the rebels back", "blew the bridge up", "drove the militants out of the town": a two-word
    phrase whose particle follows the verb's object (the parser attaches it to the verb as a particle, an
    adverb, or a preposition with no object of its own: "out of the town")."""
    particles = {
        c.lower_
        for c in verb.children
        if c.i > verb.i + 1
        and c.lower_ in SPLIT_PARTICLES
        and (
            c.dep_ in ("prt", "advmod")
            or (c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children))
        )
    }
    if not particles:
        return None
    for key in dict.fromkeys(keys):
        for phrase, trig in lexicon.index.get(key, ()):
            if len(phrase) == 2 and phrase[1] in particles:
                return trig
    return None


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


def _anchor(doc: Any, start: int, end: int) -> Any:
    """The token of span [start, end) whose head lies outside it."""
    for tok in doc[start:end]:
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok
    return doc[end - 1]


def object_tokens(anchor: Any) -> list[Any]:
    """What the trigger acts on: the verb's object, or the noun it is 'of' ("liberation of the capital")."""
    node = anchor.head if anchor.dep_ == "prt" else anchor
    objs = [c for c in node.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    for c in node.children:
        # "from": what a force is driven out of ("dislodged the militants from the town"); "over": a count
        # ("arrested over 200").
        if c.dep_ == "prep" and c.lower_ in ATTACHED_PREPS:
            objs.extend(p for p in c.children if p.dep_ == "pobj")
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("out", "off"):
            # "pushed the militants out of the town": the place is the object of "out of"
            objs.extend(p for g in c.children if g.dep_ == "prep" for p in g.children if p.dep_ == "pobj")
    if not objs and anchor.dep_ == "conj" and anchor.pos_ == "VERB":
        # "were doused in petrol and set alight": coordinated verbs share their passive subject
        objs.extend(_shared_passive_subject(anchor))
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
            if c.dep_ == "prep" and c.lower_ != "by":
                expanded.extend(p for p in c.children if p.dep_ == "pobj")
    return expanded


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


def _holds(
    cond: Condition,
    lexicon: Lexicon,
    obj_classes: frozenset[str],
    sentence_lemmas: frozenset[str],
    victims: str | None,
    actor1_inter: int | None,
) -> bool:
    if cond.kind == "object":
        return cond.value in obj_classes
    if cond.kind == "context":
        return bool(sentence_lemmas & lexicon.classes.get(cond.value, frozenset()))
    if cond.kind == "victims":
        return victims == cond.value
    if cond.kind == "actor1":
        if actor1_inter is None:
            return False
        return (actor1_inter == 1) == (cond.value == "state")
    return False


def settle(
    trigger: Trigger,
    lexicon: Lexicon,
    obj_classes: frozenset[str],
    sentence_lemmas: frozenset[str],
    victims: str | None,
    actor1_inter: int | None,
) -> tuple[SubEventType, str] | None:
    """The trigger's sub-event type here, and the rule that decided it; None if it does not apply."""
    # `requires` before the refinements: no refinement makes a road's blockade out of a shop's.
    if not all(
        _holds(r, lexicon, obj_classes, sentence_lemmas, victims, actor1_inter) for r in trigger.requires
    ):
        return None
    for ref in trigger.refine:
        if all(
            _holds(c, lexicon, obj_classes, sentence_lemmas, victims, actor1_inter)
            for c in (ref.when, *ref.also)
        ):
            return ref.sub_event_type, f"trigger:{trigger.id}+{ref}"
    if trigger.needs and not any(
        _holds(n, lexicon, obj_classes, sentence_lemmas, victims, actor1_inter) for n in trigger.needs
    ):
        return None
    return trigger.sub_event_type, f"trigger:{trigger.id}"


def victim_class(tokens: Sequence[Any], categories: Sequence[str]) -> str | None:
    """'civilian' or 'armed' for who was harmed, from the harmed tokens and their actor categories."""
    # "an ex-soldier", "a former policeman", "retired officers": civilians now (ACLED), whatever force
    # the actor stage names them by
    armed = [t for t in tokens if {t.lemma_.lower(), t.lower_} & ARMED_WORDS]
    if armed and all(_former(t) for t in armed):
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


def _former(token: Any) -> bool:
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


def candidate_hits(doc: Any, lexicon: Lexicon, place_token_ids: frozenset[int]) -> list[TriggerHit]:
    """Factual triggers of the sentence, strong and weak, before refinement."""
    # A name that contains a trigger word is no trigger: "In March", "Operation Peace Storm".
    spans = [
        (a, b, t)
        for a, b, t in find_trigger_spans(doc, lexicon)
        # Acronyms are tagged PROPN too, yet "IED" or "RPG" is a weapon, not a name.
        if not (b - a == 1 and a > 0 and doc[a].pos_ == "PROPN" and not doc[a].text.isupper())
    ]
    spans = [
        s
        for s in spans
        if not _harm_instrument(_anchor(doc, s[0], s[1]))
        and not _carried_to(doc, s[0], s[1])
        and not _harms_only_oneself(_anchor(doc, s[0], s[1]))
        and not (s[2].sub_event_type in _TERRITORY and _takes_back_stolen(_anchor(doc, s[0], s[1])))
        and not (s[2].id == "clash-verb" and _clash_of_words(_anchor(doc, s[0], s[1]), lexicon))
    ]
    usable = [s for s in spans if not s[2].idiom and _factual(doc, s[0], s[1], s[2])]
    usable += [
        (a, b, t if t.sub_event_type not in _TERRITORY else _as_attempt(t))
        for a, b, t in spans
        if _attempted_capture(doc, a, b, t)
    ]
    usable.sort(key=lambda s: s[0])
    # A trigger in a relative clause describes something else ("killed a member who had defected", "mines
    # which militias used to explode mosques"); it codes only when no trigger of the main clause codes,
    # and it must not hide a weak trigger of the main clause either (the extract stage tries it last).
    main = [s for s in usable if not _in_relative_clause(_anchor(doc, s[0], s[1]))]
    relative = [s for s in usable if s not in main] if main else []
    usable = main or usable
    # "signed a peace deal after clashes in the area", "defected to the army after clashes": what a
    # strategic development is placed after (or amid) is its background, told as known; the agreement or
    # the defection is the news ACLED codes. Other news placed after violence is often its outcome
    # ("retreated following a bombardment", "killed after clashes broke out"): the violence is the event.
    foreground = [s for s in usable if not told_as_background(_anchor(doc, s[0], s[1]))]
    if any(_news_of_its_own(t) for _, _, t in foreground):
        usable = foreground
    # Weak triggers are returned too: the extract stage codes them only when no strong trigger of the
    # sentence codes. A strong trigger that is planned or denied ("vowed to attack") is not usable here,
    # and one whose conditions fail there ("captured three" names no place) must not hide the weak one.
    # "Other" (bodies found, a mass grave) is ACLED's catch-all: it codes only what nothing else explains.
    chosen = [s for s in usable if s[2].sub_event_type is not SubEventType.OTHER] or usable
    fallback = {s[0] for s in relative}
    chosen += relative
    ground = _ground_combat(doc)
    hits: list[TriggerHit] = []
    for start, end, trig in chosen:
        anchor = _anchor(doc, start, end)
        objs = object_tokens(anchor)
        if headline_participle(anchor):
            # "Electoral delegate killed in X": a headline's subject is its victim
            objs = objs + [c for c in anchor.children if c.dep_ == "nsubj"]
        # "recaptured territory from militants": who a place is taken from lost it, and was not taken
        losers = {
            o.i for o in objs if o.dep_ == "pobj" and o.head.lower_ == "from" and o.head.head.i == anchor.i
        }
        word_classes = lexicon.word_classes
        classes = {
            cls
            for o in objs
            for cls in word_classes.get(o.lemma_.lower(), ())
            # "a former soldier" is no armed target: a civilian now (ACLED)
            if not (cls == "person" and o.i in losers) and not (cls == "armed_target" and _former(o))
        }
        if any(o.like_num for o in objs):
            classes.add("count")  # "arrested 45", "detained over 200": a mass arrest told by its number
        if any(o.i in place_token_ids or o.ent_type_ in ("GPE", "LOC", "FAC") for o in objs) or (
            _takes_ground_only(doc, start, end, lexicon) and any(_named_ground(o) for o in objs)
        ):
            classes.add("place")
        if ground:
            classes.add("ground_combat")  # the sentence's air strikes backed a ground fight
        if _harms_people(anchor, objs, lexicon):
            classes.add("harmed_people")  # "a man was killed in the village": a killing, told bare
        hits.append(
            TriggerHit(
                trig,
                trig.sub_event_type,
                start,
                end,
                anchor,
                f"trigger:{trig.id}",
                frozenset(classes),
                fallback=start in fallback,
            )
        )
    return hits


# Capture phrases (lemmas) whose object is ground, never a person: "recaptured Kalvo", "reestablished control
# over Kalvo". A name they take is a place the gazetteer may not know (hamlets, districts, hills).
GROUND_TAKING = frozenset(
    {"recapture", "retake", "retook", "liberate", "overrun", "take control", "seize control", "gain control",
     "wrest control", "regain control", "take full control", "seize full control", "take complete control",
     "establish control", "reestablish control", "re-establish control", "re - establish control",
     "restore control"}
)  # fmt: skip


def _takes_ground_only(doc: Any, start: int, end: int, lexicon: Lexicon) -> bool:
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


def _named_ground(token: Any) -> bool:
    """A proper name taken as ground, not the side it was taken from ("retook Kalvo from the rebels")."""
    return token.pos_ == "PROPN" and not (token.dep_ == "pobj" and token.head.lower_ == "from")


# Verbs of harm done on purpose (not "die"): told of people with no mishap named, they report a killing
# or a shooting, whoever did it ("a farmer was killed in his field", "gunmen shot two traders").
DELIBERATE_HARM_VERBS = frozenset(
    {"kill", "shoot", "wound", "injure", "gun", "open", "stab", "murder", "assassinate"}
)
REFLEXIVES = frozenset({"himself", "herself", "themselves", "oneself", "myself", "yourself"})


def _harms_people(anchor: Any, objs: Sequence[Any], lexicon: Lexicon) -> bool:
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


# Nouns of shots fired that name how someone was harmed, not a fight, when they are the means
# ("injured with gunfire", "killed by gunfire", "died of gunshot wounds").
INSTRUMENT_NOUNS = frozenset({"gunfire", "gunshot"})
_MEANS_PREPS = frozenset({"with", "by", "of", "from"})


def _harm_instrument(anchor: Any) -> bool:
    """ "wounded four people with gunfire", "a gunshot wound": the shots are the means of a harm the
    sentence tells with its own verb; "an exchange of gunfire" stays a fight."""
    if anchor.lemma_.lower() not in INSTRUMENT_NOUNS and anchor.lower_ not in INSTRUMENT_NOUNS:
        return False
    if anchor.dep_ == "compound":
        return True  # "gunshot wounds"
    head = anchor.head
    # the harm's own verb: "killed by gunfire"; a boat "hit by gunfire" or a blast "followed by gunfire"
    # met a fight
    if anchor.dep_ != "pobj" or head.lower_ not in _MEANS_PREPS:
        return False
    harmed = head.head  # or the victim it hangs from: "wounding five villagers with gunfire"
    verb = harmed.head if harmed.dep_ in ("dobj", "nsubjpass") else harmed
    return verb.lemma_.lower() in HARM_VERBS


def _in_relative_clause(anchor: Any) -> bool:
    """ "a man who had supported the party and protested against the vote was killed": the trigger heads a
    relative clause, or is a verb coordinated with its head."""
    node = anchor
    for _ in range(4):
        if node.dep_ == "relcl":
            return True
        if node.dep_ != "conj" or node.head.i == node.i:
            return False
        node = node.head
    return False


def _harms_only_oneself(anchor: Any) -> bool:
    """ "a man shot himself", "killed himself": a verb of harm whose only object is its own subject is no
    violence anyone did to another; "the bomber killed himself and five others" harmed others too."""
    if anchor.lemma_.lower() not in DELIBERATE_HARM_VERBS:
        return False
    objects = [c for c in anchor.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lower_ in REFLEXIVES and not list(o.conjuncts) for o in objects)


# Prepositions that name what a clash of words was about: "clashed over the budget".
_TOPIC_PREPS = frozenset({"over", "about"})
# Nouns after "over" that tell when, not what about: "clashed over the weekend".
_SPAN_NOUNS = frozenset({"weekend", "night", "day", "week", "month", "year", "period", "course", "hour"})
# Classes whose words tell bodies, weapons or a crowd in the sentence: a clash told beside them is physical.
_PHYSICAL_CLASSES = ("lethal", "hurt", "injury", "armed_context", "crowd", "mob_cue", "protest_violence")


def _clash_of_words(anchor: Any, lexicon: Lexicon) -> bool:
    """ "Rival parties clashed over the budget", "the two ministers fought about the reform": a clash
    over a topic, told with no harm, weapon or crowd, is a dispute in words, no riot and no battle."""
    topics = [
        p
        for c in anchor.children
        if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS
        for p in c.children
        if p.dep_ == "pobj" and p.pos_ == "NOUN" and p.lemma_.lower() not in _SPAN_NOUNS
    ]
    if not topics:
        return False
    physical = frozenset().union(*(lexicon.classes.get(c, frozenset()) for c in _PHYSICAL_CLASSES))
    tokens = view(anchor.doc)
    return not any(
        tokens.lemmas[i] in physical or tokens.lowers[i] in physical  # the clash itself tells nothing
        for i in range(len(tokens.tokens))
        if i != anchor.i
    )


# What makes goods recovered property: police "recovered stolen cattle" take back, they capture nothing.
_RECOVERED_GOODS = frozenset({"stolen", "looted", "rustled", "missing", "lost", "robbed", "plundered"})


def _takes_back_stolen(anchor: Any) -> bool:
    """ "recovered stolen property", "seized the looted goods": what is taken was someone's already."""
    node = anchor.head if anchor.dep_ == "prt" else anchor
    objects = [c for c in node.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        c.lower_ in _RECOVERED_GOODS
        for o in objects
        for c in (*o.children, *(g for j in o.conjuncts for g in j.children))
        if c.dep_ in ("amod", "compound", "acl")
    )


def _carried_to(doc: Any, start: int, end: int) -> bool:
    """ "were taken to hospital", "took the suspects to the police station": "take" with a destination
    moves people or things; it captures nothing (the seizure, if any, has its own verb)."""
    tok = doc[start]
    return (
        end - start == 1
        and tok.lemma_.lower() == "take"
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    )


def _news_of_its_own(trig: Trigger) -> bool:
    """A strategic development that codes whatever its context (no conditions), and is no one's outcome."""
    return trig.sub_event_type in BACKGROUNDED_NEWS and not trig.weak and not trig.needs and not trig.requires


def _ground_combat(doc: Any) -> bool:
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


def told_as_background(anchor: Any) -> bool:
    """ "after clashes", "following an ambush", "amid fighting", "after militants stormed the town": the
    trigger is inside a phrase or clause that dates the main clause by it."""
    head = anchor.head
    if anchor.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in BACKGROUND_PREPS:
        return True
    return anchor.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in BACKGROUND_PREPS for c in anchor.children
    )


def _factual(doc: Any, start: int, end: int, trig: Trigger) -> bool:
    anchor = _anchor(doc, start, end)
    if trig.pos and anchor.pos_ not in trig.pos:
        return False
    reason = non_factual_reason(anchor)
    if reason == "infinitive" and trig.sub_event_type.event_type is EventType.PROTESTS:
        # "workers gathered to protest", "began a strike to protest": protesting is the purpose of an act
        # that happened, so the protest happened; "threatened to protest" is caught by the intent verb.
        head = anchor.head
        return (
            anchor.dep_ in ("advcl", "xcomp")
            and head.i != anchor.i
            and head.lemma_.lower() not in INTENT_VERBS
            and non_factual_reason(head) is None
        )
    return reason is None


def _attempted_capture(doc: Any, start: int, end: int, trig: Trigger) -> bool:
    """ "forces attempted to take the town", "a bid to retake the base": a capture tried, itself factual.
    So is a dispersal tried: "police attempted to disperse the march" intervened in a march that took
    place (ACLED: any physical attempt to disperse is an intervention); and so is an ambush or an
    assassination tried ("attempted to ambush a minibus"): the attempt is the violence."""
    if trig.idiom:
        return False
    tried = trig.sub_event_type in _TERRITORY or trig.id in ATTEMPTS_TOLD
    if trig.sub_event_type is SubEventType.PROTEST_WITH_INTERVENTION or tried:
        return _attempted(doc, start, end, trig)
    return False


def _attempted(doc: Any, start: int, end: int, trig: Trigger) -> bool:
    anchor = _anchor(doc, start, end)
    if trig.pos and anchor.pos_ not in trig.pos:
        return False
    head = anchor.head
    return (
        non_factual_reason(anchor)
        in ("infinitive", f"intent:{head.lemma_.lower()}", f"purpose:{head.lemma_.lower()}")
        and anchor.dep_ in ("xcomp", "acl")
        and head.lemma_.lower() in ATTEMPT_WORDS
        and non_factual_reason(head) is None
    )


# Attacks whose attempt is itself violence ACLED codes, typed as the act would be: "attempted to ambush a
# minibus" (travellers attacked), "tried to assassinate a police officer" (an armed target attacked).
ATTEMPTS_TOLD = frozenset({"ambush", "assassination"})
# What a capture tried may be aimed at besides ground: premises or an armed post ("attempted to overtake a
# police station") are fought for all the same.
_ATTEMPT_TARGETS = (Condition("object", "facility"), Condition("object", "armed_target"))


def _as_attempt(trig: Trigger) -> Trigger:
    # keep `needs` (a place, premises or an armed post must be at stake) but drop refinements that read a
    # change of control
    return dataclasses.replace(
        trig,
        id=f"{trig.id}-attempt",
        sub_event_type=SubEventType.ARMED_CLASH,
        refine=(),
        needs=(*trig.needs, *_ATTEMPT_TARGETS) if trig.needs else trig.needs,
    )


def clause_verb(anchor: Any) -> Any:
    """The verb of the clause a trigger sits in (for dates and places attached to the clause)."""
    return verb_of(anchor)
