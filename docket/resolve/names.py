"""Keys and tests for two spellings of one name, used to join entities across documents.

- `strip_titles`: honorifics and roles before a name ("Mr.", "Dr.", "Ayatollah", "Supreme Leader")
  are not part of it.
- `roman_key` / `consonant_key` / `variant_score`: the same Persian or Arabic name romanised two
  ways. `roman_key` folds what romanisations disagree on (case, accents, hyphens and spaces, the
  ezafe "-e-", doubled letters, o/u/ou/oo, ee/i, ei/ey/ai/ay, kh/h, gh/q, w/v, ph/f, dj/j, a final
  "h" after a vowel); `consonant_key` keeps only the letters romanisations agree on (consonants, the
  long vowels ei and a final i, and whether the name opens or ends on a vowel). Two spellings are
  variants when their roman keys agree, or when their consonant keys agree and the roman keys differ
  only in a few vowels (a similarity of at least `MIN_SIMILARITY`, on names of `MIN_FUZZY_LENGTH`
  letters or more). So Mojahedin = Mujahedin = Mujahideen, Larijani ~ Larijni, Sadeghi = Sadeqi,
  Mohammad ~ Mohammed, but never Hassan / Hossein (the long vowel ei differs) nor Mohammad /
  Mohammadi (the final i differs), and never two short names a vowel apart (Sudan / Sedan).
- `initials_of` / `acronym_letters`: "United Nations" is what "UN" abbreviates.
- `role_ties` / `role_mentions`: a role ("the Supreme Leader") names a person only in a document that
  ties the two ("Supreme Leader Ali Khamenei", "Ali Khamenei, the Supreme Leader,").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from docket.extract.name_spans import CONNECTORS, ORG_HEADS, TITLES, initials

MIN_SIMILARITY = 0.8
MIN_FUZZY_LENGTH = 6
CACHE = 1 << 16  # names seen again and again across a corpus are keyed once


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Honorifics stripped before any name when keying; a person's name also loses roles (TITLES).
HONORIFICS = _words(
    """mr mrs ms miss mx dr prof professor sir dame madam ayatollah grand hojatoleslam hojjatoleslam
    hojatolislam imam sheikh shaikh mullah president mep mp senator judge"""
)
PERSON_TITLES = TITLES | HONORIFICS | {"then", "late", "former", "vice", "house", "regime"}
# Words of organisation names too common to stand for one organisation on their own.
GENERIC_WORDS = _words(
    """national international islamic united european people peoples iranian iran free world central new
    first supreme general human rights news state high democratic revolutionary popular social
    public global american british french"""
)
# The last word of a role: "Supreme Leader", "House Speaker", "Minister of Justice" (an "of" phrase
# after the head is not read).
ROLE_HEADS = _words(
    """leader president president-elect minister speaker chief head judge prosecutor prosecutor-general
    commander ambassador spokesman spokeswoman spokesperson secretary director governor mayor chairman
    chairwoman chair founder ayatollah imam"""
)
ROLE_OPENERS = frozenset({"former", "then", "late", "then-minister"})
# Lower-case words a role may hold ("the supreme leader", "foreign minister"); others must be capitalised.
ROLE_WORDS = (
    ROLE_HEADS
    | ROLE_OPENERS
    | _words(
        """supreme foreign prime deputy vice interior justice defence defense house general attorney
    grand high intelligence"""
    )
)

_APOSTROPHES = "’'`ʿʾ‘"
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EZAFE = re.compile(r"(?<=[a-z])[\s\-‐‑]+y?e(?=[\s\-‐‑]+[a-z])")
_SPELLING = re.compile(r"kh|gh|ph|dj|ou|oo|ee|ey|ay|ai|[owq]")
_SPELLING_MAP = {
    "kh": "h", "gh": "q", "ph": "f", "dj": "j", "ou": "u", "oo": "u", "ee": "i",
    "ey": "ei", "ay": "ei", "ai": "ei", "o": "u", "w": "v", "q": "q",
}  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")
_DOUBLED_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1+")
_VOWELS = "aeiu"
_FINAL_VOWEL = {"a": "a", "e": "a", "i": "y", "u": "v"}


@lru_cache(maxsize=CACHE)
def fold(name: str) -> str:
    """Lower case without accents, a possessive, a leading "the", apostrophes or dots; words kept."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = _POSSESSIVE.sub("", name.strip()).casefold()
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(rf"[{_APOSTROPHES}.]", "", name)
    return re.sub(r"\s+", " ", name).strip()


@lru_cache(maxsize=CACHE)
def strip_titles(name: str, *, person: bool) -> str:
    """The name without the titles and roles before it: "Mr. Montazeri" -> "Montazeri", "Supreme
    Leader Ali Khamenei" -> "Ali Khamenei". Only honorifics are stripped from a name that is not a
    person's ("Supreme Court" stays); at least one word always remains."""
    titles = PERSON_TITLES if person else HONORIFICS
    words = re.sub(r"^(?:the|The)\s+", "", name.strip()).split()
    while len(words) > 1 and fold(words[0]).rstrip(",") in titles:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=CACHE)
