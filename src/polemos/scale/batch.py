"""Code a corpus on a Dask distributed cluster: partition it, code partitions on workers, store from here.

The scale layer runs the same steps as `pipeline.ingest` (read, skip unchanged documents, code, save one
transaction per document, store rejections, corroborate, hold back the documents that tell no country for
the run's prevailing one) with the coding spread over the worker
processes of an existing Dask cluster, or of a local one started for the run. Each worker process builds
its Coder once and keeps it; the client process stays the store's only writer, and writes partitions in
reading order, so a batch run leaves the store exactly as a single-process `ingest` of the same inputs
would.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from polemos.batch_country import BatchCountry
from polemos.config import Settings
from polemos.corroboration import Corroborating
from polemos.errors import PolemosError
from polemos.model import Document, Event, Rejection, Relation
from polemos.pipeline import Coder, IngestReport, load_coder, record_outcome
from polemos.sources import read_documents
from polemos.storage.base import DocumentStatus, Store

if TYPE_CHECKING:
    from distributed import Client, Future

# Partitions handed to the cluster ahead of the writer, per worker: enough to keep every worker busy
# while the client writes, few enough that a large corpus is never held in memory all at once.
IN_FLIGHT_PER_WORKER = 2
# Seconds to wait for an existing scheduler to answer.
CONNECT_TIMEOUT_S = 30


@dataclass
class BatchReport(IngestReport):
    """What a batch run did: the ingest counts, plus how the work was spread."""

    partitions: int = 0
    workers: int = 0


@dataclass(frozen=True)
class CodedDocument:
    """A worker's answer for one document: its events and relation statements, or why coding failed."""

    document_id: str
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    error: str | None = None


@dataclass
class _Partition:
    """Inputs in reading order; `documents` are those to code (new or changed), with their status."""

    items: list[Document | Rejection] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    status: dict[str, DocumentStatus] = field(default_factory=dict)


# --- on the workers ---------------------------------------------------------------------------------------

_coders: dict[Settings, tuple[Coder, threading.Lock]] = {}
_coders_lock = threading.Lock()


def worker_coder(settings: Settings) -> tuple[Coder, threading.Lock]:
    """Return this process's Coder for `settings` (built on first use) and the lock that guards its use."""
    with _coders_lock:
        if settings not in _coders:
            _coders[settings] = (load_coder(settings), threading.Lock())
        return _coders[settings]


def code_partition(
    settings: Settings, documents: Sequence[Document], country: str | None = None
) -> list[CodedDocument]:
    """Code a partition with this worker process's Coder; a failing document becomes an error, not a crash.
    `country`: the run's prevailing country, for documents that tell none (`Coder.code`)."""
    coder, lock = worker_coder(settings)
    out: list[CodedDocument] = []
    # spaCy pipelines are not thread-safe; a worker with several threads codes one partition at a time.
    with lock:
        try:
            # One spaCy pass over the whole partition's sentences: far cheaper than one per document.
            coded = coder.code_batch(documents, country=country)
        except Exception:  # one document's failure must not cost the others: code them one by one
            coded = None
        if coded is not None:
            return [
                CodedDocument(doc.id, tuple(events), tuple(relations))
                for doc, (events, relations) in zip(documents, coded, strict=True)
            ]
        for doc in documents:
            try:
                events, relations = coder.code_document(doc, country=country)
                out.append(CodedDocument(doc.id, tuple(events), tuple(relations)))
            except Exception as exc:  # a coder bug on one document must not stop the batch
                out.append(CodedDocument(doc.id, error=f"coding failed ({type(exc).__name__}: {exc})"))
    return out


# --- on the client ----------------------------------------------------------------------------------------


