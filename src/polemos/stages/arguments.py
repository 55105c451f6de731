"""Assign actor mentions to the roles of one trigger (actor 1: who acts; actor 2: who is acted upon), from
the spaCy parse of the sentence (extract stage).

ACLED's actor order carries meaning only for violence against civilians, where the target is always
actor 2; elsewhere we still put the agent first, as ACLED coders do.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from polemos.model import Actor
from polemos.stages.token_view import view

_AGENT_PREPS = frozenset({"by"})
_PATIENT_PREPS = frozenset({"against", "on", "at", "from", "with", "targeting", "upon", "into", "of", "near"})
_BOTH_PREPS = frozenset({"between", "among"})
_SUBJ = frozenset({"nsubj", "csubj", "agent"})
_OBJ = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})


class ActorMentionLike(Protocol):
    """What the extract stage needs from an actor mention (see stages/actors.py)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def actor(self) -> Actor: ...
    @property
    def rule(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def category(self) -> str: ...


@dataclass(frozen=True)
class Roles:
    """The actor mentions found in each role of one trigger."""

    agents: tuple[ActorMentionLike, ...]
    patients: tuple[ActorMentionLike, ...]
    others: tuple[ActorMentionLike, ...]  # in the sentence, role unknown


def token_at(doc: Any, offset: int) -> Any | None:
    """The token of a sentence Doc covering a character offset (sentence-local)."""
    # Called for every mention of every sentence: a bisect over the Doc's token starts, kept on the Doc.
    user_data = getattr(doc, "user_data", None)
    starts = user_data.get(_STARTS) if user_data is not None else None
    if starts is None:
        starts = [tok.idx for tok in view(doc).tokens]
        if user_data is not None:
            user_data[_STARTS] = starts
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return None
    tok = view(doc).tokens[i]
    return tok if offset < tok.idx + len(tok.text) else None


_STARTS = "polemos.token_starts"


def verb_of(token: Any) -> Any:
    """The verb whose clause holds the token: itself if a verb, else the nearest verb above it."""
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def _in_subtree(tok: Any, root: Any) -> bool:
    return bool(root.left_edge.i <= tok.i <= root.right_edge.i)


# Verbs of reporting: their subject is a source ("the UN reported fighting"), not a party to the event.
REPORT_VERBS = frozenset(
    {"say", "report", "announce", "claim", "confirm", "state", "tell", "add", "accuse", "allege", "blame",
     "warn", "declare", "post", "quote", "cite", "describe", "note", "show", "reveal", "deny", "comment"}
)  # fmt: skip


def claimant_roots(doc: Any) -> list[Any]:
    """Subtrees naming who reports: subjects of reporting verbs, "according to X" (kept on the Doc)."""
    found: list[Any] | None = doc.user_data.get(_CLAIMANTS)
    if found is None:
        found = doc.user_data[_CLAIMANTS] = _claimant_roots(doc)
    return found


def claimant_tokens(doc: Any) -> frozenset[int]:
    """Indices of every token in the claimants' subtrees (kept on the Doc)."""
    found: frozenset[int] | None = doc.user_data.get(_CLAIMANT_TOKENS)
    if found is None:
        found = frozenset(t.i for root in claimant_roots(doc) for t in root.subtree)
        doc.user_data[_CLAIMANT_TOKENS] = found
    return found


_CLAIMANTS = "polemos.claimant_roots"
_CLAIMANT_TOKENS = "polemos.claimant_tokens"


def _claimant_roots(doc: Any) -> list[Any]:
    roots: list[Any] = []
    tokens = view(doc)
    for tok, lemma, lower in zip(tokens.tokens, tokens.lemmas, tokens.lowers, strict=True):
        if lemma in REPORT_VERBS and tok.pos_ in ("VERB", "NOUN"):
            # A claimant is a short noun phrase; a long or numeric "subject" is a misparse of the report
            # ("28 people were killed and 130 wounded ..., the ministry said": 130 is not who reports).
            roots.extend(
                c
                for c in tok.children
                if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "PRON") and len(list(c.subtree)) <= 8
            )
        if lower == "according":
            roots.extend(g for c in tok.children if c.lower_ == "to" for g in c.children)
    return roots


def clause_tokens(verb: Any) -> set[int]:
    """Token indices of the verb's own clause: its subtree without coordinated or relative clauses."""
    skip: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("conj", "relcl", "advcl", "ccomp") and c.pos_ in ("VERB", "AUX"):
            skip.update(t.i for t in c.subtree)
    return {t.i for t in verb.subtree} - skip


