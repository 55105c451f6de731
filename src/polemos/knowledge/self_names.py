"""Names a report says a group gives itself ("rebels who called themselves "Islamic Emirate of Barqa"", "a
group calling itself the Martyrs of Derna"): where they lie, so that a knowledge-base alias that is only the
start of such a name ("Islamic Emirate", the Taliban's) is not read as its own actor (polemos.knowledge.actors
drops it; polemos.stages.actor_selfnamed makes the whole name an actor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SelfName", "self_names"]

# A capitalised word of a name (with an Arabic article joined to it: "al-Nusra"), and the lower-case words
# a name may hold between them ("Islamic Emirate of Barqa", "Brigade for the Defence of ...")
_WORD = r"(?:(?:al|el|ad|ar|as|an|at|az)-)?[A-Z][\w'’-]*"
_JOIN = r"(?:of|for|in|the|and|al|el|de|du|bin|ibn|abu)"
_NAME = rf"{_WORD}(?:\s+(?:{_JOIN}\s+)*{_WORD})*"
# "who call(ed) themselves", "calling itself", "which calls itself", then the name, quoted or capitalised
_SELF_NAMING = re.compile(
    r"(?:\b(?:who|which|that)\s+)?\bcall(?:s|ed|ing)?\s+(?:themselves|itself)\s+"
    rf"(?:the\s+)?(?:[\"“‘']\s*(?:the\s+)?(?P<quoted>{_NAME})\s*[\"”’']|(?P<bare>{_NAME}))"
)


@dataclass(frozen=True)
class SelfName:
    """One self-given name: where its clause begins (right after the noun it is told of) and where the
    name itself lies."""

    clause_start: int
    start: int
    end: int
    name: str

    def holds_inside(self, start: int, end: int) -> bool:
        """Whether a match at [start, end) lies within the name without being all of it: an alias that is
        only part of the longer name."""
        return self.start <= start and end <= self.end and (start, end) != (self.start, self.end)

    def told_of(self, text: str, end: int) -> bool:
        """Whether a match ending at `end` is the noun the name is told of ("Rebels who called ...")."""
        gap = text[end : self.clause_start] if end <= self.clause_start else "x"
        return re.fullmatch(r"\s*,?\s*", gap) is not None


def self_names(text: str) -> list[SelfName]:
    """Every self-given name of a group in `text`, in text order."""
    if "call" not in text:
        return []  # the pattern needs "call": spares the regex for the many texts without it
    found = []
    for m in _SELF_NAMING.finditer(text):
        group = "quoted" if m.group("quoted") else "bare"
        start, end = m.span(group)
        found.append(SelfName(m.start(), start, end, " ".join(text[start:end].split())))
    return found
