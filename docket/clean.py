"""Raw documents to clean text and metadata. The clean text is built once: every later offset refers to it.

Cleaning only removes whole noise lines (navigation, breadcrumbs, site names, page dates, bylines, tag
lines, "Source »" lines, share/comment chrome), a repeated headline, and a headline pasted into a
sentence; it never rewrites the article's own sentences. Each metadata value records how it was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import set_date_params

from docket.config import DEFAULT_SETTINGS, Settings
from docket.errors import InputError
from docket.ingest import declared_charset, decode, iso_partial
from docket.model import NOT_FOUND, Document, Found, RawDocument

HEADER_LINES = 12  # metadata lines sit above the first paragraph, never further down than this

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TIME = r"(?:\s*(?:[,|·•–—-]|at)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?"
_DATE_FORMS = [
    re.compile(_WEEKDAY + _MON + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR, re.I),
    re.compile(r"(?P<year>(?:19|20)\d{2})[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})"),
    re.compile(_MON + r",?\s+" + _YEAR, re.I),
]
_DATE_ONLY = [re.compile(form.pattern + _TIME, form.flags) for form in _DATE_FORMS]
_PUBLISHED_CUE = re.compile(
    r"(?:first\s+)?(?:published|posted|date\s+published|publication\s+date|date)\b\s*(?:on\b)?\s*:?\s*(?P<rest>.+)",
    re.I,
)
_BYLINE = re.compile(r"(?:by|written\s+by|author\s*:)\s+(?P<rest>\S.*)", re.I)
_BYLINE_SPLIT = re.compile(r"\s*[|·•]\s*|\s+[-–—]\s+|\s*,\s*|\s+on\s+", re.I)
_NAME_JOINERS = {"and", "&", "de", "da", "del", "der", "van", "von", "al", "bin", "el", "la", "du"}
_SOURCE = re.compile(
    r"(?:source|via|originally\s+published\s+(?:at|on|by|in))\s*(?::|»|>|›|\||[-–—])\s*(?P<value>\S.*)", re.I
)
_CRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|→)\s*|\s+[/|]\s+")
_TAG_PREFIX = re.compile(r"(?:tags?|topics?|keywords?|filed\s+under)\s*:\s*", re.I)
_BOILERPLATE = re.compile(
    r"(?:exit|view|switch\s+to)\s+(?:the\s+)?(?:mobile|desktop|full|amp)\s+(?:version|site)"
    r"|skip\s+to\s+(?:main\s+)?content|toggle\s+navigation|(?:main\s+)?menu|search|close|home"
    r"|(?:\d+\s+)?comments?|no\s+comments(?:\s+yet)?|leave\s+a\s+(?:reply|comment)|post\s+a\s+comment"
    r"|(?:share|tweet|print|email)(?:\s+(?:this|on)(?:\s+\w+){0,2})?\s*:?"
    r"|(?:related|more)(?:\s+(?:articles?|posts?|news|stories|from\s+\S+(?:\s+\S+){0,3}))?\s*:?"
    r"|read\s+(?:more|also|next)\s*:?|see\s+also\s*:?|you\s+(?:may|might)\s+also\s+like\s*:?|recommended(?:\s+for\s+you)?"
    r"|advertisements?|sponsored(?:\s+content)?|subscribe(?:\s+to\s+(?:our|the)\s+newsletter)?(?:\s+now)?"
    r"|follow\s+us(?:\s+on\s+\w+)?|back\s+to\s+top|scroll\s+to\s+top|(?:next|previous)\s+(?:article|post|story)"
    r"|(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})[^.]{0,80}(?:\.\s*all\s+rights\s+reserved\.?)?"
    r"|all\s+rights\s+reserved\.?"
    # a link to another story ("ALSO READ | Man arrested in ...", "Related: ..."): its claims are
    # that story's, not this one's
    r"|(?:also\s+read|read\s+(?:more|also|next)|see\s+also"
    r"|related(?:\s+(?:articles?|stor(?:y|ies)|news|posts?|content))?)\s*(?:[:|»>]|[-–—](?=\s))\s*\S.*",
    re.I,
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufeff]")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Clean text and the metadata found in the text itself."""

    text: str
    title: Found = NOT_FOUND
    author: Found = NOT_FOUND
    outlet: Found = NOT_FOUND
    published: Found = NOT_FOUND
    page_date: Found = NOT_FOUND