# Nouns of an attack whose "by" phrase names who attacked, when the trigger is what it caused
# ("three soldiers were killed following an attack by Taliban militants").
_ATTACK_NOUNS = frozenset(
    {"attack", "assault", "ambush", "raid", "offensive", "strike", "airstrike", "bombing", "shelling",
     "incursion", "onslaught", "operation", "assassination", "attempt", "kidnapping", "abduction",
     "bombardment", "massacre"}
)  # fmt: skip


def _attack_agents(doc: Any, clause: set[int]) -> list[Any]:
    """Return the agents of attack nouns under the trigger's verb, "by" phrases and modifiers ("killed in
    a Boko Haram raid", "during ISIS's assault"): they carried the event out."""
    roots: list[Any] = []
    tokens = view(doc)
    for i in sorted(clause):
        tok = tokens.tokens[i]
        if tokens.lemmas[i] in _ATTACK_NOUNS and tok.pos_ == "NOUN":
            for c in tok.children:
                if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                    roots.extend(c.children)
                elif c.dep_ in ("poss", "compound", "nmod") and c.i < tok.i:
                    roots.append(c)
    return roots


# Participles after a party that make it the holder of the place they describe ("rebel-held areas")
_HOLDING = frozenset({"held", "controlled", "occupied", "besieged", "run", "dominated"})


def _holds_the_place(doc: Any, last: Any) -> bool:
    """Return whether a mention ending at token `last` holds the place named after it ("rebel-held
    areas", "Taliban controlled villages"): the side whose place was hit, never the side acting, however
    the parse attached the words ("an airstrike targets rebel held areas")."""
    i = last.i + 1
    if i < len(doc) and doc[i].text == "-":
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _HOLDING:
        return False
    word = doc[i]
    return word.dep_ in ("amod", "compound", "nmod") or (word.head.i > word.i and word.head.pos_ == "NOUN")


def _owns_a_thing(tok: Any, m: ActorMentionLike) -> bool:
    """Return whether a one-word mention only describes a thing ("the militant enclave", "rebel positions"):
    such a word names whose thing it is, the side acted upon, never the side acting."""
    return (
        " " not in m.text.strip()
        and tok.dep_ in ("amod", "compound", "nmod")
        and tok.head.pos_ == "NOUN"
        and tok.head.i > tok.i
    )


def _controller_subjects(verb: Any) -> list[Any]:
    """Return the subjects of the verbs above an infinitive that has none ("rebels are able to gain
    control", "militants tried to seize the town", "troops managed to retake"): who tried or managed is
    who did it. A verb with an object of its own hands the infinitive to that object instead ("forced the
    rebels to retreat": the rebels retreated), so the climb stops there."""
    node = verb
    for _ in range(3):
        if any(c.dep_ in _SUBJ for c in node.children) or node.dep_ not in ("xcomp", "acomp"):
            break
        node = node.head
        if any(c.dep_ in _OBJ for c in node.children):
            break
        subjects = [c for c in node.children if c.dep_ in _SUBJ]
        if subjects:
            return subjects
    return []


# Verbs whose subject undergoes what an "under" phrase names: "troops came under heavy fire", "the town was
# under attack", "the convoy remained under shelling"
_UNDERGO_VERBS = frozenset({"come", "be", "remain"})


def _undergoes(verb: Any, anchor: Any) -> bool:
    """Return whether the trigger is the noun phrase of an "under" phrase of a verb of undergoing ("rebels
    came under mortar fire"): the verb's subject is the side fired on, not the one firing. A clause inside
    the phrase is not ("troops were under orders to fire": they would fire)."""
    if verb.lemma_.lower() not in _UNDERGO_VERBS:
        return False
    node = anchor
    for _ in range(4):
        if node.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
            return False
        head = node.head
        if head.dep_ == "prep" and head.lower_ == "under" and head.head.i == verb.i:
            return True
        if head.i == node.i:
            return False
        node = head
    return False


