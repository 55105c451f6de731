"""Run the coding pipeline on documents: annotate -> extract (actors, places, dates, fatalities) ->
aggregate, and the ingest loop that stores each document's events in one transaction.

    Coder(settings).code(document) -> list[Event]          pure: no storage
    ingest(paths, store, coder, ...) -> IngestReport       reads, codes, stores; bad input becomes Rejections
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from polemos.batch_country import BATCH_FLAG, BatchCountry
from polemos.config import Settings
from polemos.errors import StoreError
from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import load_gazetteer
from polemos.knowledge.lexicon import load_lexicon
from polemos.matmul import limit_blas_threads
from polemos.model import Document, Event, Rejection, Relation
from polemos.process_heap import settle_heap
from polemos.stages.actors import DocumentActors
from polemos.stages.aggregate import aggregate
from polemos.stages.annotate import (
    Selector,
    Sentence,
    TriggerFilter,
    load_nlp,
    may_hold_event,
    parse_batch,
    split_sentences,
    trigger_prefixes,
)
from polemos.stages.dates import find_dates
from polemos.stages.doc_country import document_country, document_focus
from polemos.stages.extract import extract_mentions
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_words import fatality_words
from polemos.stages.mention_context import INHERIT_WINDOW, SentenceFacts
from polemos.stages.place_words import place_words
from polemos.stages.places import find_places
from polemos.stages.relations import extract_relations
from polemos.storage.base import DocumentStatus, Store


class Coder:
    """The loaded pipeline: spaCy model, lexicon, actor knowledge base, gazetteer. Build once, reuse.

    `code_many` / `code_batch` code a batch of documents with one spaCy pass over the sentences of
    all of them that need a parse; `code` / `code_document` are the one-document forms.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_nlp(settings.model)
        self.lexicon = load_lexicon(settings.lexicon_files)
        self.prefixes = trigger_prefixes(self.lexicon)
        self.triggers = TriggerFilter(self.nlp, self.lexicon)
        self.actor_kb = load_actor_kb(settings.actor_files)
        self.gazetteer = load_gazetteer(settings.place_files)
        # Word lists the stages would otherwise read on first use: loading belongs here, not in the
        # first document's coding time.
        fatality_words()
        place_words()

    def actor_country(self, text: str, year: int | None) -> str | None:
        """The country of the domestic actors, parties and forces a report names ("Taliban" -> AF), if one
        leads (stages/doc_country.py): they tell the conflict's country more reliably than toponyms."""
        return document_country(text, self.actor_kb, year)

    def code(self, document: Document, *, country: str | None = None) -> list[Event]:
        """Code one document into ACLED events with evidence.

        `country` (ISO2) is the country to read it in where its text tells none: the run's prevailing
        country (polemos.batch_country); its events are then flagged `country-from-batch`.
        """
        return self.code_many([document], country=country)[0]

    def code_document(
        self, document: Document, *, country: str | None = None
    ) -> tuple[list[Event], list[Relation]]:
        """Code one document into events and the relations it states between actors (and places)."""
        return self.code_batch([document], country=country)[0]

    def code_many(self, documents: Sequence[Document], *, country: str | None = None) -> list[list[Event]]:
        """Code documents into events, one list per document (the same events `code` gives each).

        Without relations to find, only sentences that can hold a lexicon trigger are parsed.
        """
        return [events for events, _ in self._code(documents, relations=False, country=country)]

    def code_batch(
        self, documents: Sequence[Document], *, country: str | None = None
    ) -> list[tuple[list[Event], list[Relation]]]:
        """Code documents into (events, relations), one pair per document, as `code_document` does."""
        return self._code(documents, relations=True, country=country)

    def _code(
        self, documents: Sequence[Document], *, relations: bool, country: str | None
    ) -> list[tuple[list[Event], list[Relation]]]:
        # The relation stage reads the parse of any sentence that has one, so with relations the
        # loose pre-filter's sentences are parsed as well; events need only the trigger sentences.
        select: Selector = self._relation_selector if relations else self.triggers
        split = [split_sentences(d.text) for d in documents]
        parsed = parse_batch(split, self.nlp, select)
        return [
            self._finish(d, s, relations=relations, country=country)
            for d, s in zip(documents, parsed, strict=True)
        ]

    def _relation_selector(self, sentence: Sentence, tokens: object) -> bool:
        return self.triggers(sentence, tokens) or may_hold_event(sentence.text, self.prefixes)

    def _finish(
        self, document: Document, sentences: Sequence[Sentence], *, relations: bool, country: str | None
    ) -> tuple[list[Event], list[Relation]]:
        """Everything after the parse: places, dates and claims per sentence, mentions, events, relations."""
        # Events come only from parsed sentences; earlier sentences give them context (date, place),
        # and the next INHERIT_WINDOW sentences may give them a toll ("Three fighters died, a hospital
        # source said."). Without relations, a document with no parsed sentence has no events, and the
        # sentences beyond that window after its last parsed one need no facts.
        last = max((s.index for s in sentences if s.is_parsed), default=-1)
        first = min((s.index for s in sentences if s.is_parsed), default=-1)
        if not relations and last < 0:
            return [], []
        text = document.text
        year = document.published.year if document.published else None
        focus = document_focus(text, self.gazetteer, self.actor_kb, year)
        from_batch = focus is None and country is not None
        if from_batch:
            focus = country
        month = document.published.month if document.published else None
        actors = DocumentActors.build(
            text,
            self.actor_kb,
            country=focus,
            year=year,
            month=month,
            day=document.published.day if document.published else None,
        )
        facts = []
        previous = None
        parsed_at = -INHERIT_WINDOW - 1
        for s in sentences:
            if not relations and s.index > last + INHERIT_WINDOW:
                facts.append(SentenceFacts())
                continue
            if s.is_parsed:
                parsed_at = s.index
            # A toll may also come a sentence or two before the first event ("Nine fighters were reported
            # dead on Sunday. Rebels clashed with ...": the extract stage gives it to that event).
            toll_window = s.index - parsed_at <= INHERIT_WINDOW or 0 < first - s.index <= INHERIT_WINDOW
            places = find_places(
                s.text, self.gazetteer, offset=s.start, country_focus=focus, previous=previous
            )
            local = [p for p in places if p.geo_precision < 3 or p.feature != "A"]
            if local:
                previous = local[-1]
            facts.append(
                SentenceFacts(
                    dates=tuple(find_dates(s.text, document.published, offset=s.start)),
                    places=tuple(places),
                    # Claims serve only event mentions: those of a parsed sentence, or of one just before.
                    claims=tuple(find_fatality_claims(s.text, offset=s.start)) if toll_window else (),
                )
            )
        mentions = extract_mentions(document, sentences, facts, self.lexicon, actors)
        events = aggregate(document, mentions, choose_fatalities, focus)
        if from_batch:
            events = [dataclasses.replace(e, flags=(*e.flags, BATCH_FLAG)) for e in events]
        if not relations:
            return events, []
        found = extract_relations(
            document, sentences, actors, self.gazetteer, focus, kb=self.actor_kb,
            places=[f.places for f in facts], dates=[f.dates for f in facts],
        )  # fmt: skip
        return events, found


