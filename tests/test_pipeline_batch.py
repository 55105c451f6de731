"""Coding in batches gives what coding one document at a time gives, and the trigger pre-filter (parse
only sentences that can hold a trigger) codes the same events as parsing every sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from polemos.model import Document, Event
from polemos.sources import read_documents

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

# Short reports written for these tests, in the style of conflict-event notes.
NOTES = [
    "On 3 May, Taliban militants attacked a police checkpoint in Kunduz city, killing two policemen. "
    "The weather was mild.",
    "Government forces clashed with militants near Sirte. Fatalities unknown.",
    "Officials said the meeting would resume next week. The committee is drafting a report.",
    "A roadside bomb exploded in Kandahar, wounding three civilians. Police said the Taliban planted it.",
    "Protesters gathered in Tripoli to demand salaries.\n\nNo injuries were reported.",
]


def _documents() -> list[Document]:
    docs: list[Document] = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = next(iter(read_documents([path], published=dt.date(2018, 6, 4))))
        assert isinstance(doc, Document)
        docs.append(doc)
    docs += [Document(f"note-{i}", text, published=dt.date(2020, 5, 4)) for i, text in enumerate(NOTES)]
    return docs


def _records(events: list[Event]) -> list[str]:
    return [repr(e) for e in events]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return _documents()


def test_code_many_codes_each_document_as_code_does(coder: Any, documents: list[Document]) -> None:
    together = coder.code_many(documents)
    assert len(together) == len(documents)
    assert [_records(e) for e in together] == [_records(coder.code(d)) for d in documents]
    assert sum(len(e) for e in together) >= 5  # the documents do code events


def test_code_batch_gives_code_document_events_and_relations(coder: Any, documents: list[Document]) -> None:
    pairs = coder.code_batch(documents)
    for doc, (events, relations) in zip(documents, pairs, strict=True):
        alone_events, alone_relations = coder.code_document(doc)
        assert _records(events) == _records(alone_events)
        assert [repr(r) for r in relations] == [repr(r) for r in alone_relations]
    # Relations or not, the events are the same.
    assert [_records(e) for e, _ in pairs] == [_records(e) for e in coder.code_many(documents)]


def test_trigger_filter_codes_the_events_a_parse_of_every_sentence_codes(
    coder: Any, documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    filtered = coder.code_many(documents)
    monkeypatch.setattr(coder, "triggers", lambda _sentence, _tokens: True)
    everything = coder.code_many(documents)
    assert [_records(e) for e in filtered] == [_records(e) for e in everything]


def test_code_many_of_nothing_is_nothing(coder: Any) -> None:
    assert coder.code_many([]) == []
