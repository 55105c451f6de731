"""The dashboard's server: a read-only JSON API over the Store, and the single page that calls it.

It sits at the serve end of the pipeline and reads through the Store only. Safety is by construction:
a guard in front of every route refuses any method but GET and HEAD and any oversized request; every
response carries a Content-Security-Policy that allows only this server; JSON escapes `<`, `>` and `&`
so document text can never be read as markup, and the page inserts it with `textContent` only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from polemos.model import Document, Event, Evidence, Relation, RelationKind
from polemos.records import event_to_record
from polemos.report import Summary, summarize
from polemos.storage import open_store
from polemos.storage.base import EventFilter, Store
from polemos.taxonomy import EventType, SubEventType

HERE = Path(__file__).parent
MAX_BODY_BYTES = 64 * 1024  # nothing is ever uploaded; a body at all is already odd
MAX_URL_BYTES = 8 * 1024  # the longest filter query is a few hundred bytes
MAX_EVENTS = 10_000  # per /api/events page: the page renders every row, so more would stall a browser
READ_METHODS = frozenset({"GET", "HEAD"})
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DESCRIPTION = """Read-only access to coded events, their per-field evidence and their source documents.

Every event is the JSONL export's record: ACLED's columns, then `sources`, `evidence` (per field: value,
sentence, character span, rule) and the other polemos extras. Text search (`q`) is a case-insensitive
substring of the event notes; the other text filters are substrings of actor or place names.
"""


class SafeJSONResponse(JSONResponse):
    """JSON with `<`, `>` and `&` written as \\u escapes: document text stays data even if sniffed as HTML."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode()


