"""Which spans the NER marks are names, and where they start and end: leading words and titles off
("the", "Mrs.", "MEP"), possessives off, names cut short before "of Iran" joined up, glued
brackets cut, lists of names split. Also the word lists and name keys the entity and resolve
stages share.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.lookups import Table
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from docket.extract.places import country_of, country_of_demonym
from docket.model import EntityType
from docket.nlp import ENGLISH_WORDS


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
# The last words of ORG_HEADS no one bears as a surname ("Court", "Church", "Bank", "Guard" are
# surnames), and those that close a region's name: a PERSON span ending so is mislabelled.
NOT_SURNAMES = ORG_HEADS - _words(
    """court church bank guard guards office service services army people peoples mission board chamber
    center centre fund"""
)
REGION_WORDS = _words("state province region county district prefecture governorate")
# What people are, written before their names ("poet X", "reporters X and Y"): a name after one is a
# person's, whatever NER took it for.
ROLES = _words(
    """journalist reporter lawyer activist editor blogger poet writer dissident physician doctor student
    teacher cartoonist columnist photographer filmmaker artist singer actor actress musician defender
    researcher professor scholar academic priest pastor monk nun campaigner organiser organizer
    unionist novelist author correspondent presenter cameraman satirist
    economist scientist engineer nurse farmer mechanic businessman businesswoman politician lawmaker
    rapper comedian footballer athlete colleague"""
)
# Kinds of outlet written before their names ("German magazine Der Spiegel", "the daily Kayhan"):
# a name after one is the outlet's, whatever NER took it for.
OUTLETS = _words("newspaper magazine daily weekly tabloid broadcaster outlet website channel")
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
        or (label == "PERSON" and (token.ent_type_ == "NORP" or _demonym(token)) and rest > 2)
        or (label == "PERSON" and not token.text[:1].isupper())
    )


def _demonym(token: Token) -> bool:
    """ "Tibetans" in "Tibetans Dorje Tashi": a people's name NER ran into a person's."""
    return token.text[:1].isupper() and country_of_demonym(token.text) is not None


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
        if start == span.start:
            start = _first_name_before(doc, start)
        for i in range(start, end - 1):
            if doc[i].lower_.rstrip(".") in TITLES or _role(doc[i].lower_):
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


def _first_name_before(doc: SpacyDoc, start: int) -> int:
    """NER often starts an unfamiliar name a word late ("Wubshet" + "Rezaei Tabar"): a capitalised
    word just before the span that NER left untagged and that is no English word ("Journalist",
    "Director" are) is the name's first word."""
    if start == 0:
        return start
    prev = doc[start - 1]
    lookups = doc.vocab.lookups
    if (
        prev.is_alpha
        and prev.is_title
        and len(prev) > 2
        and not prev.ent_type_
        and prev.pos_ == "PROPN"
        and prev.lower_ not in TITLES
        and lookups.has_table(ENGLISH_WORDS)
        and not _listed_singular(prev.lower_, lookups.get_table(ENGLISH_WORDS))
    ):
        return start - 1
    return start


def _listed_singular(word: str, words: Table | frozenset[str]) -> bool:
    """Whether `word`, or the singular a plain "-s"/"-es" plural drops to, is in `words`: word lists
    hold lemmas, and the tagger leaves a capitalised plural ("Journalists") unlemmatised."""
    return any(word.endswith(end) and word[: len(word) - len(end)] in words for end in ("", "s", "es"))


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


def candidates(parsed: SpacyDoc) -> list[tuple[int, int, str]]:
    """(start char, end char, label) of repaired NER names."""
    out = []
    lower = {t.text for t in parsed if t.is_lower}
    for ent in parsed.ents:
        if ent.label_ not in LABELS or _common_word(ent, lower):
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
    out += _aged_names(parsed, out)
    # A repaired span can now cover another NER name ("... Organization" + " of Iran"): keep the longer.
    return [c for c in out if not any(o[0] <= c[0] and c[1] <= o[1] and o != c for o in out)]


