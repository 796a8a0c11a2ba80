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
from spacy.tokens import Span

from docket.model import Document, Entity, EntityType, Evidence, stable_id

LABELS: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# Words that open a name in running text but are titles or roles, not part of the name.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "madam",
        "mep",
        "mp",
        "president",
        "minister",
        "speaker",
        "imam",
        "ayatollah",
        "general",
        "gen",
        "judge",
        "senator",
        "sen",
        "rep",
        "representative",
        "leader",
        "supreme",
        "chief",
        "former",
        "then-minister",
        "then",
        "late",
        "secretary",
        "ambassador",
        "deputy",
        "prime",
        "foreign",
        "interior",
        "justice",
        "defense",
        "defence",
        "head",
        "commander",
        "colonel",
        "col",
        "sheikh",
        "cleric",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "activist",
        "lawyer",
    ]
)
# Single words NER tags as names that are not names on their own.
NOT_NAMES = TITLES | frozenset(
    ["regime", "house", "resistance", "government", "state", "west", "east", "exit", "home"]
)
LEADING_POS = frozenset({"DET", "ADP", "VERB", "AUX", "ADV", "CCONJ", "SCONJ", "PRON", "PART", "PUNCT"})
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
ACRONYM = r"[A-Z][A-Za-z]{0,2}[A-Z]{1,6}s?"
# "Long Form (ABC)", "Long Form(ABC/DEF)", "Long Form (ABC-DEF)"
BRACKETED = re.compile(rf"\s*\(\s*({ACRONYM}(?:\s*[/-]\s*{ACRONYM})*)\s*\)")
AKA = re.compile(
    r"(?:,?\s+also|,)\s+(?:known|referred\s+to)\s+as\s+(?:the\s+)?"
    r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)(?:\s*,?\s+or\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*))?"
)
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


def _repair(span: Span) -> tuple[int, int] | None:
    """Token range of the name inside an NER span, or None when nothing name-like remains."""
    doc = span.doc
    start, end = span.start, span.end
    # "the Islamic Revolutionary Guard Corps(IRGC": cut at a bracket glued into the span.
    for i in range(start, end):
        if doc[i].text in "([":
            end = i
            break
    while start < end and (
        doc[start].pos_ in LEADING_POS
        or doc[start].is_punct
        or doc[start].lower_.rstrip(".") in TITLES
        or (span.label_ == "PERSON" and doc[start].ent_type_ == "NORP" and end - start > 2)
        or (span.label_ == "PERSON" and not doc[start].text[:1].isupper())
    ):
        start += 1
    if span.label_ == "PERSON":
        for i in range(start, end - 1):
            if doc[i].lower_.rstrip(".") in TITLES:
                start = i + 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    # NER often stops a name before "of Iran": "the People’s Mojahedin Organization" + " of Iran".
    if (
        span.label_ == "ORG"
        and end + 1 < len(doc)
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


def _candidates(parsed: SpacyDoc) -> list[tuple[int, int, str]]:
    """(start char, end char, label) of repaired NER names."""
    out = []
    for ent in parsed.ents:
        if ent.label_ not in LABELS:
            continue
        tokens = _repair(ent)
        if tokens is None:
            continue
        span = parsed[tokens[0] : tokens[1]]
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
    # headline, and nowhere in the body, is not trusted.
    title = doc.title.value or ""
    body_start = len(title) if title and text.startswith(title) else 0
    names = _Grouping()
    for start, end, label in _candidates(parsed):
        end = _strip_possessive(text, start, end)
        form = text[start:end]
        if start < body_start and form not in text[body_start:]:
            continue
        g = names.group(form)
        g.labels[label] += len(form.split())  # a full name's label outweighs a lone word's
        g.forms[form] += 1
        g.spans.add((start, end))
        if label == "PERSON":
            continue
        # "Long Form (ABC/DEF)" and "Long Form, also known as X or Y" teach aliases.
        m = BRACKETED.match(text, end)
        if m:
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
    _find_every_mention(text, names)
    _link_surnames(names)
    return _entities(doc, names)


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


def _find_every_mention(text: str, names: _Grouping) -> None:
    """Every occurrence of a known name or alias is a mention, whatever NER made of it there."""
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
            taken.append((start, end))
            owner[form].spans.add((start, end))
    # NER's own spans that a longer found span covers belong to that longer name.
    for g in names.live():
        g.spans = {
            (s, e)
            for s, e in g.spans
            if not any(ts <= s and e <= te and (ts, te) != (s, e) for ts, te in taken)
        }


def _link_surnames(names: _Grouping) -> None:
    """A lone surname joins the one full name of the document that ends with it and was written
    before it (news name a person in full first); never a guess between two people of one surname,
    nor a father's surname given to his son named later ("Khomeini" ... "Ahmad Khomeini")."""
    full: dict[str, dict[str, int]] = defaultdict(dict)
    for g in names.live():
        if _vote(g) == "PERSON":
            for form in g.forms:
                if len(form.split()) >= 2:
                    full[name_key(form.split()[-1])][form] = min(s for s, _ in g.spans)
    for g in names.live():
        if g.has_acronym or not g.spans:
            continue
        first = min(s for s, _ in g.spans)
        for form in list(g.forms):
            targets = full.get(name_key(form), {})
            if len(form.split()) == 1 and len({name_key(t) for t in targets}) == 1:
                target, introduced = next(iter(targets.items()))
                if introduced < first:
                    names.link(target, form)


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
    """The group's NER label by (word-weighted) majority; a name with an acronym is an organisation."""
    if g.has_acronym:
        return "ORG"
    return max(sorted(g.labels), key=lambda lab: g.labels[lab])


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
