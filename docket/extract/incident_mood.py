"""Whether a trigger reports an event as having happened: its mood, not its type.

docket records what is reported to have happened, so `incident_triggers` drops a trigger that
- is `negated` ("did not arrest", "no arrests");
- `classifies` an act told elsewhere ("we see this as harassment", "This is intimidation!");
- is `irrealis`: hypothetical, conditional, wanted, feared or prevented ("could result in executions",
  "must halt the planned executions", "decided to execute"), a power granted ("the right to
  detain", "authorised to arrest", "laws enabling the detention of"), a sentence that is a bare
  infinitive ("To flog them as a lesson."), a purpose ("sent to arrest them"), or a planned or
  possible future event ("planned executions", "potential executions"); an event after "since",
  "after", "during", ... is taken as having happened ("since the 1988 massacre"), as is one in a
  clause joined with a subject of its own ("wanted to run, but now he is in prison") or named by
  "call" ("called the arrest an outrage", not "called for the arrest");
- is `generic`: a bare plural with no determiner, figure, counting adjective ("numerous"), date,
  victim or agent ("politically motivated executions in Iran"), unless it is listed after a
  reported event or is (an item of) the object of a verb with a subject ("the militia carried
  out abductions and executions") that takes no stance on a kind of act ("parties oppose
  executions"); or a bare mass noun that names a kind of act ("oppose torture", "marches against
  police violence", "the rapporteur on torture", "a form of torture").
An `attempted` act ("attempting to bomb", "plotted to kill", "attempted murder", "a failed
abduction") was tried, not done: a violent one is reported as a plot (`incident_senses.reading`),
though the act itself was only planned ("planned to kill"), unless the attempt is hypothetical
("if they were planning to kill us").
"""

from __future__ import annotations

from spacy.tokens import Token

from docket.extract.incident_roles import UNDERGO, after_a_conjunct, lemma

