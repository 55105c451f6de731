"""The one connection shape the row code of storage/ is written against, whatever engine is behind it.

Row modules (history, relations, corroboration, watch state) and the shared store logic (sql_store.py)
write their SQL once, with SQLite's `?` placeholders, and run it on a `Connection`: a sqlite3 connection
is one as it is; `PgConnection` makes a psycopg connection one by rewriting the placeholders. The other
engine differences are kept out of that SQL: PostgreSQL's schema gives the tables SQLite's implicit
`rowid` as a real column (storage/postgres_schema.py), so orderings by insertion order read the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # psycopg is needed for PostgreSQL only
    import psycopg

__all__ = ["Connection", "Cursor", "PgConnection", "placeholders", "to_pyformat"]


class Cursor(Protocol):
    """What the row code reads of a cursor: sqlite3's and psycopg's both have it."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the row code asks of a connection, with `?` placeholders (a sqlite3 connection is one)."""

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any: ...


def placeholders(n: int) -> str:
    """Return `n` `?` placeholders for an `IN (...)` list or a row of values: "?, ?, ?"."""
    return ", ".join("?" * n)


def to_pyformat(sql: str) -> str:
    """Rewrite `?` placeholders as psycopg's `%s`, escaping literal `%` (no SQL here quotes a `?`)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PgConnection:
    """A psycopg connection seen as a `Connection`: the same SQL text runs on both engines."""

    def __init__(self, raw: psycopg.Connection[tuple[Any, ...]]) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor:
        # Parameters are always passed (even none), so psycopg always reads `%%` back as `%`.
        return self.raw.execute(to_pyformat(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(to_pyformat(sql), [tuple(r) for r in rows])
