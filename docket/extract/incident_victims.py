"""Who an incident was done to: the victims a trigger's patient phrases name.

- A patient phrase gives its head, its conjuncts and appositions (`expand`), the people "along with"
  it, and the named members of a group ("ten writers held, including blogger X and poet Y"; "such
  as", "like", "namely" too), wherever the parser hangs that list inside the phrase, or, for a group
  held or harmed, inside the trigger's own clause ("writers were detained for their work, including
  X": the parser attaches the list to "work").
- A head names a person when spaCy tags it so, or when docket's entity stage made that name a person:
  spaCy leaves a surname met alone untagged or calls it an organisation ("Velt was attacked"), while
  the entity stage has joined it to the full name the text gave first.
- A plural patient spelled out right after it names its members, read off the words where the
  parser hangs the list elsewhere ("two reporters, A from Radio Z and B, were jailed", "arrested
  activists namely: A, B", "detained journalists -- A and B --"); a name in an aside ("(a colleague
  of C)", "from Radio Z") is not one of them, and a list whose name speaks ("C said") is none.
- A proper noun is a person, whatever the tagger took it for, when a "who" clause trigger is said
  of it ("X, who was sentenced"; "X, the head of the Y Association, who was sentenced", where the
  parser hangs the clause on the last noun). Its name is its proper nouns ("• X Y" -> "X Y").
- A copula or "include" names the group a trigger describes ("the arrested journalists are X and
  Y", "some of the detained protesters include X"; "the four kidnapped were identified as X").
- A personal pronoun stands for the person named as a subject before it (`antecedents`).
- A role word a trigger qualifies stands for the name it belongs to: "jailed activist X" (a compound
  of the name), "X, a poet who was arrested" (an apposition to it), and the name right after it
  where the parser split the two ("after the murder of activist X shocked the city").
- A confiscation's victim is the owner of what was taken; a protest has none.
- A group phrase beside named people is their description ("Several party members - A, B").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from docket.extract import incident_fields as F
from docket.extract.incident_roles import expand, np_span, person_span
from docket.extract.incident_triggers import Trigger
from docket.extract.linking import EntityIndex
from docket.extract.name_spans import region_name
from docket.model import Entity, Victim

QUANTITY = {"thousand", "hundred", "dozen", "score", "several", "many", "million", "few"}
# Prepositions that open the list of a group's named members.
_INCLUDING = {"including", "like", "namely"}
# Clauses that speak of something else than the phrase or trigger above them.
_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"}
_PERSONAL = {"he", "him", "she", "her"}
_PLURAL = {"they", "them"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_BACK = 2  # sentences searched back for a pronoun's antecedent
_NOT_PEOPLE = {"GPE", "LOC", "FAC", "ORG", "NORP", "DATE", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
_QUANTIFIERS = {"some", "many", "most", "all", "one", "two", "three", "several", "few", "none"}
_ANY_NAMED = ("attack", "plot", "harassment", "expulsion")  # whose victim can be a firm or a town
_PLACES = {"GPE", "LOC", "FAC", "NORP", "DATE"}
_OPENERS = {",", ":", *F.DASHES}  # "-" only between spaces (`_opener`)
_GROUP_WORDS = {"those", "them", "these", "they", "others", "many", "some", "several", "dozens"}


def _name_end(t: Token) -> bool:
    """The last word of a name (the parser may not make it a head: "including poet X")."""
    return t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I"


def _is_including(t: Token) -> bool:
    """ "including", "like", "namely", or "such as"."""
    if t.dep_ != "prep":
        return False
    return t.lower_ in _INCLUDING or (t.lower_ == "as" and any(c.lower_ == "such" for c in t.children))


def _within(x: Token, top: Token) -> bool:
    """Whether `x` hangs under `top` without crossing a clause of its own."""
    node = x
    while node != top:
        if node.dep_ in _CLAUSES or node.head == node:
            return False
        node = node.head
    return True


def _listed(prep: Token) -> list[Token]:
    """The people an "including" phrase names (not the places of "in countries such as X")."""
    out = [y for x in prep.children if x.dep_ == "pobj" for y in expand(x) if y.ent_type_ not in _NOT_PEOPLE]
    return out + [x for x in prep.subtree if x.ent_type_ == "PERSON" and _name_end(x)]


def _plural(t: Token) -> bool:
    return t.tag_ in ("NNS", "NNPS") or t.like_num or t.lower_ in _GROUP_WORDS | QUANTITY


def _members(p: Token, trig: Trigger) -> list[Token]:
    """The named members of a group patient: "including" lists inside its phrase, or, for a plural
    patient of a verb, inside the verb's clause (see the module docstring); and the names a copula
    gives the group (`_identified`)."""
    t = trig.token
    clause = not trig.nominal and _plural(p) and (t in (p.head, p.head.head) or t.head == p)
    preps = [
        x
        for x in {*p.subtree, *(t.subtree if clause else ())}
        if _is_including(x) and (_within(x, p) or (clause and _within(x, t)))
    ]
    return [y for x in sorted(preps) for y in _listed(x)] + _identified(p)


def _identified(p: Token) -> list[Token]:
    """Names a sentence equates with a group it describes by an incident: "the arrested journalists
    are X and Y", "some of the detained protesters include X", "the four kidnapped were identified
    as X": the subject (or the group a quantifier subject picks from) and the names across."""
    node = p
    if p.dep_ == "pobj" and p.head.lower_ == "of" and p.head.head.lower_ in _QUANTIFIERS:
        node = p.head.head
    if node.dep_ not in _SUBJECTS:
        return []
    verb, lemma = node.head, node.head.lemma_.lower()
    if lemma == "be":
        across = [c for c in verb.children if c.dep_ == "attr"]
    elif lemma == "include":
        across = [c for c in verb.children if c.dep_ == "dobj"]
    elif lemma in ("identify", "name") and node.dep_ == "nsubjpass":
        across = [x for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for x in c.children]
    else:
        return []
    return [y for x in across for y in expand(x) if y.pos_ == "PROPN"]


