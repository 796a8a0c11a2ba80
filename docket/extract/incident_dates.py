"""When: the date of an incident trigger.

A date mention belongs to the nearest trigger above it in the parse (`incident_fields.owner_of`),
unless the path crosses a clause inside an argument ("a man who had travelled to X") or a bounding
preposition ("after his release in 2007", a tally's "as of May 4": a bound, not the date), save a
lasting state's "since" ("detained since 2016" began then); a year on a law's or report's name
("under a 1971 ordinance") dates that text, not the incident. Of two dates a trigger owns, one
with a value beats one without ("As recently as 2014"). A date another act owns dates this one
too when fronted before the act it is conjoined to ("In 2013 she was abducted, tortured, and
enslaved"), when closing a coordination of nouns ("her kidnapping and killing on New Year's Eve")
or of verbs sharing a subject ("was kidnapped and raped ... in early 2018"), when this one is that
act's participle clause ("stormed a school on Wednesday, killing one student") or was done in its
course ("killed in an October 2017 car bomb blast", "a 2013 attack in which 67 people were
killed"; not a court's act). A date no trigger owns dates the nearest trigger of its sentence,
unless one of them sits in a clause the other is not in ("arrested under a decree of the council,
which ruled from 1961"; "after he was jailed, she kept his letters of March 1994"); a "when",
"while" or "as" clause shares its head's date unless their tenses differ, and so does an
infinitive of purpose after its head ("arrested while taking her son to see her parents in May
2016"). Told inside what someone said, an incident's date is inside what they said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from spacy.tokens import Span, Token

from docket.extract.dateranges import range_start
from docket.extract.incident_fields import owner_of
from docket.extract.incident_roles import first_conjunct, lemma
from docket.extract.incident_triggers import Trigger
from docket.extract.linking import doc_text
from docket.model import DateMention, IncidentDate, Statement

_LASTING = {"detention", "enforced_disappearance", "kidnapping", "harassment"}
_DURATION = re.compile(r"\b(days?|weeks?|months?|years?|hours?|decades?)\b", re.I)
_SIMULTANEOUS = {"when", "while", "as"}


def _simultaneous(clause: Token) -> bool:
    """A "when"/"while"/"as" clause happens with its head, so they share a date ("he was killed
    when gunmen opened fire on 5 May")."""
    linked = any(c.dep_ in ("advmod", "mark") and c.lower_ in _SIMULTANEOUS for c in clause.children)
    # Unless the tenses differ: in "the arrest comes amid a purge and raises doubts about
    # liberties when the province joined Veland in 1992", 1992 is no date of the arrest.
    tenses = {_tense(clause), _tense(clause.head)}
    return linked and not {"past", "present"} <= tenses


def _purpose(clause: Token) -> bool:
    """An infinitive of purpose goes with the act it is for: in "arrested while taking her
    daughter to see her parents in April 2016", the visit dates the journey and the arrest. One
    fronted before its head frames the sentence ("To sum up the book (2019), he ...")."""
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VB"
        and clause.i > clause.head.i
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
    )


def _tense(verb: Token) -> str | None:
    """ "past" or "present" by the verb's own tag or its first auxiliary's; None when untold."""
    for t in [*(c for c in verb.children if c.dep_ in ("aux", "auxpass")), verb]:
        if t.tag_ == "VBD":
            return "past"
        if t.tag_ in ("VBZ", "VBP"):
            return "present"
    return None


def _other_clause(t: Token, trig: Trigger, triggers: dict[int, Trigger]) -> bool:
    """Whether a token sits in a clause of its own that does not hold the trigger: a date there
    dates that clause ("arrested under a decree of the council, which ruled from 1961"), not the
    incident."""
    node = t
    for _ in range(40):
        if node.i in triggers or node.head == node:
            return False
        if node.dep_ in ("relcl", "advcl", "ccomp") and not _simultaneous(node) and not _purpose(node):
            # A clause on a copula's predicate speaks of its subject ("the plot was one of
            # several reported in 2018"); one on a noun trigger's phrase, of the trigger ("an
            # uprising such as those that occurred in July 1999").
            if trig.nominal and trig.token in islice(node.ancestors, 3):
                return False
            clause = node.head.head if node.head.dep_ == "attr" else node
            return not clause.left_edge.i <= trig.token.i <= clause.right_edge.i
        node = node.head
    return False


