"""Incidents: one record per real-world event a document reports, each field tied to its sentence.

Triggers come from `incident_triggers` (lexicon over lemmas, minus negated, hypothetical and
generic mentions); agents and patients from `incident_roles`, the victims they name from
`incident_victims`. Here each trigger gets its date (a date mention attached to the trigger, else
the nearest one in the sentence that no other trigger owns, else a year modifying the trigger noun;
"after/before/since X" dates are bounds, not dates), place, figure and attribution (complement of
a reporting verb, "according to X", or inside a Statement's content), and repeated mentions of one
event are merged:
- in one sentence, a trigger syntactically inside another of a kindred type ("the massacre when
  prisoners were executed") is the same event;
- a bare definite or possessed mention ("the massacre", "his execution") refers back to the latest
  incident of its type;
- two mentions of one type with the same date, figure, victim description or named victim are one
  incident, unless their dates, named victims or countries disagree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from docket.extract import incident_dates
from docket.extract import incident_fields as F
from docket.extract.counts import parse_count
from docket.extract.incident_mood import VIOLENT
from docket.extract.incident_roles import expand, np_span, roles
from docket.extract.incident_suspects import LEGAL_TYPES, repression_told, same_people, suspects_held
from docket.extract.incident_triggers import Trigger, find_triggers
from docket.extract.incident_victims import QUANTITY, find_victims
from docket.extract.linking import EntityIndex, doc_text
from docket.extract.perpetrators import category
from docket.extract.places import (
    country_name,
    country_of,
    country_of_demonym,
    is_country,
    is_region_of,
    region_countries,
    title_countries,
)
from docket.model import (
    Attribution,
    Count,
    DateMention,
    Document,
    Entity,
    Evidence,
    Incident,
    IncidentDate,
    Perpetrator,
    Place,
    Statement,
    Victim,
    stable_id,
)

_KIN = [{"killing", "execution"}, {"plot", "attack"}]
_TOLL_NOUNS = {"victim", "dead", "death", "casualty", "life", "people", "body", "prisoner"}
_FRESH = {"another", "other", "new"}
_SEX_NOUNS = {
    "female": {"girl", "girls", "schoolgirl", "schoolgirls", "woman", "women", "mother", "mothers", "wife"},
    "male": {"boy", "boys", "schoolboy", "schoolboys", "man", "men", "father", "fathers", "husband"},
}
_ANAPHOR = {"the", "this", "that", "these", "those", "its", "his", "her", "their", "each", "such"}
_SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}


# Crimes whose named author is a suspect when held: violence other than a state's execution, tried or done.
_CRIME_TYPES = (VIOLENT - {"execution"}) | {"plot"}


@dataclass
class _Draft:
    type: str
    token: Token
    date: IncidentDate
    place: Place | None
    perpetrators: list[Perpetrator]
    victims: list[Victim]
    count: Count | None
    attributed_to: list[Attribution]
    evidence: list[Evidence]
    anaphoric: bool
    merged: list[Token] = field(default_factory=list)
    law_enforcement: bool = False  # held as suspects of a crime (`incident_suspects`)
    repression: bool = False  # its sentence makes the detention repression (`repression_told`)


def _count(tokens: list[Token]) -> Count | None:
    for t in tokens:
        if t.ent_type_ in _SKIP_ENTS:
            continue
        if t.like_num or t.lemma_.lower() in QUANTITY:
            words = [x for x in t.subtree if not (x.dep_ == "prep" and x.head == t)]
            cut = [x for x in t.subtree if x.dep_ == "prep" and x.head == t]
            end = min([cut[0].i] if cut else [t.i + 1 + len(list(t.rights))])
            span = t.doc[min(x.i for x in words) : max(t.i + 1, min(end, max(x.i for x in words) + 1))]
            found = parse_count(span.text)
            if found:
                return found
        for c in t.children:
            if c.dep_ == "nummod" and c.ent_type_ not in _SKIP_ENTS:
                sub = list(c.subtree)
                found = parse_count(t.doc[sub[0].i : sub[-1].i + 1].text)
                if found:
                    return found
    return None


def _toll(trig: Trigger, sent: Span, triggers: dict[int, Trigger]) -> Count | None:
    """The figure of a death toll or a killing told apart from its trigger ("over 30,000 victims")."""
    t = trig.token
    if t.lemma_.lower() == "toll":
        verb = t.head
        cands = [
            p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at") for p in c.children
        ]
        cands += [c for c in verb.children if c.dep_ in ("attr", "dobj")]
        cands += [p for c in t.children if c.dep_ == "prep" for p in c.children]
        if (found := _count(cands)) is not None:
            return found
    if trig.type in ("killing", "execution"):
        nouns = [
            x
            for x in sent
            if x.lemma_.lower() in _TOLL_NOUNS and x.i != t.i and F.owner_of(x, triggers)[0] in (None, t)
        ]  # a figure another trigger owns ("the execution of 25 prisoners") is not this one's
        return _count([n for n in nouns if any(c.dep_ == "nummod" for c in n.children)])
    return None


def _perpetrators(agents: list[Token], index: EntityIndex, country: str | None) -> list[Perpetrator]:
    out: list[Perpetrator] = []
    for a in agents:
        for h in expand(a):
            if h.pos_ == "PRON":
                continue
            span = np_span(h)
            entity = index.at(span.start_char, span.end_char)
            words = " ".join([F.text(span), *(entity.aliases if entity else ())])
            kind = category(words, country)
            if kind == "unknown" and is_country(F.name(span)):  # "Zorvania's massacre": its state
                code = country_of(F.name(span))
                kind = "state" if code == country or country is None else "other_state"
            out.append(Perpetrator(entity.id if entity else None, F.name(span), kind))
    return list(dict.fromkeys(out))


def _main_country(parsed: Doc, places: list[tuple[Span, Entity | None]], title: str | None) -> str | None:
    """The country the document is about: the most votes of its place mentions, nationality words,
    regions named with their kind ("Niger state") and the countries its title names (a headline
    says where the story is: two votes each)."""
    votes: Counter[str] = Counter()
    for span, entity in places:
        if code := country_of(entity.name if entity else span.text):
            votes[code] += 1
    votes.update(region_countries(doc_text(parsed)))
    for ent in parsed.ents:
        if ent.label_ == "NORP" and (code := country_of_demonym(ent.text)):
            votes[code] += 1
    for code in title_countries(title or ""):
        votes[code] += 2
    return votes.most_common(1)[0][0] if votes else None


def _forces_country(agents: list[Token]) -> str | None:
    """The one country a state agent's nationality word names ("Malaysian police" -> "MY")."""
    for a in agents:
        for h in expand(a):
            span = np_span(h)
            codes = {c for x in span if x.i < h.i and (c := country_of_demonym(x.lower_))}
            if len(codes) == 1 and category(span.text, None) == "state":
                return codes.pop()
    return None


