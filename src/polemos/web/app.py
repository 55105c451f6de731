"""The dashboard's server: a read-only JSON API over the Store, and the single page that calls it.

It sits at the serve end of the pipeline and reads through the Store only. Safety is by construction
(polemos.web.guard): a guard in front of every route refuses any method but GET and HEAD and any oversized
request; every response carries a Content-Security-Policy that allows only this server; JSON escapes `<`,
`>` and `&` so document text can never be read as markup, and the page inserts it with `textContent` only.
The response shapes are in polemos.web.schema, the reads behind the routes in polemos.web.queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from polemos.model import Document, RelationKind
from polemos.records import event_to_record
from polemos.report_summary import Summary, summarize
from polemos.storage import open_store
from polemos.storage.base import Store
from polemos.taxonomy import EventType, SubEventType
from polemos.web.guard import RequestGuard, SafeJSONResponse, content_security_policy
from polemos.web.queries import EventQuery, evidence_passages, relation_out, stored_relations
from polemos.web.schema import DocumentOut, EventDetail, EventRecord, Meta, RelationOut

__all__ = ["DEFAULT_TILE_URL", "create_app"]

HERE = Path(__file__).parent
MAX_EVENTS = 10_000  # per /api/events page: the page renders every row, so more would stall a browser
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DESCRIPTION = """Read-only access to coded events, their per-field evidence and their source documents.

Every event is the JSONL export's record: ACLED's columns, then `sources`, `evidence` (per field: value,
sentence, character span, rule) and the other polemos extras. Text search (`q`) is a case-insensitive
substring of the event notes; the other text filters are substrings of actor or place names.
"""


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


def create_app(store_path: str, *, online_tiles: bool = False, tile_url: str = DEFAULT_TILE_URL) -> FastAPI:
    """Build the dashboard app over the store at `store_path`; raise StoreError if it cannot be opened."""
    open_store(store_path).close()  # fail at start, not on the first request
    tiles = tile_url if online_tiles else None
    app = FastAPI(
        title="polemos", summary="Coded conflict events with per-field evidence", description=DESCRIPTION,
        version="1", docs_url=None, redoc_url=None, default_response_class=SafeJSONResponse,
    )  # fmt: skip
    # Swagger UI and ReDoc load from a CDN, which the offline policy forbids: /openapi.json documents the API.
    app.add_middleware(RequestGuard, csp=content_security_policy(tiles))
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
        return {"event": event_to_record(found), "passages": evidence_passages(found, texts)}

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
            found = stored_relations(db)
        return [relation_out(r) for r in found if r.kind is not RelationKind.CONTROLS]

    @app.get("/api/control", response_model=list[RelationOut], tags=["actors"])
    def control() -> list[RelationOut]:
        """List who controls which place from when (control timeline); empty until it is coded."""
        with _reading(store_path) as db:
            found = [r for r in stored_relations(db) if r.kind is RelationKind.CONTROLS]
        return [relation_out(r) for r in sorted(found, key=lambda r: (r.target, r.start or dt.date.min))]

    return app
