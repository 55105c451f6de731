"""Score which camp a report speaks for ("lna", "gna" or neutral) from its own wording.

Second step of the actors stage, after polemos.stages.actor_scan has found the names: pejoratives aimed at
a camp ("warlord Haftar", "Haftar's militia") count for its opponents; honorifics ("Field Marshal"), the
writer calling a camp "the army" ("Libyan army forces, led by Haftar"), and enemy words ("militants") used
for the other side count for the camp. The cue words and weights are data (framing in actors.yaml).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from polemos.knowledge.actors import ActorEntry, FramingLexeme
from polemos.knowledge.phrases import fold
from polemos.stages.actor_scan import Named, Scan

# Cues are attached to a name by syntax where possible; an unattached cue that an entry lists among its
# own framing_cues ("the warlord" in a 2019 Libya report) still counts, a little less surely.
_UNATTACHED = 0.7
_QUOTED = 0.5  # a cue inside quotation marks is a speaker's voice, not the writer's
_MIN_SCORE = 1.0
_MARGIN = 2.0  # the winning camp needs twice the runner-up's score


@dataclass(frozen=True)
class FramingCue:
    """One piece of wording that counts for a camp, with where it is and why it counts."""

    text: str
    start: int
    end: int
    side: str
    weight: float
    rule: str


@dataclass(frozen=True)
class Framing:
    """The camp a document speaks for (None: neutral or undecided), the cues, and each camp's score."""

    side: str | None
    cues: tuple[FramingCue, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)

    def top_cue(self, side: str) -> FramingCue | None:
        """Return the heaviest cue that counted for `side`."""
        return max((c for c in self.cues if c.side == side), key=lambda c: c.weight, default=None)


def salience(scan: Scan) -> dict[str, float]:
    """Return how prominent each named entry is: its mention count, plus a half for local actors."""
    iso2 = scan.country.iso2 if scan.country else None
    out: dict[str, float] = {}
    for n in scan.named:
        if not n.anti:
            out[n.entry.name] = out.get(n.entry.name, 0.0) + 1.0 + (0.5 if n.entry.country == iso2 else 0.0)
    return out


class _Scorer:
    def __init__(self, scan: Scan) -> None:
        self.scan, self.kb = scan, scan.kb
        self.iso2 = scan.country.iso2 if scan.country else None
        # Only the country's own camps can be the side a report speaks for; transnational ones (IS, AQ)
        # are everybody's enemy and tell nothing about the writer.
        self.camps = {
            s.id: s for s in self.kb.camps(self.iso2, scan.year) if s.country and s.country == self.iso2
        }
        self.cues: list[FramingCue] = []
        weights = salience(scan)
        armed = [n for n in scan.named if n.entry.inter in (2, 3) and n.entry.side and not n.anti]
        self.salient_enemy = max(armed, key=lambda n: weights[n.entry.name], default=None)

    def credit(self, sides: list[str], text: str, start: int, end: int, weight: float, rule: str) -> None:
        for side in sides:
            if side in self.camps:
                self.cues.append(FramingCue(text, start, end, side, round(weight, 3), rule))

    def opposers(self, side: str | None) -> list[str]:
        return [s for s in self.camps if self.kb.opposes(s, side)]

    def own_side(self, n: Named) -> list[str]:
        return self.opposers(n.entry.side) if n.anti else ([n.entry.side] if n.entry.side else [])

    def own_entry(self, e: ActorEntry) -> list[str]:
        return [e.side] if e.side else []

    def against(self, n: Named) -> list[str]:
        return [n.entry.side] if n.anti and n.entry.side else self.opposers(n.entry.side)

    def unattached_targets(self, cue: str) -> list[ActorEntry]:
        return [
            e
            for e in self.kb.cue_targets.get(fold(cue), ())
            if e.is_valid(self.scan.year) and (self.iso2 is None or e.country == self.iso2)
        ]

    def cue(self, start: int, end: int, text: str, lexemes: tuple[FramingLexeme, ...]) -> None:
        scale = _QUOTED if self.scan.in_quote(start) else 1.0
        found = self.scan.attachment(start, end)
        target = found[0] if found else None
        if (
            found
            and found[1] == "in-name"
            and found[0].how != "leader"
            and found[0].core_start <= start < found[0].core_end
        ):
            return  # "National Army" inside "Libyan National Army" is the name, not the writer's choice
        for lex in lexemes:
            if lex.state_only and (target is None or target.entry.inter != 1):
                continue
            w = lex.weight * scale
            if lex.kind == "own_voice":
                self.own_voice(start, end, text, w)
            elif target is not None:
                sides = self.own_side(target) if lex.kind == "honorific" else self.against(target)
                self.credit(sides, text, start, end, w, f"{lex.kind}:{text}->{target.key}")
            elif lex.kind == "enemy":
                if self.salient_enemy is not None:
                    key = self.salient_enemy.key
                    self.credit(self.against(self.salient_enemy), text, start, end, w, f"enemy:{text}->{key}")
            else:
                for e in self.unattached_targets(lex.cue):
                    sides = self.own_entry(e) if lex.kind == "honorific" else self.opposers(e.side)
                    self.credit(sides, text, start, end, w * _UNATTACHED, f"{lex.kind}:{text}->{e.name}")
            return

    def own_voice(self, start: int, end: int, text: str, weight: float) -> None:
        """Credit the doer of "liberated" when named before it, else the opponents of who it is done to."""
        s_start, s_end = self.scan.sentence(start)
        before = [n for n in self.scan.named if s_start <= n.start < start and n.entry.side]
        after = [n for n in self.scan.named if end <= n.start < s_end and n.entry.side]
        if before:
            self.credit(
                self.own_side(before[-1]), text, start, end, weight, f"own-voice:{text} by {before[-1].key}"
            )
        elif after:
            self.credit(
                self.against(after[0]), text, start, end, weight, f"own-voice:{text} of {after[0].key}"
            )

    def army_labels(self) -> None:
        """Credit the camp a writer calls "the army": a state label attached to a name by apposition."""
        for label in self.scan.labels:
            if label.kind != "state_claim" or (label.country and label.country.iso2 != self.iso2):
                continue
            found = self.scan.attachment(label.start, label.end)
            if found and found[1] not in ("in-name", "before-name"):
                n, how = found
                self.credit(
                    self.own_side(n), label.text, label.start, label.end, 1.0, f"apposition:{how} {n.key}"
                )


def score_framing(scan: Scan) -> Framing:
    """Return the camp the scanned document speaks for, with the cues that decided it."""
    scorer = _Scorer(scan)
    if not scorer.camps:
        return Framing(None)
    for m in scan.kb.framing_index.find(scan.text):
        scorer.cue(m.start, m.end, m.text, m.values)
    scorer.army_labels()
    scores: dict[str, float] = {}
    for c in scorer.cues:
        scores[c.side] = round(scores.get(c.side, 0.0) + c.weight, 3)
    # The side decides which state forces "the army" means, so it is chosen among camps with forces.
    armed = [k for k in scorer.camps if scan.kb.forces_for(k, scan.year)] or list(scorer.camps)
    local = sorted(((scores.get(k, 0.0), k) for k in armed), reverse=True)
    side = None
    if local and local[0][0] >= _MIN_SCORE and (len(local) == 1 or local[0][0] >= _MARGIN * local[1][0]):
        side = local[0][1]
    return Framing(side, tuple(scorer.cues), scores)
