"""People, organisations and places in one document, with every mention and the aliases the text gives.

The small English pipeline's NER is the starting point, but its spans are repaired (leading "the",
possessives, titles such as "MEP" or "Mrs.", names cut short before "of Iran", a bracket glued on) and
its misses filled: once the text teaches an alias ("the Revolutionary Guards (IRGC)", "also known as
Mujahedin-e-Khalq or MEK", an acronym made of a long form's initials, a surname of a unique full name),
every occurrence of that alias is a mention, whatever label NER gave it there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from docket.model import Document, Entity, EntityType, Evidence, stable_id


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LABELS: dict[str, EntityType] = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"
}  # fmt: skip
# Words that open a name in running text but are titles or roles, not part of the name.
TITLES = _words(
    """mr mrs ms miss dr prof sir madam mep mp president minister speaker imam ayatollah general gen
    judge senator sen rep representative leader supreme chief former then-minister then late
    secretary ambassador deputy prime foreign interior justice defense defence head commander
    colonel col sheikh cleric official spokesman spokeswoman spokesperson activist lawyer"""
)
# Single words NER tags as names that are not names on their own.
NOT_NAMES = TITLES | _words("regime house resistance government state west east exit home")
LEADING_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PRON", "PART", "PUNCT"})
# Verbs and adverbs open a span by mistake ("Following Khamenei’s"), but a capitalised modal is
# a first name the tagger misread ("Will Carling").
LEADING_POS_UNLESS_NAME = frozenset({"VERB", "AUX", "ADV"})
# Title words that also open the names of institutions ("Foreign Ministry", "Supreme Court",
# "General Motors"): stripped before a person's name only.
INSTITUTION_OPENERS = _words("foreign interior justice defense defence supreme general prime chief head")
MONTHS = _words("january february march april may june july august september october november december")
# The last word of an organisation's name that "of Iran" continues ("Organization of Iran",
# "Council of Resistance"); after other words "of X" says where it is from ("Kia Motor Corp of
# South Korea", "Karlsruhe of Germany").
ORG_HEADS = _words(
    """organization organisation council party front movement ministry union association committee
    league army corps guard guards bank federation society institute assembly court commission congress
    agency office service services forces republic fund foundation alliance coalition network centre
    center board authority department chamber academy university church mission bureau brigade
    brigades tribunal parliament people peoples resistance liberation"""
)
# NER labels docket does not keep; a known name inside one of these spans is part of another name
# ("U.S." in "the U.S. Open", "Iran" in "the Iran-Contra affair").
OTHER_NAME_LABELS = frozenset({"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "LANGUAGE"})
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
ACRONYM = r"[A-Z][A-Za-z]{0,2}[A-Z]{1,6}s?"
# "Long Form (ABC)", "Long Form(ABC/DEF)", "Long Form (ABC-DEF)"
BRACKETED = re.compile(rf"\s*\(\s*({ACRONYM}(?:\s*[/-]\s*{ACRONYM})*)\s*\)")
AKA = re.compile(
    r"(?:,?\s+also|,)\s+(?:known|referred\s+to)\s+as\s+(?:the\s+)?"
    r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)(?:\s*,?\s+or\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*))?"
)
# An article or particle glued to a surname by a hyphen ("al-Mourad", "El-Tayeb").
PARTICLE = re.compile(r"^(?i:al|el|ad|ar|as|ash|at|az|ud|ul)-([A-Z][\w’'-]+)$")
CONNECTORS = frozenset({"of", "the", "and", "for", "de", "al", "el", "e", "&"})


def name_key(name: str) -> str:
    """What two spellings of one name share: case, accents, "the", possessive, spaces, hyphens folded.

    "Pour-Mohammadi" and "Pourmohammadi", "MEK’s" and "MEK", "the Revolutionary Guards" and
    "Revolutionary Guards" get the same key.
    """
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = POSSESSIVE.sub("", name.strip()).casefold()
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[\s\-‐‑–—.’'`]+", "", name)


def initials(name: str) -> str:
    """ "People’s Mojahedin Organization of Iran" -> "PMOI" (connectors skipped, case kept)."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return "".join(w[0] for w in words if w.casefold() not in CONNECTORS and w[0].isalpha()).upper()


@dataclass(slots=True)
class _Group:
    """Mentions believed to name one thing, while the document is read."""

    labels: Counter[str]
    forms: Counter[str]  # surface forms NER found, as written (possessive removed)
    spans: set[tuple[int, int]]
    taught: set[str]  # aliases the text taught: bracketed acronyms, "also known as" names
    has_acronym: bool = False


def _is_title(token: Token, label: str) -> bool:
    word = token.lower_.rstrip(".")
    if label == "PERSON":
        return word in TITLES
    # "Foreign Ministry" is a name; "August Treasury" and "September Bund" open with a date.
    return (word in TITLES and word not in INSTITUTION_OPENERS) or (
        word in MONTHS and token.text[:1].isupper()
    )