def _default_place(code: str, places: list[tuple[Span, Entity | None]]) -> Place:
    """The main country as a place, through the document's own entity for it when it names one."""
    for _, entity in places:
        if entity is not None and is_country(entity.name) and country_of(entity.name) == code:
            return Place(entity.id, entity.name, code)
    return Place(None, country_name(code), code)


def _draft(doc: Document, trig: Trigger, ctx: dict, triggers: dict[int, Trigger]) -> _Draft:
    sent = trig.token.sent
    agents, patients = roles(trig.token, trig.nominal)
    place = F.place(trig, sent, ctx["places"], triggers, patients)
    # A place abroad that names a region of the story's country is that region: "Delta" in a
    # Nigerian story is the state, not the Canadian city (countries keep their own name).
    main = ctx["country"]
    if (
        place
        and main
        and place.country not in (None, main)
        and not is_country(place.name)
        and is_region_of(place.name, main)
    ):
        place = replace(place, country=main)
    # With no place of its own, "Malaysian police" are their own state's, wherever the story is
    # set: the place stays the story's (forces act abroad too: "Israeli forces" in Gaza).
    country = place.country if place and place.country else (_forces_country(agents) or ctx["country"])
    if place and is_country(place.name):
        country = place.country
    count = _count(patients) or _toll(trig, sent, triggers)
    victims = find_victims(trig, patients, ctx["index"])
    perps = [] if trig.type == "protest" else _perpetrators(agents, ctx["index"], country)
    t = trig.token
    date = incident_dates.date(trig, sent, ctx["dated"], triggers, ctx["statements"])
    bare = trig.nominal and not victims and count is None and not perps and date.value is None
    anaphoric = bare and any(c.dep_ in ("det", "poss") and c.lower_ in _ANAPHOR for c in t.children)
    repression = trig.type in LEGAL_TYPES and repression_told(sent, patients)
    return _Draft(
        trig.type, t, date, place, perps, victims, count,
        F.attribution(trig, sent, ctx["index"], ctx["statements"]), [F.evidence(doc, sent, t)], anaphoric,
        law_enforcement=trig.type in LEGAL_TYPES and not repression and suspects_held(sent, patients),
        repression=repression,
    )  # fmt: skip


