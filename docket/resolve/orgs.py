"""Organisation names across documents: legal forms, spellings, and the resolver's three rules that
read organisation names (`docket.resolve.aliases`, rules 2, 3 and 5).

- `plain_name`: an organisation's name without its legal form ("Inc.", "Corp.", "Ltd", "Co.", "plc",
  "S.A.", "AG", "GmbH", "N.V.", "LLC", ...) and with British spellings written the American way
  (Defence / Defense, Organisation / Organization, Centre / Center): "Acme Inc." and "Acme" are
  one name, as are "Kestrel Defence N.V." and "Kestrel Defense". A legal form is dropped only when a
  distinctive word remains ("The Company" and "National Co." keep theirs).
- `join_acronyms` (rule 2): an acronym joins the one long name of the corpus whose initials it is.
- `join_qualified` (rule 3): "U.S. Air Force" = "United States Air Force" once U.S. = United States.
- `join_short_names` (rule 5): a one-word organisation name joins the one organisation whose name
  has it as its distinctive word ("Samen" in "Samen Bank"), unless it also names a place, or it is
  an organisation's own name: some organisation of the corpus is called by it with only a legal form
  added ("Acme" when the corpus holds "Acme Inc.": "Acme" is then that company, not short for
  "Acme Corps").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Protocol, TypeVar

from docket.extract.name_spans import CONNECTORS, ORG_HEADS
from docket.extract.name_spans import name_key as _name_key
from docket.model import Entity
from docket.resolve import names

ACRONYM, QUALIFIED, SHORT_NAME = 0.9, 0.9, 0.8
T = TypeVar("T")
name_key = lru_cache(maxsize=names.CACHE)(_name_key)

# Legal forms that may close a company's name, folded (lower case, dots dropped).
LEGAL_FORMS = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "llc", "llp",
    "lp", "sa", "sas", "sarl", "ag", "gmbh", "nv", "bv", "spa", "srl", "pty", "pte", "oy", "ab", "asa",
    "kk", "jsc", "pjsc", "ojsc",
})  # fmt: skip
# British spellings of words common in organisations' names, and their American forms.
_SPELLINGS = {
    "defence": "defense", "offence": "offense", "licence": "license", "centre": "center",
    "centres": "centers", "theatre": "theater", "labour": "labor", "honour": "honor",
    "programme": "program", "programmes": "programs", "harbour": "harbor", "neighbour": "neighbor",
}  # fmt: skip
_ISATION = re.compile(r"(?<=[a-z]{3})isation(s?)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")


def _legal_form(word: str) -> bool:
    """A written word that is a legal form: "Inc.", "N.V.", "GmbH", "plc", "S.A." (capitalised or
    dotted, so the English word "co" in a name is not one)."""
    folded = word.replace(".", "").rstrip(",").casefold()
    return folded in LEGAL_FORMS and (word[:1].isupper() or "." in word or folded == "plc")


@lru_cache(maxsize=names.CACHE)
def drop_legal_form(name: str) -> str:
    """The name without the legal forms closing it ("Acme Holdings Pty Ltd" -> "Acme Holdings",
    "Acme, Inc." -> "Acme", "Acme & Co." -> "Acme"); the name itself when none closes it or when no
    distinctive word would remain."""
    words = name.split()
    cut = len(words)
    while cut > 1 and _legal_form(words[cut - 1]):
        cut -= 1
    while cut > 1 and words[cut - 1].casefold() in ("&", "and"):
        cut -= 1
    if cut == len(words):
        return name
    rest = " ".join(words[:cut]).rstrip(" ,")
    common = names.GENERIC_WORDS | CONNECTORS | ORG_HEADS
    return rest if any(w not in common for w in names.fold(rest).split()) else name


def american(name: str) -> str:
    """British spellings of the name written the American way; other words as written."""
    name = _ISATION.sub(lambda m: f"ization{m.group(1)}", name)
    return _WORD.sub(_american_word, name)


def _american_word(m: re.Match[str]) -> str:
    word = m.group(0)
    us = _SPELLINGS.get(word.casefold())
    if us is None:
        return word
    return us.upper() if word.isupper() else us.capitalize() if word[:1].isupper() else us


@lru_cache(maxsize=names.CACHE)
def plain_name(name: str) -> str:
    """The name without its legal form, in American spelling (module docstring)."""
    return american(drop_legal_form(name))


# The two organisation rules ------------------------------------------------------------------


class Joins(Protocol):
    """What the rules need of the resolver's union-find (`aliases._Joiner`)."""

    def find(self, i: int) -> int: ...

    def join(self, source: int, target: int, reason: str, score: float) -> bool: ...


