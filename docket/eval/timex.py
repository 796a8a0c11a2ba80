"""`docket eval tempeval3` and `docket eval meantime`: temporal expressions scored as TempEval-3 does.

Gold. TempEval-3's TBAQ-cleaned (TimeBank + AQUAINT TimeML, 256 documents; the lone file in
`testpipeline/` is not part of TBAQ) and MEANTIME's English intra-document annotation (NAF/CAT XML,
120 Wikinews articles). Each document's plain text is rebuilt without its tags, with the character
span of every TIMEX3. The TIMEX3 with functionInDocument="CREATION_TIME" (the DCT) is the document's
`published` date and is metadata, not a mention: in MEANTIME it is the dateline under the headline, so
the text given to docket starts after it and the headline goes in as the record's `title` (a TIMEX3
inside the headline is left out with it). MEANTIME's annotators covered only the first sentences of
each article (title, dateline and four or so more): docket reads the whole text, but only its
mentions inside the annotated sentences are scored. MEANTIME's tokens are joined with single spaces except
before closing and after opening punctuation, one paragraph per document.

Scope. docket's `date` records are calendar points, so only DATE and TIME TIMEX3s are gold. A gold
DURATION or SET is neither a miss nor, when docket marks words overlapping it, a false positive: such
docket mentions are left out of the counts altogether.

Metrics (TempEval-3). Extent F1 strict (same start and end) and relaxed (any overlap; each gold and
each system span matched at most once, largest overlap first). Value accuracy: of the relaxed matches,
the share whose values are equal. Value F1: F1 where a true positive needs overlap AND equal value.

Value mapping. docket values are ISO partials with a precision; TimeML values are finer-grained, so
both sides go to docket's grid before comparing:
- docket: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` as they are; a decade `1990` is TimeML's `199`; null stays null.
- TimeML times of day (`1998-02-06T14:00`, `1998-02-06TEV`) are their day; weeks (`1998-W06`, also
  `-WE` weekends) are their month when the whole week lies in one month, else their year; quarters,
  halves, seasons (`1998-Q1`, `1998-H2`, `1998-SU`) and fiscal years (`FY1998`) are their year;
  docket has no finer unit for them, and this is how it writes "the summer of 1988" too.
- A value with unknown parts keeps its known prefix (`1998-10-XX` is `1998-10`, `199X` the decade
  `199`); `PAST_REF`, `FUTURE_REF`, a wholly unknown `XXXX...` and any duration-like value are null,
  the value docket gives an expression nothing anchors ("recently", "in the future").
- `PRESENT_REF` ("now", "currently") is the DCT day: docket resolves such words to the publication
  date, since for a user of the record "currently detained" means detained at publication.
- A century (`19`) has no docket form and never matches.

Baseline. dateparser's `search_dates` on the same text with the DCT as RELATIVE_BASE (English only,
PREFER_DATES_FROM current_period); each found substring is located in the text left to right and its
datetime cut to the precision its own words show: a day number, weekday or day word (today, yesterday,
tomorrow, ago in days) gives a day; else a month name or "month" a month; else a year.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from docket.eval.harness import EvalReport, Exported, Metric, percent, prf, run_records

POINT_TYPES = frozenset({"DATE", "TIME"})


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    dct: str | None  # ISO date of creation, or None when the document has none
    timexes: list[Timex]
    title: str | None = None
    scored_end: int | None = None  # MEANTIME annotates only the first sentences: the rest is not scored


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    value: str | None  # already on the comparison grid


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    valued: int = 0
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- gold readers


def read_tempeval(folder: Path) -> list[GoldDoc]:
    root = folder / "TBAQ-cleaned" if (folder / "TBAQ-cleaned").is_dir() else folder
    files = sorted(p for sub in ("AQUAINT", "TimeBank") for p in (root / sub).glob("*.tml"))
    return [_read_tml(p) for p in files]


def _read_tml(path: Path) -> GoldDoc:
    tree = ET.parse(path).getroot()
    dct_el = tree.find("DCT/TIMEX3")
    dct = _iso_day(dct_el.get("value", "")) if dct_el is not None else None
    text_el = tree.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(el: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(el.text or "")
        for child in el:
            walk(child)
            parts.append(child.tail or "")
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            end = sum(map(len, parts))
            timexes.append(Timex(start, end, el.get("type", ""), el.get("value", "")))

    if text_el is not None:
        walk(text_el)
    return GoldDoc(path.stem, "".join(parts), dct, sorted(timexes, key=lambda t: t.start))


def read_meantime(folder: Path) -> list[GoldDoc]:
    root = folder / "intra-doc_annotation" if (folder / "intra-doc_annotation").is_dir() else folder
    return [_read_cat(p) for p in sorted(root.glob("*/*.xml"))]


_NO_SPACE_BEFORE = frozenset(
    {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "''", "'re"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "#"})


def _read_cat(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    markables = root.find("Markables")
    timex_els = list(markables.iter("TIMEX3")) if markables is not None else []
    dct_el = next((t for t in timex_els if t.get("functionInDocument") == "CREATION_TIME"), None)
    sent_of = {tid: s for tid, s, _ in tokens}
    dct_tokens = [a.get("t_id", "") for a in dct_el.iter("token_anchor")] if dct_el is not None else []
    first_body = max((sent_of.get(t, 0) for t in dct_tokens), default=0) + 1
    title = " ".join(w for _, s, w in tokens if s == 0)
    offsets: dict[str, tuple[int, int]] = {}
    text, open_quote = "", False
    for tid, sent, word in tokens:
        if sent < first_body:
            continue
        glue = not text or word in _NO_SPACE_BEFORE or text[-1:] in _NO_SPACE_AFTER
        if word == '"':  # an opening quote takes the space before it, a closing one the space after
            glue = not text or open_quote
            open_quote = not open_quote
        elif text.endswith('"') and open_quote:
            glue = True
        text += ("" if glue else " ") + word
        offsets[tid] = (len(text) - len(word), len(text))
    # The annotators covered the first sentences only (any markable marks a sentence as covered).
    covered = max((sent_of.get(a.get("t_id", ""), 0) for a in markables.iter("token_anchor")), default=0)
    ends = [offsets[tid][1] for tid, s, _ in tokens if tid in offsets and s <= covered]
    timexes = []
    for el in timex_els:
        spans = [offsets[a.get("t_id", "")] for a in el.iter("token_anchor") if a.get("t_id") in offsets]
        if el is not dct_el and spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            timexes.append(Timex(start, end, el.get("type", ""), el.get("value", "")))
    dct = _iso_day(dct_el.get("value", "")) if dct_el is not None else None
    timexes.sort(key=lambda t: t.start)
    return GoldDoc(path.stem, text, dct, timexes, title or None, max(ends, default=0))


def _iso_day(value: str) -> str | None:
    m = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})", value)
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


# ---------------------------------------------------------------- value mapping


def docket_value(value: str | None, precision: str | None) -> str | None:
    """docket's value on the comparison grid: a decade as TimeML writes it (`199`)."""
    if value is None:
        return None
    return value[:3] if precision == "decade" else value


