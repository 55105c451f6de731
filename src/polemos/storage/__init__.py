"""Storage: the Store protocol and its engines; `open_store` picks the engine from a path or URL."""

from __future__ import annotations

from pathlib import Path

from polemos.errors import StoreError
from polemos.storage.base import DocumentStatus, EventFilter, Store
from polemos.storage.sqlite import SqliteStore

__all__ = ["DocumentStatus", "EventFilter", "SqliteStore", "Store", "open_store"]

_SQLITE_URL = "sqlite:///"


def open_store(db: str | Path) -> Store:
    """Open the store at a path, `sqlite:///path` or `postgresql://...`, creating/migrating its schema."""
    if isinstance(db, Path):
        return SqliteStore(db)
    if db.startswith(("postgresql://", "postgres://")):
        try:
            from polemos.storage.postgres import PostgresStore
        except ImportError as e:  # psycopg is needed for PostgreSQL only
            raise StoreError("PostgreSQL URLs need psycopg: pip install 'psycopg[binary]'") from e
        return PostgresStore(db)
    if db.startswith(_SQLITE_URL):
        path = db[len(_SQLITE_URL) :]
        if not path:
            raise StoreError(f"{db!r} names no database file; write sqlite:///path/to/file.db")
        return SqliteStore(path)
    if "://" in db:
        scheme = db.split("://", 1)[0]
        raise StoreError(
            f"unsupported database URL scheme {scheme!r}; use a SQLite file path or sqlite:///path"
        )
    return SqliteStore(db)