Forms = Callable[[Entity], tuple[str, ...]]


def space(e: Entity) -> str:
    return "place" if e.type == "place" else "agent"


def one_per_group(j: Joins, found: Iterable[tuple[int, T]]) -> dict[int, tuple[int, T]]:
    """The first of `found` (entity index, detail) in each group, by group root. Groups only ever
    grow, so one member per group, found once, stands for all of its members later on."""
    out: dict[int, tuple[int, T]] = {}
    for h, detail in found:
        out.setdefault(j.find(h), (h, detail))
    return out


def join_acronyms(ents: list[Entity], j: Joins, forms: Forms) -> None:
    long_forms: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for i, e in enumerate(ents):
        if e.type != "person":
            for form in forms(e):
                if letters := names.initials_of(form):
                    long_forms[(space(e), letters)].append((i, form))
    found: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for i, e in enumerate(ents):
        if e.type == "person":
            continue
        for form in forms(e):
            letters = names.acronym_letters(form)
            if letters is None:
                continue
            key = (space(e), letters)
            if key not in found:
                found[key] = list(one_per_group(j, long_forms.get(key, [])).values())
            groups = one_per_group(j, found[key])
            if len(groups) == 1 and j.find(i) not in groups:
                h, long_form = next(iter(groups.values()))
                j.join(i, h, f"acronym: {form} = the initials of {long_form}, one name only", ACRONYM)


def join_short_names(ents: list[Entity], j: Joins, forms: Forms) -> None:
    """Rule 5 (module docstring)."""
    places = {names.roman_key(f) for e in ents if e.type == "place" for f in forms(e)}
    # Names some organisation bears with a legal form added: never short for another's name.
    own = {
        name_key(drop_legal_form(f))
        for e in ents
        if e.type == "organization"
        for f in (e.name, *e.aliases)
        if drop_legal_form(f) != f
    }
    # consonant key of a distinctive word -> (organisation, (the word, the name holding it))
    words: dict[str, list[tuple[int, tuple[str, str]]]] = defaultdict(list)
    for i, e in enumerate(ents):
        if e.type == "organization":
            for form in forms(e):
                for word in names.distinctive_words(form):
                    words[names.consonant_key(names.roman_key(word))].append((i, (word, form)))
    found: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for i, e in enumerate(ents):
        form = names.strip_titles(e.name, person=False)
        if e.type != "organization" or not names.is_lone_org_name(form) or names.roman_key(form) in places:
            continue
        if name_key(form) in own:
            continue
        if name_key(form) not in found:
            holders = words.get(names.consonant_key(names.roman_key(form)), [])
            matching = [(h, w) for h, w in holders if names.variant(form, w[0]) is not None]
            found[name_key(form)] = list(one_per_group(j, matching).values())
        groups = one_per_group(j, found[name_key(form)])
        if len(groups) == 1 and j.find(i) not in groups:
            h, (word, long_form) = next(iter(groups.values()))
            reason = f"short name: {form} is the distinctive word of one organisation only: {long_form}"
            reason += "" if name_key(word) == name_key(form) else f" (spelled {word} there)"
            j.join(i, h, reason, SHORT_NAME)


def join_qualified(ents: list[Entity], j: Joins, forms: Forms) -> None:
    """Rule 3: two organisation names that differ only in how they write a leading name the corpus
    has already joined ("U.S. Air Force" = "United States Air Force" once U.S. = United States):
    the longest leading words that name one group of places or organisations, then the same rest."""
    groups: dict[str, set[int]] = defaultdict(set)  # name key -> the groups holding it
    for i, e in enumerate(ents):
        if e.type != "person":
            for form in forms(e):
                groups[name_key(form)].add(j.find(i))
    # (group of the leading name, key of the rest) -> (organisation, its form, the leading name)
    qualified: dict[tuple[int, str], list[tuple[int, str, str]]] = defaultdict(list)
    for i, e in enumerate(ents):
        if e.type != "organization":
            continue
        for form in forms(e):
            words = form.split()
            for cut in range(len(words) - 1, 0, -1):
                lead, rest = " ".join(words[:cut]), " ".join(words[cut:])
                held = groups.get(name_key(lead), set())
                if len(held) == 1 and j.find(i) not in held:
                    qualified[(next(iter(held)), name_key(rest))].append((i, form, lead))
                    break
    for found in qualified.values():
        (h, hform, hlead), *others = found
        for i, form, lead in others:
            if name_key(lead) != name_key(hlead):
                reason = f"same name, {lead} = {hlead} already joined: {form} = {hform}"
                j.join(i, h, reason, QUALIFIED)
