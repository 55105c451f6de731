"""Report how each outlet (or each document, when its outlet is unknown) frames a conflict.

A "derive" step over stored documents: the actors stage (polemos.stages.actors) is run again on each text
(it needs no parse), and its framing (polemos.stages.framing) says which camp the writer speaks for and
why. Per outlet the report gives the side it leans to, the cue words that decided it, and the labels it
uses for each actor ("warlord Khalifa Haftar", "the Libyan army"), counted. Reader: `polemos framing`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from polemos.knowledge.actors import ActorKB
from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import Document
from polemos.stages.actors import DocumentActors, FramingCue
from polemos.stages.doc_country import document_focus

__all__ = [
    "ActorLabels",
    "CueCount",
    "DocumentFraming",
    "FramingReport",
    "Label",
    "frame_document",
    "framing_reports",
    "report_to_json",
]

_ARTICLES = ("the ", "a ", "an ")


@dataclass(frozen=True)
class Label:
    """A wording a report uses for an actor, how often, and the rule that read it (the first time)."""

    text: str
    count: int
    rule: str


@dataclass(frozen=True)
class ActorLabels:
    """The labels used for one actor, most frequent first."""

    actor: str
    labels: tuple[Label, ...]

    @property
    def mentions(self) -> int:
        return sum(label.count for label in self.labels)


@dataclass(frozen=True)
class DocumentFraming:
    """One document's framing: the side it speaks for (None: neutral), its cues and its actor labels."""

    document_id: str
    outlet: str | None
    side: str | None
    scores: tuple[tuple[str, float], ...]
    cues: tuple[FramingCue, ...]
    actors: tuple[ActorLabels, ...]


@dataclass(frozen=True)
class CueCount:
    """A framing cue word as used by one outlet: the side it counts for, how often, its total weight."""

    text: str
    side: str
    count: int
    weight: float
    rule: str  # the rule of its first use, e.g. "pejorative:warlord->Khalifa Haftar"


@dataclass(frozen=True)
class FramingReport:
    """How one outlet (or one document of unknown outlet) frames the conflict."""

    key: str  # the outlet, or the document id
    is_outlet: bool
    documents: tuple[str, ...]
    side: str | None  # the side most of its documents lean to; None when neutral or split
    leanings: tuple[tuple[str, int], ...]  # side ("neutral" for none) -> documents
    scores: tuple[tuple[str, float], ...]  # side -> summed cue weights
    cues: tuple[CueCount, ...]
    actors: tuple[ActorLabels, ...]


def _label_text(text: str) -> str:
    for article in _ARTICLES:
        if text.lower().startswith(article):
            return text[len(article) :]
    return text


def _labels(mentions: Iterable[tuple[str, str, str]]) -> tuple[ActorLabels, ...]:
    """Count (actor, wording, rule) triples into labels per actor; case and articles do not split labels."""
    counts: dict[str, Counter[str]] = {}
    shown: dict[tuple[str, str], tuple[str, str]] = {}
    for actor, text, rule in mentions:
        key = _label_text(" ".join(text.split())).casefold()
        counts.setdefault(actor, Counter())[key] += 1
        shown.setdefault((actor, key), (_label_text(" ".join(text.split())), rule))
    out = [
        ActorLabels(
            actor,
            tuple(Label(shown[(actor, k)][0], n, shown[(actor, k)][1]) for k, n in c.most_common()),
        )
        for actor, c in counts.items()
    ]
    return tuple(sorted(out, key=lambda a: (-a.mentions, a.actor)))


def _focus(text: str, kb: ActorKB, gazetteer: Gazetteer, year: int | None) -> str | None:
    """Return the conflict's country as the pipeline reads it (stages/doc_country.py)."""
    return document_focus(text, gazetteer, kb, year)


def frame_document(document: Document, kb: ActorKB, gazetteer: Gazetteer) -> DocumentFraming:
    """Return a document's framing and the labels it uses for each actor (pronouns left out)."""
    year = document.published.year if document.published else None
    focus = _focus(document.text, kb, gazetteer, year)
    actors = DocumentActors.build(document.text, kb, country=focus, year=year)
    labels = _labels(
        (m.actor.name, m.text, m.rule) for m in actors.mentions if not m.rule.startswith("coref:")
    )
    framing = actors.framing
    scores = tuple(sorted(framing.scores.items(), key=lambda kv: (-kv[1], kv[0])))
    return DocumentFraming(document.id, document.outlet, framing.side, scores, framing.cues, labels)


def _cue_counts(documents: Sequence[DocumentFraming]) -> tuple[CueCount, ...]:
    counts: dict[tuple[str, str], list[float]] = {}
    first: dict[tuple[str, str], FramingCue] = {}
    for d in documents:
        for c in d.cues:
            key = (c.text.casefold(), c.side)
            counts.setdefault(key, []).append(c.weight)
            first.setdefault(key, c)
    out = [
        CueCount(first[key].text, key[1], len(ws), round(sum(ws), 3), first[key].rule)
        for key, ws in counts.items()
    ]
    return tuple(sorted(out, key=lambda c: (-c.weight, c.text, c.side)))


def _report(key: str, is_outlet: bool, documents: Sequence[DocumentFraming]) -> FramingReport:
    leanings = Counter(d.side or "neutral" for d in documents)
    taken = Counter({side: n for side, n in leanings.items() if side != "neutral"}).most_common()
    side = taken[0][0] if taken and (len(taken) == 1 or taken[0][1] > taken[1][1]) else None
    scores: dict[str, float] = {}
    for d in documents:
        for s, w in d.scores:
            scores[s] = scores.get(s, 0.0) + w
    labels = _labels(
        (a.actor, label.text, label.rule)
        for d in documents
        for a in d.actors
        for label in a.labels
        for _ in range(label.count)
    )
    return FramingReport(
        key=key,
        is_outlet=is_outlet,
        documents=tuple(d.document_id for d in documents),
        side=side,
        leanings=tuple(sorted(leanings.items(), key=lambda kv: (-kv[1], kv[0]))),
        scores=tuple((s, round(w, 3)) for s, w in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))),
        cues=_cue_counts(documents),
        actors=labels,
    )


def framing_reports(
    documents: Iterable[Document], kb: ActorKB, gazetteer: Gazetteer, *, by_outlet: bool = True
) -> list[FramingReport]:
    """Return one framing report per outlet (documents without one: per document), or per document."""
    groups: dict[tuple[str, bool], list[DocumentFraming]] = {}
    for doc in documents:
        framed = frame_document(doc, kb, gazetteer)
        key = (doc.outlet, True) if by_outlet and doc.outlet else (doc.id, False)
        groups.setdefault(key, []).append(framed)
    return [_report(key, is_outlet, docs) for (key, is_outlet), docs in sorted(groups.items())]


def report_to_json(report: FramingReport) -> dict[str, object]:
    """Return a report as a JSON object."""
    return {
        "outlet" if report.is_outlet else "document": report.key,
        "documents": list(report.documents),
        "side": report.side,
        "leanings": dict(report.leanings),
        "scores": dict(report.scores),
        "cues": [
            {"text": c.text, "side": c.side, "count": c.count, "weight": c.weight, "rule": c.rule}
            for c in report.cues
        ],
        "actors": [
            {
                "actor": a.actor,
                "labels": [{"text": lb.text, "count": lb.count, "rule": lb.rule} for lb in a.labels],
            }
            for a in report.actors
        ],
    }