def _trigger_clause_lacks(t: Token, trig: Trigger) -> bool:
    """Whether the trigger sits in an adverbial clause that does not hold the token, and the token
    does not frame the clause it hangs from: in "after he was imprisoned, she kept his letters of
    March 1994", 1994 is not the date; in "that year saw expulsions after agents plotted a
    bombing", "that year" is."""
    for node in [trig.token, *trig.token.ancestors]:
        if node.dep_ == "advcl" and not _simultaneous(node):
            if node.left_edge.i <= t.i <= node.right_edge.i:
                return False
            frame = t.head if t.head.dep_ != "prep" else t.head.head
            return frame != node.head
    return False


# Texts a year can name: "under a 1971 ordinance", "the Press Act 2004" date the law, not the arrest.
_TEXTS = {
    "law", "act", "bill", "decree", "code", "constitution", "statute", "ordinance", "regulation",
    "treaty", "agreement", "accord", "convention", "resolution", "amendment", "directive", "charter",
    "report", "index",
}  # fmt: skip


def _names_text(year: Token, trig: Token) -> bool:
    """Whether a year modifies a law's or a report's name rather than an event: the noun it
    modifies, or a noun that noun's "of" phrases or compounds lead to, is one of _TEXTS."""
    head = year.head
    if year.dep_ not in ("nummod", "compound", "amod") or head == trig or head.pos_ not in ("NOUN", "PROPN"):
        return False
    todo = [head]
    while todo:
        node = todo.pop()
        if lemma(node) in _TEXTS:
            return True
        todo += [
            c
            for c in node.children
            if c.dep_ in ("prep", "pobj", "compound") and (c.dep_ != "prep" or c.lower_ == "of")
        ]
    return False


_SEQUEL = {"later", "then", "subsequently", "eventually", "afterwards", "afterward", "thereafter", "finally"}
_COURSE = {"in", "during", "amid", "amidst", "at"}
_COURTS = {"trial", "prison_sentence", "death_sentence"}


def _closes_coordination(span: Span, owner: Token, owner_trigger: Trigger, trig: Token) -> bool:
    """Whether a date after a later verb of the trigger's coordination closes the whole of it: in
    "she was kidnapped and raped by an armed group in early 2018" the parser hangs the date on
    "raped". Only verbs sharing one subject ("thousands were tortured, and 400 prisoners are
    currently behind bars" tells two things); not for an act told as later ("and later tortured
    in 2019") nor a court's ("was arrested and sentenced in 2019": the arrest came before)."""
    node = owner
    while node.dep_ == "conj" and node.head != node and node != trig:
        node = node.head
    return (
        node == trig
        and owner != trig
        and span.start > owner.i
        and owner_trigger.type not in _COURTS
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in owner.children)
        and not any(c.dep_ == "advmod" and c.lower_ in _SEQUEL for c in owner.children)
    )


def _shares_date(span: Span, owner: Token, trigger: Trigger, owner_trigger: Trigger | None = None) -> bool:
    """Whether a date another act owns dates this one too: a date fronted before an act dates the
    acts conjoined to it ("In 2013 she was abducted, tortured, and enslaved"); a participle clause
    happens with its act ("stormed a school on Wednesday, killing one student"); an act done in
    the course of another takes its date ("killed in an October 2017 car bomb blast", "stabbed
    during the protests in November 2019", also when the course hangs on a verb conjoined to it),
    but a court's is not ("sentenced for his role in the 1972 murder"). Not an act told as coming
    after ("later tortured")."""
    trig = trigger.token
    if any(c.dep_ == "advmod" and c.lower_ in _SEQUEL for c in trig.children):
        return False
    node = trig
    while node.dep_ == "conj" and node.head != node:
        node = node.head
        if node == owner:
            # after a coordination of nouns, a date closes all of it: the parser hangs it on the
            # first ("Baugh's kidnapping and killing on New Year's Eve")
            return span.end <= owner.i or (trigger.nominal and span.start > trig.i)
    if (
        owner_trigger is not None
        and trigger.type not in _COURTS
        and _closes_coordination(span, owner, owner_trigger, trig)
    ):
        return True
    if trig.dep_ == "relcl" and trig.head == owner and _in_which(trig):
        return True  # "the September demonstrations in which 4,000 were arrested"
    if trig.dep_ == "advcl" and trig.tag_ == "VBG" and trig.head == owner:
        return all(c.lower_ in _SIMULTANEOUS for c in trig.children if c.dep_ == "mark")
    # The course may hang on a conjoined verb: in "shot and killed two men and wounded others
    # during demonstrations on Tuesday", the demonstrations are the course of the killing too.
    course = (
        owner.dep_ == "pobj"
        and owner.head.lower_ in _COURSE
        and first_conjunct(owner.head.head) == first_conjunct(trig)
    )
    return course and trigger.type not in _COURTS


