"""Decide whether a trigger reports something that happened: negated, future, hypothetical, intended,
habitual or denied statements are not events (extract stage, on the spaCy parse of one sentence).

ACLED codes events that occurred; "vowed it would be captured", "aimed to retake", "capturing Derna would
complete", "free of fighting", "denied carrying out the attack" describe none.
"""

from __future__ import annotations

from typing import Any

# Verbs whose complement is an intention, a wish, a threat or a plan, not a fact.
INTENT_VERBS = frozenset(
    {
        "aim", "plan", "vow", "threaten", "intend", "seek", "want", "hope", "prepare", "try", "attempt",
        "expect", "urge", "call", "pledge", "promise", "plot", "demand", "order", "fear", "warn", "propose",
        "consider", "refuse", "fail", "need", "wish", "push", "mean", "decide", "agree", "struggle",
        "avoid", "escape", "survive", "prevent", "foil", "thwart",
    }
)  # fmt: skip
# Intent verbs whose clausal or nominal object is itself the plan ("vowed that ...", "planned an attack");
# for the others only an infinitive is ("tried to break out"), a "that"-clause often being a misparse.
FUTURE_VERBS = frozenset({"vow", "threaten", "pledge", "promise", "plan", "intend", "plot", "fear", "warn"})
# Verbs whose infinitive complement reports a fact at second hand ("said to have killed").
REPORTED_HEADS = frozenset(
    {
        "claim",
        "report",
        "say",
        "allege",
        "believe",
        "understand",
        "think",
        "know",
        "appear",
        "seem",
        "confirm",
    }
)
# Heads whose infinitive complement tells what was done: aspect ("continued to fight") and achievement
# ("managed to repel").
# Coercion ("were forced to flee", "compelled to join a march") reports a deed too.
ASPECT_HEADS = frozenset(
    {"continue", "begin", "start", "resume", "keep", "manage", "succeed", "force", "compel", "oblige"}
)
# "were able to retake", "are eventually able to repel": an achievement, where "is able to retake the town
# within a week" is a boast. A past copula or an adverb of completion makes the ability a deed; the copula
# still carries any modal, negation or plan ("will be able to", "hope to be able to"), which the walk up
# the clause chain reads through the adjective.
ABILITY_HEADS = frozenset({"able"})
# Words that put an ability in time still to come: "within a week", "soon", "in the coming days".
FUTURE_TIME_WORDS = frozenset({"within", "soon", "shortly", "next", "coming", "tomorrow", "future"})
COMPLETION_ADVERBS = frozenset({"eventually", "finally", "ultimately", "successfully", "later", "then"})
# What a report may not know about an event that happened: "Rebels gained ground, casualties not
# reported" negates the toll, not the fighting.
EVENT_DETAILS = frozenset(
    {"casualty", "causality", "casualties", "fatality", "death", "injury", "number", "figure", "toll",
     "detail", "reason", "motive", "perpetrator", "identity", "damage", "loss", "cause", "victim",
     # "(name not given)", "exact location not specified", "the date was not reported"
     "name", "location", "date"}
)  # fmt: skip
# "not known who killed him", "it is not clear why they clashed": the ignorance is about the who or
# why; the event itself happened.
KNOWLEDGE_WORDS = frozenset({"know", "clear", "identify", "establish", "determine", "confirm"})
DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute"})
# Verbs whose object is an event they take as having happened: "to investigate the murder of the mayor",
# "vowed to avenge the attack", "launched a probe into the killing". Whatever the modality of the verb,
# its object took place.
PRESUPPOSING_VERBS = frozenset(
    {"investigate", "probe", "condemn", "denounce", "avenge", "mourn", "commemorate", "decry", "deplore"}
)
# Verbs whose object is an event that did not take place: "postponed the rally", "banned the march" (not
# "suspended the strike": a strike suspended had begun).
CANCEL_VERBS = frozenset({"cancel", "postpone", "ban", "prohibit", "forbid", "outlaw", "defer"})
MODALS = frozenset({"will", "would", "could", "might", "may", "should", "shall", "must", "ca", "can", "'ll"})
# Nouns that turn a following "to"-clause into a purpose or plan ("a campaign aimed to retake",
# "an operation to capture"): the complement has not happened.
PURPOSE_NOUNS = frozenset(
    {"plan", "campaign", "operation", "effort", "attempt", "bid", "threat", "offensive", "drive", "order",
     "call", "intention", "goal", "aim", "mission", "push", "move", "decision", "vow", "pledge"}
)  # fmt: skip
# Prepositions that place the main clause after or during another event, which they present as fact.
TIME_PREPS = frozenset({"following", "after", "amid", "during"})
# Conjunctions of a clause that tells when the main clause's act took place.
TIME_MARKS = frozenset({"when", "as", "while"})
HABITUAL = frozenset({"periodic", "periodically", "regularly", "often", "frequently", "routinely", "usually"})
NEGATING_ADJ = frozenset({"free", "without", "absent"})
# Modifiers that make an event noun one still to come: "ahead of planned protests", "a looming strike".
PROSPECTIVE = frozenset(
    {"planned", "upcoming", "proposed", "scheduled", "impending", "looming", "possible", "potential",
     "future", "intended", "threatened", "forthcoming", "imminent",
     # "to prevent expected demonstrations", "anticipated attacks", "a feared offensive"
     "expected", "anticipated", "feared", "rumoured", "rumored"}
)  # fmt: skip
# Verbs whose object is an event that was kept from taking place: "to prevent expected protests", "averted
# a strike" (not "stopped the march": a march stopped had begun, and ACLED codes the intervention).
PREVENT_VERBS = frozenset({"prevent", "avert", "forestall", "preempt", "pre-empt"})
# Verbs whose object is an event still awaited: "where they anticipate an attack", "a strike is expected".
AWAIT_VERBS = frozenset({"anticipate", "expect", "await"})
# Nouns that, with "of"/"for", put the event they govern still to come: "ahead of Friday's march", "in
# anticipation of an assault", "in preparation for the rally".
AHEAD_WORDS = frozenset({"ahead", "anticipation", "expectation", "preparation", "advance"})
# Clause links that carry the parent's modality down to the trigger.
_CHAIN = frozenset(
    {"xcomp", "ccomp", "csubj", "csubjpass", "advcl", "acl", "conj", "pcomp", "pobj", "prep", "dobj", "nsubj",
     "nsubjpass", "compound", "amod", "relcl", "appos", "attr", "oprd", "acomp"}
)  # fmt: skip


