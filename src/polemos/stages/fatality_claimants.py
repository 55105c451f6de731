"""Who reports a death toll in a sentence: 'according to X', 'X said', 'said X', 'with X saying'."""

from __future__ import annotations

import re

__all__ = ["REPORT", "claimant_mentions", "claimant_of"]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


REPORT = re.compile(
    r"\b(?:said|says|say|saying|reported|reports|claimed(?!\s+the\s+lives)|claims(?!\s+the\s+lives)"
    r"|stated|states|announced|announces|confirmed|confirms|told|tells|added|adds|tweeted|wrote)\b",
    re.I,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.I)
# A claimant named after its verb ends at punctuation or at the next clause: "according to X on Monday".
_NP_AFTER = re.compile(
    r"[^,.;:()\"“”]{1,80}?"
    r"(?=\s*(?:[,.;:()\"“”]|$|\s+(?:who|which|that|on|in|at|as|while|after|said|says)\b))"
)
_SKIP_BEFORE_VERB = frozenset(_words("has have had also later earlier previously reportedly separately"))
_PASSIVE_AUX = frozenset(_words("was were is are be been being"))
_CLAIMANT_STOP = frozenset(
    _words(
        "with and but while as after that which who where when because although since also has have "
        "had was were is are been reportedly then so"
    )
)


def claimant_of(mentions: list[tuple[int, int, str, bool]], start: int, end: int) -> str | None:
    """The claimant whose report covers `start:end`: 'X said <claim>' before it, '<claim>, X said' after."""
    in_scope = [c for c in mentions if (c[3] and c[1] <= start) or (not c[3] and c[0] >= end)]
    nearest = min(in_scope or mentions, key=lambda c: max(0, start - c[1], c[0] - end), default=None)
    return nearest[2] if nearest else None


def claimant_mentions(text: str) -> list[tuple[int, int, str, bool]]:
    """Who reports what in the sentence: 'according to X', 'X said', 'said X', 'with X saying'.

    Each mention is (start, end, claimant, is_forward): a forward mention reports what follows it.
    """
    mentions = []
    for m in _ACCORDING.finditer(text):
        if np := _NP_AFTER.match(text, m.end()):
            is_first = not text[: m.start()].strip()  # "According to police, 5 died"
            mentions.append((m.start(), np.end(), np.group().strip(), is_first))
    for m in REPORT.finditer(text):
        words = list(re.finditer(r"[\w'’-]+", text[: m.start()].rsplit(",", 1)[-1]))
        base = m.start() - len(text[: m.start()].rsplit(",", 1)[-1])
        while words and words[-1].group().lower() in _SKIP_BEFORE_VERB:
            words.pop()
        if words and words[-1].group().lower() in _PASSIVE_AUX:
            continue  # "were reported killed": a passive, not a claimant
        subject: list[re.Match[str]] = []
        for w in reversed(words):
            if w.group().lower() in _CLAIMANT_STOP or len(subject) == 6:
                break
            subject.insert(0, w)
        between = text[base + subject[-1].end() : m.start()] if subject else ""
        if subject and not re.search(r"[\"“”.;:()]", between):
            start = base + subject[0].start()
            # "police said." ends its clause and reports what came before; "X said 5 died" reports on.
            is_forward = re.match(r"\s*(?:$|[,.;!?)”])", text[m.end() :]) is None
            mentions.append((start, m.end(), text[start : base + subject[-1].end()], is_forward))
        elif (not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ',"“”') and (
            np := _NP_AFTER.match(text, m.end())
        ):
            # ", said the ministry": the claimant follows the verb.
            mentions.append((m.start(), np.end(), np.group().strip(), False))
    return [mention for mention in mentions if mention[2]]