def _is_leading_noise(token: Token, label: str, rest: int) -> bool:
    """A token at the start of an NER span that is not part of the name (`rest`: tokens left)."""
    return (
        token.pos_ in LEADING_POS
        or (token.pos_ in LEADING_POS_UNLESS_NAME and not (token.tag_ == "MD" and token.text[:1].isupper()))
        or token.is_punct
        or any(c.isdigit() for c in token.text)
        or _is_title(token, label)
        or (label == "PERSON" and token.ent_type_ == "NORP" and rest > 2)
        or (label == "PERSON" and not token.text[:1].isupper())
    )


def _repair(span: Span) -> tuple[int, int] | None:
    """Token range of the name inside an NER span, or None when nothing name-like remains."""
    doc = span.doc
    label = span.label_
    start, end = span.start, span.end
    while start < end and _is_leading_noise(doc[start], label, end - start):
        start += 1
    # "the Islamic Revolutionary Guard Corps(IRGC": cut at a bracket glued into the span; tables
    # glue scores to names ("Kansas City Royals 4-0", "Currie 45 Heriot"): cut at a figure.
    for i in range(start, end):
        if doc[i].text in "([" or any(c.isdigit() for c in doc[i].text):
            end = i
            break
    if label == "PERSON":
        for i in range(start, end - 1):
            if doc[i].lower_.rstrip(".") in TITLES:
                start = i + 1
    # Names end on a capitalised word: "St Johnstone v", "Dutch transport ministry" run over.
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].is_lower
    ):
        if _hyphen_tail(doc, end - 1, start):
            break
        end -= 1
    if start >= end:
        return None
    # NER often stops a name before "of Iran": "the People’s Mojahedin Organization" + " of Iran".
    if (
        label == "ORG"
        and end + 1 < len(doc)
        and doc[end - 1].lower_ in ORG_HEADS
        and doc[end].lower_ == "of"
        and doc[end + 1].pos_ == "PROPN"
        and doc[end + 1].ent_type_ in ("GPE", "LOC", "")
    ):
        end += 2
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_iob_ != "B":
            end += 1
    text = doc[start:end].text
    if "\n" in text or not any(c.isupper() for c in text):
        return None
    if end - start == 1 and doc[start].lower_.rstrip(".") in NOT_NAMES:
        return None
    return start, end


def _hyphen_tail(doc: SpacyDoc, i: int, start: int) -> bool:
    """A lower-case word glued by a hyphen to a capitalised one is the end of a name: Cantonese and
    Korean given names are written so ("Tam Wai-ling", "Ho Kin-man")."""
    return (
        i - 2 >= start
        and doc[i].is_lower
        and doc[i].is_alpha
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].text[:1].isupper()
    )


