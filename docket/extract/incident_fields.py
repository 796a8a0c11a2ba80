"""Where and on whose word: the place, attribution and evidence of an incident trigger (its date is
`incident_dates`).

Ownership: a date or place belongs to the nearest trigger above it in the parse (`owner_of`),
unless the path crosses a clause inside an argument ("a man who had travelled to X"). A dateline
("(Lorn) – ...") is no incident's place when its sentence names a place in another country. A
place hung on the people an event was done to ("targeted a community of exiles in Norland") is
its place; a sentence with no place of its own that speaks of "the camp" or "the prison" is at the
named site just before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from docket.extract.incident_roles import lemma, np_span
from docket.extract.incident_triggers import Trigger
from docket.extract.linking import EntityIndex, doc_text, trim
from docket.extract.places import country_of, is_country
from docket.model import Attribution, Document, Entity, Evidence, Place, Statement

_REPORT = {
    "say", "report", "claim", "determine", "find", "conclude", "announce", "state", "allege",
    "confirm", "reveal", "estimate", "believe", "write", "tell", "document", "assert", "insist",
    "testify", "add", "note", "argue", "explain", "admit", "deny", "learn", "charge", "verify",
    "disclose", "declare",
}  # fmt: skip
_BOUND = {"after", "before", "since", "until", "following", "prior", "till"}
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
        elif node.dep_ == "prep" and node.lower_ == "of" and node.head.lower_ == "as":
            bound = "as of"  # "remained in custody as of December 31": when the state held, not began
        # A clause inside an argument ("a man who had traveled to X") speaks of something else.
        if node.dep_ in ("relcl", "acl", "advcl", "ccomp") and node.head.i not in triggers:
            crossed = True
        if node.head == node:
            break
        node = node.head
    return None, bound


def char_span(parsed: Doc, start: int, end: int) -> Span | None:
    return parsed.char_span(start, end, alignment_mode="expand")


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