def non_factual_reason(token: Any) -> str | None:
    """Return why the trigger at `token` is not a factual event (a short rule name), or None if it is."""
    if _negated(token):
        return "negated"
    if any(c.lower_ in HABITUAL for c in token.children) or (
        token.head.i != token.i and any(c.lower_ in HABITUAL for c in token.head.children if c.i != token.i)
    ):
        return "habitual"
    # ... unless the noun does something itself: "the planned march ended peacefully" took place.
    if (
        token.pos_ == "NOUN"
        and token.dep_ != "nsubj"
        and any(c.dep_ == "amod" and c.lower_ in PROSPECTIVE and not _long_awaited(c) for c in token.children)
        and not _set_going(token)
    ):
        return "prospective"
    node = token
    for _ in range(8):  # walk up the clause chain; 8 hops covers real sentences and bounds bad parses
        reason = _clause_reason(node, is_trigger=node.i == token.i)
        if reason:
            return reason
        head = node.head
        if head.i == node.i or node.dep_ not in _CHAIN:
            break
        if node.dep_ == "prep" and node.lower_ in TIME_PREPS:
            break  # "feared dead following a clash": what a time phrase refers to has happened
        if _past_time_clause(node):
            break  # "were trying to defuse it when it detonated": the clause dates what happened
        if head.lemma_.lower() in PRESUPPOSING_VERBS and node.dep_ in ("dobj", "nsubjpass", "prep"):
            break  # "to investigate the murder": what is investigated happened
        if head.lemma_.lower() in DENIAL_VERBS:
            return "denied"
        if head.lemma_.lower() in CANCEL_VERBS and node.dep_ in ("dobj", "nsubjpass"):
            return "cancelled"
        if _prevented(node, head):
            return "prevented"
        if head.lemma_.lower() in AWAIT_VERBS and node.dep_ in ("dobj", "nsubjpass"):
            return "awaited"
        if _ahead_of(node):
            return "prospective"
        if head.lemma_.lower() in INTENT_VERBS and (
            node.dep_ in ("xcomp", "prep", "pcomp")
            or (
                node.dep_ in ("ccomp", "dobj")
                and head.lemma_.lower() in FUTURE_VERBS
                and not _told_as_done(node, head)
            )
        ):
            return f"intent:{head.lemma_.lower()}"
        if (
            head.pos_ == "NOUN"
            and head.lemma_.lower() in PURPOSE_NOUNS
            and node.dep_ in ("acl", "relcl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        ):
            return f"purpose:{head.lemma_.lower()}"
        if head.lower_ in NEGATING_ADJ and node.dep_ in ("prep", "pobj"):
            return "negated"
        node = head
    return None


# Intent verbs whose "that"-clause may tell a fact in the past: "feared that the hostages died", "warned that
# rebels took the town" (which may be rumour); a threat or a vow is of what is still to come.
_FACT_OR_FEAR = frozenset({"fear", "warn"})


# Verbs that set an event going or hold it: "started a long-anticipated offensive", "launched the planned
# assault", "staged the planned march": the event they take as object took place.
_SET_GOING = frozenset(
    {"start", "begin", "launch", "mount", "resume", "stage", "hold", "unleash", "open", "conduct", "kick"}
)


def _set_going(noun: Any) -> bool:
    """Whether the event noun is what a verb of starting or holding took as its object."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in _SET_GOING


def _long_awaited(modifier: Any) -> bool:
    """ "a long-anticipated offensive", "the much-expected assault": awaited long, and come now."""
    doc, i = modifier.doc, modifier.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("long", "much")


def _told_as_done(clause: Any, head: Any) -> bool:
    """ "threatened the family: the men opened fire", "vowed revenge; the militia then attacked": a clause
    in the simple past with a subject of its own, joined to a threat or a vow with no "that", is a deed told
    after it (the parser hangs it under the verb of intent); a plan is told with "would", "to" or "that"."""
    return (
        clause.dep_ == "ccomp"
        and clause.tag_ == "VBD"
        and head.lemma_.lower() not in _FACT_OR_FEAR
        and any(c.dep_ == "nsubj" for c in clause.children)
        and not any(c.dep_ == "mark" for c in clause.children)
    )


# Words of trying or failing: what was only tried or failed to be prevented ("tried to prevent the march",
# "were unable to prevent the attacks") took place.
_TRIED = frozenset({"try", "attempt", "fail", "seek", "struggle", "unable", "able", "bid", "effort"})


def _prevented(node: Any, head: Any) -> bool:
    """ "to prevent expected demonstrations": the event prevented did not take place; in "prevented
    protesters from reaching the square" the object is the people stopped, whose protest did."""
    return (
        head.lemma_.lower() in PREVENT_VERBS
        and node.dep_ in ("dobj", "nsubjpass")
        and not any(c.dep_ == "prep" and c.lower_ == "from" for c in (*head.children, *node.children))
        and not (head.dep_ in ("xcomp", "acl") and head.head.lemma_.lower() in _TRIED)
    )


def _ahead_of(node: Any) -> bool:
    """ "deployed ahead of planned protests", "in anticipation of an attack": the object of "of"/"for"
    governed by a word of time still to come; "ahead of the convoy" is a place, but a convoy is no trigger."""
    prep = node.head
    return (
        node.dep_ == "pobj"
        and prep.lower_ in ("of", "for")
        and prep.head.i != prep.i
        and prep.head.lower_ in AHEAD_WORDS
    )


def _in_a_name(token: Any) -> bool:
    """ "the Fees Must Fall movement", "Zuma Must Go activists": a capitalised modal inside a sentence
    written in lower case belongs to a campaign's name, not to the clause's modality (in a headline in
    title case, "Rebels Will Attack Town", it is the modal)."""
    if token.i == 0 or not token.text[:1].isupper():
        return False
    return any(len(t.text) > 3 and t.text.isalpha() and t.text.islower() for t in token.doc)


def _past_time_clause(node: Any) -> bool:
    """ "when it detonated", "as the car blew up": a clause in the past that tells when something else was
    tried, planned or escaped tells a fact, whatever the modality of what it dates."""
    return (
        node.dep_ == "advcl"
        and node.tag_ == "VBD"
        and any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS for c in node.children)
    )


def _negated(token: Any) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return True
    # "free of fighting", "without resistance"
    head = token.head
    return bool(token.dep_ == "pobj" and head.head.i != head.i and head.head.lower_ in NEGATING_ADJ)


def _reported_fact(node: Any) -> bool:
    """ "claimed to engage", "is reported to have been executed": hearsay of something done, not a plan;
    "continued to fight", "managed to repel": an infinitive that reports a deed."""
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ == "have" for c in node.children)
    head = node.head.lemma_.lower()
    return (
        perfect
        or _use_told(node)
        or (
            node.dep_ == "xcomp"
            and (head in REPORTED_HEADS or head in ASPECT_HEADS or _achieved(node.head, node))
        )
    )