def load_coder(settings: Settings) -> Coder:
    """Build the Coder of a process that codes until it ends (a CLI command, a batch worker), and settle
    the process's heap for it (`process_heap.settle_heap`: what it loaded out of the garbage collector's
    sight, the collector's thresholds raised), and keep its matrix products to one thread
    (`matmul.limit_blas_threads`: such a process has a core to itself), once per process. A library user
    who builds `Coder` directly keeps the collector and the BLAS threads as they were.
    """
    coder = Coder(settings)
    settle_heap()
    limit_blas_threads()
    return coder


@dataclass
class IngestReport:
    """What an ingest run did, for the CLI's summary and exit code."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    events: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.new + self.changed + self.unchanged


def ingest(
    paths: Sequence[Path],
    store: object,
    coder: Coder,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read, code and store documents; each document is one transaction, re-ingesting stores nothing new.

    Documents whose events tell no country are stored last, coded again with the run's prevailing country
    when one prevails (polemos.batch_country).
    """
    from polemos.corroboration import Corroborating
    from polemos.sources import read_documents

    assert isinstance(store, Store)
    report = IngestReport()
    batch = BatchCountry()
    waiting: list[tuple[Document, DocumentStatus | None, tuple[list[Event], list[Relation]]]] = []
    for item in read_documents(paths, published=published, outlet=outlet, url=url):
        status = None if isinstance(item, Rejection) else store.document_status(item)
        coded: tuple[list[Event], list[Relation]] | str | None = None
        if isinstance(item, Document) and status is not DocumentStatus.UNCHANGED:
            coded = _code_one(coder, item)
            if isinstance(coded, tuple) and batch.holds_back(coded[0]):
                waiting.append((item, status, coded))  # told no country: coded again at the end
                continue
        record_outcome(store, item, report, status=status, coded=coded, progress=progress)
    country = batch.prevailing()
    for doc, status, first in waiting:
        again = _code_one(coder, doc, country) if country else first
        record_outcome(store, doc, report, status=status, coded=again, progress=progress)
    if isinstance(store, Corroborating):
        store.corroborate()  # documents an interrupted run saved but did not corroborate
    return report


