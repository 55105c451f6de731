"""How a process that codes until it ends keeps Python's garbage collector out of its way.

What such a process loads (the spaCy model, the knowledge bases, the gazetteer's caches) lives as long as
the process, so it is moved out of the collector's sight (`gc.freeze`): the collector runs often while
coding, since every parsed sentence is a cycle of objects (its tokens point back to it), and each full
collection would otherwise walk all of that loaded state again (~5 % of coding time).

The young generation is also collected after 50,000 new container objects instead of Python's 700:
coding a sentence makes thousands of short-lived lists, tuples and dicts, nearly all freed by reference
counting before any collection could find them, so the default threshold ran a collection every few
words for almost nothing (~6 % of coding time on the benchmark corpus; ~3 % for a plain spaCy pass).
The garbage that waits for a collection is bounded by the threshold: a few MB.
"""

from __future__ import annotations

import gc

# Container allocations (net) between two collections of the young generation; the older generations
# keep a ratio close to Python's own (10 each) so that long-lived garbage is still reached.
YOUNG_THRESHOLD = 50_000
OLDER_THRESHOLDS = (20, 20)

_settled = False  # whether this process's heap has been settled


def settle_heap() -> None:
    """Freeze what the process has loaded so far and raise the collector's thresholds; once per
    process (a process that loads again, as the tests do, freezes no more of its heap)."""
    global _settled
    if _settled:
        return
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)
    _settled = True
