"""Groups a report names by the name they give themselves ("rebels who called themselves "Islamic Emirate
of Barqa"", "a group calling itself the Martyrs of Derna"): each is an actor of that name.

ACLED codes a named group under its name. A knowledge-base alias that is only the start of the longer name
("Islamic Emirate", the Taliban's, at the head of "Islamic Emirate of Barqa") is not that actor (the
knowledge base's scan leaves it out: polemos.knowledge.self_names); and the noun the self-given name is told
of ("rebels who called themselves X") is X, not the knowledge base's actor of that noun. A name the knowledge
base holds in full ("a group calling itself the Islamic State") stays the knowledge base's.
"""

from __future__ import annotations

from collections.abc import Sequence

from polemos.knowledge.actors import ActorEntry, AliasMatch
from polemos.knowledge.self_names import self_names

__all__ = ["self_named_actors"]


def self_named_actors(
    text: str, matches: Sequence[AliasMatch], country: str | None
) -> tuple[list[AliasMatch], list[tuple[int, int, int, int, ActorEntry]]]:
    """The knowledge-base `matches` less the nouns a self-given name is told of, and (start, end, name
    start, name end, entry) of each name the knowledge base does not hold in full: an armed group (inter
    3) of the report's `country`, as a named unit it lacks is (see actor_units), whose span runs from the
    noun it is told of, where one was dropped."""
    found = self_names(text)
    if not found:
        return list(matches), []
    spans = {(m.start, m.end) for m in matches}
    new = [n for n in found if (n.start, n.end) not in spans]
    kept, heads = [], {}
    for m in matches:
        told = next((n for n in new if n.told_of(text, m.end)), None)
        if told is None:
            kept.append(m)
        else:
            heads[told.start] = m.start
    added = [(heads.get(n.start, n.start), n.end, n.start, n.end, _entry(n.name, country)) for n in new]
    return kept, added


def _entry(name: str, country: str | None) -> ActorEntry:
    return ActorEntry(name, 3, country, None, None, (name,), (), (), None, None, ())
