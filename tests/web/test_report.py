"""Tests for the situation report (HTML and Markdown) and the `report`/`serve` command functions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from polemos.model import Actor, DatePoint, Event, Place, Source, TimePrecision
from polemos.report import write_report
from polemos.report_summary import notable_events, summarize, week_start
from polemos.storage import SqliteStore
from polemos.taxonomy import SubEventType
from polemos.web.commands import report_cmd, serve_cmd

MAY_2018 = {"date_from": dt.date(2018, 5, 1), "date_to": dt.date(2018, 5, 31)}


@pytest.fixture(scope="module")
def seeds(seed_db: Path) -> Iterator[SqliteStore]:
    with SqliteStore(seed_db) as store:
        yield store


def test_html_report_is_self_contained(seeds: SqliteStore, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    summary = write_report(seeds, country=None, path=path, **MAY_2018)
    page = path.read_text(encoding="utf-8")
    assert summary.events > 0
    assert "default-src 'none'" in page  # the report can fetch nothing and run nothing
    assert not re.search(r"<(script|link|iframe|img)\b", page)
    assert not re.search(r"\b(src|href)=\"(?!https?://)", page)  # only source links, no loaded resources
    for section in ("map", "by-type", "by-week", "fatalities", "notable"):
        assert f'id="{section}"' in page
    assert page.count("<circle") >= 2  # Darnah, Sabha, Tripoli
    assert "Shura Council of Darnah Mujahidin" in page


def test_report_keeps_to_the_period_and_country(seeds: SqliteStore, tmp_path: Path) -> None:
    everything = write_report(seeds, date_from=None, date_to=None, country=None, path=tmp_path / "a.md")
    libya = write_report(seeds, date_from=None, date_to=None, country="Libya", path=tmp_path / "l.md")
    by_code = write_report(seeds, date_from=None, date_to=None, country="lby", path=tmp_path / "c.md")
    may = write_report(seeds, country=None, path=tmp_path / "m.md", **MAY_2018)
    assert libya == by_code
    assert libya.events < everything.events  # the Paris meeting is in France; unlocated events drop out
    assert may.first is not None and may.last is not None
    assert MAY_2018["date_from"] <= may.first <= may.last <= MAY_2018["date_to"]


def test_markdown_report_has_the_tables_and_notable_events(seeds: SqliteStore, tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    write_report(seeds, country="Libya", path=path, **MAY_2018)
    text = path.read_text(encoding="utf-8")
    for heading in ("# Situation report", "## Events by type", "## Events by week", "## Top actors"):
        assert heading in text
    assert "## Notable events" in text and "Sources:" in text
    assert "| Battles |" in text


def test_empty_period_still_writes_a_report(seeds: SqliteStore, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    summary = write_report(
        seeds, date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 2, 1), country=None, path=path
    )
    assert summary.events == 0
    assert "No events in this period." in path.read_text(encoding="utf-8")


def test_report_refuses_other_suffixes(seeds: SqliteStore, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.html or \.md"):
        write_report(seeds, date_from=None, date_to=None, country=None, path=tmp_path / "r.pdf")


def test_markup_in_documents_is_inert_in_reports(hostile: Any, tmp_path: Path) -> None:
    with SqliteStore(hostile.db) as store:
        write_report(store, date_from=None, date_to=None, country=None, path=tmp_path / "r.html")
        write_report(store, date_from=None, date_to=None, country=None, path=tmp_path / "r.md")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b>attacked" not in page
    assert "&lt;script&gt;" in page and "&lt;i&gt;Outlet&lt;/i&gt;" in page
    assert "href=" not in page  # the javascript: source URL is not made a link
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "<script" not in markdown and "<img" not in markdown and "&lt;script&gt;" in markdown


# --- the summary itself -------------------------------------------------------------------------------------


def _event(event_id: str, day: dt.date, fatalities: int, sources: int = 1) -> Event:
    return Event(
        event_id=event_id,
        sub_event_type=SubEventType.ARMED_CLASH,
        date=DatePoint(day, TimePrecision.DAY),
        actor1=Actor("A", 1),
        actor2=Actor("A", 1),
        place=Place("Town", 10.0, 20.0, "Libya"),
        fatalities=fatalities,
        notes="",
        sources=tuple(Source(f"d{i}", "s", 0, 1) for i in range(sources)),
    )


def test_summary_weeks_are_contiguous_and_count_an_actor_once_per_event() -> None:
    events = [_event("1", dt.date(2020, 1, 1), 2), _event("2", dt.date(2020, 1, 22), 3)]
    summary = summarize(events)
    assert [w.start for w in summary.by_week] == [week_start(dt.date(2020, 1, 1)) + dt.timedelta(weeks=i)
                                                  for i in range(4)]  # fmt: skip
    assert [w.events for w in summary.by_week] == [1, 0, 0, 1]
    assert [(a.name, a.events, a.fatalities) for a in summary.top_actors] == [("A", 2, 5)]


def test_notable_events_rank_deadliest_then_best_sourced() -> None:
    quiet, sourced, deadly = (
        _event("q", dt.date(2020, 1, 3), 0),
        _event("s", dt.date(2020, 1, 1), 0, 3),
        _event("d", dt.date(2020, 1, 2), 9),
    )
    assert [e.event_id for e in notable_events([quiet, sourced, deadly])] == ["d", "s", "q"]


# --- the command functions ----------------------------------------------------------------------------------


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()
    app.command("report")(report_cmd)
    app.command("serve")(serve_cmd)
    return app


def test_report_command_writes_the_file(cli: typer.Typer, seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.html"
    args = ["report", "--db", str(seed_db), "--from", "2018-05-01", "--to", "2018-05-31", "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--country", "Libya"])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "wrote the report of" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2018-06-01", "--to", "2018-05-01", "-o", "r.html"], "is after"),
        (["--from", "May", "--to", "2018-05-01", "-o", "r.html"], "is not a date"),
        (["--from", "2018-05-01", "--to", "2018-05-31", "-o", "r.pdf"], ".html or .md"),
    ],
)
def test_report_command_rejects_bad_arguments(
    cli: typer.Typer, seed_db: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(cli, ["report", "--db", str(seed_db), *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


@pytest.mark.parametrize("command", ["report", "serve"])
def test_commands_refuse_a_missing_database(cli: typer.Typer, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "missing.db"
    extra = (
        ["--from", "2018-05-01", "--to", "2018-05-31", "-o", str(tmp_path / "r.md")]
        if command == "report"
        else []
    )
    result = CliRunner().invoke(cli, [command, "--db", str(missing), *extra])
    assert result.exit_code == 1
    assert "no database at" in result.output
    assert not missing.exists()  # a reader never creates an empty database


def test_serve_command_runs_the_app_on_loopback(
    cli: typer.Typer, seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    result = CliRunner().invoke(cli, ["serve", "--db", str(seed_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    (call,) = calls
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    assert "read-only" in result.output
