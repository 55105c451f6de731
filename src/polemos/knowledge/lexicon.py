"""Load and check the event-trigger lexicon (packaged `triggers.yaml` plus user files) for extraction."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from polemos.errors import KnowledgeError
from polemos.taxonomy import SubEventType

CONDITION_KINDS = ("object", "victims", "actor1", "context")
# Particles of phrasal verbs that may stand apart from their verb, after its object ("pushed the rebels
# back", "blew the bridge up"): a two-word trigger phrase ending in one also matches so split.
SPLIT_PARTICLES = frozenset({"out", "back", "off", "up", "down", "over", "away"})
# Phrase tails that tell a killing's manner after the victim ("clubbed a man to death", "buried her
# alive"): a phrase of a verb and one of these matches with the object between.
SPLIT_TAILS = frozenset({("to", "death"), ("alive",)})
# How far after the verb such a tail may stand ("beat the 23-year-old trader to death").
SPLIT_TAIL_REACH = 8
_VICTIMS = ("civilian", "armed")
_ACTOR1 = ("state", "nonstate")


@dataclass(frozen=True)
class Condition:
    """`kind:value`, e.g. object:weapon, victims:civilian, actor1:state, context:lethal."""

    kind: str
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class Refinement:
    when: Condition
    sub_event_type: SubEventType
    # more conditions that must hold with `when` (a list in the file: all of them)
    also: tuple[Condition, ...] = ()

    def __str__(self) -> str:
        return "+".join(str(c) for c in (self.when, *self.also))


@dataclass(frozen=True)
class Trigger:
    id: str
    sub_event_type: SubEventType
    phrases: tuple[tuple[str, ...], ...]  # lemma sequences
    refine: tuple[Refinement, ...] = ()
    # The trigger codes only if one of these holds (none: always).
    needs: tuple[Condition, ...] = ()
    # ... and only if all of these hold (a crowd's blockade needs a road blocked AND a crowd).
    requires: tuple[Condition, ...] = ()
    weak: bool = False
    confidence: float = 0.6
    # Parts of speech the trigger word may have here ("control" the noun, not "government-controlled");
    # empty: any.
    pos: frozenset[str] = frozenset()
    # An idiom that contains a trigger word but names no event ("take place", "take part"): matched like a
    # trigger so that it consumes its words, then dropped.
    idiom: bool = False


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    classes: Mapping[str, frozenset[str]]
    # first lemma -> [(phrase, trigger)], longest phrases first, for a linear scan of a sentence
    index: Mapping[str, tuple[tuple[tuple[str, ...], Trigger], ...]]
    # word -> the classes that list it (the inverse of `classes`, for reading a word's classes); made with
    # the lexicon (build_lexicon), not cached on first read: the compiled build has no cached_property
    word_classes: Mapping[str, frozenset[str]]

    def in_class(self, lemma: str, cls: str) -> bool:
        return lemma in self.classes.get(cls, frozenset())


def _word_classes(classes: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for cls, words in classes.items():
        for word in words:
            out.setdefault(word, set()).add(cls)
    return {word: frozenset(found) for word, found in out.items()}


def _fail(path: str, where: str, msg: str) -> KnowledgeError:
    return KnowledgeError(
        f"{path}: {where}: {msg}. Fix the entry (see the layout at the top of triggers.yaml)."
    )


def _condition(raw: object, path: str, where: str, classes: Mapping[str, frozenset[str]]) -> Condition:
    if not isinstance(raw, str) or ":" not in raw:
        raise _fail(path, where, f"condition {raw!r} is not 'kind:value'")
    kind, value = raw.split(":", 1)
    if kind not in CONDITION_KINDS:
        raise _fail(path, where, f"unknown condition kind {kind!r}; use one of {', '.join(CONDITION_KINDS)}")
    if kind in ("object", "context") and value not in classes:
        raise _fail(path, where, f"condition {raw!r} names no word class in `classes`")
    if (kind == "victims" and value not in _VICTIMS) or (kind == "actor1" and value not in _ACTOR1):
        raise _fail(path, where, f"condition {raw!r} has an unknown value")
    return Condition(kind, value)


def _conditions(
    raw: object, path: str, where: str, classes: Mapping[str, frozenset[str]]
) -> tuple[Condition, ...]:
    """One condition or a list of them (`needs`, `requires`)."""
    items = [raw] if isinstance(raw, str) else raw or []
    if not isinstance(items, list):
        raise _fail(path, where, f"conditions {raw!r} must be a string or a list")
    return tuple(_condition(n, path, where, classes) for n in items)


def _refinement(raw: object, path: str, where: str, classes: Mapping[str, frozenset[str]]) -> Refinement:
    if not isinstance(raw, Mapping):
        raise _fail(path, where, f"refinement {raw!r} is not a mapping with `when` and `sub_event_type`")
    when = _conditions(raw.get("when"), path, where, classes)
    if not when:
        raise _fail(path, where, "a refinement needs a `when` condition")
    return Refinement(when[0], _sub_event(raw.get("sub_event_type"), path, where), when[1:])


def _sub_event(raw: object, path: str, where: str) -> SubEventType:
    try:
        return SubEventType(str(raw))
    except ValueError:
        raise _fail(path, where, f"{raw!r} is not an ACLED sub-event type") from None


def parse_lexicon(data: Mapping[str, object], path: str) -> tuple[list[Trigger], dict[str, frozenset[str]]]:
    """Check one lexicon file's content and return its triggers and word classes."""
    raw_classes = data.get("classes") or {}
    if not isinstance(raw_classes, Mapping):
        raise _fail(path, "classes", "must be a mapping of class name -> list of lemmas")
    classes = {str(k): frozenset(str(w).lower() for w in v) for k, v in raw_classes.items()}
    triggers: list[Trigger] = []
    raw_triggers = data.get("triggers") or []
    if not isinstance(raw_triggers, list):
        raise _fail(path, "triggers", "must be a list")
    for i, t in enumerate(raw_triggers):
        if not isinstance(t, Mapping) or "id" not in t or "phrases" not in t:
            raise _fail(path, f"triggers[{i}]", "needs at least `id`, `sub_event_type` and `phrases`")
        where = f"trigger {t['id']!r}"
        refine = tuple(_refinement(r, path, where, classes) for r in t.get("refine") or [])
        needs = _conditions(t.get("needs"), path, where, classes)
        requires = _conditions(t.get("requires"), path, where, classes)
        phrases = tuple(tuple(str(p).lower().split()) for p in t["phrases"])
        if not phrases or any(not p for p in phrases):
            raise _fail(path, where, "`phrases` must be a non-empty list of non-empty strings")
        triggers.append(
            Trigger(
                id=str(t["id"]),
                sub_event_type=_sub_event(t.get("sub_event_type"), path, where),
                phrases=phrases,
                refine=refine,
                needs=needs,
                requires=requires,
                weak=bool(t.get("weak", False)),
                confidence=float(t.get("confidence", 0.6)),
                pos=frozenset(str(p).upper() for p in t.get("pos") or ()),
            )
        )
    raw_idioms = data.get("idioms") or []
    if not isinstance(raw_idioms, list) or not all(isinstance(p, str) and p.split() for p in raw_idioms):
        raise _fail(path, "idioms", "must be a list of non-empty lemma phrases")
    if raw_idioms:
        phrases = tuple(tuple(p.lower().split()) for p in raw_idioms)
        triggers.append(Trigger("idiom", SubEventType.OTHER, phrases, idiom=True))
    return triggers, classes


