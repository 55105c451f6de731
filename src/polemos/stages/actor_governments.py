"""Governments a report names as the owners of forces, or by how the world regards them (the "resolve
actors" stage, for polemos.stages.actor_resolver).

- A government body named with its forces ("Presidency Council forces", "pro-Presidency Council (PC)
  forces", "forces loyal to the Presidency Council") stands for the armed forces it commands: ACLED codes
  the fighting to the military forces, not to the political body, which it keeps for decrees and talks.
- Where camps compete for a state, a government label that says how the world regards it ("the
  internationally backed government", "Libya's UN-recognised government") names the camp whose entry lists
  that wording among its framing cues, whatever side the report itself leans to.
- A pronoun after "A of B" ("the X force of the government ... its members") means the phrase's head, A,
  not the owner nested in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.knowledge.actors import ActorEntry, ActorKB
from polemos.knowledge.phrases import fold, tokens

# the words after a government's name that make it the owner of forces ("PC forces", "pro-PC troops")
_FORCE_WORDS = frozenset(
    {"forces", "force", "troops", "fighters", "soldiers", "units", "militias", "brigades"}
)
_FORCE_AFTER = re.compile(
    r"(?:\s*\([A-Z]{2,6}\))?\s+(forces|troops|fighters|soldiers|units|militias|brigades)\b"
)
# a label that is itself a force word ("Forces loyal to the Presidency Council")
_FORCE_LABEL = re.compile(r"^(?:the\s+)?(?:forces|troops|fighters|soldiers|units|militias)\b", re.IGNORECASE)
# the gap between an "A of B" phrase's head and its nested owner
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?")


def government_forces(kb: ActorKB, entry: ActorEntry) -> ActorEntry | None:
    """The military forces of a government body: its parent where the entry is named "Government of ..."
    and the parent "Military Forces of ...", else None."""
    parent = kb.entry(entry.parent) if entry.parent else None
    if parent is None or not entry.name.startswith("Government of"):
        return None
    return parent if parent.name.startswith("Military Forces of") else None


def with_forces(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is told as the owner of forces: it ends with a word for
    forces ("Presidency Council forces") or one follows it ("pro-Presidency Council (PC) forces")."""
    words = text[start:end].split()
    return bool((words and fold(words[-1]) in _FORCE_WORDS) or _FORCE_AFTER.match(text, end))


def forces_label(label_text: str) -> bool:
    """Whether a label is a word for forces ("Forces", "the troops"), which a government's apposition
    gives to that government's forces."""
    return bool(_FORCE_LABEL.match(label_text))


_CUE_WORDS: dict[str, list[str]] = {}


def recognised_camp(label_text: str, camps: Sequence[ActorEntry]) -> ActorEntry | None:
    """The one camp's forces among `camps` whose framing cues the label's own words hold ("the
    internationally backed government"), or None where none or several do."""
    words = [fold(t.group()) for t in tokens(label_text)]
    found = [e for e in camps if any(_holds(words, cue) for cue in e.framing_cues)]
    return found[0] if len(found) == 1 else None


def _holds(words: list[str], cue: str) -> bool:
    want = _CUE_WORDS.get(cue)
    if want is None:  # a cue's words are folded once: labels are read by the thousand
        want = _CUE_WORDS[cue] = [fold(t.group()) for t in tokens(cue)]
    n = len(want)
    return n > 0 and any(words[i : i + n] == want for i in range(len(words) - n + 1))


def phrase_head(text: str, head_end: int, nested_start: int) -> bool:
    """Whether the mention ending at `head_end` is the head of an "A of B" phrase whose B starts at
    `nested_start` (a later pronoun means A)."""
    return bool(_OF_GAP.fullmatch(text, head_end, nested_start))
