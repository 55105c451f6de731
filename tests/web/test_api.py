"""Tests for the dashboard's JSON API: filters, evidence, 404s, read-only guard, size limits, inert text."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from polemos.errors import StoreError
from polemos.model import Evidence, Relation, RelationKind
from polemos.records import event_to_record
from polemos.storage import SqliteStore
from polemos.storage.base import EventFilter
from polemos.web import app as web_app
from polemos.web.app import create_app
from polemos.web.guard import MAX_BODY_BYTES, MAX_URL_BYTES


@pytest.fixture(scope="module")
def client(seed_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(seed_db))) as c:
        yield c


@pytest.fixture(scope="module")
def stored(seed_db: Path) -> Iterator[SqliteStore]:
    with SqliteStore(seed_db) as store:
        yield store


def test_events_are_the_jsonl_export_records(client: TestClient, stored: SqliteStore) -> None:
    response = client.get("/api/events")
    assert response.status_code == 200
    expected = [json.loads(json.dumps(event_to_record(e))) for e in stored.events()]
    assert response.json() == expected
    assert len(expected) > 10


@pytest.mark.parametrize(
    ("params", "flt"),
    [
        ({"place": "darnah"}, EventFilter(place="darnah")),
        ({"event_type": "Battles"}, EventFilter(event_type="Battles")),
        ({"actor": "shura council"}, EventFilter(actor="shura council")),
        ({"date_from": "2018-05-01", "date_to": "2018-05-31"}, EventFilter(date_from=dt.date(2018, 5, 1),
                                                                           date_to=dt.date(2018, 5, 31))),
        ({"sub_event_type": "Armed clash", "place": "Libya"}, EventFilter(sub_event_type="Armed clash",
                                                                          place="Libya")),
    ],
)  # fmt: skip
def test_events_filters_match_the_store(
    client: TestClient, stored: SqliteStore, params: dict[str, str], flt: EventFilter
) -> None:
    ids = [r["event_id"] for r in client.get("/api/events", params=params).json()]
    assert ids == [e.event_id for e in stored.events(flt)]
    assert 0 < len(ids) < len(stored.events())


def test_events_text_search_is_a_substring_of_the_notes(client: TestClient) -> None:
    found = client.get("/api/events", params={"q": "FLOUR factory"}).json()
    assert found and all("flour factory" in r["notes"].lower() for r in found)
    assert client.get("/api/events", params={"q": "no such words anywhere"}).json() == []


def test_events_limit_caps_the_page(client: TestClient) -> None:
    assert len(client.get("/api/events", params={"limit": 3}).json()) == 3
    assert len(client.get("/api/events", params={"limit": 2, "q": "the"}).json()) == 2
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_events_bad_date_is_422(client: TestClient) -> None:
    assert client.get("/api/events", params={"date_from": "last week"}).status_code == 422


def test_event_detail_marks_each_evidence_span_in_its_sentence(
    client: TestClient, stored: SqliteStore
) -> None:
    event = next(e for e in stored.events() if e.fatalities and e.place is not None)
    detail = client.get(f"/api/events/{event.event_id}").json()
    assert detail["event"] == json.loads(json.dumps(event_to_record(event)))
    marked = {h["field"] for p in detail["passages"] for h in p["highlights"]}
    assert {"event_type", "location", "fatalities"} <= marked
    for passage in detail["passages"]:
        text = stored.document(passage["document_id"]).text  # type: ignore[union-attr]
        assert text[passage["start"] : passage["start"] + len(passage["text"])] == passage["text"]
        for h in passage["highlights"]:
            evidence = [ev for ev in event.evidence if ev.field == h["field"] and ev.value == h["value"]]
            assert passage["text"][h["start"] : h["end"]] in {ev.text for ev in evidence}


def test_document_is_served_with_its_text(client: TestClient, stored: SqliteStore) -> None:
    doc = stored.documents()[0]
    body = client.get(f"/api/documents/{doc.id}").json()
    assert body["text"] == doc.text
    assert "path" not in body  # where the server read it from is not the reader's business


@pytest.mark.parametrize("path", ["/api/events/PLMNOSUCHEVENT", "/api/documents/no-such-document"])
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "no " in response.json()["detail"]


def test_stats_count_the_filtered_events(client: TestClient, stored: SqliteStore) -> None:
    stats = client.get("/api/stats", params={"place": "darnah"}).json()
    events = stored.events(EventFilter(place="darnah"))
    assert stats["events"] == len(events) == sum(t["events"] for t in stats["by_type"])
    assert stats["fatalities"] == sum(e.fatalities for e in events)
    assert sum(sum(w["by_type"].values()) for w in stats["by_week"]) == len(events)


def test_meta_lists_types_and_actors(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    assert "Battles" in meta["event_types"]
    assert "Armed clash" in meta["sub_event_types"]["Battles"]
    assert "Shura Council of Darnah Mujahidin" in meta["actors"]
    assert meta["online_tiles"] is False and meta["tile_url"] is None


def test_openapi_documents_the_event_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"date_from", "date_to", "event_type", "actor", "place", "q", "limit"} <= params
    assert "/api/events/{event_id}" in spec["paths"]
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_page_and_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for asset in ("/static/app.js", "/static/vendor/leaflet/leaflet.js", "/basemap/countries.geojson"):
        assert client.get(asset).status_code == 200, asset


# --- read-only and request limits -------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("path", ["/api/events", "/api/events/PLM1", "/", "/static/app.js"])
def test_writes_are_refused(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, json={"event_id": "x"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_head_is_answered(client: TestClient) -> None:
    response = client.head("/api/events")
    assert response.status_code == 200 and response.content == b""
    assert int(response.headers["content-length"]) > 0


def test_oversized_body_is_413(client: TestClient) -> None:
    response = client.request("GET", "/api/events", content=b"x" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    assert client.request("GET", "/api/events", content=b"x" * 100).status_code == 200


def test_body_of_unknown_length_is_refused(client: TestClient) -> None:
    response = client.request("GET", "/api/events", content=iter([b"x" * 10]))
    assert response.status_code == 411


def test_oversized_url_is_414(client: TestClient) -> None:
    response = client.get("/api/events", params={"q": "x" * MAX_URL_BYTES})
    assert response.status_code == 414


def test_long_filter_text_is_422(client: TestClient) -> None:
    assert client.get("/api/events", params={"actor": "x" * 201}).status_code == 422


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/events/PLMNOSUCHEVENT", "/static/app.js"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp
    assert "unsafe-inline" not in csp and "http" not in csp  # offline: no tile server allowed
    assert headers["x-content-type-options"] == "nosniff"


def test_online_tiles_allow_only_the_tile_server(seed_db: Path) -> None:
    with TestClient(create_app(str(seed_db), online_tiles=True)) as c:
        assert (
            "img-src 'self' data: https://tile.openstreetmap.org;"
            in c.get("/").headers["content-security-policy"]
        )
        assert c.get("/api/meta").json()["tile_url"].startswith("https://tile.openstreetmap.org/")


def test_create_app_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database " * 100)
    with pytest.raises(StoreError):
        create_app(str(bogus))


# --- document text stays inert ------------------------------------------------------------------------------


def test_markup_in_documents_is_escaped_in_json(hostile: Any) -> None:
    with TestClient(create_app(str(hostile.db))) as c:
        for path in (
            f"/api/documents/{hostile.document_id}",
            f"/api/events/{hostile.event_id}",
            "/api/events",
        ):
            response = c.get(path)
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("application/json")
            raw = response.content.decode()
            assert "<" not in raw and ">" not in raw, path  # written as \u003c / \u003e
            assert any(hostile.sentence in text for text in _strings(response.json())), path
        doc = c.get(f"/api/documents/{hostile.document_id}").json()
        assert doc["title"] == hostile.title  # the data itself is unchanged
        page = c.get("/").text
        assert "__pwned" not in page  # the page is static: document text only arrives as JSON


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# --- relations and control (when the store has them) ------------------------------------------------------


class _StoreWithRelations(SqliteStore):
    def relations(self) -> list[Relation]:
        evidence = Evidence(
            "relation", "supports", "d1", "Turkey backs the GNA.", 0, 6, "Turkey", "rule:test"
        )
        return [
            Relation("Military Forces of Turkey", "GNA", RelationKind.SUPPORTS, "d1", dt.date(2020, 1, 2),
                     evidence=evidence),
            Relation("GNA", "Tarhuna", RelationKind.CONTROLS, "d1", dt.date(2020, 6, 5)),
            Relation("LNA", "Tarhuna", RelationKind.CONTROLS, "d1", dt.date(2019, 4, 4), dt.date(2020, 6, 5)),
        ]  # fmt: skip


def test_relations_and_control_of_the_seeds(client: TestClient) -> None:
    relations = client.get("/api/relations").json()
    assert ("Military Forces of Turkey", "supports") in {(r["source"], r["kind"]) for r in relations}
    control = client.get("/api/control").json()
    assert all(r["kind"] == "controls" for r in control)
    assert any(r["target"] == "Tarhuna" and "National Accord" in r["source"] for r in control)


def test_relations_and_control_come_from_the_store(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_app, "open_store", _StoreWithRelations)
    with TestClient(create_app(str(seed_db))) as c:
        relations = c.get("/api/relations").json()
        control = c.get("/api/control").json()
    assert [(r["source"], r["kind"], r["target"]) for r in relations] == [
        ("Military Forces of Turkey", "supports", "GNA")
    ]
    assert relations[0]["sentence"] == "Turkey backs the GNA."
    assert [(r["source"], r["start"]) for r in control] == [("LNA", "2019-04-04"), ("GNA", "2020-06-05")]
