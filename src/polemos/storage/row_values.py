"""The values the row code of storage/ writes and reads back the same way in every table: the time a row
was written, and a nullable text column. One definition each, so the tables of both engines agree.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["optional_text", "utc_now"]


def utc_now() -> str:
    """Return the current UTC time as the tables store it: ISO 8601 to the second, with its offset."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def optional_text(raw: object) -> str | None:
    """Return a nullable column's value as text, None staying None."""
    return None if raw is None else str(raw)
