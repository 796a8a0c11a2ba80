"""Finds the temporal expressions of a document and normalises each to an ISO partial date.

Candidates are spaCy's DATE entities (and TIME ones with a date part) plus patterns for what the small
model misses or mangles ("the 80’s", "June of that year", "in 2013"). Ages, durations ("two years",
"the past several years"), frequencies and ordinals are not date mentions and are dropped.

Span convention (TimeML extents): a span never includes a leading preposition ("in", "on", "at", ...)
or a trailing possessive ("last November’s" -> "last November"), and includes a leading "the" only
when the "the" belongs to the temporal expression itself ("the summer of 1988", "the 1980s") rather
than to a noun it modifies ("the 1988 massacre" -> "1988").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from docket.extract.datecalendar import Tense, parse_anchor
from docket.extract.datenorm import FEASTS, clean, normalise, yearless
from docket.extract.dateranges import HAS_DATE_PART, complete_ranges, is_range_day, split_ranges
from docket.extract.datewords import FEAST_WORDS, MONTH_NAME, MONTH_WORDS, MONTHS, NUMBERS, WEEKDAYS, spelled
from docket.model import DateMention, Document, Evidence, stable_id

__all__ = ["extract_dates", "normalise"]

_MONTH_WORDS = MONTH_WORDS
_FULL_MONTHS = "|".join(m.capitalize() for m in MONTHS if len(m) > 4 or m in ("may", "june", "july"))
_MON = MONTH_NAME
_WDAY = "(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + ")"
_NUM = r"(?:\d{1,3}|[Aa]n?|" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in NUMBERS if len(w) > 2) + ")"
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie))s?"
_FEAST_NAMES = "|".join(  # with either apostrophe: "New Year’s Eve"
    re.escape(" ".join(w.capitalize() for w in name.split())).replace("'", "['’]")
    for name in sorted(FEASTS, key=len, reverse=True)
)
# a yearly day told without its year: "on Christmas Day", "last Thanksgiving", "Armistice Day"
_YEARLY_DAY = rf"(?:(?:[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?:{_FEAST_NAMES}|Thanksgiving(?:\s+Day)?)"

# What NER misses or mangles; a pattern's group 1, when it has one, is the span.
_PATTERNS = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:{_WDAY},?\s+)?{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?",
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+\d{{4}})?(?!\w)",
        rf"\b{_MON},?\s+(?:of\s+)?\d{{4}}\b",
        r"\b[Tt]he\s+(?:(?:early|mid|late)[-\s]?)?(?:1\d|20)?\d0['’]?s\b|(?<![\w'’])['’]\d0s\b"
        r"|\b(?:1\d|20)\d0['’]?s\b",
        rf"\b(?:(?:{_FULL_MONTHS})\s+(?:of\s+)?)?(?:(?:[Ll]ater|[Ee]arlier)\s+(?:in\s+)?)?"
        r"(?:[Tt]hat(?:\s+same)?|[Tt]he\s+(?:same|following|previous|preceding))\s+year\b",
        rf"\b(?:[Ll]ast|[Tt]his|[Nn]ext)\s+(?:year|month|{_FULL_MONTHS}|spring|summer|autumn|fall)\b",
        r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Rr]ecently)\b",
        rf"\b{_NUM}\s+(?:years?|months?|days?|decades?)\s+(?:ago|later|earlier)\b",
        r"\b(?:[Ii]n|[Bb]y|[Ss]ince|[Dd]uring|[Uu]ntil|[Tt]ill|[Ff]rom|[Bb]efore|[Aa]fter|[Oo]f|[Aa]round)"
        r"\s+((?:1[6-9]|20)\d{2})\b(?![-–/.,:]?\d)(?!\s*%)",
        # "now" and its kin are the time of writing; "now that" is a conjunction
        # ("the now-deceased leader" describes him: no time of writing)
        r"\b(?:[Rr]ight\s+)?[Nn]ow\b(?!\s+that\b|-\w)|\b(?:[Cc]urrently|[Pp]resently|[Nn]owadays)\b",
        rf"\b[Tt]he\s+(?:(?:near|distant|recent)\s+)?(?:past|future)\b(?!\s+(?:[\w-]+\s+){{0,2}}{_UNIT}\b)",
        r"\b(?:(?:[Tt]his|[Ll]ast|[Nn]ext)\s+week(?:end)?|[Tt]he\s+weekend)\b"
        r"|\b(?:[Tt]his|[Ll]ast)\s+(?:morning|afternoon|evening|night)\b",
        r"\b(?:[Tt]he\s+|[Tt]his\s+year['’]s\s+)?(?:(?:1\d|20)\d{2}\s+|year-(?:ago|earlier)\s+)?(?:[Ff]iscal\s+)?"
        r"(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth)(?:-|\s+)(?:fiscal\s+)?(?:quarter|half)\b"
        r"|\b[Tt]he\s+(?:(?:latest|current|previous|year-ago|year-earlier|fiscal)\s+)*quarter\b",
        r"\b[Ff]iscal(?:\s+year)?\s+(?:(?:1\d|20)\d{2}|['’]\d{2})\b|\b(?:[Tt]he\s+)?(?:current\s+)?fiscal\s+year\b"
        r"|\b(?:[Tt]he\s+)?year-(?:ago|earlier)(?:\s+(?:period|quarter))?\b",
        rf"\b{_YEARLY_DAY}(?![\w'’])",
    )
)
_FEAST_WORDS = "|".join(sorted(FEAST_WORDS))
_NOW_WORDS = "now|currently|presently|nowadays|future|quarter|half|weekend|fiscal|period"
_IN_YEAR = _PATTERNS[8]  # "in 2013": checked against NER's counts
_EXPLICIT_YEAR = re.compile(r"(?<![\d'’])((?:1\d|20)\d{2})(?![\d'’]|s\b)")

_LEAD_DROP = frozenset(
    {"in", "on", "at", "by", "since", "during", "from", "until", "till", "through", "throughout", "for",
     "of", "over", "around", "within", "between", "as", "to", "into", "and", "or", "but", "nor", "just",
     "even", "both", "either", ",", ";", ":", "(", "[", "“", "”", '"', "‘", "’", "'", "-", "–", "—"}
)  # fmt: skip
_RELATION = frozenset({"ago", "later", "earlier", "before", "after", "afterwards", "thereafter", "prior"})
_TEMPORAL_TOKEN = re.compile(
    rf"(?:\d{{1,4}}(?:st|nd|rd|th|s)?|['’]?\d0['’]?s|(?:early|mid|late)-\d{{4}}s?|{_MONTH_WORDS}|"
    rf"{'|'.join(WEEKDAYS)}|{_UNIT}|spring|summer|autumn|fall|winter|morning|afternoon|evening|eve|"
    rf"today|tonight|yesterday|tomorrow|recently|past|present|{_FEAST_WORDS}|"
    rf"{_NOW_WORDS}|{'|'.join(_RELATION)})"
)
_HAS_TEMPORAL = re.compile(
    rf"\b(?:{_MONTH_WORDS}|{'|'.join(WEEKDAYS)}|{_UNIT}|spring|summer|autumn|fall|winter|today|tonight|"
    rf"yesterday|tomorrow|recently|past|{_FEAST_WORDS}|{_NOW_WORDS})\b|\d{{4}}|\d0'?s\b"
)
_AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[-\s]+old\b", re.IGNORECASE)
# "aged 70", "in their early 20s": someone's age or decade of life, not the calendar's.
_AGE_BEFORE = re.compile(
    r"\b(?:aged|his|her|their|my|our|your)\s+(?:(?:early|mid|late)[-\s]?)?$", re.IGNORECASE
)
_AGE_START = re.compile(r"(?:aged|his|her|their|my|our|your)\s", re.IGNORECASE)
_ADJECTIVAL = re.compile(rf"[\w.]+(?:-[\w.]+)*-{_UNIT}")  # "two-year anniversary", "30-day"
_QTY = (
    r"(?:\d+(?:[.,]\d+)?|a few|a couple of|couple of|a|an|several|many|few|some|numerous|multiple|half|"
    r"countless|hundreds|thousands|dozens|" + "|".join(w for w in NUMBERS if len(w) > 2) + ")"
)
_HEDGES = (
    r"(?:approximately|about|around|nearly|almost|roughly|some|over|under|more than|less than|"
    r"at least|up to|only|just|barely|well over)"
)
_DURATION = re.compile(
    r"^(?P<the>the\s+)?(?:(?P<mod>past|last|next|coming|previous|following|ensuing|preceding|first|"
    rf"final|subsequent|intervening)\s+)?(?:{_HEDGES}\s+)*"
    rf"(?P<q>{_QTY}(?:\s*(?:-|to|or|and)\s*{_QTY})*(?:\s+and\s+a\s+half)?\s+)?"
    rf"(?:(?:consecutive|straight|long|full|whole|entire|more|additional|further)\s+)?(?P<unit>{_UNIT})$"
)
_SET = re.compile(r"\b(?:every|each|per)\b|^(?:daily|weekly|monthly|yearly|annually|nightly)$")
_FEAST_SPAN = re.compile(_YEARLY_DAY)
_FEAST_YEAR = re.compile(r",?\s+(?:in|of)\s+(?:1[6-9]|20)\d{2}\b")
_SEQUENT = frozenset(("following", "previous", "preceding", "subsequent"))
_NOT_TIME_AFTER = frozenset(("prayer", "prayers", "sermon", "sermons"))  # "Friday prayer" is a rite
_DAY_BEFORE = frozenset(("on", "last", "this", "next", "since", "until", "by", "from", "before", "after"))
_LEFT_MODIFIER = re.compile(
    r"(?:\b[Tt]he\s+(?:very\s+)?(?:beginning|start|end|middle|turn|close|outset|spring|summer|autumn|"
    r"fall|winter|(?:first|second|latter)\s+half|(?:first|last|final)\s+(?:days?|weeks?|months?))\s+of\s+"
    r"|\b(?:[Ee]arly|[Mm]id|[Ll]ate)[-\s])$"
)


def extract_dates(doc: Document, parsed: Doc) -> tuple[DateMention, ...]:
    """Every temporal expression of `doc`, in text order, normalised against its publication date.

    `parsed` is `nlp(doc.text)`. "that year" resolves against the last explicit year before it.
    """
    parsed_anchor = parse_anchor(doc.published.value)
    anchor = parsed_anchor.text if parsed_anchor else None
    mentions: list[DateMention] = []
    context_year: int | None = None
    # A full date sets the year of the month-days after it in its sentence ("on 25 October 2010,
    # and on November 18 ..."), unless they lie ahead. A bare year does not ("since its launch in
    # 2003 and as of February" is this February), nor does a full date in an earlier sentence
    # (TempEval-3 value F1 81.97 -> 81.77 when it did).
    day_year: tuple[int, str] | None = None  # (sentence start, year) of the sentence's last full date
    for start, end in _spans(doc.text, parsed):
        text = doc.text[start:end]
        sentence = parsed.char_span(start, end, alignment_mode="expand")[0].sent.start_char
        tense = _tense(parsed, start, end)
        if day_year and day_year[0] == sentence and tense != "future" and yearless(text):
            value, precision = normalise(text, day_year[1], None, tense)
        else:
            value, precision = normalise(text, anchor, context_year, tense)
        evidence = Evidence.of(doc, start, end)
        mentions.append(DateMention(stable_id("date", doc.id, start, end), evidence, value, precision))
        if years := _EXPLICIT_YEAR.findall(text):
            context_year = int(years[-1])
            if value and len(value) >= 10:
                day_year = (sentence, value[:4])
    return tuple(complete_ranges(doc.text, mentions))


def _spans(text: str, parsed: Doc) -> list[tuple[int, int]]:
    """Trimmed, merged, filtered candidate spans in text order, none overlapping."""
    candidates: list[tuple[int, int, bool]] = []  # start, end, whether only a TIME entity vouches for it
    for ent in parsed.ents:
        if ent.label_ not in ("DATE", "TIME") or _is_age(text, ent.start_char, ent.end_char):
            continue
        for start, end in split_ranges(text, ent.start_char, ent.end_char):
            if span := _trim(parsed, start, end):
                candidates.append((*span, ent.label_ == "TIME"))
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            group = 1 if m.re.groups and m.group(1) else 0
            start, end = m.span(group)
            if pattern is _IN_YEAR and _is_count(parsed, start, end):
                continue
            if span := _trim(parsed, start, end):
                candidates.append((*span, False))
    out: list[tuple[int, int]] = []
    for start, end, time_only in _merge(candidates):
        start, end = _extend(text, parsed, start, end)
        if out and start < out[-1][1]:  # an extension must not reach into the previous mention
            start = out[-1][1]
        if start < end and _keep(text, parsed, start, end, time_only):
            out.append((start, end))
    return out


_FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall"})
_MODAL = frozenset({"would", "could", "may", "might", "should", "must", "can"})
# Verbs whose date is a time still to come even in the past tense ("planned a rally Saturday")
_PROSPECTIVE = frozenset({"schedule", "plan", "expect", "postpone", "delay", "set", "slate", "due"})


def _tense(parsed: Doc, start: int, end: int) -> Tense | None:
    """The tense of the clause the expression dates: its nearest governing verb with a finite tense.

    "exploded Friday" is past, "will meet Friday" future, "meets Friday" present; a participle or
    infinitive without auxiliaries passes the question to the verb above it."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX"):
            auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            words = {c.lower_ for c in auxes}
            if words & _FUTURE_AUX or "going" in words or tok.lemma_ in _PROSPECTIVE:
                return "future"
            if words & _MODAL:
                return "present"
            if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes) or words & {"has", "have", "'ve"}:
                return "past"
            if tok.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in auxes):
                return "present"
            if tok.tag_ == "VBN" and not auxes:  # "a meeting held Friday"
                return "past"
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _trim(parsed: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The span without leading prepositions or foreign "the", and without non-temporal trailing words."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    i, j = span.start, span.end
    while i < j:
        tok = parsed[i]
        if (
            tok.is_space
            or tok.lower_ in _LEAD_DROP
            or (tok.lower_ == "the" and not i < tok.head.i < j)
            # "since at least 2011": the hedge is not the year
            or (tok.lower_ == "least" and i + 1 < j and re.fullmatch(r"\d{4}", parsed[i + 1].text))
        ):
            i += 1
        else:
            break
    # a year or day in words ends where its words end ("nineteen ninety-six")
    whole = parsed[i:j]
    words = [whole.char_span(a, b, alignment_mode="expand") for a, b in spelled(whole.text)]
    last = max((w.end for w in words if w is not None), default=i)
    while j > max(i, last) and (not _is_temporal_token(parsed, j - 1) or _dangling_relation(parsed, i, j)):
        j -= 1
    if i >= j:
        return None
    return parsed[i].idx, parsed[j - 1].idx + len(parsed[j - 1])


def _dangling_relation(parsed: Doc, i: int, j: int) -> bool:
    """A relation word ends a span only after a distance: "two days before", not "Monday before
    (leaving)" or "last year after (he won)"."""
    if parsed[j - 1].lower_ not in ("before", "after") or j - 1 <= i:
        return False
    return not _distance(parsed[i : j - 1])


def _distance(span: Span) -> bool:
    """A span ending in a unit that measures a distance ("two days", "months"), which a relation
    word after it completes, unlike a deictic one ("last year")."""
    deictic = len(span) > 1 and span[-2].lower_ in ("last", "this", "next")
    return bool(re.fullmatch(_UNIT, span[-1].lower_)) and not deictic


def _is_temporal_token(parsed: Doc, i: int) -> bool:
    tok = parsed[i]
    low = tok.lower_.replace("’", "'")
    if low == "'s":  # only the "’s" of "the 80’s", never a possessive
        return i > 0 and parsed[i - 1].like_num
    return bool(_TEMPORAL_TOKEN.fullmatch(low))


def _is_age(text: str, start: int, end: int) -> bool:
    """'63-year-old', '13 years old', 'aged 70', 'in their 20s': a person's age, not a time."""
    if _AGE.search(text, start, min(len(text), end + 8)) or _AGE_START.match(text, start):
        return True
    return bool(_AGE_BEFORE.search(text, max(0, start - 16), start))


def _is_count(parsed: Doc, start: int, end: int) -> bool:
    """A pattern-found year that NER reads as a count or amount ("in 2000 cases") is not a year."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT") for t in span)


def _merge(candidates: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Overlapping candidates joined into their union; TIME-only if every part was TIME-only."""
    merged: list[tuple[int, int, bool]] = []
    for start, end, time_only in sorted(candidates):
        if merged and start < merged[-1][1]:
            s, e, t = merged[-1]
            merged[-1] = (s, max(e, end), t and time_only)
        else:
            merged.append((start, end, time_only))
    return merged


def _extend(text: str, parsed: Doc, start: int, end: int) -> tuple[int, int]:
    """Grows a span over what belongs to it: "the" (1980s), "the beginning of", "years" + "later"."""
    if m := _LEFT_MODIFIER.search(text, max(0, start - 40), start):
        start = m.start()
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    before = parsed[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span.start <= before.head.i < span.end:
        start = before.idx
    after = parsed[span.end] if span.end < len(parsed) else None
    feast = _FEAST_SPAN.fullmatch(text, start, end)
    if after is not None and after.lower_ in _RELATION and _distance(span) and not feast:
        end = after.idx + len(after)  # "two days after", not "on Thanksgiving Day after a boat sank"
    if feast and (m := _FEAST_YEAR.match(text, end)):
        end = m.end()  # "on Human Rights Day in 2020": one day
    return start, end


def _keep(text: str, parsed: Doc, start: int, end: int, time_only: bool) -> bool:
    """False for durations, frequencies, ordinals, rites ("Friday prayer"), titles ("the Sunday
    Leader") and times of no date."""
    s = clean(text[start:end])
    if is_range_day(text, start, end):
        return True
    if not s or _ADJECTIVAL.fullmatch(s) or _SET.search(s) or not _HAS_TEMPORAL.search(s):
        return False
    if time_only and not HAS_DATE_PART.search(s):
        return False
    # "the following year" points at a year as "that year" does; "the past year" lasts one
    sequent = (m := _DURATION.match(s)) and m["mod"] in _SEQUENT and m["unit"] == "year" and not m["q"]
    if m and not sequent and (m["q"] or m["unit"].endswith("s") or (m["the"] and m["mod"])):
        return False
    span = parsed.char_span(start, end, alignment_mode="expand")
    after = parsed[span.end] if span is not None and span.end < len(parsed) else None
    if after is not None and s in FEAST_WORDS and span is not None and span[-1].head == after:
        return False  # "the Christmas tree", "Thanksgiving dinner": a thing of the feast, no day
    if after is None or span is None or s not in WEEKDAYS:
        return True
    if after.lower_ in _NOT_TIME_AFTER:
        return False
    # "the Sunday Leader", "Sunday Opinion pages": a weekday inside a title names no day
    before = parsed[span.start - 1].lower_ if span.start > 0 else ""
    title = after.is_title and after.pos_ in ("PROPN", "NOUN") and not _is_temporal_token(parsed, after.i)
    return not (title and span[-1].head == after and before not in _DAY_BEFORE)
