"""People, organisations and places in one document, with every mention and the aliases the text gives.

The small English pipeline's NER is the starting point, but its spans are repaired (`name_spans`:
leading "the", possessives, titles such as "MEP" or "Mrs.", names cut short before "of Iran", a
bracket glued on) and its misses filled: once the text teaches an alias ("the Revolutionary Guards
(IRGC)", "also known as Mujahedin-e-Khalq or MEK", an acronym made of a long form's initials, a
surname of a unique full name), every occurrence of that alias is a mention, whatever label NER
gave it there.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc as SpacyDoc

from docket.extract.name_spans import (
    AKA,
    BRACKETED,
    LABELS,
    OTHER_NAME_LABELS,
    PARTICLE,
    POSSESSIVE,
    candidates,
    initials,
    name_key,
    strip_possessive,
)
from docket.model import Document, Entity, Evidence, stable_id


@dataclass(slots=True)
class _Group:
    """Mentions believed to name one thing, while the document is read."""

    labels: Counter[str]
    forms: Counter[str]  # surface forms NER found, as written (possessive removed)
    spans: set[tuple[int, int]]
    taught: set[str]  # aliases the text taught: bracketed acronyms, "also known as" names
    has_acronym: bool = False


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
    for start, end, label in candidates(parsed):
        end = strip_possessive(text, start, end)
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
            start, end = m.start(), strip_possessive(text, m.start(), m.end())
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
            if _one_person(targets):
                # the first written of the forms ("Khaled Drareni" before "Mohamed Khaled Drareni")
                target, introduced = min(targets.items(), key=lambda kv: kv[1])
                if introduced < first:
                    g.labels = Counter({"PERSON": sum(g.labels.values())})
                    names.link(target, form)


def _one_person(targets: dict[str, int]) -> bool:
    """Whether the full names a surname could join are one person's: one name, or names each the
    last words of the longest ("Khaled Drareni" and "Mohamed Khaled Drareni")."""
    keys = {name_key(t) for t in targets}
    if len(keys) <= 1:
        return len(keys) == 1
    longest = max(targets, key=lambda t: len(t.split()))
    tails = {name_key(t) for t in _tails(longest)} | {name_key(longest)}
    return keys <= tails


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
