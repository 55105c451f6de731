"""Find event triggers in a parsed sentence and settle their ACLED sub-event type from context
(extract stage): lexicon match on lemmas, then the candidate triggers of a sentence with the classes of
what they act on. Victims, objects, filters and factuality live in polemos.stages.victims,
trigger_objects, trigger_filters and trigger_factuality.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from polemos.knowledge.lexicon import (
    SPLIT_PARTICLES,
    SPLIT_TAIL_REACH,
    Condition,
    Lexicon,
    Trigger,
)
from polemos.stages.crowd_force import disperses_the_told
from polemos.stages.token_view import view
from polemos.stages.trigger_factuality import TERRITORY, as_attempt, attempted_capture, factual
from polemos.stages.trigger_filters import (
    DECREE_TRIGGER,
    carried_to,
    clash_of_words,
    contested_control,
    decreed,
    harm_instrument,
    harms_only_oneself,
    in_relative_clause,
    news_of_its_own,
    takes_back_stolen,
    told_as_background,
)
from polemos.stages.trigger_objects import (
    crowd_doers,
    ground_combat,
    held_by_armed,
    named_ground,
    object_tokens,
    phrase_anchor,
    takes_ground_only,
)
from polemos.stages.victims import former, harms_people, headline_participle
from polemos.taxonomy import EventType, SubEventType


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
    tail = _split_tail(verb)
    if tail is not None:
        for key in dict.fromkeys(keys):
            for phrase, trig in lexicon.index.get(key, ()):
                if phrase[1:] == tail:
                    return trig
    if not particles:
        return None
    for key in dict.fromkeys(keys):
        for phrase, trig in lexicon.index.get(key, ()):
            if len(phrase) == 2 and phrase[1] in particles:
                return trig
    return None


# Verbs of demonstrating, told of people as a participle or a relative clause ("striking workers",
# "students who were protesting").
_DEMONSTRATING = frozenset({"protest", "demonstrate", "strike", "march", "picket", "rally"})


def _demonstrating(tok: Any) -> bool:
    """ "striking workers", "students who were protesting", "youths protesting the tax": people told
    as demonstrating."""
    return any(
        c.lemma_.lower() in _DEMONSTRATING
        and (c.dep_ in ("relcl", "acl") or (c.dep_ == "amod" and c.tag_ == "VBG"))
        for c in tok.children
    )


def _split_tail(verb: Any) -> tuple[str, ...] | None:
    """ "clubbed a man to death", "buried her alive": the words of a killing's manner (lexicon
    SPLIT_TAILS) attached to the verb after its object."""
    for c in verb.children:
        if not verb.i + 1 < c.i <= verb.i + SPLIT_TAIL_REACH:
            continue
        if c.lower_ == "to" and any(g.dep_ == "pobj" and g.lower_ == "death" for g in c.children):
            return ("to", "death")
        if c.lower_ == "alive":
            return ("alive",)
    return None


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


# Pronouns that stand only for a person (not "it", "they": a town or a unit): what a capture verb takes
# when it takes one of them is a person ("he was taken by members of the tribe", "seized her").
PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her"})
_PERSON = Condition("object", "person")


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
        if not harm_instrument(phrase_anchor(doc, s[0], s[1]))
        and not carried_to(doc, s[0], s[1])
        and not harms_only_oneself(phrase_anchor(doc, s[0], s[1]))
        and not (s[2].sub_event_type in TERRITORY and takes_back_stolen(phrase_anchor(doc, s[0], s[1])))
        and not (s[2].sub_event_type in TERRITORY and contested_control(phrase_anchor(doc, s[0], s[1])))
        and not (s[2].id == "clash-verb" and clash_of_words(phrase_anchor(doc, s[0], s[1]), lexicon))
        and not (s[2].id == DECREE_TRIGGER and not decreed(phrase_anchor(doc, s[0], s[1])))
    ]
    usable = [s for s in spans if not s[2].idiom and factual(doc, s[0], s[1], s[2])]
    usable += [
        (a, b, t if t.sub_event_type not in TERRITORY else as_attempt(t))
        for a, b, t in spans
        if attempted_capture(doc, a, b, t)
    ]
    usable.sort(key=lambda s: s[0])
    # A trigger in a relative clause describes something else ("killed a member who had defected", "mines
    # which militias used to explode mosques"); it codes only when no trigger of the main clause codes,
    # and it must not hide a weak trigger of the main clause either (the extract stage tries it last).
    main = [s for s in usable if not in_relative_clause(phrase_anchor(doc, s[0], s[1]))]
    relative = [s for s in usable if s not in main] if main else []
    usable = main or usable
    # "signed a peace deal after clashes in the area", "defected to the army after clashes": what a
    # strategic development is placed after (or amid) is its background, told as known; the agreement or
    # the defection is the news ACLED codes. Other news placed after violence is often its outcome
    # ("retreated following a bombardment", "killed after clashes broke out"): the violence is the event.
    foreground = [s for s in usable if not told_as_background(phrase_anchor(doc, s[0], s[1]))]
    if any(news_of_its_own(t) for _, _, t in foreground):
        usable = foreground
    # Weak triggers are returned too: the extract stage codes them only when no strong trigger of the
    # sentence codes. A strong trigger that is planned or denied ("vowed to attack") is not usable here,
    # and one whose conditions fail there ("captured three" names no place) must not hide the weak one.
    # "Other" found by inference (bodies found) is ACLED's catch-all: it codes only what nothing else
    # explains. One told by a word of its own ("declared a state of emergency", "a coup") is news itself.
    chosen = [
        s for s in usable if s[2].sub_event_type is not SubEventType.OTHER or news_of_its_own(s[2])
    ] or usable
    fallback = {s[0] for s in relative}
    chosen += relative
    ground = ground_combat(doc)
    hits: list[TriggerHit] = []
    for start, end, trig in chosen:
        anchor = phrase_anchor(doc, start, end)
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
            if not (cls == "person" and o.i in losers) and not (cls == "armed_target" and former(o))
        }
        pronoun = any(o.pos_ == "PRON" and o.lower_ in PERSONAL_PRONOUNS for o in objs)
        if pronoun and _PERSON not in trig.needs:
            # "he was taken by tribesmen": a person taken is abducted, not ground; a pronoun retypes a deed
            # but does not prove one ("critics attacked him" is words)
            classes.add("person")
        if any(o.like_num for o in objs):
            classes.add("count")  # "arrested 45", "detained over 200": a mass arrest told by its number
        if any(o.i in place_token_ids or o.ent_type_ in ("GPE", "LOC", "FAC") for o in objs) or (
            takes_ground_only(doc, start, end, lexicon)
            and any(named_ground(o) or "urban_ground" in word_classes.get(o.lemma_.lower(), ()) for o in objs)
        ):
            classes.add("place")
        if trig.id.startswith("territory") and held_by_armed(objs):
            classes.add("armed_held")  # "seized the headquarters of Gaddafi forces": ground won from them
        if any(o.tag_ in ("NNS", "NNPS") for o in objs):
            classes.add("plural")  # "seized six police officers": a group taken (lexicon: plural)
        if ground:
            classes.add("ground_combat")  # the sentence's air strikes backed a ground fight
        if any(map(_demonstrating, objs)):
            classes.add("protesting")  # "arrested workers who were striking" (lexicon: protesting)
        if disperses_the_told(anchor, objs):
            classes.add("gathering")  # "fired tear gas to disperse them": the crowd just told
        if harms_people(anchor, objs, lexicon):
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
    return _coordinated_violence(hits, lexicon)


def _coordinated_violence(hits: list[TriggerHit], lexicon: Lexicon) -> list[TriggerHit]:
    """ACLED's hierarchy in one clause: "rebels attacked and torched an army base", "the post was attacked
    and set on fire", "killed and dismembered a police captain" tell one event by two coordinated verbs. A
    weak verb of violence coordinated with the verb of a strategic development (looting, arrest) or of
    violence against civilians (a brutal killing, an abduction) codes beside it, as a strong one would,
    and the sentence's merge keeps the higher type (a fight, when armed men were its target); alone, the
    lower type would hide it. Protest and riot verbs are left alone: "marched and attacked the police" is
    the crowd's riot, not a battle."""
    lower = {h.anchor.i for h in hits if not h.trigger.weak and _codes_lower_type(h.trigger)}
    if not lower:
        return _destruction_in_an_attack(hits, lexicon)
    out = []
    for h in hits:
        a = h.anchor
        if (
            h.trigger.weak
            and h.sub_event_type.event_type in _ARMED_VIOLENCE
            and a.pos_ == "VERB"
            and ((a.dep_ == "conj" and a.head.i in lower)
                 or any(c.dep_ == "conj" and c.i in lower for c in a.children))
        ):  # fmt: skip
            h = replace(h, trigger=replace(h.trigger, weak=False))
        out.append(h)
    return _destruction_in_an_attack(out, lexicon)


