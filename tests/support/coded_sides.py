"""The sides of the first event the real coder gives a sentence: the actor-choice tests' shared reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from polemos.model import Document, Event


def coded_sides(
    coder: Any, text: str, published: dt.date, keep: Callable[[Event], bool] = lambda e: True, what: str = ""
) -> tuple[str | None, str | None]:
    """(actor1, actor2) names of the first event of `text` that `keep` accepts (`what` names it in the
    failure message)."""
    events = [e for e in coder.code(Document(id="sides", text=text, published=published)) if keep(e)]
    assert events, f"no {what or 'event'} coded in {text!r}"
    e = events[0]
    return (e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)
