"""Victims a report names by a foreign nationality keep it, though it is not where the report happens
(actor_resolver: civilians of no stated nationality are the foreigners the report names, if of one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document


def _sides(coder: Any, text: str) -> list[tuple[str | None, str | None]]:
    events = coder.code(Document("d", text, published=dt.date(2017, 3, 1)))
    return [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the place tells the country of the doers; the victims keep theirs
        (
            "Gunmen shot dead three Somali nationals in Sabha.",
            ("Unidentified Armed Group (Libya)", "Civilians (Somalia)"),
        ),
        (
            "A Danish national was stabbed to death in Kismayo.",
            ("Unidentified Armed Group (Somalia)", "Civilians (Denmark)"),
        ),
        # victims of the report's own country stay so
        (
            "Gunmen shot dead three civilians in Sabha.",
            ("Unidentified Armed Group (Libya)", "Civilians (Libya)"),
        ),
    ],
)
def test_victims_keep_their_nationality(coder: Any, text: str, expected: tuple[str, str]) -> None:
    assert _sides(coder, text) == [expected]