def run_batch(
    paths: Sequence[Path],
    db: str | Path | Store,
    *,
    settings: Settings,
    scheduler: str | None = None,
    n_workers: int = 2,
    partition_size: int = 50,
    published: dt.date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> BatchReport:
    """Code documents on a Dask cluster and store them; same result as `ingest`, coding spread over workers.

    `scheduler` is the address of a running Dask scheduler (tcp://host:8786); without one, a local
    cluster of `n_workers` single-threaded worker processes is started for the run and closed after it.
    `db` is a store, or a path/URL opened (and closed) here.
    """
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    if scheduler is None and n_workers < 1:
        raise ValueError(f"n_workers must be at least 1, got {n_workers}")
    from polemos.storage import open_store

    with ExitStack() as stack:
        if isinstance(db, str | Path):
            store = open_store(db)
            stack.callback(store.close)
        else:
            store = db
        client = stack.enter_context(_client(scheduler, n_workers))
        workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        report = BatchReport(workers=workers)
        items = read_documents(paths, published=published, outlet=outlet, url=url)
        window: deque[tuple[_Partition, Future[list[CodedDocument]] | None]] = deque()
        held = _HeldBack()
        for part in _partitions(items, store, partition_size):
            report.partitions += 1 if part.documents else 0
            future = (
                client.submit(code_partition, settings, part.documents, pure=False)
                if part.documents
                else None
            )
            window.append((part, future))
            while len(window) > IN_FLIGHT_PER_WORKER * workers:
                _write(*window.popleft(), store, report, progress, held)
        while window:
            _write(*window.popleft(), store, report, progress, held)
        country = held.batch.prevailing()
        if held.part.documents and country:
            again = client.submit(code_partition, settings, held.part.documents, country, pure=False)
            _write(held.part, again, store, report, progress, None)
        elif held.part.documents:
            _write(held.part, None, store, report, progress, None, held.coded)
        if isinstance(store, Corroborating):
            store.corroborate()  # documents an interrupted run saved but did not corroborate
    return report


@contextmanager
def _client(scheduler: str | None, n_workers: int) -> Iterator[Client]:
    """Yield a Client of the given scheduler, or of a local cluster that lives as long as the block."""
    from distributed import Client, LocalCluster

    # distributed's constructors carry no annotations, hence the ignores below.
    if scheduler is None:
        with (
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=n_workers,
                processes=True,
                threads_per_worker=1,
                dashboard_address=None,
                # The scheduler serves health routes over HTTP even without a dashboard, on port 8787
                # unless told otherwise: a second cluster on the machine would warn and move.
                scheduler_kwargs={"dashboard_address": ":0"},
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise PolemosError(
            f"cannot reach the Dask scheduler at {scheduler}: {exc}; start one (`dask scheduler`, then "
            "`dask worker ADDRESS --nthreads 1` per process), or leave out the scheduler for a local cluster"
        ) from exc
    with client:
        yield client


def _partitions(items: Iterable[Document | Rejection], store: Store, size: int) -> Iterator[_Partition]:
    """Group inputs, in reading order, into partitions of at most `size` documents to code."""
    part = _Partition()
    for item in items:
        part.items.append(item)
        if isinstance(item, Document):
            status = store.document_status(item)
            part.status[item.id] = status
            if status is not DocumentStatus.UNCHANGED:
                part.documents.append(item)
                if len(part.documents) == size:
                    yield part
                    part = _Partition()
    if part.items:
        yield part


@dataclass
class _HeldBack:
    """The run's country tally, and the documents held back for its prevailing country with their first
    coding (stored as they are where no country prevails), as `pipeline.ingest` keeps them."""

    batch: BatchCountry = field(default_factory=BatchCountry)
    part: _Partition = field(default_factory=_Partition)
    coded: dict[str, CodedDocument] = field(default_factory=dict)


def _write(
    part: _Partition,
    future: Future[list[CodedDocument]] | None,
    store: Store,
    report: BatchReport,
    progress: Callable[[str], None] | None,
    held: _HeldBack | None,
    coded: dict[str, CodedDocument] | None = None,
) -> None:
    """Store one partition's results in reading order, as `ingest` would have stored them; with `held`,
    the documents whose events tell no country go there instead."""
    coded = dict(coded or {})
    if future is not None:
        try:
            coded = {c.document_id: c for c in future.result()}
        except PolemosError:
            raise  # no Coder on the worker (model missing, bad knowledge file): all partitions would fail
        except Exception as exc:  # a worker lost (killed, out of memory): its documents are rejected
            reason = f"coding failed ({type(exc).__name__}: {exc})"
            coded = {d.id: CodedDocument(d.id, error=reason) for d in part.documents}
    for item in part.items:
        if isinstance(item, Rejection):
            record_outcome(store, item, report, progress=progress)
            continue
        result = coded.get(item.id)
        if (
            held is not None
            and result is not None
            and result.error is None
            and held.batch.holds_back(result.events)
        ):
            held.part.items.append(item)
            held.part.documents.append(item)
            held.part.status[item.id] = part.status[item.id]
            held.coded[item.id] = result
            continue
        outcome: tuple[Sequence[Event], Sequence[Relation]] | str | None = None
        if result is not None:
            outcome = result.error if result.error is not None else (result.events, result.relations)
        record_outcome(store, item, report, status=part.status[item.id], coded=outcome, progress=progress)
