"""Finds the entity a span of text names, so statements and incidents can point at entities."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc

from docket.model import Entity, EntityRef, Evidence


class EntityIndex:
    """The mentions of one document's entities, ordered by offset, for span look-ups."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        pairs = sorted(((m, e) for e in entities for m in e.mentions), key=lambda p: (p[0].start, -p[0].end))
        self._mentions: list[tuple[Evidence, Entity]] = pairs
        self._starts = [m.start for m, _ in pairs]

    def within(self, start: int, end: int) -> list[tuple[Evidence, Entity]]:
        """Mentions lying wholly inside [start, end), in text order."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self._mentions) and self._mentions[i][0].start < end:
            m, e = self._mentions[i]
            if m.end <= end:
                out.append((m, e))
            i += 1
        return out

    def at(self, start: int, end: int) -> Entity | None:
        """The entity whose mention best covers [start, end): the longest one overlapping it."""
        best: tuple[int, Entity] | None = None
        i = max(0, bisect.bisect_left(self._starts, start) - 8)  # mentions are short; look a little back
        while i < len(self._mentions) and self._mentions[i][0].start < end:
            m, e = self._mentions[i]
            overlap = min(m.end, end) - max(m.start, start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, e)
            i += 1
        return best[1] if best else None

    def ref(self, start: int, end: int, name: str) -> EntityRef:
        entity = self.at(start, end)
        return EntityRef(entity.id if entity else None, name)


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per document: spaCy rebuilds it from the tokens on every access,
    which made the extraction's many span look-ups quadratic in the document's length."""
    text = doc.user_data.get("docket.text")
    if text is None:
        text = doc.user_data["docket.text"] = doc.text
    return text


def trim(text: str, start: int, end: int, strip: str = " \t\r\n,;:.“”\"'‘’") -> tuple[int, int]:
    """Shrinks [start, end) past surrounding whitespace and punctuation in `strip`."""
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end