def _code_one(
    coder: Coder, document: Document, country: str | None = None
) -> tuple[list[Event], list[Relation]] | str:
    """A document's events and relations, or why coding failed: a coder bug on one document must not
    stop the batch."""
    try:
        return coder.code_document(document, country=country)
    except Exception as exc:
        return f"coding failed ({type(exc).__name__}: {exc})"


def record_outcome(
    store: Store,
    item: Document | Rejection,
    report: IngestReport,
    *,
    status: DocumentStatus | None = None,
    coded: tuple[Sequence[Event], Sequence[Relation]] | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Store what became of one input, as every ingest path does: its rejection, nothing (unchanged), or
    its events and relations in one transaction, then corroborated with other sources.

    `coded` is the coder's result, or the reason coding failed.
    """
    from polemos.corroboration import Corroborating

    if isinstance(item, Rejection):
        _reject(store, report, item)
        if progress:
            progress(f"rejected {item.path}")
        return
    if status is DocumentStatus.UNCHANGED:
        report.unchanged += 1
    elif isinstance(coded, str) or coded is None:
        _reject(store, report, Rejection(item.path or item.id, coded or "not coded"))
        return
    else:
        events, relations = coded
        try:
            store.save_document(item, events, relations)
        except StoreError as exc:  # e.g. an event id another document owns: reject this one, go on
            _reject(store, report, Rejection(item.path or item.id, f"cannot store: {exc}"))
            return
        if isinstance(store, Corroborating):
            store.corroborate([item.id])  # merge with other sources' reports: polemos.corroboration
        report.events += len(events)
        if status is DocumentStatus.NEW:
            report.new += 1
        else:
            report.changed += 1
    if progress:
        progress(item.id)


def _reject(store: Store, report: IngestReport, rejection: Rejection) -> None:
    store.add_rejection(rejection)
    report.rejected.append(rejection)


# Documents per `Coder.code_many` call when coding a stream: enough sentences for full spaCy batches.
CHUNK = 64


def code_documents(documents: Iterable[Document], coder: Coder) -> list[Event]:
    """Code documents without storing them (for evaluation and tests)."""
    out: list[Event] = []
    chunk: list[Document] = []
    for d in documents:
        chunk.append(d)
        if len(chunk) == CHUNK:
            out.extend(e for events in coder.code_many(chunk) for e in events)
            chunk = []
    out.extend(e for events in coder.code_many(chunk) for e in events)
    return out