def _parts(doc: SpacyDoc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """A place span NER ran over a comma is two places ("Evin Prison, Tehran", "Oval, London")."""
    if label not in ("GPE", "LOC", "FAC"):
        return [(start, end)]
    out, first = [], start
    for i in range(start, end + 1):
        if i == end or doc[i].text == ",":
            if first < i and doc[first].text[:1].isupper():
                out.append((first, i))
            first = i + 1
    return out


def _candidates(parsed: SpacyDoc) -> list[tuple[int, int, str]]:
    """(start char, end char, label) of repaired NER names."""
    out = []
    for ent in parsed.ents:
        if ent.label_ not in LABELS:
            continue
        tokens = _repair(ent)
        if tokens is None:
            continue
        for first, last in _parts(parsed, *tokens, ent.label_):
            span = parsed[first:last]
            start, end = span.start_char, span.end_char
            # "Islamic Revolutionary Guard Corps(IRGC" is one token: cut at the glued bracket.
            cut = span.text.find("(")
            if cut > 0:
                end = start + len(span.text[:cut].rstrip())
            out.append((start, end, _relabel(span, ent.label_)))
    # A repaired span can now cover another NER name ("... Organization" + " of Iran"): keep the longer.
    return [c for c in out if not any(o[0] <= c[0] and c[1] <= o[1] and o != c for o in out)]


def _relabel(span: Span, label: str) -> str:
    """A name joined by "and" or "," to a person's name is a person's name ("Jafar Kazemi and
    Mohammad Haj-Aqai"), whatever NER guessed."""
    if label == "PERSON" or len(span) < 2 or not all(t.pos_ == "PROPN" for t in span):
        return label
    head = span.root
    partners = [head.head] if head.dep_ == "conj" else []
    partners += [t for t in head.children if t.dep_ == "conj"]
    if any(p.ent_type_ == "PERSON" for p in partners):
        return "PERSON"
    return label


def _strip_possessive(text: str, start: int, end: int) -> int:
    m = POSSESSIVE.search(text[start:end])
    return end - len(m.group(0)) if m and end - len(m.group(0)) > start else end


class _Grouping:
    """Groups of names, keyed by `name_key`, that merge as the text links them."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.by_key: dict[str, int] = {}

    def group(self, form: str) -> _Group:
        key = name_key(form)
        if key not in self.by_key:
            self.by_key[key] = len(self.groups)
            self.groups.append(_Group(Counter(), Counter(), set(), set()))
        return self.groups[self.by_key[key]]

    def link(self, a_form: str, b_form: str) -> None:
        """Make two forms name one group, merging the groups they were in."""
        self.group(a_form), self.group(b_form)
        a, b = self.by_key[name_key(a_form)], self.by_key[name_key(b_form)]
        if a == b:
            return
        keep, gone = min(a, b), max(a, b)
        g, h = self.groups[keep], self.groups[gone]
        g.labels.update(h.labels)
        g.forms.update(h.forms)
        g.spans |= h.spans
        g.taught |= h.taught
        g.has_acronym |= h.has_acronym
        for k, v in self.by_key.items():
            if v == gone:
                self.by_key[k] = keep

    def live(self) -> list[_Group]:
        """Groups still standing after merges, with a label, in creation order."""
        return [self.groups[i] for i in sorted(set(self.by_key.values())) if self.groups[i].labels]


def extract_entities(doc: Document, parsed: SpacyDoc) -> tuple[Entity, ...]:
    """The document's entities: repaired NER names grouped by alias, with every mention found again."""
    text = doc.text
    # Title case fools NER ("Crackdown in Kestrava Leaves Families"): a name seen only in the
    # headline, and nowhere in the body, is not trusted. An upper-case headline's "KESTRAVA" is
    # trusted when the body writes "Kestrava".
    title = doc.title.value or ""
    body_start = len(title) if title and text.startswith(title) else 0
    body = text[body_start:]
    names = _Grouping()
    for start, end, label in _candidates(parsed):
        end = _strip_possessive(text, start, end)
        form = text[start:end]
        upper_in_body = form.isupper() and form.casefold() in body.casefold()
        if start < body_start and form not in body and not upper_in_body:
            continue
        g = names.group(form)
        g.labels[label] += len(form.split())  # a full name's label outweighs a lone word's
        g.forms[form] += 1
        g.spans.add((start, end))
        if label == "PERSON":
            continue
        # "Long Form (ABC/DEF)" and "Long Form, also known as X or Y" teach aliases.
        m = BRACKETED.match(text, end)
        if m and _fits_acronym(form, m.group(1)):
            names.link(form, m.group(1))
            for acronym in re.split(r"\s*[/-]\s*", m.group(1)):
                names.link(form, acronym)
                names.group(form).taught.add(acronym)
                names.group(form).has_acronym = True
        m = AKA.match(text, end)
        if m:
            for alias in filter(None, m.groups()):
                names.link(form, alias)
                names.group(form).taught.add(alias)
    _link_initials(names)
    other_names = [(e.start_char, e.end_char) for e in parsed.ents if e.label_ in OTHER_NAME_LABELS]
    _find_every_mention(text, names, other_names)
    # A headline names people by surname before the article names them in full ("Lebed, Chechens
    # sign deal" above "Alexander Lebed said"): who was named first is read below it.
    first_line = text.find("\n")
    _link_surnames(names, max(body_start, first_line + 1 if first_line > 0 else 0))
    return _entities(doc, names)


def _fits_acronym(form: str, acronym: str) -> bool:
    """Whether a bracketed acronym can abbreviate the name just before it: the name's initials in
    order within it ("Revolutionary Guards (IRGC)"), and a one-word name must open it. "Lebanon"
    in "the U.N. Interim Force in Lebanon (UNIFIL)" is not what UNIFIL abbreviates."""
    letters = re.sub(r"[^A-Z]", "", acronym.upper())
    want = initials(form) or form[:1].upper()
    if len(form.split()) == 1 and not letters.startswith(form[:1].upper()):
        return False
    rest = iter(letters)
    return all(c in rest for c in want)


def _link_initials(names: _Grouping) -> None:
    """An acronym whose letters are a long organisation name's initials names that organisation."""
    long_forms: dict[str, str] = {}
    for g in names.live():
        if _vote(g) == "ORG":
            for form in g.forms:
                if len(form.split()) >= 3:
                    long_forms.setdefault(initials(form), form)
    for g in names.live():
        for form in list(g.forms):
            if form.isupper() and 2 <= len(form) <= 7 and form in long_forms:
                names.link(long_forms[form], form)
                names.group(form).has_acronym = True


def _find_every_mention(text: str, names: _Grouping, other_names: list[tuple[int, int]]) -> None:
    """Every occurrence of a known name or alias is a mention, whatever NER made of it there, except
    inside a longer name of a kind docket does not keep (`other_names`: "U.S." in "the U.S. Open")."""
    owner: dict[str, _Group] = {}
    for g in names.live():
        for form in [*g.forms, *g.taught]:
            owner.setdefault(form, g)
    # Longest forms first, so "Ali Khamenei" claims its span before "Khamenei" does.
    taken: list[tuple[int, int]] = []
    for form in sorted(owner, key=lambda f: (-len(f), f)):
        pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])(?:['’]s)?")
        for m in pattern.finditer(text):
            start, end = m.start(), _strip_possessive(text, m.start(), m.end())
            if any(s < end and start < e for s, e in taken):
                continue
            if any(s <= start and end <= e and e - s > end - start for s, e in other_names):
                continue
            taken.append((start, end))
            owner[form].spans.add((start, end))
    # NER's own spans that a longer found span covers belong to that longer name.
    for g in names.live():
        g.spans = {
            (s, e)
            for s, e in g.spans
            if not any(ts <= s and e <= te and (ts, te) != (s, e) for ts, te in taken)
        }


def _link_surnames(names: _Grouping, body_start: int) -> None:
    """A lone surname (or the last words of a name, `_tails`) joins the one full name of the
    document that ends with it and was written before it (news name a person in full first; a
    headline above `body_start` does not count); never a guess between two people of one surname,
    nor a father's surname given to his son named later ("Khomeini" ... "Ahmad Khomeini"). The
    surname's mentions are then the person's, whatever NER called them ("Tarango" tagged ORG beside
    "Jeff Tarango")."""
    full: dict[str, dict[str, int]] = defaultdict(dict)
    for g in names.live():
        # A name whose every occurrence a longer name claimed has no place of its own in the text.
        if _vote(g) == "PERSON" and g.spans:
            for form in g.forms:
                for tail in _tails(form):
                    full[name_key(tail)][form] = min(s for s, _ in g.spans)
    for g in names.live():
        if g.has_acronym or not g.spans:
            continue
        first = min((s for s, _ in g.spans if s >= body_start), default=min(s for s, _ in g.spans))
        for form in list(g.forms):
            targets = {
                t: i for t, i in full.get(name_key(form), {}).items() if len(t.split()) > len(form.split())
            }
            if len({name_key(t) for t in targets}) == 1:
                target, introduced = next(iter(targets.items()))
                if introduced < first:
                    g.labels = Counter({"PERSON": sum(g.labels.values())})
                    names.link(target, form)


def _tails(form: str) -> list[str]:
    """The shorter forms news use for a full name after naming it: its last words ("Mya Thet" for
    "Daw Aung San Mya Thet", "Omar Dirie" for "Abdi Omar Dirie"), and a surname without its Arabic
    article ("Mourad" for "Rania al-Mourad")."""
    words = form.split()
    # Not a name NER ran over twice ("George Floyd George Floyd"): its tail is its head too.
    out = [" ".join(words[k:]) for k in range(1, len(words)) if words[k:] != words[: len(words) - k]]
    if len(words) >= 2 and (m := PARTICLE.match(words[-1])):
        out.append(m.group(1))
    return out


def _entities(doc: Document, names: _Grouping) -> tuple[Entity, ...]:
    out = []
    for g in names.live():
        if not g.spans:
            continue
        label = _vote(g)
        forms = Counter(g.forms)
        for alias in g.taught:
            forms.setdefault(alias, 0)
        name = _canonical(forms)
        aliases = _aliases(name, [doc.text[s:e] for s, e in g.spans] + list(forms))
        mentions = tuple(Evidence.of(doc, s, e) for s, e in sorted(g.spans))
        out.append(
            Entity(stable_id("ent", doc.id, name_key(name)), doc.id, LABELS[label], name, aliases, mentions)
        )
    return tuple(sorted(out, key=lambda e: e.mentions[0].start))


def _vote(g: _Group) -> str:
    """The group's NER label by (word-weighted) majority; a name with an acronym is an organisation.
    A tie goes to PERSON: the small model calls unfamiliar people's names ORG or GPE far more often
    than it calls an organisation or place a person."""
    if g.has_acronym:
        return "ORG"
    return max(sorted(g.labels), key=lambda lab: (g.labels[lab], lab == "PERSON"))


def _canonical(forms: Counter[str]) -> str:
    """The fullest form: most words, then not an acronym, then most frequent, then alphabetical."""
    return min(forms, key=lambda f: (-len(f.split()), f.isupper(), -forms[f], f))


def _aliases(name: str, forms: Iterable[str]) -> tuple[str, ...]:
    seen = {name_key(name)}
    out = []
    for form in sorted(set(forms)):
        key = name_key(form)
        if key and key not in seen:
            seen.add(key)
            out.append(POSSESSIVE.sub("", form))
    return tuple(out)
