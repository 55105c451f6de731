"""A label linked or tied to a named party is that party's ("fighters linked to the LNA"), never the
enemy a hostile label otherwise reads as, nor an unidentified group."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document

_LNA = "Military Forces of Libya (2014-) Haftar Faction"


@pytest.mark.parametrize(
    "text",
    [
        "A shopkeeper was summarily executed by fighters linked to the Libyan National Army in Ajdabiya.",
        "A man said to be an Islamic State member was summarily executed by fighters linked to the Libyan "
        "National Army in Ajdabiya.",
    ],
)
def test_a_label_linked_to_a_party_is_that_party(coder: Any, text: str) -> None:
    events = coder.code(Document(id="links", text=text, published=dt.date(2017, 2, 5)))
    assert events, text
    assert events[0].actor1 is not None and events[0].actor1.name == _LNA