def _read_yaml(text: str, path: str) -> Mapping[str, object]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, Mapping):
        raise KnowledgeError(f"{path}: expected a mapping with `classes` and `triggers`")
    return data


def build_lexicon(triggers: Sequence[Trigger], classes: Mapping[str, frozenset[str]]) -> Lexicon:
    entries: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}
    for trig in triggers:
        for phrase in trig.phrases:
            entries.setdefault(phrase[0], []).append((phrase, trig))
    index = {k: tuple(sorted(v, key=lambda pt: -len(pt[0]))) for k, v in entries.items()}
    return Lexicon(tuple(triggers), dict(classes), index, _word_classes(classes))


@functools.cache
def _packaged() -> tuple[list[Trigger], dict[str, frozenset[str]]]:
    ref = resources.files("polemos.knowledge").joinpath("data/triggers.yaml")
    return parse_lexicon(_read_yaml(ref.read_text(encoding="utf-8"), "triggers.yaml"), "triggers.yaml")


def load_lexicon(extra_files: Sequence[Path] = ()) -> Lexicon:
    """Return the packaged lexicon, extended by user files (their classes add words, triggers add entries)."""
    triggers, classes = _packaged()
    triggers = list(triggers)
    merged = {k: set(v) for k, v in classes.items()}
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"{path}: cannot read lexicon file: {exc.strerror}") from exc
        data = _read_yaml(text, str(path))
        known = {k: frozenset(v) for k, v in merged.items()}
        extra_classes = data.get("classes") or {}
        if isinstance(extra_classes, Mapping):
            for k, v in extra_classes.items():
                known = {**known, str(k): known.get(str(k), frozenset()) | {str(w).lower() for w in v}}
        more, more_classes = parse_lexicon({**data, "classes": known}, str(path))
        triggers.extend(more)
        for k, v in more_classes.items():
            merged.setdefault(k, set()).update(v)
    return build_lexicon(triggers, {k: frozenset(v) for k, v in merged.items()})