class RequestGuard:
    """Refuse writes and oversized requests before routing; add the security headers to every response."""

    def __init__(self, app: ASGIApp, *, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        is_head = scope["method"] == "HEAD"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            elif is_head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        refusal = self._refusal(scope)
        if refusal is None:
            # FastAPI routes answer GET only; HEAD is the same request without the body.
            routed = {**scope, "method": "GET"} if is_head else scope
            await self.app(routed, receive, send_with_headers)
            return
        status, detail, extra = refusal
        response = SafeJSONResponse({"detail": detail}, status_code=status, headers=extra)
        await response(scope, receive, send_with_headers)

    @staticmethod
    def _refusal(scope: Scope) -> tuple[int, str, dict[str, str]] | None:
        if scope["method"] not in READ_METHODS:
            return 405, "this server is read-only: use GET", {"Allow": "GET, HEAD"}
        if len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") > MAX_URL_BYTES:
            return 414, f"request URL over {MAX_URL_BYTES} bytes", {}
        headers = dict(scope["headers"])
        if b"transfer-encoding" in headers:
            return 411, "a request body must declare its length", {}
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            return 413, f"request body over {MAX_BODY_BYTES} bytes", {}
        return None


# --- response shapes (the OpenAPI schema) --------------------------------------------------------------


class EvidenceOut(BaseModel):
    """Why one field has its value: the deciding characters (offsets into the document text) and rule."""

    field: str
    value: str
    document_id: str
    sentence: str
    start: int
    end: int
    text: str
    rule: str
    confidence: float
    index: int


class SourceOut(BaseModel):
    """One document reporting the event, with the sentence that reports it."""

    document_id: str
    url: str | None
    outlet: str | None
    published: str | None
    sentence: str
    start: int
    end: int


class EventRecord(BaseModel):
    """One event as the JSONL export writes it; the ACLED columns not named here are passed through."""

    model_config = ConfigDict(extra="allow")

    event_id: str
    event_date: str | None
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    location: str
    country: str
    latitude: float | None
    longitude: float | None
    fatalities: int
    notes: str
    sources: list[SourceOut]
    evidence: dict[str, list[EvidenceOut]]


class Highlight(BaseModel):
    """An evidence span inside a passage; `start`/`end` are offsets into the passage's `text`."""

    field: str
    value: str
    rule: str
    confidence: float
    start: int
    end: int


class Passage(BaseModel):
    """A source sentence and the evidence spans in it; `start`: its offset in the document, -1 if unknown."""

    document_id: str
    start: int
    text: str
    highlights: list[Highlight]


class EventDetail(BaseModel):
    """An event's record and its evidence laid out sentence by sentence for highlighting."""

    event: EventRecord
    passages: list[Passage]


class DocumentOut(BaseModel):
    """A stored document: the cleaned text every evidence offset points into."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    language: str
    text: str


class RelationOut(BaseModel):
    """A dated statement that one actor stands in a relation to another actor (or holds a place)."""

    source: str
    target: str
    kind: RelationKind
    document_id: str
    start: dt.date | None
    end: dt.date | None
    confidence: float
    sentence: str | None
    latitude: float | None
    longitude: float | None


class Meta(BaseModel):
    """What the page needs to build its filters and basemap."""

    event_types: list[str]
    sub_event_types: dict[str, list[str]]
    actors: list[str]
    online_tiles: bool
    tile_url: str | None


# --- helpers --------------------------------------------------------------------------------------------


class EventQuery:
    """The filters every event route takes as query parameters."""

    def __init__(
        self,
        date_from: Annotated[dt.date | None, Query(description="First event date, inclusive.")] = None,
        date_to: Annotated[dt.date | None, Query(description="Last event date, inclusive.")] = None,
        event_type: Annotated[str | None, Query(description='ACLED event type, e.g. "Battles".')] = None,
        sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type.")] = None,
        actor: Annotated[str | None, Query(max_length=200, description="Substring of an actor.")] = None,
        place: Annotated[str | None, Query(max_length=200, description="Substring of a place.")] = None,
        q: Annotated[str | None, Query(max_length=200, description="Substring of the notes.")] = None,
        document_id: Annotated[str | None, Query(description="Events citing this document.")] = None,
        include_background: Annotated[bool, Query(description="Include historical-context events.")] = True,
    ) -> None:
        self.filter = EventFilter(
            date_from=date_from, date_to=date_to, event_type=event_type or None,
            sub_event_type=sub_event_type or None, actor=actor or None, place=place or None,
            document_id=document_id or None, include_background=include_background,
        )  # fmt: skip
        self.text = (q or "").strip().casefold()

    def events(self, store: Store, limit: int | None = None) -> list[Event]:
        """Return the matching events; text search runs here as the Store has no notes filter."""
        if not self.text:
            return store.events(replace(self.filter, limit=limit))
        found = [e for e in store.events(self.filter) if self.text in e.notes.casefold()]
        return found[:limit] if limit is not None else found


def _passages(event: Event, texts: dict[str, str | None]) -> list[Passage]:
    """Group the event's evidence by the sentence it sits in, with spans relative to that sentence."""
    passages: dict[tuple[str, int, str], Passage] = {}
    for ev in event.evidence:
        start = _sentence_start(texts.get(ev.document_id), ev)
        passage = passages.setdefault(
            (ev.document_id, start, ev.sentence),
            Passage(document_id=ev.document_id, start=start, text=ev.sentence, highlights=[]),
        )
        rel = ev.start - start if start >= 0 else ev.sentence.find(ev.text)
        # Zero-width evidence (a field carried over from context) and spans in another sentence (a date
        # stated earlier) have nothing to mark here; the field list shows them.
        if ev.end <= ev.start or rel < 0 or rel + len(ev.text) > len(ev.sentence):
            continue
        passage.highlights.append(
            Highlight(
                field=ev.field,
                value=ev.value,
                rule=ev.rule,
                confidence=ev.confidence,
                start=rel,
                end=rel + (ev.end - ev.start),
            )
        )
    return sorted(passages.values(), key=lambda p: (p.document_id, p.start))


def _sentence_start(text: str | None, ev: Evidence) -> int:
    """Return where the evidence's sentence starts in the document text (nearest its span), or -1."""
    if text is None or not ev.sentence:
        return -1
    found, at = [], text.find(ev.sentence)
    while at >= 0:
        found.append(at)
        at = text.find(ev.sentence, at + 1)
    return min(
        found, key=lambda a: 0 if a <= ev.start < a + len(ev.sentence) else abs(a - ev.start), default=-1
    )


def _relations(store: Store) -> list[Relation]:
    # The relations reader arrives with the alliance-graph feature; until then a Store has none.
    reader = getattr(store, "relations", None)
    if not callable(reader):
        return []
    return [r for r in reader() if isinstance(r, Relation)]


def _relation_out(r: Relation) -> RelationOut:
    place = r.target_place
    return RelationOut(
        source=r.source, target=r.target, kind=r.kind, document_id=r.document_id, start=r.start,
        end=r.end, confidence=r.confidence, sentence=r.evidence.sentence if r.evidence else None,
        latitude=place.latitude if place else None, longitude=place.longitude if place else None,
    )  # fmt: skip


@contextmanager
def _reading(path: str) -> Iterator[Store]:
    """Open the store for one request and close it in the same thread.

    SQLite connections must stay on the thread that opened them, and FastAPI may finish a yield
    dependency on another thread than it started it: each route opens and closes its own.
    """
    store = open_store(path)
    try:
        yield store
    finally:
        store.close()


QueryDep = Annotated[EventQuery, Depends()]


def _csp(tile_url: str | None) -> str:
    tiles = ""
    if tile_url:
        # A Leaflet template's {s} subdomain becomes a CSP wildcard: "https://*.tile.example.org".
        parts = urlsplit(tile_url)
        tiles = f" {parts.scheme}://{parts.netloc.replace('{s}', '*')}"
    return (
        f"default-src 'self'; img-src 'self' data:{tiles}; script-src 'self'; style-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


# --- the app --------------------------------------------------------------------------------------------


def create_app(store_path: str, *, online_tiles: bool = False, tile_url: str = DEFAULT_TILE_URL) -> FastAPI:
    """Build the dashboard app over the store at `store_path`; raise StoreError if it cannot be opened."""
    open_store(store_path).close()  # fail at start, not on the first request
    tiles = tile_url if online_tiles else None
    app = FastAPI(
        title="polemos", summary="Coded conflict events with per-field evidence", description=DESCRIPTION,
        version="1", docs_url=None, redoc_url=None, default_response_class=SafeJSONResponse,
    )  # fmt: skip
    # Swagger UI and ReDoc load from a CDN, which the offline policy forbids: /openapi.json documents the API.
    app.add_middleware(RequestGuard, csp=_csp(tiles))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(HERE / "static" / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/basemap/countries.geojson", include_in_schema=False)
    def basemap() -> FileResponse:
        return FileResponse(HERE / "data" / "countries.geojson", media_type="application/geo+json")

    @app.get("/api/meta", response_model=Meta, tags=["dashboard"])
    def meta() -> Meta:
        """Return the vocabularies behind the filters and the basemap setting."""
        subs: dict[str, list[str]] = {t.value: [] for t in EventType}
        for sub in SubEventType:
            subs[sub.event_type.value].append(sub.value)
        with _reading(store_path) as db:
            actors = db.actors()
        return Meta(
            event_types=[t.value for t in EventType], sub_event_types=subs,
            actors=[name for name, _, n in actors if n], online_tiles=online_tiles, tile_url=tiles,
        )  # fmt: skip

    @app.get("/api/events", response_model=list[EventRecord], tags=["events"])
    def events(
        query: QueryDep,
        limit: Annotated[int, Query(ge=1, le=MAX_EVENTS, description="Most events to return.")] = MAX_EVENTS,
    ) -> list[dict[str, object]]:
        """List events matching the filters, newest first, as the JSONL export's records."""
        with _reading(store_path) as db:
            return [event_to_record(e) for e in query.events(db, limit)]

    @app.get(
        "/api/events/{event_id}",
        response_model=EventDetail,
        responses={404: {"description": "No event has this id."}},
        tags=["events"],
    )
    def event(event_id: str) -> dict[str, object]:
        """Return one event's record and its evidence, sentence by sentence."""
        with _reading(store_path) as db:
            found = db.event(event_id)
            if found is None:
                raise HTTPException(404, f"no event {event_id!r}")
            ids = {ev.document_id for ev in found.evidence}
            texts = {i: (d.text if (d := db.document(i)) else None) for i in ids}
        return {"event": event_to_record(found), "passages": _passages(found, texts)}

    @app.get(
        "/api/documents/{document_id}",
        response_model=DocumentOut,
        responses={404: {"description": "No document has this id."}},
        tags=["documents"],
    )
    def document(document_id: str) -> Document:
        """Return a stored document with its cleaned text (the text evidence offsets point into)."""
        with _reading(store_path) as db:
            found = db.document(document_id)
        if found is None:
            raise HTTPException(404, f"no document {document_id!r}")
        return found

    @app.get("/api/stats", response_model=Summary, tags=["events"])
    def stats(query: QueryDep) -> Summary:
        """Count the matching events by type, week, actor and location."""
        with _reading(store_path) as db:
            return summarize(query.events(db))

    @app.get("/api/relations", response_model=list[RelationOut], tags=["actors"])
    def relations() -> list[RelationOut]:
        """List actor relations (alliance graph); empty until relations are coded."""
        with _reading(store_path) as db:
            found = _relations(db)
        return [_relation_out(r) for r in found if r.kind is not RelationKind.CONTROLS]

    @app.get("/api/control", response_model=list[RelationOut], tags=["actors"])
    def control() -> list[RelationOut]:
        """List who controls which place from when (control timeline); empty until it is coded."""
        with _reading(store_path) as db:
            found = [r for r in _relations(db) if r.kind is RelationKind.CONTROLS]
        return [_relation_out(r) for r in sorted(found, key=lambda r: (r.target, r.start or dt.date.min))]

    return app