# Verbs whose purpose infinitive tells what the thing used did: "used tear gas to disperse the crowd".
USE_HEADS = frozenset({"use", "employ"})


def _use_told(node: Any) -> bool:
    """ "used bombers to attack targets", "tear gas was used to disperse the crowd": what something was
    used for is told as done (the use itself keeps its own modality, read further up the clause chain);
    "used to attack" with nothing used is a habit of the past."""
    head = node.head
    return (
        node.dep_ in ("xcomp", "advcl")
        and head.i != node.i
        and head.lemma_.lower() in USE_HEADS
        and any(c.dep_ in ("dobj", "auxpass") for c in head.children)
    )


def _achieved(adjective: Any, deed: Any) -> bool:
    """ "were able to", "are eventually able to": an ability used; "were not able to" reports a failure.

    Reports tell past deeds in the present ("Rebel fighters are able to gain control of the town"): a
    present ability is a deed too, unless a time still to come goes with it ("is able to retake the town
    within a week", "are able to strike soon")."""
    if adjective.lemma_.lower() not in ABILITY_HEADS:
        return False
    copula = adjective.head
    around = (*adjective.children, *copula.children)
    if any(c.dep_ == "neg" for c in around):
        return False
    if copula.tag_ == "VBD" or any(c.lower_ in COMPLETION_ADVERBS for c in around):
        return True
    # ... and one claimed ("says it is able to retake the town") is a boast
    return (
        copula.tag_ in ("VBZ", "VBP")
        and copula.dep_ != "ccomp"
        and not any(t.lower_ in FUTURE_TIME_WORDS for t in (*around, *deed.subtree))
    )