def _spelled_out(p: Token, trig: Trigger, index: EntityIndex) -> list[Token]:
    """The people a plural patient is spelled out as right after it, read off the words: "two
    reporters, A and B, were jailed", "arrested activists namely: A, B", "detained reporters from
    Radio Z — A and B —". The parser often hangs such a list on another word of the sentence."""
    if p.pos_ != "NOUN" or not _plural(p):
        return []
    doc, end = p.doc, p.sent.end
    i = p.i + 1
    if i < end and doc[i].pos_ == "ADP":  # "journalists for Radio Z -- A and B": past the phrase
        while i < end and i - p.i < 12 and not _opener(doc[i]):
            if doc[i].pos_ in ("VERB", "AUX") and doc[i].dep_ not in ("amod", "compound"):
                return []
            i += 1
    if i >= end or not _opener(doc[i]):
        return []
    while i < end and _opener(doc[i]):
        i += 1
    dash = doc[i - 1].text in F.DASHES
    out: list[Token] = []
    aside = False  # inside "from Radio Z" or "(Radio Z)": where a person works, not who
    for x in doc[i:end]:
        if x.pos_ in ("VERB", "AUX") or x.tag_ in ("WP", "WDT") or (dash and x.text in F.DASHES):
            break  # the list ends where a clause, or the dash that opened it, begins
        if x.i - i > 4 and not any(y.pos_ == "PROPN" for y in doc[i : x.i]):
            return []  # a few role words may come first ("labour organisers A"), nothing longer
        if x.pos_ == "ADP" or x.text == "(":
            aside = True
        elif x.text in (",", ";", ")") or x.lower_ == "and":
            aside = False
        elif not aside and (person_at(x, index) or x.ent_type_ == "PERSON") and _name_end(x):
            out.append(x)
    # "police arrested protesters, Jane Doe said": a name that is another verb's subject speaks
    if any(x.dep_ in _SUBJECTS and x.head != trig.token and x.head.pos_ == "VERB" for x in out):
        return []
    return out


def _after_affiliation(h: Token, index: EntityIndex) -> list[Token]:
    """The people listed after a person's affiliation, which the parser joins to the affiliation:
    "A of Radio Z and B" (B a conjunct of "Radio Z"), "A of Radio Z; B of the Daily Y"."""
    if h.ent_type_ != "PERSON" and person_at(h, index) is None:
        return []  # "staff members of the leader and Ms C": C is not listed after a person
    out: list[Token] = []
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "from", "with", "at"):
            for pobj in (x for x in c.children if x.dep_ == "pobj"):
                out += [y for y in pobj.conjuncts if y.ent_type_ == "PERSON"]
    return [z for y in out for z in expand(y)]