_MODALS = {"could", "might", "may", "would", "should", "must", "can", "will", "shall", "'ll", "ca", "wo"}
# Heads under which an event is wanted, feared or prevented rather than reported.
_IRREALIS = {
    "plan", "intend", "want", "seek", "aim", "hope", "fear", "prevent", "stop", "halt", "avoid",
    "deter", "decide", "prepare", "urge", "demand", "vow", "risk", "imagine", "threaten", "wish",
    "propose", "consider", "call", "need", "refuse", "deny", "authorise", "authorize", "empower",
}  # fmt: skip
# Verbs under which an act is what a law makes possible ("laws enabling the detention of people
# who ..."), when a law is what enables it: "the blackout enabled police to kill protesters" tells
# a killing.
_ALLOWING = {"enable", "permit", "allow"}
_LAWS = {"law", "act", "bill", "decree", "legislation", "rule", "regulation", "provision", "statute", "code"}
# Nouns whose infinitive grants a power rather than reports its use ("the right to detain").
_POWERS = {"right", "power", "authority", "mandate", "licence", "license", "permission", "leeway"}
_USED = {"use", "exercise", "invoke", "abuse", "wield"}  # "used their power to arrest him": it happened
_PRESUPPOSING = {"since", "after", "before", "during", "following", "until", "like", "than", "amid"}
# Nouns whose "of" names an event that may not have happened.
_UNREAL_NOUNS = {
    "potential", "possibility", "risk", "threat", "prospect", "rumour", "rumor", "rumours", "rumors",
    "hoax",
}  # fmt: skip
# Acts that, tried and not done, are reported as a plot; of OHCHR's "other", only sexual violence
# (not an assembly dispersed or a medium silenced: `violent`).
VIOLENT = {"killing", "kidnapping", "attack", "execution", "torture", "other"}
_SEXUAL = {"rape", "raped", "rapes", "raping"}
_ATTEMPT = {"attempt", "try", "plot", "plan", "conspire"}
_FAILED = {"attempt", "attempted", "failed", "foiled", "thwarted", "botched", "aborted", "abortive"}
_PLOTS = {"plot", "attempt", "bid", "scheme", "conspiracy", "try"}
_FUTURE_ADJ = {"planned", "potential", "possible", "future", "imminent", "further", "new", "upcoming"}
_GENERIC_DET = {"such", "any", "more", "many", "other", "some", "these"}
# Words that count the events a plural names, and so report them ("numerous attacks", "multiple
# death sentences"), where "many" and "some" are also said of a kind ("many executions are secret").
_COUNTED = {"multiple", "numerous", "repeated", "several", "countless", "successive"}
# Verbs that take a stance on a kind of act: their bare plural object is the kind.
_STANCES = {"oppose", "condemn", "denounce", "criticise", "criticize", "reject", "fight", "combat", "abhor"}
_CLASSES = {"form", "kind", "type", "method", "definition"}  # "a form of torture"
# Nouns about a kind of act ("the rapporteur on torture"), not where someone is ("on house arrest").
_TOPICS = {
    "rapporteur", "obligation", "law", "convention", "record", "report", "policy", "debate",
    "stance", "position", "committee", "treaty", "legislation", "bill", "conference", "moratorium",
}  # fmt: skip
# Verbs that class something as an act ("see this as harassment") and subjects that point at an act
# told elsewhere ("This is intimidation!").
_SEEING = {"see", "regard", "view", "describe", "consider", "characterise", "characterize", "label", "treat"}
_POINTING = {"this", "that", "it", "which"}
# Verbs that bring someone to an event named by their object: "go to trial", "taken into custody".
_BROUGHT = {"go", "come", "bring", "take", "put", "send", "place", "stand"}
# Who is "notorious for" or "responsible for" acts is said to have done them.
_ANSWERABLE = {"notorious", "infamous", "responsible", "known", "accountable", "blame", "accuse"}
_FREE = {"free", "freedom"}  # "a life free of intimidation", "the right to be free from torture"
_INVERTED = {"had", "were", "should"}  # "Had he been arrested", "Were they to be detained"
_CLAUSE = {"ccomp", "relcl", "advcl", "parataxis", "ROOT", "csubj", "acl"}


def negated(t: Token, nominal: bool) -> bool:
    if any(c.dep_ == "neg" for c in t.children):
        return True
    if t.dep_ == "xcomp" and lemma(t.head) in UNDERGO and any(c.dep_ == "neg" for c in t.head.children):
        return True  # "has not faced flogging since": the parser makes the noun a gerund
    if nominal:
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in t.children):
            return True
        head = t.head
        if t.dep_ in ("dobj", "nsubjpass") and any(c.dep_ == "neg" for c in head.children):
            return True
        if t.dep_ == "pobj" and head.dep_ == "prep" and any(c.dep_ == "neg" for c in head.head.children):
            return lemma(head.head) in _BROUGHT  # "has not yet gone to trial", "was never taken into custody"
    return False


def _modal(t: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in _MODALS) for c in t.children)


def irrealis(t: Token, nominal: bool) -> bool:
    """Hypothetical, conditional, wanted or prevented: walk up to the clause head and look."""
    if nominal and any(c.dep_ == "amod" and c.lower_ in _FUTURE_ADJ for c in t.children):
        return True
    if not nominal and t.dep_ == "acl" and lemma(t.head) in _POWERS and lemma(t.head.head) not in _USED:
        return True
    if t.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return True  # a sentence that is an infinitive ("To flog them as a lesson."): a purpose
    node, below = t, t
    while True:
        if node.pos_ in ("VERB", "AUX") or node == t:
            if _modal(node) or _conditional(node):
                return True
            if node != t and lemma(node) in _IRREALIS and not _naming(node, below):
                return True
            if node != t and lemma(node) in _ALLOWING and _by_law(node):
                return True
        if node.lower_ in _UNREAL_NOUNS:  # "the prospect of", "the rumour of X's death sentence"
            return True
        if node.dep_ == "prep" and node.lower_ in _PRESUPPOSING:
            return False  # "since the 1988 massacre": the event is taken as having happened
        if node.head == node or (node.dep_ in _CLAUSE and (node != t or not nominal)):
            return not nominal and lemma(t) != "serve" and _purpose(node)
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and _has_subject(node):
            # "wanted to run, but now he is in prison": a clause of its own, unless under the
            # first one's "if"
            return _conditional(node.head)
        node, below = node.head, node


