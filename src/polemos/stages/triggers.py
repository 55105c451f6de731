"""Find event triggers in a parsed sentence and settle their ACLED sub-event type from context
(extract stage): lexicon match on lemmas, factuality check, object and victim classes, refinements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from polemos.knowledge.lexicon import Condition, Lexicon, Trigger
from polemos.stages.arguments import verb_of
from polemos.stages.modality import INTENT_VERBS, non_factual_reason
from polemos.taxonomy import EventType, SubEventType

# Words that name combatants; a victim so named makes "killed" a battle, not violence against civilians.
ARMED_WORDS = frozenset(
    {"soldier", "fighter", "militant", "troop", "militia", "militiaman", "policeman", "police", "officer",
     "insurgent", "rebel", "guard", "commander", "jihadist", "gunman", "army", "force", "personnel",
     "terrorist", "mercenary", "recruit", "serviceman", "combatant", "extremist", "taliban", "arbaki",
     "commando", "sniper", "infiltrator", "bodyguard", "policemen", "militiamen", "jawan"}
)  # fmt: skip
CIVILIAN_WORDS = frozenset(
    {"civilian", "child", "woman", "man", "resident", "villager", "teacher", "student", "journalist",
     "worker", "farmer", "worshipper", "passenger", "people", "boy", "girl", "family", "doctor", "nurse",
     "trader",
     "shopkeeper", "elder", "scholar", "cleric", "imam", "driver", "person", "pupil", "patient", "wife",
     "son", "daughter", "brother", "father", "mother", "businessman", "shepherd", "activist", "individual"}
)  # fmt: skip


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


def find_trigger_spans(doc: Any, lexicon: Lexicon) -> list[tuple[int, int, Trigger]]:
    """Longest lexicon matches over the sentence's lemmas (or lower-cased forms), left to right."""
    lemmas = [t.lemma_.lower() for t in doc]
    lowers = [t.lower_ for t in doc]
    out: list[tuple[int, int, Trigger]] = []
    i = 0
    while i < len(doc):
        best: tuple[int, Trigger] | None = None
        # The written form first, then the lemma: a fixed order keeps the coding deterministic.
        for key in dict.fromkeys((lowers[i], lemmas[i])):
            for phrase, trig in lexicon.index.get(key, ()):
                n = len(phrase)
                if i + n <= len(doc) and all(phrase[k] in (lemmas[i + k], lowers[i + k]) for k in range(n)):
                    if best is None or n > best[0]:
                        best = (n, trig)
                    break
        if best:
            out.append((i, i + best[0], best[1]))
            i += best[0]
        else:
            i += 1
    return out


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
        # "from": what a force is driven out of ("dislodged the militants from the town").
        if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "around", "in", "into", "at", "from"):
            objs.extend(p for p in c.children if p.dep_ == "pobj")
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ in ("dobj", "nsubjpass") and not objs:
        objs.append(anchor)
    if not objs and anchor.tag_ in ("VBD", "VBN") and anchor.dep_ == "amod":
        objs.append(anchor.head)  # a misparse seen on news text: "artillery captured(amod) hills"
    expanded: list[Any] = []
    for o in objs:
        expanded.append(o)
        expanded.extend(c for c in o.children if c.dep_ in ("compound", "amod", "conj", "appos"))
        for c in o.children:  # "the city of Tarhuna", "hills around Fattaih"
            if c.dep_ == "prep":
                expanded.extend(p for p in c.children if p.dep_ == "pobj")
    return expanded


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
    for ref in trigger.refine:
        if _holds(ref.when, lexicon, obj_classes, sentence_lemmas, victims, actor1_inter):
            return ref.sub_event_type, f"trigger:{trigger.id}+{ref.when}"
    if trigger.needs and not any(
        _holds(n, lexicon, obj_classes, sentence_lemmas, victims, actor1_inter) for n in trigger.needs
    ):
        return None
    return trigger.sub_event_type, f"trigger:{trigger.id}"


def victim_class(tokens: Sequence[Any], categories: Sequence[str]) -> str | None:
    """'civilian' or 'armed' for who was harmed, from the harmed tokens and their actor categories."""
    if any(c in ("state", "armed", "external") for c in categories):
        return "armed"
    if any(c == "civilian" for c in categories):
        return "civilian"
    # Written forms and a bare plural too: the tagger leaves unknown plurals as they are ("Arbakis").
    lemmas = {w for t in tokens for w in (t.lemma_.lower(), t.lower_, t.lower_.removesuffix("s"))}
    if lemmas & ARMED_WORDS:
        return "armed"
    if lemmas & CIVILIAN_WORDS:
        return "civilian"
    return None


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


def sentence_victims(doc: Any) -> list[Any]:
    """Tokens naming who was harmed anywhere in the sentence ("4 policemen were wounded in attacks")."""
    out: list[Any] = []
    for tok in doc:
        if tok.lemma_.lower() in HARM_VERBS:
            for c in tok.children:
                if c.dep_ in ("nsubjpass", "dobj") or (c.dep_ == "nsubj" and tok.lemma_.lower() == "die"):
                    out.append(c)
                    out.extend(g for g in c.children if g.dep_ in ("appos", "conj", "compound"))
    return out


def candidate_hits(doc: Any, lexicon: Lexicon, place_token_ids: frozenset[int]) -> list[TriggerHit]:
    """Factual triggers of the sentence (weak ones only when no other trigger is there), before refinement."""
    # A name that contains a trigger word is no trigger: "In March", "Operation Peace Storm".
    spans = [
        (a, b, t)
        for a, b, t in find_trigger_spans(doc, lexicon)
        # Acronyms are tagged PROPN too, yet "IED" or "RPG" is a weapon, not a name.
        if not (b - a == 1 and a > 0 and doc[a].pos_ == "PROPN" and not doc[a].text.isupper())
    ]
    usable = [s for s in spans if not s[2].idiom and _factual(doc, s[0], s[1], s[2])]
    # Weak triggers only when no factual strong one is there: a strong trigger that is only planned or
    # denied ("began a strike to ...", "vowed to attack") must not hide the event told by a weak one.
    chosen = [s for s in usable if not s[2].weak] or usable
    hits: list[TriggerHit] = []
    for start, end, trig in chosen:
        anchor = _anchor(doc, start, end)
        # A trigger in a relative clause describes something else ("mines which militias used to explode
        # mosques"); only keep it when it is the sentence's sole trigger.
        if anchor.dep_ == "relcl" and len(chosen) > 1:
            continue
        objs = object_tokens(anchor)
        classes = {cls for o in objs for cls, words in lexicon.classes.items() if o.lemma_.lower() in words}
        if any(o.i in place_token_ids or o.ent_type_ in ("GPE", "LOC", "FAC") for o in objs):
            classes.add("place")
        hits.append(
            TriggerHit(
                trig, trig.sub_event_type, start, end, anchor, f"trigger:{trig.id}", frozenset(classes)
            )
        )
    return hits


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


def clause_verb(anchor: Any) -> Any:
    """The verb of the clause a trigger sits in (for dates and places attached to the clause)."""
    return verb_of(anchor)