def _destruction_in_an_attack(hits: list[TriggerHit], lexicon: Lexicon) -> list[TriggerHit]:
    """ "A group attacked a lecturer, smashed up equipment and threatened students": property destroyed
    by the verb coordinated with an attack on a person is part of that attack (one event, ACLED's higher
    type), not a crowd's riot because the victims' words ("students") are a crowd's too. The destruction
    takes the attacked person as its object, which its trigger reads as an attack (lexicon: looting). Only
    a doer told as the attack's subject and the destruction's too: a crowd's beating and burning ("angry
    residents beat a thief and torched his shop") stays the crowd's, and "officers were wounded and
    buildings were plundered" tells two deeds of no one named."""
    attacks = {
        h.anchor.i
        for h in hits
        if not h.trigger.weak
        and h.sub_event_type is SubEventType.ATTACK  # not an abduction: its looting stays a lower type
        and "person" in h.object_classes
        and h.anchor.pos_ == "VERB"
        and any(c.dep_ == "nsubj" for c in h.anchor.children)  # its doer told, and not as a crowd
        and not crowd_doers(h.anchor, lexicon)
    }
    if not attacks:
        return hits
    out = []
    for h in hits:
        a = h.anchor
        if (
            h.sub_event_type.event_type is EventType.RIOTS
            and a.pos_ == "VERB"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children)  # the attack's own doers
            and ((a.dep_ == "conj" and a.head.i in attacks) or any(c.i in attacks for c in a.conjuncts))
        ):
            h = replace(h, object_classes=h.object_classes | {"person"})
        out.append(h)
    return out


SD = EventType.STRATEGIC_DEVELOPMENTS


# What a weak verb of violence codes by default ("attacked", "killed", "struck"); a crowd's verbs ("forced
# their way in") are left to their own conditions.
_ARMED_VIOLENCE = frozenset({EventType.BATTLES, EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.EXPLOSIONS})
# The event types under a battle that a coordinated verb of violence outranks.
_OUTRANKED = frozenset({SD, EventType.VIOLENCE_AGAINST_CIVILIANS})


def _codes_lower_type(trig: Trigger) -> bool:
    """Whether the trigger codes violence against civilians or a strategic development (looting does, by
    armed men); not a crowd's words ("protested", "rioted"), whose violence is the crowd's."""
    refined = {r.sub_event_type.event_type for r in trig.refine}
    default = trig.sub_event_type.event_type
    if default is EventType.PROTESTS or (default is EventType.RIOTS and SD not in refined):
        return False
    return bool({default, *refined} & _OUTRANKED)