def _by_law(verb: Token) -> bool:
    """Whether a law is what "enables" or "permits": its subject, or the noun it describes ("laws
    enabling ...", "a law that permitted ...")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl") and (not subjects or subjects[0].tag_ == "WDT"):
        subjects = [verb.head]
    return any(lemma(x) in _LAWS for x in subjects)


def _conditional(t: Token) -> bool:
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
        return True
    # "Had he been detained, ...": an auxiliary before its subject opens a condition
    subjects = [c.i for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    inverted = [c for c in t.children if c.dep_ in ("aux", "auxpass") and c.lower_ in _INVERTED]
    return t.dep_ == "advcl" and bool(subjects) and any(c.i < subjects[0] for c in inverted)


def _naming(verb: Token, below: Token) -> bool:
    """ "called the arrest arbitrary": the object of "call" is named, not called for (that takes
    "for", "on X to")."""
    return lemma(verb) == "call" and below.dep_ == "dobj"


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _purpose(verb: Token) -> bool:
    """ "deployed to arrest them", "in order to detain them": an infinitive of purpose says what was
    meant to happen, not what did; "only to be arrested" tells what came next. Only for a verb: the
    object of one may still be presupposed ("pressed to end the harassment of reporters"), and
    one taken "to serve" a sentence serves it."""
    if verb.dep_ == "acl" and verb.head.lower_ in ("order", "effort", "efforts"):
        return True  # "in order to detain them", "in an effort to find them"
    to = any(c.dep_ in ("aux", "auxpass") and c.lower_ == "to" for c in verb.children)
    if verb.dep_ != "advcl" or verb.tag_ != "VB" or not to:
        return False
    first = verb.left_edge
    return not (first.i > 0 and verb.doc[first.i - 1].lower_ == "only") and first.lower_ != "only"


def violent(t: Token, kind: str) -> bool:
    """Whether an act of this type is violent, so that tried and not done it is a plot: "tried to
    disperse the protesters" is a dispersal (by force, or not), "tried to block the site" is no plot."""
    sexual = t.lower_ in _SEXUAL or any(c.lower_ in ("sexually", "sexual") for c in t.children)
    return kind in VIOLENT and (kind != "other" or sexual)


def attempted(t: Token, nominal: bool) -> bool:
    """ "attempting to bomb", "plotted to kill", "attempted murder", "a failed abduction", "a plot to
    kidnap", "an attempt to murder": the act was tried, not done."""
    if not nominal and t.dep_ == "xcomp" and lemma(t.head) in _ATTEMPT:
        return True
    if nominal and any(c.dep_ in ("amod", "compound") and lemma(c) in _FAILED for c in t.children):
        return True
    if nominal and t.dep_ == "dobj" and t.head.lower_ == "attempted":
        return True  # the parser's "attempted murder" as a verb and its object
    # By the words, not the parse, which hangs "a failed plot to kidnap X" anywhere in the clause.
    doc = t.doc
    return t.i >= 2 and doc[t.i - 1].lower_ == "to" and lemma(doc[t.i - 2]) in _PLOTS


def tried(t: Token, nominal: bool) -> bool:
    """An `attempted` act reported as tried: "planned to kill them" was, but not under a condition
    or a modal ("if they were planning to kill us", "could plan to kill")."""
    if not attempted(t, nominal):
        return False
    if not nominal and t.dep_ == "xcomp" and lemma(t.head) in _ATTEMPT:
        return not irrealis(t.head, False)
    return True


