"""Where, when and on whose word: the date, place, attribution and evidence of an incident trigger.

Ownership: a date or place belongs to the nearest trigger above it in the parse, unless the path
crosses a clause inside an argument ("a man who had travelled to X") or a bounding preposition
("after his release in 2007": a bound, not the date), save a lasting state's "since" ("detained
since 2016" began then); a year on a law's or report's name ("under a 1971 ordinance") dates that text,
not the incident; of two dates a trigger owns, one with a value beats one without ("As recently as
2014"), and a date fronted before an act dates the acts conjoined to it ("In 2013 she was abducted,
tortured, and enslaved"). A date no trigger owns dates the nearest trigger of its sentence, unless one of
them sits in a clause the other is not in ("arrested under a decree of the council, which ruled
from 1961"; "after he was jailed, she kept his letters of March 1994"); a "when", "while" or "as"
clause shares its head's date unless their tenses differ. A dateline ("(Lorn) – ...") is no
incident's place when its sentence names a place in another country. A place hung on the people
an event was done to ("targeted a community of exiles in Norland") is its place; a sentence with
no place of its own that speaks of "the camp" or "the prison" is at the named site just before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from spacy.tokens import Doc, Span, Token

from docket.extract.incident_roles import lemma, np_span
from docket.extract.incident_triggers import Trigger
from docket.extract.linking import EntityIndex, doc_text, trim
from docket.extract.places import country_of, is_country
from docket.model import Attribution, DateMention, Document, Entity, Evidence, IncidentDate, Place, Statement

_REPORT = {
    "say", "report", "claim", "determine", "find", "conclude", "announce", "state", "allege",
    "confirm", "reveal", "estimate", "believe", "write", "tell", "document", "assert", "insist",
    "testify", "add", "note", "argue", "explain", "admit", "deny", "learn", "charge", "verify",
    "disclose", "declare",
}  # fmt: skip
_BOUND = {"after", "before", "since", "until", "following", "prior", "till"}
_LASTING = {"detention", "enforced_disappearance", "kidnapping", "harassment"}
_DURATION = re.compile(r"\b(days?|weeks?|months?|years?|hours?|decades?)\b", re.I)
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_LOCATIVE = {"in", "at", "near", "across", "throughout", "outside", "inside", "within", "on", "from", "into"}


def owner_of(t: Token, triggers: dict[int, Trigger]) -> tuple[Token | None, str | None]:
    """The nearest trigger above a token, and the bounding preposition its path passes, if any."""
    bound: str | None = None
    crossed, node = False, t
    for _ in range(40):
        if node.i in triggers and node != t:
            return (None if crossed else node), bound
        if node.dep_ == "prep" and node.lower_ in _BOUND:
            bound = node.lower_
        # A clause inside an argument ("a man who had traveled to X") speaks of something else.
        if node.dep_ in ("relcl", "acl", "advcl", "ccomp") and node.head.i not in triggers:
            crossed = True
        if node.head == node:
            break
        node = node.head
    return None, bound


_SIMULTANEOUS = {"when", "while", "as"}


def _simultaneous(clause: Token) -> bool:
    """A "when"/"while"/"as" clause happens with its head, so they share a date ("he was killed
    when gunmen opened fire on 5 May")."""
    linked = any(c.dep_ in ("advmod", "mark") and c.lower_ in _SIMULTANEOUS for c in clause.children)
    # Unless the tenses differ: in "the arrest comes amid a purge and raises doubts about
    # liberties when the province joined Veland in 1992", 1992 is no date of the arrest.
    tenses = {_tense(clause), _tense(clause.head)}
    return linked and not {"past", "present"} <= tenses


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
        if node.dep_ in ("relcl", "advcl", "ccomp") and not _simultaneous(node):
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


def _fronted_over(span: Span, owner: Token, trig: Token) -> bool:
    """Whether a date placed before the act that owns it dates a trigger conjoined to that act: in
    "In 2013 she was abducted, tortured and enslaved", 2013 dates all three."""
    node = trig
    while node.dep_ == "conj" and node.head != node:
        node = node.head
        if node == owner:
            return span.end <= owner.i
    return False


def char_span(parsed: Doc, start: int, end: int) -> Span | None:
    return parsed.char_span(start, end, alignment_mode="expand")


def date(
    trig: Trigger,
    sent: Span,
    dated: list[tuple[DateMention, Span]],
    triggers: dict[int, Trigger],
    statements: Sequence[Statement] = (),
) -> IncidentDate:
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
    shared: IncidentDate | None = None  # a date fronted before the act this one is conjoined to
    for mention, span in dated:
        if not (sent.start <= span.root.i < sent.end):
            continue
        if content and not (content.start <= mention.evidence.start < content.end):
            continue
        owner, bound = owner_of(span.root, triggers)
        # A state that lasts began at its "since" ("detained since March 14"); other bounds
        # ("after his release in 2007") bound the incident without dating it.
        if bound == "since" and owner == trig.token and trig.type in _LASTING and mention.value:
            return IncidentDate(mention.value, mention.precision, mention.evidence.text)
        if bound or _names_text(span.root, trig.token):
            continue
        usable = mention.value is not None or not _DURATION.search(mention.evidence.text)
        if owner == trig.token and usable:
            # "As recently as 2014, they executed him": the year, not "recently", dates it.
            if mention.value is not None:
                return IncidentDate(mention.value, mention.precision, mention.evidence.text)
            vague = vague or IncidentDate(None, None, mention.evidence.text)
        if owner is not None and shared is None and mention.value and _fronted_over(span, owner, trig.token):
            shared = IncidentDate(mention.value, mention.precision, mention.evidence.text)
        if (
            owner is None
            and mention.value is not None
            and not _other_clause(span.root, trig, triggers)
            and not _trigger_clause_lacks(span.root, trig)
        ):
            near.append((abs(span.start_char - trig.token.idx), mention))
    if vague or shared:
        return vague or shared  # type: ignore[return-value]
    for c in trig.token.children:  # "the 1988 massacre", "1988's summer"
        if re.fullmatch(r"(1[89]|20)\d\d", c.text) and c.dep_ in ("compound", "nummod", "amod", "poss"):
            return IncidentDate(c.text, "year", c.text)
    if near:
        mention = min(near, key=lambda p: p[0])[1]
        return IncidentDate(mention.value, mention.precision, mention.evidence.text)
    return IncidentDate(None, None, None)


def places(parsed: Doc, entities: Sequence[Entity], index: EntityIndex) -> list[tuple[Span, Entity | None]]:
    """Place mentions: the entity extractor's place entities, else spaCy's GPE/LOC/FAC entities."""
    out = []
    for e in entities:
        if e.type == "place":
            for m in e.mentions:
                span = char_span(parsed, m.start, m.end)
                if span is not None:
                    out.append((span, e))
    if not out:
        for ent in parsed.ents:
            if ent.label_ in _PLACE_ENTS:
                found = index.at(ent.start_char, ent.end_char)
                if found is None or found.type == "place":
                    out.append((ent, found))
    return out


def place(
    trig: Trigger,
    sent: Span,
    places: list[tuple[Span, Entity | None]],
    triggers: dict[int, Trigger],
    patients: list[Token],
) -> Place | None:
    """Where the incident `trig` reports happened (module docstring); `patients` are the heads of
    whom or what it was done to (`incident_roles.roles`)."""
    for span, entity in places:
        if not (sent.start <= span.root.i < sent.end) or personlike(span.root):
            continue
        if _dateline(span, sent) and len(_countries_named(sent, places)) > 1:
            continue  # filed from abroad: "(Lorn) – Veland's police detained students in Ketlin"
        owner, _ = owner_of(span.root, triggers)
        direct = (
            trig.nominal
            and owner is None
            and span.root.head.dep_ == "prep"
            and span.root.head.lower_ in _LOCATIVE
            and span.root.head.head == trig.token.head
        )
        if owner == trig.token or direct:
            return _place(span, entity)
    at_target = _target_place(sent, places, patients)
    if at_target is not None:
        return _place(*at_target)
    # No place of its own: the one country its sentence names, unless another incident there owns
    # it ("incarcerated during Argentina's war"), beats the document's main country.
    free = {}
    for span, entity in places:
        if sent.start <= span.root.i < sent.end and not personlike(span.root):
            name = entity.name if entity else span.text
            if is_country(name) and owner_of(span.root, triggers)[0] in (None, trig.token):
                free[country_of(name)] = (span, entity)
    if len(free) == 1:
        return _place(*next(iter(free.values())))
    site = _site_named_before(sent, places)
    return _place(*site) if site else None


_WHERE_OF = {"in", "at", "near", "inside", "outside", "within", "of"}  # not "from": whence they came


def _target_place(
    sent: Span, places: list[tuple[Span, Entity | None]], patients: list[Token]
) -> tuple[Span, Entity | None] | None:
    """ "The plot targeted a community of exiles in Norland": the place of the people or things
    the event was done to, when the parse hangs it on them rather than on the event."""
    for span, entity in places:
        if not (sent.start <= span.root.i < sent.end) or personlike(span.root):
            continue
        node = span.root
        # up through "in"/"at" and "of" phrases only, to the patient
        while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in _WHERE_OF:
            node = node.head.head
            if node in patients:
                return span, entity
    return None


# Nouns for a site a story names and then calls "the camp", "the prison", "the compound".
_SITES = {
    "camp", "compound", "prison", "jail", "base", "facility", "centre", "center", "village",
    "hospital", "school", "university", "mosque", "church", "embassy", "consulate", "headquarters",
}  # fmt: skip
_DEFINITE = {"the", "this", "that"}


def _site_named_before(
    sent: Span, places: list[tuple[Span, Entity | None]]
) -> tuple[Span, Entity | None] | None:
    """ "... lived in Camp Orlo. The compound was raided": a sentence that speaks of "the compound"
    (a definite site) and names no place is at the named site of the two sentences before."""
    if not any(
        lemma(t) in _SITES
        and not t.ent_type_
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in t.children)
        for t in sent
    ):
        return None
    doc = sent.doc
    back = doc[max(0, doc[max(0, sent.start - 1)].sent.start - 1)].sent.start
    named = [
        (span, entity)
        for span, entity in places
        if back <= span.start < sent.start
        and any(lemma(w) in _SITES for w in span)
        and any(lemma(w) not in _SITES and w.text[:1].isupper() for w in span)  # named: "Camp Orlo"
    ]
    return max(named, key=lambda p: p[0].start) if named else None


