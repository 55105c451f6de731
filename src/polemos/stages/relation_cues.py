"""Relation cue tables: load and schema-check knowledge/data/relations.yaml into compiled cue patterns.

The relations stage (polemos.stages.relations) reads the cues ("backed by", "liberated") and the word lists
that decide what may stand between a cue and its ends; analysts extend them with their own YAML files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from polemos.errors import KnowledgeError
from polemos.knowledge.phrases import fold
from polemos.model import RelationKind

__all__ = ["SHAPES", "WORD", "CuePattern", "RelationCues", "load_relation_cues"]

SHAPES = ("active", "passive", "between", "modifier", "title")
_LISTS = ("subject_fillers", "object_stops", "negation", "modality", "to_after", "hedges", "recognition")
_TOP = frozenset({"cues", *_LISTS})
_CUE_FIELDS = frozenset({"kind", "shape", "patterns", "confidence", "change"})
_PACKAGED = "relations.yaml"
WORD = re.compile(r"[^\W\d_]+")  # a word of letters: how cue lists, gaps and windows are split


@dataclass(frozen=True)
class CuePattern:
    """One cue phrase: the relation it states, where its two ends stand, and how surely it states it."""

    kind: RelationKind
    shape: str
    pattern: str  # as written in the file
    regex: re.Pattern[str]
    confidence: float
    change: bool = False  # a change of hands ("liberated"): it overrides a standing holder in its sentence


@dataclass(frozen=True)
class RelationCues:
    """The cue patterns and the word lists that decide what may stand between a cue and its ends."""

    patterns: tuple[CuePattern, ...]
    subject_fillers: frozenset[str]
    object_stops: frozenset[str]
    negation: tuple[tuple[str, ...], ...]  # folded word sequences
    modality: tuple[tuple[str, ...], ...]
    to_after: frozenset[str]
    hedges: frozenset[str]
    recognition: frozenset[str]  # folded


def _fail(path: str, where: str, msg: str) -> KnowledgeError:
    return KnowledgeError(
        f"{path}: {where}: {msg}. Fix it (the layout is described at the top of relations.yaml)."
    )


def _spaced(pattern: str) -> str:
    return pattern.replace(" ", r"\s+")


def _compile(pattern: str, shape: str, path: str, where: str) -> re.Pattern[str]:
    body = pattern.strip()
    if shape == "modifier":
        if not body.startswith("-"):
            raise _fail(path, where, f"modifier pattern {pattern!r} must start with a hyphen ('-backed')")
        source = r"(?<=\w)-" + _spaced(body[1:]) + r"(?![\w-])"
    else:
        source = r"(?<![\w-])" + _spaced(body) + r"(?![\w-])"
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise _fail(path, where, f"pattern {pattern!r} is not a valid regular expression ({exc})") from exc


def _words(raw: object, path: str, name: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise _fail(path, name, "expected a list of words or phrases")
    return [w.strip() for w in raw]


def _parse(data: object, path: str) -> tuple[list[CuePattern], dict[str, list[str]]]:
    if data is None:
        return [], {}
    if not isinstance(data, Mapping):
        raise KnowledgeError(f"{path}: expected a mapping with sections such as `cues`")
    unknown = set(data) - _TOP
    if unknown:
        raise _fail(path, "top level", f"unknown section(s) {sorted(map(str, unknown))}; use {sorted(_TOP)}")
    cues: list[CuePattern] = []
    raw_cues = data.get("cues", [])
    if not isinstance(raw_cues, list):
        raise _fail(path, "cues", "expected a list of cue groups")
    kinds = {k.value for k in RelationKind}
    for i, group in enumerate(raw_cues):
        where = f"cues[{i}]"
        if not isinstance(group, Mapping):
            raise _fail(path, where, "expected a mapping with kind, shape, patterns, confidence")
        extra = set(group) - _CUE_FIELDS
        if extra:
            raise _fail(path, where, f"unknown field(s) {sorted(map(str, extra))}; use {sorted(_CUE_FIELDS)}")
        kind, shape, confidence = group.get("kind"), group.get("shape"), group.get("confidence", 0.8)
        if kind not in kinds:
            raise _fail(path, where, f"`kind` {kind!r} is not one of {sorted(kinds)}")
        if shape not in SHAPES:
            raise _fail(path, where, f"`shape` {shape!r} is not one of {list(SHAPES)}")
        if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 < confidence <= 1:
            raise _fail(path, where, f"`confidence` {confidence!r} must be a number in (0, 1]")
        change = group.get("change", False)
        if not isinstance(change, bool):
            raise _fail(path, where, "`change` must be true or false")
        for p in _words(group.get("patterns"), path, f"{where}.patterns"):
            regex = _compile(p, str(shape), path, f"{where}.patterns")
            cues.append(CuePattern(RelationKind(kind), str(shape), p, regex, float(confidence), change))
    lists = {name: _words(data[name], path, name) for name in _LISTS if name in data}
    return cues, lists


def _read(text: str, path: str) -> tuple[list[CuePattern], dict[str, list[str]]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    return _parse(data, path)


def _phrases(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(WORD.findall(fold(w).replace("n't", " not"))) for w in words)


def _merge(parts: Sequence[tuple[list[CuePattern], dict[str, list[str]]]]) -> RelationCues:
    cues = [c for p, _ in parts for c in p]
    lists: dict[str, list[str]] = {name: [] for name in _LISTS}
    for _, found in parts:
        for name, words in found.items():
            lists[name].extend(words)
    return RelationCues(
        patterns=tuple(cues),
        subject_fillers=frozenset(fold(w) for w in lists["subject_fillers"]),
        object_stops=frozenset(fold(w) for w in lists["object_stops"]),
        negation=_phrases(lists["negation"]),
        modality=_phrases(lists["modality"]),
        to_after=frozenset(fold(w) for w in lists["to_after"]),
        hedges=frozenset(fold(w) for w in lists["hedges"]),
        recognition=frozenset(fold(w) for w in lists["recognition"]),
    )


@functools.cache
def _packaged() -> tuple[list[CuePattern], dict[str, list[str]]]:
    ref = resources.files("polemos.knowledge").joinpath(f"data/{_PACKAGED}")
    return _read(ref.read_text(encoding="utf-8"), _PACKAGED)


@functools.cache
def _packaged_cues() -> RelationCues:
    return _merge([_packaged()])


def load_relation_cues(extra_files: Sequence[Path] = ()) -> RelationCues:
    """Return the packaged relation cues extended by user files (cached when there are none)."""
    if not extra_files:
        return _packaged_cues()
    parts = [_packaged()]
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"{path}: cannot read relation cue file: {exc.strerror}") from exc
        parts.append(_read(text, str(path)))
    return _merge(parts)