def person_parts(name: str) -> tuple[str, str] | None:
    """(first name, the rest) of a person's full name, titles stripped; None for a single word."""
    words = strip_titles(name, person=True).split()
    if len(words) < 2:
        return None
    return words[0], " ".join(words[1:])


@lru_cache(maxsize=CACHE)
def roman_key(name: str) -> str:
    """The name as one string with romanisation choices folded (module docstring)."""
    words = _EZAFE.sub(" ", fold(name))
    out = []
    for word in re.split(r"[\s\-‐‑–—]+", words):
        word = re.sub(r"[^a-z0-9]", "", word)
        word = _DOUBLED_CONSONANT.sub(r"\1", word)  # before the map: Sayyed -> Sayed -> Seied
        word = _SPELLING.sub(lambda m: _SPELLING_MAP[m.group(0)], word)
        if len(word) > 3 and word.endswith("h") and word[-2] in _VOWELS:
            word = word[:-1]  # Fatemeh / Fatema, Ruhollah / Ruholla
        out.append(word)
    return _DOUBLED.sub(r"\1", "".join(out))


@lru_cache(maxsize=CACHE)
def consonant_key(roman: str) -> str:
    """What romanisations of one name agree on, from its `roman_key`: consonants, the long vowel
    "ei" (as y), whether the name opens on a vowel ('), and its final vowel."""
    if not roman:
        return ""
    s = roman.replace("ei", "y")
    lead = "'" if s[0] in _VOWELS else ""
    tail = _FINAL_VOWEL.get(s[-1], "") if s[-1] in _VOWELS else ""
    body = s[:-1] if tail else s
    return lead + re.sub(f"[{_VOWELS}]", "", body) + tail


def similarity(a: str, b: str) -> float:
    """How alike two names are once romanisation choices are folded, 0..1: the normalised Indel
    similarity of their `roman_key`s (1.0 when the keys agree)."""
    return round(Indel.normalized_similarity(roman_key(a), roman_key(b)), 3)


@dataclass(frozen=True, slots=True)
class Variant:
    score: float  # `similarity` of the two names
    how: str  # plain words: why they are one name


@lru_cache(maxsize=CACHE)
def variant(a: str, b: str) -> Variant | None:
    """Whether two spellings romanise one name (module docstring), with how; None when they do not."""
    ra, rb = roman_key(a), roman_key(b)
    if not ra or not rb:
        return None
    if ra == rb:
        return Variant(similarity(a, b), f"same romanisation key “{ra}”")
    if consonant_key(ra) != consonant_key(rb) or min(len(ra), len(rb)) < MIN_FUZZY_LENGTH:
        return None
    if similarity(a, b) < MIN_SIMILARITY:
        return None
    return Variant(similarity(a, b), f"vowels apart, same consonants “{consonant_key(ra)}”")


def variant_score(a: str, b: str) -> float | None:
    """`variant(a, b).score`, or None when the two are not one name."""
    v = variant(a, b)
    return None if v is None else v.score


@lru_cache(maxsize=CACHE)
def person_variant(a: str, b: str) -> Variant | None:
    """Two full names of one person: first names and the rest both variants (or equal). A shared
    surname with another first name is never enough."""
    pa, pb = person_parts(a), person_parts(b)
    if pa is None or pb is None:
        return None
    first, rest = variant(pa[0], pb[0]), variant(pa[1], pb[1])
    if first is None or rest is None:
        return None
    hows = [f"first name {first.how}"] if fold(pa[0]) != fold(pb[0]) else []
    hows += [f"surname {rest.how}"] if fold(pa[1]) != fold(pb[1]) else []
    return Variant(similarity(" ".join(pa), " ".join(pb)), "; ".join(hows) or rest.how)


def block_key(name: str, *, person: bool) -> str:
    """Names that can be variants share this key (a person's: first name and rest apart)."""
    if person:
        parts = person_parts(name)
        if parts is not None:
            return " ".join(consonant_key(roman_key(p)) for p in parts)
    return consonant_key(roman_key(name))


def acronym_letters(form: str) -> str | None:
    """ "UN", "U.S.", "PMOI" -> their letters; None for a form that is not an acronym."""
    letters = re.sub(r"[.\s]", "", form)
    if 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper():
        return letters
    return None


def initials_of(form: str) -> str | None:
    """The initials of a long name of two words or more ("United Nations" -> "UN"), else None."""
    if acronym_letters(form) or len(form.split()) < 2:
        return None
    letters = initials(form)
    return letters if len(letters) >= 2 else None