def _details_unknown(verb: Any) -> bool:
    """ "casualties not reported", "the number of dead was not given": what is unknown is a detail."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in EVENT_DETAILS for c in verb.children)


def _clause_reason(node: Any, *, is_trigger: bool) -> str | None:
    if node.pos_ not in ("VERB", "AUX") and not is_trigger:
        return None
    if _reported_fact(node):
        return None
    for c in node.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS and not _in_a_name(c):
            return f"modal:{c.lower_}"
        if c.dep_ == "aux" and c.lower_ == "to" and node.dep_ in ("xcomp", "advcl", "acl", "relcl"):
            # "to capture Sirte": a purpose or plan clause
            return "infinitive"
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
            return "conditional"
        if c.dep_ == "mark" and c.lower_ == "since":
            return "background-clause"  # "free of fighting since the truce was signed"
        if (
            c.dep_ == "neg"
            and not is_trigger
            and node.pos_ == "VERB"
            and node.lemma_.lower() not in KNOWLEDGE_WORDS
            and not _details_unknown(node)
        ):
            return "negated-clause"
    if node.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
        return "infinitive"
    return None


def denied_word(token: Any) -> bool:
    """ "no damage was reported", "there was no looting", "damage was not reported": a noun the sentence
    says there was none of tells nothing happened."""
    if token.pos_ != "NOUN":
        return False
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return True
    verb = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "neg" for c in verb.children)