def assign_roles(doc: Any, anchor: Any, mentions: Sequence[ActorMentionLike], sentence_start: int) -> Roles:
    """Split the sentence's actor mentions into agents, patients and others of the trigger at `anchor`.

    Mentions that only report the event (claimants) are left out; `others` keeps only mentions in the
    trigger's own clause, so an actor of a coordinated clause ("... and downed a drone belonging to the
    UAE") is not taken for a party of this one.
    """
    verb = verb_of(anchor)
    agent_roots: list[Any] = []
    patient_roots: list[Any] = []
    both_roots: list[Any] = []
    report_head = verb.lemma_.lower() in REPORT_VERBS and anchor.i != verb.i
    heads = [anchor] if anchor.i == verb.i or report_head else [anchor, verb]
    undergone = _undergoes(verb, anchor)
    for head in heads:
        for c in head.children:
            if c.dep_ in _SUBJ and c.i == anchor.i:
                continue  # the trigger as its verb's subject ("an explosion at a depot killed"): its own
                # modifiers are read from the trigger itself, so "at a rebel depot" names the target
            if c.dep_ in _SUBJ:
                (patient_roots if undergone and head.i == verb.i else agent_roots).append(c)
            elif c.dep_ in _OBJ and c.i != anchor.i:
                patient_roots.append(c)
            elif (
                c.dep_ in ("poss", "compound", "amod", "nmod")
                and head.i == anchor.i
                and anchor.pos_ != "VERB"
            ):
                agent_roots.append(c)  # "Haftar's offensive", "ISIS suicide attack"
            elif c.dep_ in ("prep", "agent") and c.lower_ in _AGENT_PREPS:
                agent_roots.extend(c.children)
            elif c.dep_ == "prep" and c.lower_ in _BOTH_PREPS:
                both_roots.extend(c.children)
            elif c.dep_ == "prep" and c.lower_ in _PATIENT_PREPS and not _in_subtree(anchor, c):
                patient_roots.extend(c.children)
            elif c.dep_ in ("acl", "relcl") and head.i == anchor.i and anchor.pos_ != "VERB":
                patient_roots.append(c)  # "airstrikes ... that targeted a militant hospital"
                # but "a bomb (suspected to have been) planted by the Taliban" names who set it
                agent_roots.extend(g for a in c.subtree if a.dep_ == "agent" for g in a.children)
    for c in verb.children:  # the passive agent: "was captured by ISIS"
        if c.dep_ == "agent":
            agent_roots.extend(c.children)
    if report_head and anchor.head.i == verb.i and anchor.dep_ in ("nsubj", "nsubjpass"):
        # "Clashes reported between the brigade & an unknown armed group", "fighting was reported among
        # tribes": the event itself is what is reported, so the verb's "between" phrase names its sides
        # (who reported it, a "by" phrase, stays no party of it). The parser hangs the phrase from the verb,
        # from a place before it ("reported near Sabri between ...") or calls it the verb's agent.
        both_roots.extend(
            g
            for i in sorted(clause_tokens(verb))
            if doc[i].lower_ in _BOTH_PREPS
            and doc[i].dep_ in ("prep", "agent")
            and not _in_subtree(doc[i], anchor)
            for g in doc[i].children
        )
    if verb.dep_ == "conj" and not any(c.dep_ in _SUBJ for c in verb.children):
        # "the government launched an operation and recently regained ...": conjuncts share the subject
        agent_roots.extend(c for c in verb.head.children if c.dep_ in _SUBJ)
    agent_roots.extend(_controller_subjects(verb))
    agent_roots.extend(_headline_subject(anchor))
    claimants = claimant_roots(doc)
    clause = clause_tokens(verb if not report_head else anchor)
    # "killed following an attack by X": the attack sits in an adverbial clause the clause test leaves out
    agent_roots.extend(_attack_agents(doc, {t.i for t in (verb if not report_head else anchor).subtree}))
    agents: list[ActorMentionLike] = []
    patients: list[ActorMentionLike] = []
    others: list[ActorMentionLike] = []
    for m in mentions:
        tok = token_at(doc, m.end - 1 - sentence_start)
        if (
            tok is not None
            and tok.i == anchor.i
            and anchor.pos_ == "VERB"
            and m.start - sentence_start < anchor.idx
        ):
            # a name read over a verb trigger ("Fulanis attack the villages"): its own word tells its role
            tok = token_at(doc, m.start - sentence_start)
        if tok is None:
            continue
        if _holds_the_place(doc, tok):
            patients.append(m)  # "airstrikes hit rebel-held areas": whose place was hit, whatever the parse
        elif any(_in_subtree(tok, r) for r in both_roots):
            (agents if not agents else patients).append(m)
        elif any(_in_subtree(tok, r) for r in agent_roots):
            agents.append(m)
        elif any(_in_subtree(tok, r) for r in patient_roots):
            patients.append(m)
        elif any(_in_subtree(tok, r) for r in claimants):
            continue
        elif tok.i in clause and _owns_a_thing(tok, m):
            patients.append(m)  # "... hit the hospital next to the militant enclave": whose place was hit
        elif tok.i in clause:
            others.append(m)
    return Roles(tuple(agents), tuple(patients), tuple(others))


def _headline_subject(anchor: Any) -> list[Any]:
    """ "Fulanis attack several villages": a headline's present-tense verb with no subject of its own,
    whose plural subject the parser hangs from it as a modifier before it, has that word for its doer."""
    if anchor.pos_ != "VERB" or any(c.dep_ in _SUBJ for c in anchor.children):
        return []
    return [c for c in anchor.children if c.dep_ in ("amod", "compound") and c.i < anchor.i]