def distinctive_words(form: str) -> list[str]:
    """Words of an organisation's name that can stand for it alone: the word before a generic head
    or an ezafe ("Mojahedin" in "People’s Mojahedin Organization", "Mujahedin" in "Mujahedin-e-Khalq",
    "Samen" in "Samen Bank"), not a generic word, an acronym or a connector."""
    words = re.split(r"[\s\-‐‑]+", _EZAFE.sub(" @ ", fold(form)))
    out = []
    for i, w in enumerate(words[:-1]):
        nxt = words[i + 1]
        if w in GENERIC_WORDS or w in CONNECTORS or w in ORG_HEADS or len(w) < 4 or w == "@":
            continue
        if nxt in ORG_HEADS or nxt == "@":
            out.append(w)
    return out


def is_lone_org_name(form: str) -> bool:
    """One capitalised word that is not an acronym, a head or a generic word."""
    words = form.split()
    w = fold(form)
    return (
        len(words) == 1
        and form[:1].isupper()
        and acronym_letters(form) is None
        and w not in GENERIC_WORDS
        and w not in ORG_HEADS
        and len(w) >= 4
    )


# Roles -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleTie:
    role: str  # the role's key: "supreme leader"
    words: str  # the role as the text writes it: "Supreme Leader"
    entity: str  # the document entity the text ties it to
    start: int  # where the role stands in the text
    end: int


def role_key(words: str) -> str:
    """ "the regime’s Supreme Leader" -> "supreme leader"; "" when the words hold no role."""
    words = re.sub(r"^(?:the\s+)?(?:[\w-]+[’']s\s+)+", "", words.strip(), flags=re.IGNORECASE)
    if not all(w[:1].isupper() or fold(w) in ROLE_WORDS | {"the", "a", "an"} for w in words.split()):
        return ""  # "said the minister" is no role
    tokens = fold(words).split()
    while tokens and (tokens[0] in ROLE_OPENERS or tokens[0] in ("the", "a", "an")):
        tokens = tokens[1:]
    if not tokens or tokens[-1] not in ROLE_HEADS:
        return ""
    return " ".join(tokens)


_WORD_BEFORE = re.compile(r"([\w’'-]+)[^\S\n]+$")
_APPOSITIVE = re.compile(
    r",\s+(?:the\s+|[A-Z][\w-]*[’']s\s+)?((?:[\w-]+\s+){0,3}?[\w-]+)(?=\s*[,.;:)]|\s+of\s|\s+who\s)"
)


def _role_before(text: str, start: int) -> tuple[str, int] | None:
    """The role written just before a name ("Supreme Leader" in "the regime’s Supreme Leader Ali
    Khamenei"): up to four capitalised or role words ending on a role head, stopping at "the", a
    possessive or punctuation."""
    words: list[tuple[str, int]] = []
    pos = start
    while len(words) < 4:
        m = _WORD_BEFORE.search(text, max(0, pos - 60), pos)
        if m is None or m.end() != pos:
            break
        word = m.group(1)
        folded = fold(word)
        if (
            folded in ("the", "a", "an")
            or _POSSESSIVE.search(word)
            or not (word[:1].isupper() or folded in ROLE_HEADS)
        ):
            break
        words.insert(0, (word, m.start(1)))
        pos = m.start(1)
    if not words or fold(words[-1][0]) not in ROLE_HEADS:
        return None
    while words and fold(words[0][0]) in ROLE_OPENERS:
        words = words[1:]
    if not words:
        return None
    return " ".join(w for w, _ in words), words[0][1]


def role_ties(text: str, mentions: Iterable[tuple[int, int, str]]) -> list[RoleTie]:
    """Roles the document ties to a person: "Supreme Leader Ali Khamenei" or "Ali Khamenei, the
    Supreme Leader," around a mention (start, end, document entity id) of a person's full name."""
    out = []
    for start, end, entity in mentions:
        before = _role_before(text, start)
        if before is not None and (key := role_key(before[0])):
            out.append(RoleTie(key, before[0], entity, before[1], before[1] + len(before[0])))
        m = _APPOSITIVE.match(text, end)
        if m is not None and (key := role_key(m.group(1))):
            out.append(RoleTie(key, m.group(1), entity, m.start(1), m.end(1)))
    return out


def role_mentions(text: str, tie: RoleTie, taken: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the document names the tied role on its own, as a definite description ("the Supreme
    Leader", "the regime’s Supreme Leader"): not right before a name (that names someone, perhaps
    someone else), not inside a mention already found, not the tie itself."""
    spans = list(taken)
    words = r"\s+".join(re.escape(w) for w in tie.role.split())
    determiner = r"(?<![\w-])(?:the|[\w-]+[’']s)\s+(?:[\w-]+[’']s\s+)?"
    pattern = re.compile(rf"{determiner}({words})(?![\w-])", re.IGNORECASE)
    out = []
    for m in pattern.finditer(text):
        start, end = m.start(1), m.end(1)
        if start == tie.start or re.match(r"\s+[A-Z]", text[end : end + 2]):
            continue
        if any(s < end and start < e for s, e in spans):
            continue
        out.append((start, end))
    return out