def _bare(d: _Draft) -> bool:
    """A mention that adds nothing but its words ("a high death toll")."""
    return not (d.victims or d.perpetrators or d.count or d.date.value or d.place)


def _kin(a: str, b: str) -> bool:
    return a == b or any(a in k and b in k for k in _KIN)


def _linked(a: Token, b: Token) -> bool:
    """Whether one token governs the other within a few steps (same sentence)."""
    for x, y in ((a, b), (b, a)):
        node = y
        for _ in range(4):
            if node.head == node:
                break
            node = node.head
            if node == x:
                return True
    return False


def _same_event(a: _Draft, b: _Draft) -> bool:
    if a.type != b.type or _conflict(a, b):
        return False
    names_a = {v.name for v in a.victims if v.name}
    names_b = {v.name for v in b.victims if v.name}
    if a.place and b.place and a.place.country and b.place.country and a.place.country != b.place.country:
        return False
    if (a.date.value and a.date.value == b.date.value) or names_a & names_b:
        return True
    if a.count and b.count and (a.count.value, a.count.low) == (b.count.value, b.count.low):
        return True
    descs_a = {v.description for v in a.victims if v.description}
    return bool(descs_a & {v.description for v in b.victims if v.description})


def _absorb(a: _Draft, b: _Draft) -> None:
    """Folds mention `b` into incident `a`: first value wins, lists are joined."""
    # Where the document states the event in its own voice in any mention that says something of
    # it (not a bare "a high death toll"), it claims it itself: the incident is attributed to others
    # only when every such mention is someone else's claim. Judged before `a` takes `b`'s values.
    own_voice = any(not m.attributed_to and not _bare(m) for m in (a, b))
    if (a.date.value is None and b.date.value is not None) or a.date.text is None:
        a.date = b.date if b.date.text else a.date
    a.place = a.place or b.place
    a.count = a.count or b.count
    # A mention that names no one held ("the basis of the arrest was her alleged crimes") does not
    # make suspects of the people another mention names.
    if b.victims or not a.victims:
        a.law_enforcement = a.law_enforcement or b.law_enforcement
    a.repression = a.repression or b.repression
    for name in ("perpetrators", "victims", "attributed_to", "evidence"):
        merged = list(dict.fromkeys([*getattr(a, name), *getattr(b, name)]))
        setattr(a, name, merged)
    if own_voice:
        a.attributed_to = []


def _conflict(a: _Draft, b: _Draft) -> bool:
    """Two mentions that cannot be one event: different dates, different named victims, or victims
    of the other sex ("300 girls kidnapped" and "300 schoolboys kidnapped" are two kidnappings)."""
    if a.date.value and b.date.value and a.date.value != b.date.value:
        return True
    names_a = {v.name for v in a.victims if v.name}
    names_b = {v.name for v in b.victims if v.name}
    if names_a and names_b and not names_a & names_b:
        return True
    sexes_a, sexes_b = _sexes(a), _sexes(b)
    return len(sexes_a) == len(sexes_b) == 1 and sexes_a != sexes_b