DASHES = {"-", "–", "—", "--"}


def _countries_named(sent: Span, places: list[tuple[Span, Entity | None]]) -> set[str]:
    """The countries of the places a sentence names."""
    codes = {country_of(e.name if e else s.text) for s, e in places if sent.start <= s.root.i < sent.end}
    return {c for c in codes if c}


def _dateline(span: Span, sent: Span) -> bool:
    """A place opening a sentence before a dash, as a dateline does ("(Lorn) – ...", "LORN (Agency)
    - ...", "Lorn, 3 May — ..."): where the report was filed. A local paper files where the event
    happened, so it is skipped only when the sentence names a place in another country."""
    if span.start - sent.start > 1 or (span.start > sent.start and span.doc[sent.start].text != "("):
        return False
    for t in span.doc[span.end : min(span.end + 8, sent.end)]:
        if t.text in DASHES:
            return True
        if not (t.is_punct or t.like_num or t.ent_type_ in ("DATE", "ORG") or t.is_upper):
            return False
    return False


def _place(span: Span, entity: Entity | None) -> Place:
    name = entity.name if entity else span.text
    return Place(entity.id if entity else None, name, country_of(name) or country_of(span.text))


def personlike(t: Token) -> bool:
    """A person's name, or a proper noun conjoined with one ("Jafar Kazemi and Mohammad Haj-Aqai")."""
    if t.ent_type_ == "PERSON":
        return True
    return t.pos_ == "PROPN" and any(c.ent_type_ == "PERSON" for c in t.conjuncts)


