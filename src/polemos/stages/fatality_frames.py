"""Deaths a sentence names as something else than its event's toll: the cause or spark of what it reports
("a protest over the killing of ..."), a death mourned, protested or charged ("a vigil for two men
killed ...", "accused of killing"), or a killing only intended ("attempted to assassinate"). Read by
`fatalities` on the text before a claim."""

from __future__ import annotations

import re

__all__ = ["CAUSE", "INTENT", "MOURNED"]

# "people protested over the murder of one of its leaders": a death named as the cause or background of
# the event being reported is not among its dead; "following the shooting and killing of two students"
# names the cause through two nouns. A death the event came after ("after", "following") is kept, marked
# as the spark (`SPARKED`): the fighting it set off holds it, a protest over it does not.
CAUSE = re.compile(
    # "the looting followed the death of a trader": the event told came after the death.
    r"\b(?:(?P<sparked>after|following|follow(?:s|ed))|over|since|avenge|avenging|for|against|condemn(?:ed|ing|s)?"
    r"|protest(?:ed|ing|s)?"
    # "a dispute over land leading to the death of four people": a result word makes it this event's.
    r"|revenge|retaliation|response|investigat\w+|denounc\w+|discuss\w*)\s+"
    r"(?:(?!(?:leading|led|resulting|resulted|causing|caused|which|that)\b)\w+\s+){0,3}?(?:the|a|an)?\s*$",
    re.I,
)
# "a protest against stabbing attacks that had killed nine people", "a vigil for two men killed in a
# robbery", "a funeral march for the killed protester", "a man accused of killing his wife": deaths the
# clause names as what is mourned, protested or charged belong to an earlier event, whatever verb
# reports them (", killing 4" after a comma is the clause's own result).
MOURNED = re.compile(
    # "people protested in Shashamene against attacks that killed seven": a place may come between.
    r"\b(?:protest(?:s|ed|ing)?\s+(?:[\w'’-]+\s+){0,4}?(?:against|over)|vigils?\s+for|funerals?\s+(?:(?:march|procession|service|prayers?|rites?)\s+)?(?:of|for)|mourn\w*"
    r"|in\s+memory\s+of|commemorat\w+)\b[^.;:!?,]*$"
    # "the attack was in retaliation for air strikes during which some of their men were killed": deaths
    # a clause of the avenged act tells are an earlier event's ("in response, troops killed 5" are not).
    r"|\bin\s+(?:retaliation|revenge|reprisal|response)\s+(?:for|to)\b[^.;:!?,]*"
    r"\b(?:which|that|who|whom|when|where)\b[^.;:!?,]*$"
    # "accused of killing": only the charge's own verb; "a man accused of spying was executed" is his death.
    r"|\b(?:(?:accused|suspected|convicted|guilty)\s+of|charged\s+with)\s+(?:\w+ly\s+)?$"
    # "residents protested after a trader was killed", "youths blocked the road, demanding justice after
    # two men were found dead": deaths a protest's clause says it came after are its cause, an earlier event
    # (the dev notes code 37 of 38 such protests and riots with no dead).
    r"|\b(?:protest\w*|demonstrat\w*|riot(?:s|ed|ing|ers?)?|took\s+to\s+the\s+streets|demand(?:s|ed|ing)"
    r"|block(?:s|ed|ing|aded)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+)?(?:road|roads|highway|street|streets))\b"
    r"[^.;:!?]*?\b(?:after|following)\s+[^.;:!?,]*$"
    # "clashes erupted following an earlier shooting in which a boy was killed": an incident the report
    # itself calls earlier is another event, with its own dead.
    r"|\b(?:earlier|previous|prior)\s+(?:[\w'’-]+\s+){0,2}?(?:incidents?|attacks?|clash(?:es)?|shootings?"
    r"|ambush(?:es)?|raids?|bombings?|fighting|violence|killings?)\s*,?\s*(?:in\s+which|during\s+which|which"
    r"|that|when|where)\b[^.;:!?]*$",
    re.I,
)
# A killing only tried, planned or threatened: "gunmen attempted to assassinate an officer", "in a bid to
# kill the governor", "threatened to execute two hostages".
INTENT = re.compile(
    r"\b(?:attempt(?:s|ed|ing)?|tr(?:y|ies|ied|ying)|fail(?:s|ed|ing)?|plot(?:s|ted|ting)?|plan(?:s|ned|ning)?"
    r"|sought|seek(?:s|ing)?|threat(?:en|ens|ened|ening)?|vow(?:s|ed|ing)?|want(?:s|ed|ing)?|intend(?:s|ed|ing)?"
    r"|bid|conspir(?:e|es|ed|ing|acy)|aim(?:s|ed|ing)?)\s+to\s+$",
    re.I,
)