_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_COARSE = re.compile(r"^(?:FY)?(\d{4})-?(?:Q\d|H\d|SP|SU|FA|AU|WI|QX|HX)?$")


def gold_value(value: str, dct: str | None) -> str | None:
    """A TimeML value on docket's grid (see the module docstring)."""
    v = value.strip().upper()
    if v == "PRESENT_REF":
        return dct
    if v in ("PAST_REF", "FUTURE_REF") or v.startswith("P") or not v or v[0] == "X":
        return None
    if m := re.match(r"^(\d{4}-\d{2}-\d{2})T", v):
        return m[1]
    if m := _WEEK.match(v):
        try:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return m[1]
        sunday = monday + timedelta(days=6)
        if monday.month == sunday.month:
            return f"{monday.year:04d}-{monday.month:02d}"
        return f"{monday.year:04d}" if monday.year == sunday.year else None
    if m := _COARSE.match(v):
        return m[1]
    if "X" in v:  # the known prefix: 1998-10-XX -> 1998-10, 199X -> 199, 1998-WXX -> 1998
        known = re.match(r"^(\d{2,4})(?:-(\d{2}))?", v.split("X")[0].rstrip("-W"))
        if not known:
            return None
        return known[1] + (f"-{known[2]}" if known[2] and len(known[1]) == 4 else "")
    return v


# ---------------------------------------------------------------- scoring


