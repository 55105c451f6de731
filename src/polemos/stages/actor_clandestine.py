"""Clandestine acts: violence whose doer hides, which no war's dominant side is presumed to have done (the
"resolve actors" stage).

Where one side of a war did nearly all the open violence (Gaddafi's forces in 2011: the knowledge base's
`unnamed` default), the fighting, shelling and killings a report leaves unnamed are that side's. A deed done
in hiding is not: a bomb planted in a car or by a road, an assassin's killing, a man shot in his own home.
Such acts are the work of whoever hid, and ACLED codes their unnamed doer an unidentified armed group in any
war, as it does where no side dominates. So neither the country's `unnamed` reading (polemos.stages.actors),
nor the war party of the event's place, nor a battle's sole opponent ("a rebel commander was assassinated":
not by the regime's army, as far as the report says; polemos.stages.actor_choice) fills the doer of a
clandestine act. Snipers are no such cue: they shoot in open fighting, for the side that holds
the rooftops.
"""

from __future__ import annotations

import re

__all__ = ["clandestine"]

# Explosives set to go off without their planters in sight: car bombs, roadside or parcel bombs, IEDs,
# booby-traps, a bomb "planted" or "hidden" somewhere, and suicide attacks (the bomber's group stays
# unnamed unless the report names it).
_PLANTED = (
    r"car[- ]?bomb(?:s|ing|ings|ed)?|(?:roadside|parcel|letter|sticky|magnetic|time|nail)[- ]bombs?"
    r"|improvised\s+explosive|\b(?:VB|SV|PB)?IEDs?\b|explosive\s+devices?|booby[- ]?trap\w*"
    r"|explosives?[- ](?:laden|packed|rigged|filled)|suicide\s+(?:bomb\w*|attack\w*|car|vest)"
    r"|(?:bombs?|explosives?|mines?)\s+(?:(?:was|were|had\s+been|have\s+been)\s+)?"
    r"(?:planted|placed|hidden|concealed|attached|left)\b"
)
# A killing done by a hidden hand: an assassin or an assassination (attempt)
_ASSASSIN = r"\bassassin\w*"
# A shooting or stabbing of someone in their own home: a targeted killing, not a war's open fighting
_AT_HOME = re.compile(
    r"\b(?:shot|gunned\s+down|stabbed|killed|murdered)\b.{0,60}?\b(?:in|at|outside|inside)\s+(?:his|her|their)"
    r"\s+(?:own\s+)?(?:home|house|residence|flat|apartment)s?\b",
    re.IGNORECASE,
)
# ...unless the sentence tells of a war's open violence, which reaches homes too ("shells hit houses")
_OPEN_WAR = re.compile(
    r"\b(?:shell\w*|artillery|rockets?|mortars?|air\s*strikes?|air\s*raids?|bombard\w*|fighting|clash\w*"
    r"|crossfire|battles?)\b",
    re.IGNORECASE,
)
_CLANDESTINE = re.compile(rf"{_PLANTED}|{_ASSASSIN}", re.IGNORECASE)


def clandestine(sentence: str) -> bool:
    """Whether a sentence tells of an act done in hiding: explosives planted, an assassin, a killing in the
    victim's home (without a war's open violence in the same sentence)."""
    if _CLANDESTINE.search(sentence):
        return True
    return _AT_HOME.search(sentence) is not None and _OPEN_WAR.search(sentence) is None
