"""Identity groups named as a pair before one armed noun ("clashes between Tebu and Awlad Sulaiman
fighters"): the knowledge base matches a group only with its noun ("Awlad Sulaiman fighters"), so the
first group of the pair is found here, from the name that follows it.

Runs only where a document names an identity militia, and reads only the few words before it.
"""

from __future__ import annotations

import functools
import re

from polemos.knowledge.actors import ActorEntry, ActorKB
from polemos.knowledge.phrases import fold

# (start, end, entry, phrase, rule, confidence) of a group found, for the scan to record as a name
Paired = tuple[int, int, ActorEntry, str, str, float]

# "<Group> and " (or "<Group>, and ") ending right before the matched "<group> <noun>"
_PAIRED = re.compile(r"(?:^|[\s(])((?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*),?\s+and\s+$")
_WINDOW = 60  # characters read before the matched name


@functools.cache
def _groups(kb: ActorKB) -> dict[str, tuple[ActorEntry, ...]]:
    """The bare group names of the knowledge base's identity militias (their aliases less the armed noun),
    folded, each with the militias (one per country) it names."""
    heads = sorted({fold(h) for h in kb.labels.get("identity_heads", ())}, key=len, reverse=True)
    out: dict[str, dict[str, ActorEntry]] = {}
    for e in kb.entries:
        if e.inter != 4:
            continue
        for alias in e.aliases:
            folded = fold(alias)
            head = next((h for h in heads if folded.endswith(" " + h)), None)
            if head is not None:
                out.setdefault(folded[: -len(head) - 1], {})[e.name] = e
    return {k: tuple(v.values()) for k, v in out.items()}


def paired_groups(
    text: str, named: list[tuple[int, int, ActorEntry, str, float]], kb: ActorKB
) -> list[Paired]:
    """Return the identity groups named just before, and joined by "and" to, an identity militia found;
    `named` gives (start, end, entry, key, confidence) of the names already found."""
    out: list[Paired] = []
    taken = [(a, b) for a, b, *_ in named]
    for n_start, _, entry, key, confidence in named:
        if entry.inter != 4:
            continue
        m = _PAIRED.search(text, max(0, n_start - _WINDOW), n_start)
        if m is None:
            continue
        words = m.group(1).split()
        for k in range(len(words)):  # the longest run of the last words that names a group
            phrase = " ".join(words[k:])
            found = [e for e in _groups(kb).get(fold(phrase), ()) if e.country == entry.country]
            if not found or found[0] == entry:
                continue
            s = m.end(1) - len(phrase)
            if any(s < e and a < m.end(1) for a, e in taken):
                break
            out.append(
                (s, m.end(1), found[0], phrase, f"alias:{phrase} (paired with {key})", confidence * 0.9)
            )
            break
    return out