def score(doc: GoldDoc, system: list[Mention], counts: Counts) -> None:
    """Adds one document's strict, relaxed and value matches to `counts`."""
    gold, dct = doc.timexes, doc.dct
    if doc.scored_end is not None:
        system = [s for s in system if s.start < doc.scored_end]
    points = [g for g in gold if g.type in POINT_TYPES]
    ignored = [g for g in gold if g.type not in POINT_TYPES]
    kept = [
        s for s in system if not any(_overlap(s, g) for g in ignored) or any(_overlap(s, g) for g in points)
    ]
    counts.gold += len(points)
    counts.system += len(kept)
    counts.strict += len({(g.start, g.end) for g in points} & {(s.start, s.end) for s in kept})
    pairs = sorted(
        ((_overlap(g, s), i, j) for i, g in enumerate(points) for j, s in enumerate(kept) if _overlap(g, s)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _, i, j in pairs:
        if i in used_g or j in used_s:
            continue
        used_g.add(i)
        used_s.add(j)
        counts.relaxed += 1
        counts.valued += gold_value(points[i].value, dct) == kept[j].value


def _overlap(a: Timex | Mention, b: Timex | Mention) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def metrics(ours: Counts, base: Counts, base_name: str) -> list[Metric]:
    out = []
    for label, attr in (("strict", "strict"), ("relaxed", "relaxed"), ("value", "valued")):
        p, r, f = prf(getattr(ours, attr), ours.system - getattr(ours, attr), ours.gold - getattr(ours, attr))
        bp, br, bf = prf(
            getattr(base, attr), base.system - getattr(base, attr), base.gold - getattr(base, attr)
        )
        name = f"DATE/TIME {label} "
        out += [
            Metric(name + "P", p, bp, base_name, ours.gold),
            Metric(name + "R", r, br, base_name, ours.gold),
            Metric(name + "F1", f, bf, base_name, ours.gold),
        ]
    out.append(
        Metric(
            "DATE/TIME value accuracy",
            percent(ours.valued, ours.relaxed),
            percent(base.valued, base.relaxed),
            base_name,
            ours.relaxed,
        )
    )
    return out


# ---------------------------------------------------------------- systems


def docket_mentions(exported: Exported, doc: GoldDoc) -> list[Mention]:
    """docket's date records, their offsets carried back from the cleaned text to `doc.text`."""
    record = exported.documents.get(doc.id)
    if record is None:
        return []
    back = _offset_map(record["text"], doc.text)
    out = []
    for d in exported.of(doc.id, "date"):
        start, end = back(d["start"]), back(d["end"] - 1)
        if start is not None and end is not None:
            out.append(Mention(start, end + 1, docket_value(d["value"], d["precision"])))
    return out


def _offset_map(cleaned: str, original: str) -> Any:
    """Cleaning drops whole lines and trailing spaces only, so each kept line is found in order."""
    table: dict[int, int] = {}
    pos, cursor = 0, 0
    for line in cleaned.split("\n"):
        if line:
            found = original.find(line, cursor)
            if found >= 0:
                for k in range(len(line)):
                    table[pos + k] = found + k
                cursor = found + len(line)
        pos += len(line) + 1
    return table.get


def dateparser_mentions(doc: GoldDoc) -> list[Mention]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "current_period"}
    if doc.dct:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(doc.dct)
    try:
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
    except Exception:  # dateparser raises on odd inputs; a baseline that fails finds nothing
        found = []
    out, cursor = [], 0
    for words, when in found:
        start = doc.text.find(words, cursor)
        if start < 0:
            continue
        cursor = start + len(words)
        out.append(Mention(start, cursor, _shown_precision(words, when)))
    return out


_DAY_WORDS = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
    r"tonight|yesterday|tomorrow|days?|weeks?|hours?|minutes?|now)\b|\d{1,2}[/.-]\d{1,2}",
    re.IGNORECASE,
)
_MONTH_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?!\w)|\bmonths?\b", re.IGNORECASE
)


def _shown_precision(words: str, when: datetime) -> str:
    bare = re.sub(r"\b\d{4}\b", "", words)
    if _DAY_WORDS.search(bare):
        return when.strftime("%Y-%m-%d")
    if _MONTH_WORDS.search(words):
        return when.strftime("%Y-%m")
    return when.strftime("%Y")


# ---------------------------------------------------------------- entry point


def evaluate(name: str, data: Path, split: str, limit: int | None, workers: int | None) -> EvalReport:
    docs = read_tempeval(data) if name == "tempeval3" else read_meantime(data)
    docs = docs[:limit] if limit else docs
    exported = run_records(_records(docs), workers=workers)
    ours, base = Counts(), Counts()
    for doc in docs:
        score(doc, docket_mentions(exported, doc), ours)
        score(doc, dateparser_mentions(doc), base)
    report = EvalReport(name, split, len(docs), metrics(ours, base, "dateparser"))
    ignored = sum(t.type not in POINT_TYPES for d in docs for t in d.timexes)
    report.notes += [
        f"{ours.gold} gold DATE/TIME TIMEX3s; {ignored} DURATION/SET ones are neither misses nor false "
        "positives (docket mentions overlapping them are left out of the counts)",
        "value: TimeML values mapped to docket's grid (times -> day, weeks -> month or year, quarters/"
        "seasons/halves/FY -> year, PRESENT_REF -> DCT day, PAST_REF/FUTURE_REF/unknown -> null); "
        "see docket/eval/timex.py",
        f"rejected by the build: {len(exported.rejections)}; documents without a DCT: "
        f"{sum(d.dct is None for d in docs)}",
    ]
    return report


def _records(docs: list[GoldDoc]) -> Iterator[dict[str, Any]]:
    for doc in docs:
        record: dict[str, Any] = {"id": doc.id, "text": doc.text, "published": doc.dct}
        if doc.title:
            record["title"] = doc.title
        yield record