def _in_which(clause: Token) -> bool:
    """A relative clause told as happening in the course of its noun: "in which", "during which",
    "where"."""
    return any(
        (c.dep_ == "prep" and c.lower_ in _COURSE and any(w.lower_ == "which" for w in c.children))
        or (c.dep_ == "advmod" and c.lower_ == "where")
        for c in clause.children
    )


def _dated_by(mention: DateMention) -> IncidentDate:
    return IncidentDate(mention.value, mention.precision, mention.evidence.text)


def date(
    trig: Trigger,
    sent: Span,
    dated: list[tuple[DateMention, Span]],
    triggers: dict[int, Trigger],
    statements: Sequence[Statement] = (),
) -> IncidentDate:
    """The date of the incident `trig` reports, from the date mentions of its sentence (module
    docstring); no value when none is its own."""
    # Told inside what someone said, the incident's date is inside what they said: in "In a 2016
    # interview, he recalled killing prisoners", 2016 dates the interview, not the killings.
    pos = trig.token.idx
    content = next(
        (
            s.content_span
            for s in statements
            if s.content_span and s.content_span.start <= pos < s.content_span.end
        ),
        None,
    )
    near: list[tuple[int, DateMention]] = []
    vague: IncidentDate | None = None  # an owned mention with no value ("recently")
    shared: IncidentDate | None = None  # a date another act owns that dates this one too
    for mention, span in dated:
        if not (sent.start <= span.root.i < sent.end):
            continue
        if content and not (content.start <= mention.evidence.start < content.end):
            continue
        owner, bound = owner_of(span.root, triggers)
        # A state that lasts began at its "since" ("detained since March 14"); other bounds
        # ("after his release in 2007") bound the incident without dating it.
        if bound == "since" and owner == trig.token and trig.type in _LASTING and mention.value:
            return _dated_by(mention)
        if bound or _names_text(span.root, trig.token):
            continue
        usable = mention.value is not None or not _DURATION.search(mention.evidence.text)
        if owner == trig.token and usable:
            # "As recently as 2014, they executed him": the year, not "recently", dates it.
            if mention.value is not None:
                return _dated_by(mention)
            vague = vague or IncidentDate(None, None, mention.evidence.text)
        if (
            owner is not None
            and shared is None
            and mention.value
            and _shares_date(span, owner, trig, triggers.get(owner.i))
        ):
            shared = _dated_by(mention)
        if (
            owner is None
            and mention.value is not None
            and not _other_clause(span.root, trig, triggers)
            and not _trigger_clause_lacks(span.root, trig)
        ):
            near.append((abs(span.start_char - trig.token.idx), mention))
    if vague is not None:
        return vague
    if shared is not None:
        return shared
    for c in trig.token.children:  # "the 1988 massacre", "1988's summer"
        if re.fullmatch(r"(1[89]|20)\d\d", c.text) and c.dep_ in ("compound", "nummod", "amod", "poss"):
            return IncidentDate(c.text, "year", c.text)
    if near:
        mention = min(near, key=lambda p: p[0])[1]
        return _dated_by(range_start(doc_text(sent.doc), [m for _, m in near], mention))
    return IncidentDate(None, None, None)