def classifies(t: Token, nominal: bool) -> bool:
    """A noun that names what something else was, told by another word or sentence: "we see this as
    harassment", "This is intimidation!". Not when its own phrase says to whom ("the raid was an
    attack on Ana Brisk" is told by "raid" and "attack" alike, and the victim is the attack's)."""
    if not nominal or any(c.dep_ in ("prep", "poss") for c in t.children):
        return False
    if t.dep_ == "pobj" and t.head.lower_ == "as" and lemma(t.head.head) in _SEEING:
        return True
    if t.dep_ == "attr" and lemma(t.head) == "be":
        # a clause as subject is a pseudo-cleft: "What caused this is the protest"
        subjects = [c for c in t.head.children if c.dep_ in ("nsubj", "csubj")]
        return bool(subjects) and all(c.lower_ in _POINTING for c in subjects)
    return False


def generic(t: Token) -> bool:
    """A bare plural ("executions in Iran") with nothing that anchors it to one event, or a bare
    mass noun that names a kind of act (`_kind_of_act`)."""
    if t.tag_ == "NN":
        return _kind_of_act(t)
    if t.tag_ not in ("NNS", "NNPS"):
        return False
    # A verbless fragment with a date or a place, as captions and headlines are ("Iran, November
    # 2019 protests"), names one event.
    sent = t.sent
    verbless = not any(x.pos_ in ("VERB", "AUX") for x in sent)
    if t.dep_ == "ROOT" and verbless and any(x.ent_type_ in ("DATE", "GPE") for x in sent):
        return False
    for c in t.children:
        if c.dep_ in ("det", "predet") and c.lower_ not in _GENERIC_DET:
            return False
        if c.dep_ in ("poss", "nummod") or c.like_num or (c.dep_ == "amod" and c.lower_ in _COUNTED):
            return False
        if c.dep_ == "prep" and c.lower_ in ("of", "against", "on", "by"):
            objects = [p for p in c.children if p.dep_ == "pobj"]
            if not objects or not all(after_a_conjunct(t, p) for p in objects):
                return False  # (but "killings and the culture of impunity": the "of" is not theirs)
        if c.ent_type_ == "DATE" or (c.dep_ == "compound" and c.like_num):
            return False
    # "Several have been handed capital sentences": the object of a predication about someone (or
    # a later item of that object: "conducted kidnappings and summary executions").
    first = t
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head
    verb = first.head
    while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head  # "have beaten civilians and conducted kidnappings": the first verb's subject
    if first.dep_ == "pobj" and first.head.lower_ == "for" and lemma(first.head.head) in _ANSWERABLE:
        return False  # "the unit is notorious for arbitrary arrests": a claim that it made them
    if first.dep_ == "dobj" and lemma(verb) in _STANCES:
        return True  # "groups oppose executions": a stance on a kind of act, not a report of one
    return not (first.dep_ == "dobj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _kind_of_act(t: Token) -> bool:
    """A bare mass noun that names a kind of act: one takes a stance on it ("oppose torture",
    "marches against police violence"), a noun is about it ("the rapporteur on torture") or it
    classes something ("a form of torture") or something is free of it ("free from torture")."""
    anchored = ("det", "poss", "nummod")
    if any(c.dep_ in anchored or (c.dep_ == "prep" and c.lower_ in ("of", "on")) for c in t.children):
        return False  # "oppose the torture of X", "marches against his detention"
    prep = t.head if t.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "against":
        return True
    if prep is not None and prep.lower_ == "on" and prep.head.pos_ == "NOUN" and lemma(prep.head) in _TOPICS:
        return True
    if prep is not None and prep.lower_ in ("of", "from") and lemma(prep.head) in _FREE:
        return True
    if prep is not None and prep.lower_ == "of" and lemma(prep.head) in _CLASSES:
        return lemma(prep.head.head) not in UNDERGO  # but "suffered forms of torture"
    return t.dep_ == "dobj" and lemma(t.head) in _STANCES
