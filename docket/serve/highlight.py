"""A document's text cut into pieces at every boundary of every extraction, for highlighting.

Extractions overlap (an entity mention inside an incident's sentence, a statement's sentence that is
also an incident's evidence), so they cannot all be nested elements. The text is cut at every span's
start and end; each piece knows which kinds of extraction cover it (its classes), the entity it
belongs to (a link), the anchors that start at it and the markers (links to the extraction) that end
at it. The template writes each piece as escaped text: no markup is built here.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from docket.serve.schemas import Excerpt, SnippetPart

# Marks the store wraps around matches in snippets: private-use characters, which no report writes
# on purpose, and which are never markup.
MARKS = ("\ue000", "\ue001")
CONTEXT_CHARS = 240
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # incident, statement, entity, date
    anchor: str | None = None  # the id of the element the span starts at
    href: str | None = None  # entity spans: the link the covered text becomes
    marker: tuple[str, str, str] | None = None  # (href, label, title) written after the span's end


@dataclass
class Piece:
    text: str
    classes: str = ""
    href: str | None = None
    anchors: list[str] = field(default_factory=list)
    markers: list[tuple[str, str, str]] = field(default_factory=list)


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    """`text` cut at every span boundary (spans outside the text are clipped or dropped)."""
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for s in sorted(spans, key=lambda s: (s.start, -s.end, s.kind)):
        starts.setdefault(s.start, []).append(s)
    active: list[Span] = []
    out: list[Piece] = []
    for a, b in itertools.pairwise(cuts):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        kinds = sorted({s.kind for s in active})
        entity = next((s for s in reversed(active) if s.href), None)
        piece = Piece(
            text[a:b],
            " ".join(f"hl hl-{k}" if i == 0 else f"hl-{k}" for i, k in enumerate(kinds)),
            entity.href if entity else None,
            ([f"at-{a}"] if a in starts else []) + [s.anchor for s in starts.get(a, []) if s.anchor],
            [s.marker for s in active if s.end == b and s.marker],
        )
        out.append(piece)
    return out


def excerpt(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> Excerpt:
    """The sentence(s) around text[start:end], at most `limit` characters either side."""
    lo = max(0, start - limit)
    begin = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        begin = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    stop = m.start() + len(m.group().rstrip()) if m else min(len(text), end + limit)
    before = ("…" if begin == lo and lo > 0 else "") + text[begin:start]
    after = text[end:stop] + ("…" if not m and stop < len(text) else "")
    return Excerpt(before=before, marked=text[start:end], after=after)


def snippet_parts(snippet: str) -> list[SnippetPart]:
    """A snippet with its matches between `MARKS`, as parts to show (matches emphasised)."""
    parts: list[SnippetPart] = []
    rest = snippet
    while rest:
        i = rest.find(MARKS[0])
        if i < 0:
            parts.append(SnippetPart(text=rest, match=False))
            break
        if i:
            parts.append(SnippetPart(text=rest[:i], match=False))
        j = rest.find(MARKS[1], i + 1)
        j = len(rest) if j < 0 else j
        parts.append(SnippetPart(text=rest[i + 1 : j], match=True))
        rest = rest[j + 1 :]
    return [p for p in parts if p.text]