def _sexes(d: _Draft) -> set[str]:
    words = {w for v in d.victims if v.description for w in re.findall(r"[a-z]+", v.description.lower())}
    return {sex for sex, nouns in _SEX_NOUNS.items() if words & nouns}


def _matches(prev: _Draft, d: _Draft) -> bool:
    """Whether mention `d` is the incident `prev` again (see the module docstring)."""
    if any(c.dep_ == "det" and c.lower_ in _FRESH for c in d.token.children):
        return False  # "another plot": the text itself says it is a different event
    if _conflict(prev, d):
        return False  # "police arrested X in 2019, and soldiers arrested Y in 2021": two arrests
    if (
        prev.token.sent == d.token.sent
        and _kin(prev.type, d.type)
        and (_linked(prev.token, d.token) or _bare(prev) or _bare(d))
    ):
        return True
    return (d.anaphoric and prev.type == d.type) or _same_event(prev, d)


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    out: list[_Draft] = []
    for d in drafts:
        target = next((prev for prev in reversed(out) if _matches(prev, d)), None)
        if target is None:
            out.append(d)
        else:
            _absorb(target, d)
    return out


def _suspects_throughout(drafts: list[_Draft]) -> None:
    """A person held as a suspect once is a suspect in the document's other arrests and trials
    ("X was arrested over the killing" ... "X was arrested in Florida")."""
    suspects = {v.name for d in drafts if d.law_enforcement for v in d.victims if v.name}
    # The named author of a crime the document tells is a suspect when held ("X kidnapped the
    # reporter" ... "X was sentenced to 15 years").
    suspects |= {p.name for d in drafts if d.type in _CRIME_TYPES for p in d.perpetrators if p.entity}
    for d in drafts:
        names = {v.name for v in d.victims if v.name}
        # unless its own sentence makes it repression ("detained on a charge of insulting Islam")
        if d.type in LEGAL_TYPES and names and same_people(names, suspects) and not d.repression:
            d.law_enforcement = True
    # An arrest that names no one held ("he was arrested in Florida", "five other members were
    # arrested") is of a piece with the document's other arrests: law enforcement when most of
    # those that hold someone are, unless its own sentence makes it repression.
    held = [d.law_enforcement for d in drafts if d.type in LEGAL_TYPES and d.victims]
    if held and sum(held) * 2 > len(held):
        for d in drafts:
            if d.type in LEGAL_TYPES and not any(v.name for v in d.victims) and not d.repression:
                d.law_enforcement = True


def extract_incidents(
    doc: Document,
    parsed: Doc,
    entities: Sequence[Entity],
    dates: Sequence[DateMention],
    statements: Sequence[Statement] = (),
) -> tuple[Incident, ...]:
    """The incidents `doc` reports, each with its evidence sentences (see the module docstring)."""
    index = EntityIndex(entities)
    places = F.places(parsed, entities, index)
    spans = [(m, F.char_span(parsed, m.evidence.start, m.evidence.end)) for m in dates]
    dated = [(m, s) for m, s in spans if s is not None]
    found = find_triggers(parsed)
    triggers = {t.token.i: t for t in found}
    ctx = {
        "index": index, "places": places, "dated": dated, "statements": statements,
        "country": _main_country(parsed, places, doc.title.value),
    }  # fmt: skip
    drafts = _merge([_draft(doc, t, ctx, triggers) for t in found])
    _suspects_throughout(drafts)
    incidents = []
    for d in drafts:
        if d.place is None and ctx["country"]:  # the sentences name no place: the story's country
            d.place = _default_place(ctx["country"], places)
        evidence = tuple(sorted(d.evidence, key=lambda e: e.start))
        incidents.append(
            Incident(
                # The first trigger's offset, not the sentence's: two incidents of one type can
                # share a sentence ("police arrested X, and soldiers arrested Y").
                id=stable_id("inc", doc.id, d.type, d.token.idx),
                type=d.type,
                date=d.date,
                place=d.place,
                perpetrators=tuple(d.perpetrators),
                victims=tuple(d.victims),
                count=d.count,
                attributed_to=tuple(d.attributed_to),
                evidence=evidence,
                law_enforcement=d.law_enforcement,
            )
        )
    return tuple(incidents)
