"""Tell for sure that a name is not in the gazetteer, without a SQLite query.

The places stage looks up every window of every capitalised run of a sentence, and most of those names
are not places ("The Taliban", "Monday", "Interior Ministry"): each miss cost one or two SQLite
queries (~50 us each), a good part of the stage's time on a fresh process. `NameFilter` is a Bloom filter
over every key the gazetteer's look-ups search: a name key (`SqliteGazetteer.lookup`), the spaceless form
of a multi-word key (its second query) and a respelling skeleton with its country (`respellings`). It
answers "absent" only for what no row holds, so a look-up it lets through still asks SQLite and every
answer stays the same; a false "maybe" (about 1 in 100) only costs the query it would have cost anyway.

Every build and every import rewrites it from the `names` table (`write_filter`); a database without one
(built before it existed) is simply queried as before.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator

__all__ = ["NameFilter", "compact_item", "key_item", "loose_item", "read_filter", "write_filter"]

# ~10 bits and 7 probes per item: about 1 % false "maybe".
BITS_PER_ITEM = 10
PROBES = 7
# Rows hashed per numpy batch while building (bounds memory on a full GeoNames import).
_BATCH = 200_000
_MASK = (1 << 64) - 1
_TABLE = "CREATE TABLE IF NOT EXISTS name_filter (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, probes INTEGER NOT NULL, bits BLOB NOT NULL)"  # noqa: E501


def key_item(key: str) -> str:
    """The item for a normalised name key (`names.key`)."""
    return "k\x1f" + key


def compact_item(compact: str) -> str:
    """The item for the spaceless form of a multi-word key (`names.compact` where the key has a space)."""
    return "c\x1f" + compact


def loose_item(loose: str, country_code: str) -> str:
    """The item for a respelling skeleton in one country (`names.loose` with the place's country)."""
    return "l\x1f" + loose + "\x1f" + country_code.upper()


def _halves(item: str) -> tuple[int, int]:
    digest = hashlib.blake2b(item.encode("utf-8"), digest_size=16).digest()
    # An odd step visits PROBES distinct positions whenever the size is even (it always is: whole bytes).
    return int.from_bytes(digest[:8], "little"), int.from_bytes(digest[8:], "little") | 1


class NameFilter:
    """A Bloom filter of gazetteer items: `may_hold(item)` is False only for an item never added."""

    def __init__(self, bits: bytes, size: int, probes: int = PROBES) -> None:
        self._bits = bits
        self._size = size
        self._probes = probes

    def may_hold(self, item: str) -> bool:
        first, step = _halves(item)
        bits, size = self._bits, self._size
        for i in range(self._probes):
            at = ((first + i * step) & _MASK) % size
            if not bits[at >> 3] >> (at & 7) & 1:
                return False
        return True

    @classmethod
    def build(cls, items: Iterable[str], count: int) -> NameFilter:
        """A filter sized for `count` items holding `items` (the positions computed with numpy)."""
        import numpy

        size = max(64, -(-count * BITS_PER_ITEM // 64) * 64)
        packed = numpy.zeros(size // 8, dtype=numpy.uint8)
        for batch in _batches(items):
            halves = numpy.array([_halves(item) for item in batch], dtype=numpy.uint64)
            first, step = halves[:, 0], halves[:, 1]
            for i in range(PROBES):
                # uint64 arithmetic wraps mod 2**64, as `& _MASK` does in `may_hold`.
                at = (first + numpy.uint64(i) * step) % numpy.uint64(size)
                numpy.bitwise_or.at(
                    packed,
                    (at >> numpy.uint64(3)).astype(numpy.intp),
                    (1 << (at & numpy.uint64(7))).astype(numpy.uint8),
                )
        return cls(packed.tobytes(), size)


def _batches(items: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _items(db: sqlite3.Connection) -> Iterator[str]:
    rows = db.execute(
        "SELECT n.key, n.compact, n.loose, p.country_code FROM names n JOIN places p ON p.id = n.place"
    )
    for key, compact, loose, country in rows:
        yield key_item(key)
        if " " in key:
            yield compact_item(compact)
        yield loose_item(loose, country)


def write_filter(db: sqlite3.Connection) -> None:
    """(Re)write the database's name filter from its `names` table (call after any change to it)."""
    (rows,) = db.execute("SELECT count(*) FROM names").fetchone()
    name_filter = NameFilter.build(_items(db), count=3 * int(rows))
    db.execute(_TABLE)
    db.execute(
        "INSERT OR REPLACE INTO name_filter (id, size, probes, bits) VALUES (1, ?, ?, ?)",
        (name_filter._size, name_filter._probes, name_filter._bits),
    )


def read_filter(db: sqlite3.Connection) -> NameFilter | None:
    """The database's name filter, or None where it has none (a build from before filters)."""
    try:
        row = db.execute("SELECT size, probes, bits FROM name_filter WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # no such table
        return None
    return NameFilter(bytes(row[2]), int(row[0]), int(row[1])) if row else None