def clean(raw: RawDocument, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """The Document for `raw`; raises InputError when it has no article text or cannot be decoded."""
    given = dict(raw.given)
    meta: dict[str, str] = {}
    is_html = raw.kind == "html" or (raw.kind == "jsonl" and not given.get("text", "").strip())
    if raw.kind == "jsonl" and not is_html:
        body = _normalise(given["text"])
    elif raw.kind == "jsonl":
        body, meta = _from_html(given.get("html", ""), raw.ref, given.get("url"))
    elif is_html:
        body, meta = _from_html(decode(raw.data, raw.ref, declared_charset(raw.data)), raw.ref, None)
    else:
        body = _normalise(decode(raw.data, raw.ref))
    cleaned = clean_text(body, given.get("title") or meta.get("title"))
    if len(cleaned.text) < settings.min_text_chars:
        what = "no article text found in the HTML" if is_html else "no article text"
        raise InputError(
            raw.ref,
            f"{what} (only {len(cleaned.text)} characters after cleaning, "
            f"at least {settings.min_text_chars} needed)",
        )
    published = iso_partial(given["published"]) if given.get("published") else None
    html_date = iso_partial(meta["date"]) if meta.get("date") else None
    return Document(
        id=raw.sha256,
        ref=raw.ref,
        text=cleaned.text,
        title=_pick(given.get("title"), meta.get("title"), cleaned.title),
        author=_pick(given.get("author"), meta.get("author"), cleaned.author),
        outlet=_pick(given.get("outlet"), meta.get("sitename"), cleaned.outlet),
        published=_pick(published, html_date, cleaned.published),
        page_date=cleaned.page_date,
        url=given.get("url") or None,
    )


def _pick(given: str | None, html_meta: str | None, found: Found) -> Found:
    if given and given.strip():
        return Found(given.strip(), "given")
    if html_meta and html_meta.strip():
        return Found(html_meta.strip(), "html-meta")
    return found


def _from_html(html: str, ref: str, url: str | None) -> tuple[str, dict[str, str]]:
    """Article text (one blank line between blocks) and page metadata, via trafilatura."""
    params = set_date_params(extensive=False)  # metadata and markup only: no dates guessed from prose
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, date_extraction_params=params
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputError(ref, "no article text found in the HTML")
    meta = {k: v for k in ("title", "author", "date", "sitename") if isinstance(v := getattr(result, k), str)}
    # trafilatura puts one block per line; a blank line between blocks matches the plain-text layout
    return "\n\n".join(_normalise(text).split("\n")), meta


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    return _CONTROL.sub("", text)


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Remove scraping noise from `text` (newlines already `\\n`); `title` is a headline known elsewhere."""
    lines = [line.rstrip() for line in text.split("\n")]
    keep = [not _BOILERPLATE.fullmatch(line.strip()) for line in lines]  # blank lines are kept
    live = [i for i, line in enumerate(lines) if keep[i] and line.strip()]
    prose = [i for i in live if _is_prose(lines[i].strip())]
    header = [i for i in live if not prose or i < prose[0]][:HEADER_LINES]
    footer = [i for i in live if prose and i > prose[-1]]
    found: dict[str, Found] = {}

    title_i = _find_title(lines, header, title)
    title_norm = _norm(lines[title_i]) if title_i is not None else _norm(title or "")
    for i in header:
        s = lines[i].strip()
        if i == title_i:
            continue
        before_title = title_i is None or i < title_i
        if when := _date_only(s):
            keep[i] = False
            if before_title:  # a date above the headline is the day the page was printed
                found.setdefault("page_date", Found(when, "header-date"))
        elif byline := _byline(s):
            keep[i] = False
            found.setdefault("author", Found(byline[0], "byline"))
            if byline[1]:
                found.setdefault("published", Found(byline[1], "byline"))
        elif (m := _PUBLISHED_CUE.fullmatch(s)) and len(s.split()) <= 12 and (when := _find_date(m["rest"])):
            keep[i] = False
            found.setdefault("published", Found(when, "published-line"))
        elif outlet := _source(s):
            keep[i] = False
            found.setdefault("source", Found(outlet, "source-line"))
        elif _is_crumb(s) or _is_tags(s):
            keep[i] = False
        elif title_norm and (_norm(s) == title_norm or _norm(s).endswith(" " + title_norm)):
            keep[i] = False  # the headline again, or a breadcrumb trail ending in it
        elif title_i is not None and before_title and _site_like(s):
            keep[i] = False
            if not s.lower().startswith("home"):
                found.setdefault("site", Found(s, "site-line"))
    for i in footer:
        s = lines[i].strip()
        if outlet := _source(s):
            found.setdefault("source", Found(outlet, "source-line"))
            keep[i] = False
        elif _is_tags(s) or (len(s.split()) <= 5 and not _TERMINAL.search(s)):
            keep[i] = False  # short lines after the last paragraph: share/related/comment chrome

    headline = lines[title_i].strip() if title_i is not None else (title or "").strip()
    out: list[str] = []
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if i != title_i and headline and _norm(line) == _norm(headline):
            continue  # the headline repeated further down
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(_cut_glued(line, headline) if i != title_i else line)
        if i == title_i:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return Cleaned(
        text="\n".join(out),
        title=Found(headline, "first-line") if title_i is not None else NOT_FOUND,
        author=found.get("author", NOT_FOUND),
        outlet=found.get("source") or found.get("site") or NOT_FOUND,
        published=found.get("published", NOT_FOUND),
        page_date=found.get("page_date", NOT_FOUND),
    )


def _find_title(lines: list[str], header: list[int], title: str | None) -> int | None:
    """The header line holding the headline: the known title, a line a breadcrumb ends with, a line
    repeated, else the first headline-shaped line."""
    cands = [i for i in header if _headline_like(lines[i].strip())]
    norms = {i: _norm(lines[i]) for i in header}
    if title:
        for i in header:
            if norms[i] == _norm(title):
                return i
    for i in cands:
        if any(j != i and norms[j].endswith(" " + norms[i]) for j in header):
            return i
    for i in cands:
        if any(j != i and norms[j] == norms[i] for j in header):
            return i
    return cands[0] if cands else None


def _cut_glued(line: str, headline: str) -> str:
    """`line` without `headline` where it was pasted into a word ("massacreHEADLINE of ...")."""
    if len(headline.split()) < 4:
        return line  # a short title may be an ordinary phrase of the article
    start = line.find(headline)
    while start >= 0:
        end = start + len(headline)
        before = line[start - 1] if start else ""
        after = line[end] if end < len(line) else ""
        glued_before = before != "" and (before.isalnum() or before in ".!?")
        glued_after = after.isalnum()
        if (glued_before or glued_after) and line.strip() != headline:
            filler = " " if glued_before and glued_after else ""
            line = line[:start] + filler + line[end:]
            start = line.find(headline, start + len(filler))
        else:
            start = line.find(headline, end)
    return line


def _is_prose(s: str) -> bool:
    words = len(s.split())
    if len(s) >= 160 or words >= 25:
        return True
    if s.endswith(("?", "!")):
        return words >= 15  # headlines may end in ? or !; sentences that do are usually longer
    return words >= 6 and bool(_TERMINAL.search(s))


def _headline_like(s: str) -> bool:
    words = s.split()
    shaped = len(words) >= 4 and 20 <= len(s) <= 250 and not s.endswith(".")
    return shaped and any(w[0].isupper() for w in words)


def _site_like(s: str) -> bool:
    return (len(s.split()) <= 4 and len(s) <= 40 and not s.endswith(".")) or s.lower().startswith("home ")


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("‘", "'").casefold().split())


def _is_crumb(s: str) -> bool:
    parts = [p for p in _CRUMB_SPLIT.split(s) if p]
    if len(parts) >= 2 and parts[0].casefold() == "home":
        return True
    return len(parts) >= 3 and all(len(p.split()) <= 8 for p in parts[:-1])


def _is_tags(s: str) -> bool:
    m = _TAG_PREFIX.match(s)
    if m:
        return True
    items = [x.strip() for x in re.split(r"\s*[,|;•·]\s*", s) if x.strip()]
    return len(items) >= 3 and all(
        len(x.split()) <= 3 and (x[0].isupper() or x[0].isdigit() or x[0] == "#") and not x.endswith(".")
        for x in items
    )


def _source(s: str) -> str | None:
    m = _SOURCE.fullmatch(s)
    if not m:
        return None
    value = m["value"].strip().rstrip(".")
    if value.startswith(("http://", "https://")):
        value = urlsplit(value).hostname or value
    return value if 0 < len(value.split()) <= 6 else None


def _byline(s: str) -> tuple[str, str | None] | None:
    """(author, published date or None) from a byline such as "By Jane Roe | June 3, 2020"."""
    m = _BYLINE.fullmatch(s)
    if not m or len(s.split()) > 16:
        return None
    name, *rest = _BYLINE_SPLIT.split(m["rest"], maxsplit=1)
    tokens = name.split()
    if not 1 <= len(tokens) <= 6 or any(ch.isdigit() for ch in name):
        return None
    if not all(t[0].isupper() or t.lower() in _NAME_JOINERS for t in tokens) or not tokens[0][0].isupper():
        return None
    return name.strip(), _find_date(rest[0]) if rest else None


def _date_only(s: str) -> str | None:
    for form in _DATE_ONLY:
        if m := form.fullmatch(s.strip()):
            return _iso(m)
    return None


def _find_date(s: str) -> str | None:
    for form in _DATE_FORMS:
        if m := form.search(s):
            return _iso(m)
    return None


def _iso(m: re.Match[str]) -> str | None:
    mon = m["mon"]
    month = int(mon) if mon.isdigit() else _MONTHS[mon.lower().rstrip(".")]
    day = m.groupdict().get("day")
    value = f"{m['year']}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    return iso_partial(value)