def name(span: Span) -> str:
    """The words used for an agent, without a leading article."""
    return re.sub(r"^(the|a|an)\s+", "", text(span), flags=re.I)


def text(span: Span) -> str:
    text = doc_text(span.doc)
    s, e = trim(text, span.start_char, span.end_char)
    return text[s:e]


def attribution(
    trig: Trigger, sent: Span, index: EntityIndex, statements: Sequence[Statement]
) -> list[Attribution]:
    out: list[Attribution] = []
    node = trig.token
    while node.head != node:
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in _REPORT:
            subj = next((c for c in node.head.children if c.dep_ in ("nsubj", "agent")), None)
            if subj is not None and subj.dep_ == "agent":
                subj = next((p for p in subj.children if p.dep_ == "pobj"), None)
            if subj is not None and subj.pos_ != "PRON":
                span = np_span(subj)
                entity = index.at(span.start_char, span.end_char)
                out.append(Attribution(entity.id if entity else None, name(span), node.head.text))
        node = node.head
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            source = next((p for p in t.doc[t.i + 1].children if p.dep_ == "pobj"), None)
            if source is not None:
                span = np_span(source)
                entity = index.at(span.start_char, span.end_char)
                out.append(Attribution(entity.id if entity else None, name(span), "according to"))
    pos = trig.token.idx
    for s in statements:
        spans = [s.content_span] if s.content_span else list(s.evidence) if s.direct else []
        if any(sp.start <= pos < sp.end for sp in spans):
            out.append(Attribution(s.speaker.entity, s.speaker.name, s.cue))
    # One claimant once: "the Fars news agency" (parse) and "Fars news agency" (statement) agree.
    seen: dict[tuple[str, str], Attribution] = {}
    for a in out:
        seen.setdefault((a.entity or re.sub(r"^the ", "", a.name.lower()), a.cue.lower()), a)
    return list(seen.values())


def evidence(doc: Document, sent: Span, token: Token) -> Evidence:
    """The trigger's sentence, cut to its line (spaCy joins headlines to the next sentence)."""
    return Evidence.of(doc, *line_of(doc.text, sent.start_char, sent.end_char, token.idx))


def line_of(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The part of the sentence [start, end) on the line holding offset `at`, trimmed."""
    before = text.rfind("\n", start, at)
    after = text.find("\n", at, end)
    start = before + 1 if before >= 0 else start
    end = after if after >= 0 else end
    return trim(text, start, end, " \t\r\n")
