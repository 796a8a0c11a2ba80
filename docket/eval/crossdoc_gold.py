"""MEANTIME's cross-document gold for `docket eval meantime-crossdoc`: the CAT XML read into documents
and their entity and event mentions, each with its corpus-wide cluster and, by spaCy, its head.

How the text is rebuilt and the clusters are read: `docket.eval.crossdoc`'s docstring, "Gold".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docket.eval.harness import char_map
from docket.eval.timex import _read_cat

FOLDER = "intra_cross-doc_annotation"
NAMED = frozenset({"NAM", "PRE.NAM"})
PRONOUNS = frozenset({
    "i", "me", "my", "we", "us", "our", "ours", "you", "your", "he", "him", "his", "she", "her", "it",
    "its", "they", "them", "their", "theirs", "this", "that", "these", "those", "who", "which", "one",
})  # fmt: skip
Key = tuple[str, str]  # (gold document id, mention id)
Span = tuple[int, int]


@dataclass(slots=True)
class GoldMention:
    doc: str
    id: str
    kind: str  # "entity" or "event"
    start: int
    end: int
    head: Span | None  # MEANTIME's head words; None until `parse` puts spaCy's head token there
    cluster: str
    named: bool
    lemma: str = ""  # the baseline's key: the spaCy lemma of the head token

    @property
    def key(self) -> Key:
        return (self.doc, self.id)


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    title: str | None
    dct: str | None
    mentions: list[GoldMention]
    skipped: int = 0  # mentions whose tokens all lie in the dateline


def read_crossdoc(folder: Path) -> list[GoldDoc]:
    root = folder / FOLDER if (folder / FOLDER).is_dir() else folder
    return [read_doc(p) for p in sorted(root.glob("*/*.xml"))]


def read_doc(path: Path) -> GoldDoc:
    base = _read_cat(path)  # the body after the dateline, the headline and the DCT, as `meantime` reads them
    root = ET.parse(path).getroot()
    markables = root.find("Markables")
    marks = list(markables) if markables is not None else []
    tokens = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    sent_of = {tid: s for tid, s, _ in tokens}
    dct = [a.get("t_id", "") for el in marks if el.get("functionInDocument") == "CREATION_TIME" for a in el]
    first_body = max((sent_of.get(t, 0) for t in dct), default=0) + 1
    title = base.title or ""
    text = f"{title}\n\n{base.text}" if title else base.text
    offsets: dict[str, Span] = {}
    cursor = 0
    for tid, sent, word in tokens:
        if (sent == 0 and title) or sent >= first_body:
            found = text.find(word, cursor)
            if 0 <= found <= cursor + 3:  # tokens are glued or one space (two at the headline) apart
                offsets[tid] = (found, found + len(word))
                cursor = found + len(word)
    targets = {el.get("m_id", ""): el for el in marks if el.tag in ("ENTITY", "EVENT")}
    refers: dict[str, str] = {}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        for source in rel.iter("source"):
            refers.setdefault(source.get("m_id", ""), target.get("m_id", "") if target is not None else "")
    doc = GoldDoc(path.stem, text, title or None, base.dct, [])
    for el in marks:
        if el.tag not in ("ENTITY_MENTION", "EVENT_MENTION"):
            continue
        spans = sorted(
            offsets[a.get("t_id", "")] for a in el.iter("token_anchor") if a.get("t_id") in offsets
        )
        if not spans:
            doc.skipped += 1
            continue
        m_id, (start, end) = el.get("m_id", ""), (spans[0][0], spans[-1][1])
        target = targets.get(refers.get(m_id, ""))
        instance = target.get("instance_id") if target is not None else None
        cluster = instance or f"{doc.id}#{target.get('m_id') if target is not None else m_id}"
        if el.tag == "EVENT_MENTION":
            doc.mentions.append(GoldMention(doc.id, m_id, "event", start, end, spans[0], cluster, False))
            continue
        words = el.get("head") or ""
        at = text.find(words, start, end) if words else -1
        head = (at, at + len(words)) if at >= 0 else None
        syntactic = el.get("syntactic_type") or ""
        last = text[spans[-1][0] : spans[-1][1]]
        named = syntactic in NAMED if syntactic else last[:1].isupper() and last.lower() not in PRONOUNS
        doc.mentions.append(GoldMention(doc.id, m_id, "entity", start, end, head, cluster, named))
    return doc


def parse(docs: list[GoldDoc]) -> None:
    """With the spaCy pipeline docket loads: each mention's syntactic head token (the root of its
    span, of its first token for events), its head where MEANTIME gives none (most mentions), and
    that token's lowercased lemma, the baseline's key."""
    from docket import nlp

    for doc, parsed in zip(docs, nlp.load().pipe(d.text for d in docs), strict=True):
        for m in doc.mentions:
            start, end = m.head if m.kind == "event" and m.head else (m.start, m.end)
            span = parsed.char_span(start, end, alignment_mode="expand")
            if span is None:  # only whitespace: no token, and a singleton for the baseline
                m.lemma, m.head = f"{m.doc}#{m.id}", m.head or (m.start, m.end)
                continue
            m.lemma = (span.root.lemma_ or span.root.text).lower()
            m.head = m.head or (span.root.idx, span.root.idx + len(span.root))


def span_carrier(doc: GoldDoc, clean: str) -> Callable[[Span], Span | None]:
    """A function carrying a span of the gold text of `doc` to docket's clean text (None where
    cleaning dropped all of it)."""
    table = char_map(doc.text, clean)

    def carry(span: Span) -> Span | None:
        mapped = [table[i] for i in range(*span) if table[i] is not None]
        return (mapped[0], mapped[-1] + 1) if mapped else None

    return carry