def _aged_names(parsed: SpacyDoc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names NER missed that an age follows ("Katerina Bakhvalova, 27, and ..."): two to four
    title-case proper nouns, the words before them not a name."""
    out = []
    for t in parsed:
        if not (t.text.isdigit() and t.i >= 3 and parsed[t.i - 1].text == ","):
            continue
        end = t.i - 1  # the comma
        start = end
        while start > 0 and end - start < 4 and _title_propn(parsed[start - 1]):
            start -= 1
        if start > 0 and parsed[start - 1].pos_ == "PROPN":
            continue
        while start < end and parsed[start].lower_.rstrip(".") in TITLES:  # "Mr Farthing, 58,"
            start += 1
        span = parsed[start:end]
        if len(span) < 2 or not _aged(span):
            continue
        s, e = span.start_char, span.end_char
        if not any(fs < e and s < fe for fs, fe, _ in found):
            out.append((s, e, "PERSON"))
    return out


def _title_propn(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:].islower() and t.is_alpha


def _common_word(ent: Span, lower: set[str]) -> bool:
    """A lone word capitalised only because it opens a sentence ("Gunmen abducted ...") that the
    text also writes in lower case: a common word, not a name."""
    return len(ent) == 1 and bool(ent[0].is_sent_start) and ent.text.lower() in lower


def _relabel(span: Span, label: str) -> str:
    """A name joined by "and" or "," to a person's name is a person's name ("Jafar Kazemi and
    Mohammad Haj-Aqai"), whatever NER guessed, and so is one right after a person's role ("lawyer
    Tarla Venn", "reporters Oru Dak and ...") or followed by an age (`_aged`); a "person" whose
    last word is an institution's or a region's ("Kuvala Workers Union", "Dessa State") is not one,
    nor one right after an outlet word ("magazine Der Spiegel")."""
    if label != "PERSON" and _after_role(span):
        return "PERSON"
    if label == "PERSON" and span.start > 0 and _listed_singular(span.doc[span.start - 1].lower_, OUTLETS):
        return "ORG"
    if label == "PERSON" and len(span) > 1:
        last = span[-1].lower_
        return "ORG" if last in NOT_SURNAMES else "GPE" if region_name(span.text) else label
    if label == "PERSON" or len(span) < 2 or not all(t.pos_ == "PROPN" for t in span):
        return label
    head = span.root
    partners = [head.head] if head.dep_ == "conj" else []
    partners += [t for t in head.children if t.dep_ == "conj"]
    if any(p.ent_type_ == "PERSON" for p in partners):
        return "PERSON"
    if _aged(span) and (label == "ORG" or (label == "GPE" and country_of(span.text) is None)):
        return "PERSON"
    return label


def _aged(span: Span) -> bool:
    """A name followed by an age between commas ("Niu Tengyu, 20, a website technician, was
    sentenced"): news write a person's age so, not a body's or a place's."""
    doc, i = span.doc, span.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 2].text not in (",", ")"):
        return False
    age = doc[i + 1].text
    return age.isdigit() and 1 <= int(age) <= 110


def _after_role(span: Span) -> bool:
    """A short proper name right after a person's role word, with no institution word in it."""
    if not 2 <= len(span) <= 4 or span.start == 0 or any(t.lower_ in ORG_HEADS for t in span):
        return False
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper for t in span):
        return False
    return _role(span.doc[span.start - 1].lower_)


def _role(word: str) -> bool:
    """ "poet", "reporters": a word for what people are (ROLES, plurals too)."""
    return _listed_singular(word, ROLES)


def region_name(name: str) -> bool:
    """ "Dessa State", "Kivu Province": a name NER may tag as a person's that is a region's."""
    return name.rsplit(maxsplit=1)[-1].casefold() in REGION_WORDS


def strip_possessive(text: str, start: int, end: int) -> int:
    m = POSSESSIVE.search(text[start:end])
    return end - len(m.group(0)) if m and end - len(m.group(0)) > start else end