def _companions(trig: Trigger) -> list[Token]:
    """Who underwent a verb trigger with its patient: "X was arrested together with Y", "alongside
    Y", "with four others, including Y" (not "arrested with a warrant", "beaten with batons")."""
    if trig.nominal:
        return []
    out: list[Token] = []
    for c in trig.token.children:
        if c.dep_ != "prep" or c.lower_ not in ("with", "alongside"):
            continue
        together = c.lower_ == "alongside" or (c.i > 0 and c.doc[c.i - 1].lower_ in ("together", "along"))
        out += [x for x in c.children if x.dep_ == "pobj" and (together or x.lemma_.lower() == "other")]
    return out


def _name_after(h: Token) -> list[Token]:
    """The person named right after a role word that the parser split from it: in "after the murder
    of activist X shocked the city" it reads X as the verb's subject and "activist" as the patient."""
    doc = h.doc
    if (
        h.pos_ != "NOUN"
        or h.i + 1 >= len(doc)
        or doc[h.i + 1].ent_iob_ != "B"
        or doc[h.i + 1].ent_type_ != "PERSON"
    ):
        return []
    end = h.i + 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    last = doc[end]
    return [] if h.left_edge.i <= last.head.i <= h.right_edge.i else expand(last)


def _opener(t: Token) -> bool:
    """A word that opens a list set beside a noun: a comma, colon or dash (not a hyphen), "namely"."""
    if t.text == "-":
        return bool(t.whitespace_) and t.i > 0 and bool(t.doc[t.i - 1].whitespace_)
    return t.text in _OPENERS or t.lower_ == "namely"


def _who(p: Token, trig: Trigger) -> Token | None:
    """The proper noun a "who" clause trigger is said of, a person whatever the tagger took it for:
    "X, who was sentenced" (tagged an organisation or nothing), "X, the head of the Y Association,
    who was sentenced" (the parser hangs the clause on the last noun before it)."""
    t = trig.token
    if trig.nominal or t.dep_ != "relcl" or t.head != p:
        return None
    if not any(c.lower_ in ("who", "whom") for c in t.children):
        return None
    node = p
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.dep_ == "appos":
        node = node.head.head.head  # "X, the head of the Y Association, who"
    ok = node.pos_ == "PROPN" and node.dep_ != "pobj" and node.ent_type_ not in _PLACES
    return node if ok else None


def _proper(h: Token) -> Span:
    """The proper nouns of a name ending at `h` ("• X Y" -> "X Y": the tagger may take a bullet
    for a proper noun)."""
    start = h.i
    while start > 0 and (x := h.doc[start - 1]).pos_ == "PROPN" and x.text[0].isalpha():
        if not start <= x.head.i <= h.i:
            break
        start -= 1
    return h.doc[start : h.i + 1]


def person_at(t: Token, index: EntityIndex) -> Entity | None:
    """The person a proper noun names among docket's own entities (see the module docstring)."""
    entity = index.at(t.idx, t.idx + len(t.text))
    return entity if entity is not None and entity.type == "person" and t.pos_ == "PROPN" else None


def antecedents(pron: Token, index: EntityIndex) -> list[Entity]:
    """The people a personal pronoun stands for. "he/him/she/her": the last person named as a
    subject earlier in its sentence, but not the subject of its own verb ("X said police beat him":
    X; "X beat him": not X); else the person named as the subject of the nearest sentence before it
    that names one ("Journalist X reported on the protests. He was arrested on Monday."). Only
    subjects: a person named in passing (an object, a possessor, a quoted official) is too often
    someone else. "they/them": the same, for a subject that joins two people or more ("X and Y
    said they were tortured")."""
    plural = pron.lower_ in _PLURAL
    if pron.lower_ not in _PERSONAL and not plural:
        return []
    doc, sent = pron.doc, pron.sent
    if pron.dep_ not in _SUBJECTS and any(
        c.dep_ in _SUBJECTS and c.lower_ in _PERSONAL | _PLURAL for c in pron.head.children
    ):
        return []  # "X said he beat him": the subject pronoun is X, so the object is someone else
    for mention, entity in reversed(index.within(sent.start_char, pron.idx)):
        root = _root(doc, mention.start, mention.end)
        if entity.type == "person" and root is not None and root.dep_ in _SUBJECTS:
            if root.head == pron.head and pron.dep_ not in _SUBJECTS:
                continue  # "X beat him": a pronoun object is not its own verb's subject
            return _referents(root, entity, plural, index)
    start = sent.start
    for _ in range(_BACK):
        if start == 0:
            return []
        before = doc[start - 1].sent
        start = before.start
        people = [(m, e) for m, e in index.within(before.start_char, before.end_char) if e.type == "person"]
        if people:
            for mention, entity in people:
                root = _root(doc, mention.start, mention.end)
                if root is not None and root.dep_ in _SUBJECTS:
                    return _referents(root, entity, plural, index)
            return []
    return []


