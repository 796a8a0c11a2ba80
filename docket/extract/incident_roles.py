"""Who did it and to whom: agent and patient phrases of an incident trigger.

Agent: nsubj of an active verb (a relative pronoun stands for the noun it modifies; a verb without
its own subject borrows its controller's), the "by"-phrase of a passive, the possessor or "by"-phrase
of a nominal trigger, or the subject of a light verb governing it ("carried out the execution").
Patient: object of an active verb (an infinitive under a passive is active: "a warrant was used to
arrest X"), subject of a passive or of a custody state (with a second subject the parser splits off:
"still in detention are A and organisers B"), "of"/"on"/"against" phrase of a noun, a
person possessing a noun of what is done to people ("X's arrest"), the subject of "face / suffer /
receive" a noun trigger, who is "subjected to" one, who is handed or given it ("handed a prison
sentence to X", "jail terms for journalists X and Y"), who is tried ("X went on trial"), and the
people a sentence sets among those a trigger describes ("among those arrested were X and Y").
The agent's category comes from `perpetrators.category`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from docket.extract.datewords import FEAST_WORDS
from docket.extract.incident_words import NOUNS
from docket.extract.linking import doc_text
from docket.extract.name_spans import ROLES

_PRONOUNS = {"who", "which", "that", "whom", "whose"}
_LIGHT = {
    "carry", "commit", "perpetrate", "conduct", "order", "orchestrate", "stage", "launch", "mount",
    "proceed", "oversee", "implement", "undertake", "impose", "issue", "hand", "give", "pass",
}  # fmt: skip
_CUSTODY_SUBJECT = {
    "remain",
    "be",
    "serve",  # "X is serving a ten-year sentence"
    "languish",
    "spend",
    "stay",
    "disappear",
    "protest",
    "demonstrate",
    "rally",
    # Who dies or vanishes undergoes it: "X died in custody" names a victim, never a perpetrator.
    "die",
    "perish",
    "vanish",
    "succumb",
}
# The head word of a feast NER tags as an event ("on New Year's Eve"): a time, never a party.
_FEAST_HEADS = {"day", "eve", *FEAST_WORDS}
# "the case against X went to trial": X is tried
_CASES = {"case", "charge", "prosecution", "indictment", "lawsuit", "suit"}
# "X went on trial", "X stands trial", "X faces trial": the subject is tried; "put / brought X on trial".
_TRIED = {"go", "stand", "face", "appear", "remain", "be"}
_PUT_ON_TRIAL = {"put", "bring", "place"}
# Nouns of what is done to a person, whose personal possessor undergoes it ("her detention").
_UNDERGONE = {
    "arrest", "detention", "imprisonment", "disappearance", "kidnapping", "abduction", "killing",
    "murder", "assassination", "execution", "hanging", "torture", "flogging", "lashing", "beating",
    "trial", "expulsion", "deportation", "extradition",
}  # fmt: skip
# Verbs whose subject undergoes their object ("X faced harassment", "X received a prison sentence").
UNDERGO = {"face", "suffer", "endure", "undergo", "experience", "survive", "receive", "get"}
_GIVE = {"hand", "give", "issue"}  # "handed a sentence to X", "X was given a sentence"
_PENALTIES = {"sentence", "term"}
_CHARGES = {"charge", "accusation", "allegation", "count", "case", "indictment"}
# Words for people beside the roles (name_spans.ROLES), and the pronouns that stand for them.
_PEOPLE = {
    "activist", "ally", "boy", "brother", "child", "children", "citizen", "civilian", "colleague",
    "critic", "daughter", "demonstrator", "detainee", "dozen", "family", "father", "friend", "girl",
    "he", "her", "him", "his", "hundred", "husband", "i", "individual", "inmate", "intellectual",
    "lawyer", "leader", "man", "me", "member", "men", "migrant", "minor", "mother", "my", "officer",
    "official", "opponent", "others", "our", "people", "person", "prisoner", "protester", "refugee",
    "relative", "resident", "she", "sister", "soldier", "son", "student", "supporter", "their", "them",
    "they", "thousand", "us", "victim", "villager", "we", "who", "wife", "woman", "women", "worker",
    "you", "your", "youth",
}  # fmt: skip
# Nouns whose being "unknown" makes their owner missing (by form: the lemmatiser also gives
# "whereabout").
WHEREABOUTS = ("whereabouts", "fate")
_GROUP = {"those", "them", "these"}  # "among those arrested", "one of those detained"
_NP_DROP = {"det", "predet", "nummod", "quantmod", "punct", "cc", "relcl", "acl", "appos", "conj", "prep"}


def lemma(t: Token) -> str:
    """The lower-case lemma: the incident modules compare it with their word lists."""
    return t.lemma_.lower()


def first_conjunct(t: Token) -> Token:
    """The first item of the coordination `t` is in ("kidnapping" for "killing" in "kidnapping and
    killing"), or `t` itself."""
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    return t


def resolve(t: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies; "many of whom" for that noun too."""
    if t.lower_ in _PRONOUNS and t.head.dep_ == "relcl":
        return t.head.head
    if t.dep_ in ("nsubj", "nsubjpass") or t.lower_ in ("many", "some", "most", "several", "all"):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.lower_ in _PRONOUNS and t.head.dep_ == "relcl":
                        return t.head.head
    return t


def members(t: Token) -> list[Token]:
    """The people a sentence sets among the group a trigger describes: "among those arrested were X
    and Y" and "X was among those killed" (the other side of the copula), "one of those arrested, X,"
    and "many of those detained are activists, including Y" (the quantifier, and what it is)."""
    if t.lower_ not in _GROUP or t.dep_ != "pobj":
        return [t]
    prep, verb = t.head, t.head.head
    if prep.lower_ == "among" and verb.lemma_.lower() == "be":
        found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "attr") and c != prep]
        return found or [t]
    if prep.lower_ == "of" and verb.dep_ in ("nsubj", "nsubjpass", "appos"):
        if verb.head.lemma_.lower() == "be" and verb.dep_ == "nsubj":
            return [verb, *(c for c in verb.head.children if c.dep_ == "attr")]
        return [verb]
    return [t]


def np_span(t: Token) -> Span:
    """The noun phrase a head token stands for, without determiners, figures and trailing clauses."""
    left = [c for c in t.lefts if c.dep_ not in _NP_DROP and not c.like_num and c.dep_ != "advmod"]
    start = min([t.i, *(x.i for c in left for x in c.subtree)])
    # Drop what precedes a figure ("the approximately 1,500 peaceful ..." -> "peaceful ...").
    for c in t.lefts:
        if c.dep_ in ("nummod", "det", "quantmod") or c.like_num:
            start = max(start, max(x.i for x in c.subtree) + 1)
    start = min(start, t.i)
    end = t.i + 1
    if t.ent_type_ and t.ent_iob_ != "O":  # a name runs to its entity's end ("Revolutionary Guards")
        while end < len(t.doc) and t.doc[end].ent_iob_ == "I":
            end += 1
    return t.doc[start:end]


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, borrowed up through xcomp/conj/advcl when the verb has none."""
    node = verb
    for _ in range(4):
        for c in node.children:
            if c.dep_ in ("nsubj", "nsubjpass", "agent"):
                return c
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head != node:
            node = node.head
        else:
            return None
    return None


def _headline_passive(verb: Token) -> bool:
    """Headlinese drops the auxiliary: "Author Jane Doe arrested in Zorvania" has its victim as
    the subject of a bare participle. A trigger verb in the headline (the first line) with a subject,
    no object and no auxiliary is read as a passive."""
    first_line = doc_text(verb.doc).find("\n")
    if first_line == -1 or verb.idx > first_line:
        return False  # no headline line, or not in it
    if verb.tag_ not in ("VBN", "VBD") or verb.lemma_.lower() in _CUSTODY_SUBJECT:
        return False
    # Only the headline's own words: the parser often runs the headline into the first sentence.
    kids = [c for x in (verb, *verb.conjuncts) for c in x.children if c.idx < first_line]
    if any(c.dep_ in ("dobj", "aux", "auxpass", "ccomp", "xcomp") for c in kids):
        return False
    return any(c.dep_ == "nsubj" for c in verb.children)


def _passive(verb: Token) -> bool:
    if any(c.dep_ == "agent" for c in verb.children) or _headline_passive(verb):
        return True  # "Reporter abducted by gunmen": a "by"-agent makes it passive whatever the parse
    node = verb
    for _ in range(3):
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in node.children):
            return True
        if any(c.dep_ == "nsubj" for c in node.children) or node.dep_ not in ("conj", "advcl", "xcomp"):
            break
        if node.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            break  # "a warrant was used to arrest X": the infinitive is active whatever governs it
        node = node.head
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")


def _by(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def someone(t: Token) -> bool:
    """A person or people named, described or referred to: "Mara Velt", "students", "members of
    the party", "his"."""
    return t.ent_type_ in ("PERSON", "NORP") or _role_noun(t) or lemma(t) in _PEOPLE or t.lower_ in _PEOPLE


def _role_noun(t: Token) -> bool:
    return t.pos_ == "NOUN" and lemma(t) in ROLES


def prep_objects(t: Token, preps: tuple[str, ...] = ("of",)) -> list[Token]:
    """The objects of `t`'s prepositions among `preps` ("the arrest *of X*", "a plot *of land*")."""
    return [
        p
        for c in t.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj"
    ]


def after_a_conjunct(trigger: Token, p: Token) -> bool:
    """ "killings and the culture of impunity": the parser hangs a later item's "of" on the first.
    It is the later item's when that item names no event and `p` no one ("the arrest and
    detention of X", "killings and abductions of activists" stay the events')."""
    return not someone(p) and any(
        c.dep_ == "conj" and trigger.i < c.i < p.i and lemma(c) not in NOUNS for c in trigger.children
    )


def act_to_death(t: Token) -> Token | None:
    """The act a "to death" completes ("beaten to death", "shot to death"): the verb, or None."""
    if lemma(t) == "death" and t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.pos_ == "VERB":
        return t.head.head
    return None


def roles(trigger: Token, nominal: bool) -> tuple[list[Token], list[Token]]:
    """(agents, patients): head tokens of who did it and to whom it was done."""
    agents: list[Token] = []
    patients: list[Token] = []
    if (missing := _missing(trigger)) is not None:
        return [], members(resolve(missing))
    if not nominal:
        by = _by(trigger)
        if _passive(trigger):
            if by is not None:
                agents.append(by)
            subject = any(c.dep_ == "nsubjpass" for c in trigger.children)
            if (
                trigger.dep_ in ("acl", "amod")
                and not subject  # "the news that X was abducted": the clause's own subject
                and (trigger.head.pos_ in ("NOUN", "PROPN") or trigger.head.lower_ in _GROUP)
            ):
                patients.append(trigger.head)  # "a diplomat arrested for ..."
            else:
                subj = _subject(trigger)
                if subj is not None and subj.dep_ != "agent":
                    patients.append(subj)
                    # "a member and director of the league, Ramon Tal was attacked": the parser makes
                    # the name a second subject beside the role words before it
                    patients += [c for c in subj.head.children if c.dep_ == subj.dep_ and c != subj]
        elif trigger.lemma_.lower() in _CUSTODY_SUBJECT:
            subj = _subject(trigger)  # "his son remains in prison": the subject is held
            if subj is not None and subj.dep_ != "agent":
                patients.append(subj)
                # "still in detention are unionist A and organisers B, C": a second subject again
                patients += [c for c in subj.head.children if c.dep_ == subj.dep_ and c != subj]
        elif trigger.dep_ == "xcomp" and trigger.tag_ == "VBG" and lemma(trigger.head) in UNDERGO:
            subj = _subject(trigger)  # "X faced flogging": the parser makes the noun a gerund
            if subj is not None and subj.dep_ == "nsubj":
                patients.append(subj)
        else:
            subj = _subject(trigger)
            if subj is not None and subj.dep_ == "nsubj":
                agents.append(subj)
            patients += [c for c in trigger.children if c.dep_ == "dobj"]
            # "assassinated 25-year-old journalist X": after a long modifier the parser takes the
            # object's name for an adverbial noun phrase
            patients += [c for c in trigger.children if c.dep_ == "npadvmod" and c.ent_type_ == "PERSON"]
            # "open fire on crowds", but not "arrested him on Friday"
            patients += [p for p in prep_objects(trigger, ("on", "against")) if not _when(p)]
            for c in trigger.children:  # "open fire on": the preposition hangs off the verb
                if c.dep_ == "dobj" and c.lower_ == "fire":
                    patients = [p for p in patients if p != c]
        return [resolve(a) for a in agents], [m for p in patients for m in members(resolve(p))]
    if (act := act_to_death(trigger)) is not None:
        return roles(act, False)  # "beaten to death": the beating's roles are the killing's
    head = trigger.head
    for c in trigger.children:
        if c.dep_ == "poss" and _undergoer(trigger, c):
            patients.append(c)
        elif c.dep_ == "poss" and c.pos_ != "PRON":
            agents.append(c)
    by = _by(trigger)
    if by is not None:
        agents.append(by)
    agents += [c for c in trigger.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "NORP")]
    patients += [
        p
        for p in prep_objects(trigger, ("of", "on", "against"))
        if not _when(p) and not after_a_conjunct(trigger, p)
    ]
    if not patients:  # "the beating, arrest and detention of X": an "of" after the list is each one's
        patients += [
            p
            for x in trigger.conjuncts
            for p in prep_objects(x, ("of", "against"))
            if p.i > trigger.i and someone(p)
        ]
    if trigger.dep_ in ("dobj", "pobj") and _LIGHT & {head.lemma_.lower(), head.head.lemma_.lower()}:
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        subj = _subject(verb)
        if subj is not None and _passive(verb) and verb.lemma_.lower() in _GIVE:
            patients.append(subj)  # "several have been handed capital sentences"
        elif subj is not None and subj.dep_ == "nsubj":
            agents.append(subj)
        elif (by := _by(verb)) is not None:
            agents.append(by)
        if verb.lemma_.lower() in _GIVE and not _passive(verb):  # "handed a prison term to X"
            patients += [c for c in verb.children if c.dep_ == "dative"] + prep_objects(verb, ("to",))
    if trigger.lemma_.lower() in _PENALTIES:  # "jail terms for journalists X and Y", not "for murder"
        patients += [p for p in prep_objects(trigger, ("for",)) if p.ent_type_ == "PERSON" or _role_noun(p)]
    patients += _defendants(trigger)
    # "X faced harassment", "X suffered torture": X underwent it; not "X faces kidnapping charges"
    charged = any(x.lemma_.lower() in _CHARGES for x in (*trigger.conjuncts, *trigger.subtree, trigger.head))
    if trigger.dep_ == "dobj" and head.lemma_.lower() in UNDERGO and not _passive(head) and not charged:
        subj = _subject(head)
        if subj is not None and subj.dep_ == "nsubj":
            patients.append(subj)
    # "X was subjected to torture": X underwent it; "guards subjected X to torture": the guards did
    if trigger.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() == "subject":
        verb, subj = head.head, _subject(head.head)
        if _passive(verb):
            patients += [subj] if subj is not None else []
        else:
            patients += [d for d in verb.children if d.dep_ == "dobj"]
            agents += [subj] if subj is not None and subj.dep_ == "nsubj" else []
    for c in trigger.children:  # "a massacre ..., which was orchestrated by officials"
        if c.dep_ in ("relcl", "acl"):
            if (by := _by(c)) is not None:
                agents.append(by)
            if c.lemma_.lower() in ("target", "kill", "hit", "claim"):
                patients += [d for d in c.children if d.dep_ == "dobj"]
    if trigger.dep_ == "nsubj" and head.lemma_.lower() in ("target", "kill", "hit", "claim", "leave"):
        patients += [d for d in head.children if d.dep_ == "dobj"]  # "another plot targeted X"
    return [resolve(a) for a in agents], [resolve(p) for p in patients]


def _missing(trigger: Token) -> Token | None:
    """Who is missing: the subject of "went missing", the noun "missing" qualifies ("three missing
    reporters"), the owner of "his whereabouts"."""
    if trigger.lower_ == "missing":
        if trigger.dep_ == "amod":
            return trigger.head
        return _subject(trigger) or _subject(trigger.head)
    if trigger.lower_ in WHEREABOUTS:
        return next((c for c in trigger.children if c.dep_ == "poss"), None)
    return None


def _undergoer(trigger: Token, poss: Token) -> bool:
    """A person's arrest, killing or trial is done to that person ("Velt's arrest", "his murder"),
    where a state's or group's is done by it ("Iran's executions"); but "X's arrest of Y" is X's act."""
    person = poss.ent_type_ == "PERSON" or poss.lower_ in ("his", "her", "their")
    return (
        person
        and trigger.lemma_.lower() in _UNDERGONE
        and not [p for p in prep_objects(trigger, ("of", "on", "against")) if not _when(p)]
    )


def _when(p: Token) -> bool:
    """A time, not a party: "on Friday", and "on New Year's Eve", which NER calls an event."""
    return p.ent_type_ in ("DATE", "TIME") or (p.pos_ == "PROPN" and p.lower_ in _FEAST_HEADS)


def _defendants(trigger: Token) -> list[Token]:
    """Who is tried: the subject of "go on / stand / face trial", the object of "put / bring to
    trial" (its subject when passive), the noun "on trial" qualifies ("journalists on trial"); a
    case or charges that go to trial, those they are against."""
    heads = _defendant_heads(trigger)
    return [x for t in heads for x in (prep_objects(t, ("against",)) if lemma(t) in _CASES else [t])]


def _defendant_heads(trigger: Token) -> list[Token]:
    if trigger.lemma_.lower() != "trial":
        return []
    head = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
    verb = head.lemma_.lower()
    if head.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" and trigger.head.lower_ == "on":
        return [head]
    if verb in _TRIED and head.pos_ in ("VERB", "AUX") and head.dep_ != "xcomp":
        subj = _subject(head)
        return [subj] if subj is not None and subj.dep_ != "agent" else []
    if verb in _PUT_ON_TRIAL and head.pos_ == "VERB":
        if _passive(head):
            subj = _subject(head)
            return [subj] if subj is not None and subj.dep_ != "agent" else []
        return [c for c in head.children if c.dep_ == "dobj"]
    return []


def person_span(t: Token) -> Span:
    """A person's name without the role words before it ("human rights lawyer Jane Doe" -> "Jane
    Doe"): the PERSON entity the head ends, else the noun phrase."""
    if t.ent_type_ != "PERSON":
        return np_span(t)
    start = t.i
    while start > 0 and t.doc[start].ent_iob_ == "I" and t.doc[start - 1].ent_type_ == "PERSON":
        start -= 1
    return t.doc[start : np_span(t).end]


def expand(t: Token) -> list[Token]:
    """A head and the people standing beside it: conjuncts and appositions ("a couple, A and B")."""
    out = [t]
    for c in t.children:
        if c.dep_ in ("conj", "appos"):
            out += expand(c)
    return out