def _referents(root: Token, entity: Entity, plural: bool, index: EntityIndex) -> list[Entity]:
    """The person a subject names, or for a plural pronoun the people it joins (none if one)."""
    if not plural:
        return [entity]
    people = [e for t in expand(root) if (e := person_at(t, index)) is not None]
    people = list(dict.fromkeys([entity, *people]))
    return people if len(people) > 1 else []


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def _named(h: Token) -> bool:
    return (h.pos_ == "PROPN" and h.ent_type_ in ("PERSON", "ORG", "GPE")) or F.personlike(h)


def _chars(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def find_victims(trig: Trigger, patients: list[Token], index: EntityIndex) -> list[Victim]:
    """The victims of a trigger whose patient heads are `patients` (see the module docstring)."""
    out: list[Victim] = []
    if trig.type == "protest":
        return out
    for p in [*patients, *(c for c in _companions(trig) if c not in patients)]:
        if trig.type == "confiscation":  # "confiscated the family's home": the owner is the victim
            owners = [c for c in p.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            p = owners[0] if owners else p
            if not owners:
                continue
        heads = expand(p)
        heads += [n for h in list(heads) for n in _name_after(h) if n not in heads]
        if p.dep_ in ("compound", "appos") and (_named(p.head) or person_at(p.head, index)):
            heads.append(p.head)  # "jailed activist X", "X, a poet who was arrested": the role's name
        for c in p.children:  # "arrested X along with their two children"
            if c.dep_ == "prep" and c.lower_ == "along":
                heads += [y for x in c.children for y in x.children if y.dep_ == "pobj"]
        heads += [m for m in _members(p, trig) if m not in heads]
        heads += [m for m in _spelled_out(p, trig, index) if m not in heads]
        heads += [m for h in list(heads) for m in _after_affiliation(h, index) if m not in heads]
        who = _who(p, trig)
        if who is not None and who not in heads:
            heads.append(who)
        people = {h.i: e for h in heads if (e := person_at(h, index)) is not None}
        referred = {h.i: found for h in heads if h.pos_ == "PRON" and (found := antecedents(h, index))}
        for i, found in referred.items():
            people[i] = found[0]
        named = [h for h in heads if _named(h) or h.i in people or h == who]
        plain = [
            h
            for h in heads
            if h not in named and h.pos_ in ("NOUN", "PROPN") and h.lemma_.lower() not in QUANTITY
        ]
        quantity = [h for h in heads if h.lemma_.lower() in QUANTITY or h.like_num]
        for q in quantity:  # "thousands of protesters"
            plain += [
                x
                for c in q.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for x in c.children
                if x.pos_ == "NOUN"
            ]
        group = F.text(np_span(plain[0])) if plain and named else None
        for h in named:
            span = _proper(h) if h == who and not F.personlike(h) else person_span(h)
            entity = people.get(h.i) or index.at(*_chars(span)) or index.at(*_chars(np_span(h)))
            if F.personlike(h) or h.i in people or h == who or trig.type in _ANY_NAMED:
                if (
                    entity is not None
                    and entity.type == "place"
                    and F.personlike(h)
                    and not region_name(entity.name)
                ):
                    entity = None  # the tagger took a name for a place
                if entity is not None and entity.type != "person" and h == who:
                    entity = None  # a person by what the sentence says, whatever the tagger took it for
                out.append(
                    Victim(entity.id if entity else None, entity.name if entity else F.text(span), group)
                )
                out += [Victim(e.id, e.name, group) for e in referred.get(h.i, [])[1:]]
        if not named:
            out += [Victim(None, None, F.text(np_span(h))) for h in plain if F.text(np_span(h))]
    return list(dict.fromkeys(out))
